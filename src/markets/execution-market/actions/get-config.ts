import type { EmClient } from '../client.js';
import { configSchema } from '../schemas/config.js';
import { parse } from './common.js';

export interface EmConfig {
  /** Base units (the live minimum a bounty must meet: below it is a 400, §13.8.3). */
  minBounty: bigint;
  maxBounty: bigint;
  networks: string[];
  tokens: string[];
  preferredNetwork: string | null;
  categories: string[] | null;
  evidenceTypes: string[] | null;
  feePct: number | null;
}

/** GET /config — public, not rate limited (§2, §4b). */
export async function getConfig(client: EmClient, p: { signal?: AbortSignal } = {}): Promise<EmConfig> {
  const route = 'GET /config';
  const res = await client.call({ method: 'GET', path: '/config', route, signed: false, ...(p.signal ? { signal: p.signal } : {}) });
  const c = parse(configSchema, res.body, route);
  return {
    minBounty: c.min_bounty_usd,
    maxBounty: c.max_bounty_usd,
    networks: c.supported_networks,
    tokens: c.supported_tokens,
    preferredNetwork: c.preferred_network,
    categories: c.valid_categories,
    evidenceTypes: c.valid_evidence_types,
    feePct: c.platform_fee_pct,
  };
}
