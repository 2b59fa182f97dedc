import { z } from 'zod';
import type { Address } from '../../../core/types.js';
import type { TaskmarketClient } from '../client.js';
import { parseWire } from '../parse.js';
import { address } from '../schemas/common.js';

export interface GetWithdrawalAddressParameters {
  address: Address;
  signal?: AbortSignal;
}
export interface GetWithdrawalAddressResult {
  withdrawalAddress: Address | null;
  /** The USDC EIP-712 domain `withdraw` signs under (cli §2.3): taken from the server, so the caller checks it. */
  usdcDomain: { name: string; version: string; chainId: number; verifyingContract: Address };
}

const schema = z.object({
  withdrawalAddress: address.nullish().transform((v) => (v ? (v as Address) : null)),
  usdcDomain: z.object({ name: z.string().min(1).max(100), version: z.string().min(1).max(20), chainId: z.number().int().positive(), verifyingContract: address.transform((v) => v as Address) }),
});

/** GET /api/wallet/withdrawal-address?address= → `{withdrawalAddress|null, usdcDomain}` (cli §1.3, backend §1.10). */
export async function getWithdrawalAddress(client: TaskmarketClient, p: GetWithdrawalAddressParameters): Promise<GetWithdrawalAddressResult> {
  const body = await client.get('/api/wallet/withdrawal-address', { query: { address: p.address }, ...(p.signal ? { signal: p.signal } : {}) });
  return parseWire(schema, body, 'GET /api/wallet/withdrawal-address');
}
