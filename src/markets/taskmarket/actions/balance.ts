import type { Address } from '../../../core/types.js';
import type { TaskmarketClient } from '../client.js';
import { parseWire } from '../parse.js';
import { walletBalanceSchema } from '../schemas/agent.js';

export interface BalanceParameters {
  address: Address;
  signal?: AbortSignal;
}
export type BalanceResult = bigint;

/** GET /api/wallet/balance?address= → balanceBaseUnits (the float-ish balanceUsdc is ignored). */
export async function getBalance(client: TaskmarketClient, p: BalanceParameters): Promise<BalanceResult> {
  const body = await client.get('/api/wallet/balance', { query: { address: p.address }, ...(p.signal ? { signal: p.signal } : {}) });
  return BigInt(parseWire(walletBalanceSchema, body, 'GET /api/wallet/balance').balanceBaseUnits);
}
