import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Address } from '../../../core/types.js';
import { MarketError } from '../../errors.js';
import { parseWire } from '../parse.js';
import { address } from '../schemas/common.js';
import { signMessage, type WriteContext, type WriteOptions } from './write-common.js';

export interface SetWithdrawalAddressParameters extends WriteOptions {
  address: Address;
}
export interface SetWithdrawalAddressResult {
  withdrawalAddress: Address;
  /** Shown once by the backend and never again (the CLI tells the user to save it); never journal or log it. */
  accountRecoveryCode: string | null;
  idempotencyKey: string;
}

const schema = z.object({
  withdrawalAddress: address.transform((v) => v as Address),
  accountRecoveryCode: z.string().max(64).nullish(),
});

/**
 * POST /api/wallet/set-withdrawal-address {walletAddress, withdrawalAddress, signature} — free, one-time;
 * personal_sign of `taskmarket:set-withdrawal-address:<address lower>` (cli §1.3, §2.4).
 */
export async function setWithdrawalAddress(ctx: WriteContext, p: SetWithdrawalAddressParameters): Promise<SetWithdrawalAddressResult> {
  if (!/^0x[0-9a-fA-F]{40}$/.test(p.address) || /^0x0{40}$/i.test(p.address)) {
    throw new MarketError('http', 'Withdrawal address must be a non-zero 0x address', { reason: 'invalid_params' });
  }
  const { address: walletAddress, signature } = await signMessage(ctx.client, `taskmarket:set-withdrawal-address:${p.address.toLowerCase()}`);
  const idempotencyKey = p.idempotencyKey ?? randomUUID();
  const body = await ctx.client.post(
    '/api/wallet/set-withdrawal-address',
    { walletAddress, withdrawalAddress: p.address, signature },
    { idempotencyKey, ...(p.signal ? { signal: p.signal } : {}) },
  );
  const r = parseWire(schema, body, 'POST /api/wallet/set-withdrawal-address');
  return { withdrawalAddress: r.withdrawalAddress, accountRecoveryCode: r.accountRecoveryCode ?? null, idempotencyKey };
}
