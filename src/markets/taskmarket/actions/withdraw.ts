// `taskmarket withdraw <amount>` (cli §1.3, §2.3): read the registered address and the USDC domain, sign an
// EIP-3009 TransferWithAuthorization to that address, POST it (not x402). Unlike the CLI, the server's domain
// is checked against the expected network before signing, and the address against the one the operator approved.
import { randomUUID } from 'node:crypto';
import { keccak256, stringToHex, type Hex } from 'viem';
import { z } from 'zod';
import type { Address } from '../../../core/types.js';
import { MarketError } from '../../errors.js';
import { parseWire } from '../parse.js';
import { address, baseUnits } from '../schemas/common.js';
import { TRANSFER_WITH_AUTHORIZATION_TYPES } from '../x402.js';
import { getWithdrawalAddress } from './get-withdrawal-address.js';
import { requireSigner, type WriteContext, type WriteOptions } from './write-common.js';

export interface WithdrawParameters extends WriteOptions {
  amount: bigint;
  /** The withdrawal address the operator confirmed; the registered one must be this. */
  to: Address;
  /**
   * Epoch ms the action was journaled. The nonce is derived from the idempotency key and the validity window
   * from this, so a retry with the same key sends the same body (the market replays instead of refusing).
   */
  issuedAt?: number;
}
export interface WithdrawResult {
  txHash: string | null;
  amount: bigint;
  to: Address;
  idempotencyKey: string;
}

const resultSchema = z.object({
  txHash: z.string().max(200).nullish(),
  amountBaseUnits: baseUnits.optional(),
  to: address.optional(),
});

const refuse = (why: string) => new MarketError('mismatch', `Refusing to withdraw: ${why}`, { reason: 'withdraw_refused' });

export async function withdraw(ctx: WriteContext, p: WithdrawParameters): Promise<WithdrawResult> {
  if (p.amount <= 0n) throw new MarketError('http', 'Withdraw amount must be greater than zero', { reason: 'invalid_params' });
  const signer = requireSigner(ctx.client);
  const s = p.signal ? { signal: p.signal } : {};
  const { withdrawalAddress, usdcDomain } = await getWithdrawalAddress(ctx.client, { address: signer.address, ...s });
  if (!withdrawalAddress) throw refuse('no withdrawal address is registered (taskmarket wallet set-withdrawal-address <address>)');
  if (withdrawalAddress.toLowerCase() !== p.to.toLowerCase()) throw refuse(`the registered withdrawal address ${withdrawalAddress} is not the confirmed ${p.to}`);
  const n = ctx.network;
  if (usdcDomain.chainId !== n.chainId) throw refuse(`USDC domain chainId ${usdcDomain.chainId} is not ${n.chainId} (${n.name})`);
  if (usdcDomain.verifyingContract.toLowerCase() !== n.usdcAddress.toLowerCase()) throw refuse('USDC domain verifyingContract is not the expected USDC');
  if (usdcDomain.name !== n.usdcDomainName) throw refuse(`USDC domain name "${usdcDomain.name.slice(0, 40)}" is not "${n.usdcDomainName}"`);

  const idempotencyKey = p.idempotencyKey ?? randomUUID();
  const issuedS = Math.floor((p.issuedAt ?? Date.now()) / 1000);
  const authorization = {
    from: signer.address,
    to: withdrawalAddress,
    value: p.amount.toString(),
    validAfter: String(issuedS - 60),
    validBefore: String(issuedS + 300),
    // Unique per action (one key per action), and the same on every retry of it.
    nonce: keccak256(stringToHex(`taskdesk:withdraw:${idempotencyKey}`)) as Hex,
  };
  const signature = await signer
    .withAccount((account) =>
      account.signTypedData({
        domain: { name: usdcDomain.name, version: usdcDomain.version, chainId: n.chainId, verifyingContract: n.usdcAddress },
        types: TRANSFER_WITH_AUTHORIZATION_TYPES,
        primaryType: 'TransferWithAuthorization',
        message: { ...authorization, value: p.amount, validAfter: BigInt(authorization.validAfter), validBefore: BigInt(authorization.validBefore) },
      }),
    )
    .catch((e: unknown) => {
      throw e instanceof MarketError ? e : new MarketError('auth', 'Signing the withdrawal authorization failed', { reason: 'sign_failed' });
    });
  const body = await ctx.client.post('/api/wallet/withdraw', { from: signer.address, amountBaseUnits: authorization.value, authorization, signature }, { idempotencyKey, ...s });
  const r = parseWire(resultSchema, body, 'POST /api/wallet/withdraw');
  return { txHash: r.txHash ?? null, amount: r.amountBaseUnits !== undefined ? BigInt(r.amountBaseUnits) : p.amount, to: (r.to ?? withdrawalAddress) as Address, idempotencyKey };
}
