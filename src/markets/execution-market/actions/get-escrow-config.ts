import type { EmClient } from '../client.js';
import { escrowConfigSchema } from '../schemas/config.js';
import { parse } from './common.js';

/** The escrow contracts an assign challenge must name (all lower-case). */
export interface EmEscrowConfig {
  available: boolean;
  network: string;
  chainId: number;
  escrow: string;
  operator: string | null;
  tokenCollector: string | null;
  treasury: string | null;
  usdc: string;
  feeBps: number | null;
}

/** GET /escrow/config?network= — public (§13.1a cross-check source). */
export async function getEscrowConfig(client: EmClient, p: { network?: string; signal?: AbortSignal } = {}): Promise<EmEscrowConfig> {
  const route = 'GET /escrow/config';
  const res = await client.call({ method: 'GET', path: '/escrow/config', route, signed: false, ...(p.network ? { query: { network: p.network } } : {}), ...(p.signal ? { signal: p.signal } : {}) });
  const c = parse(escrowConfigSchema, res.body, route);
  return {
    available: c.available,
    network: c.network,
    chainId: c.chain_id,
    escrow: c.escrow_address,
    operator: c.operator_address,
    tokenCollector: c.token_collector_address,
    treasury: c.treasury_address,
    usdc: c.usdc_address,
    feeBps: c.platform_fee_bps,
  };
}
