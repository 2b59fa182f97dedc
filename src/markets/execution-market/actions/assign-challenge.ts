// The escrow authorization of an assign (execution-market-api.md §13.1a): fetch the challenge, check every
// field against what the operator confirmed and the escrow config (verify_before_signing: chain, USDC, payer,
// the worker as receiver, exactly the bounty, the operator, the fee terms, nonce = keccak256(abi.encode(
// PaymentInfo)) recomputed with viem), then sign the EIP-3009 ReceiveWithAuthorization with the signer's viem
// account and build X-Payment-Auth = base64(JSON{x402Version:2, payload:{authorization, signature}, paymentInfo}).
import { encodeAbiParameters, getAddress, keccak256, type Hex } from 'viem';
import type { EmClient } from '../client.js';
import { EM_FEE_BPS, EM_MAX_FEE_BPS } from '../constants.js';
import { EmError } from '../errors.js';
import { challengeSchema, type WireChallenge, type WirePaymentInfo } from '../schemas/writes.js';
import type { EmEscrowConfig } from './get-escrow-config.js';
import { idPath, parse, requireSigner } from './common.js';

/** AuthCaptureEscrow.PaymentInfo in the contract's field order. */
const PAYMENT_INFO_ABI = [
  {
    type: 'tuple',
    components: [
      { name: 'operator', type: 'address' },
      { name: 'payer', type: 'address' },
      { name: 'receiver', type: 'address' },
      { name: 'token', type: 'address' },
      { name: 'maxAmount', type: 'uint120' },
      { name: 'preApprovalExpiry', type: 'uint48' },
      { name: 'authorizationExpiry', type: 'uint48' },
      { name: 'refundExpiry', type: 'uint48' },
      { name: 'minFeeBps', type: 'uint16' },
      { name: 'maxFeeBps', type: 'uint16' },
      { name: 'feeReceiver', type: 'address' },
      { name: 'salt', type: 'uint256' },
    ],
  },
] as const;

const RECEIVE_FIELDS = ['from', 'to', 'value', 'validAfter', 'validBefore', 'nonce'];

/** keccak256(abi.encode(PaymentInfo)): the authorization's nonce. */
export function paymentInfoHash(p: WirePaymentInfo): Hex {
  return keccak256(
    encodeAbiParameters(PAYMENT_INFO_ABI, [
      {
        operator: getAddress(p.operator),
        payer: getAddress(p.payer),
        receiver: getAddress(p.receiver),
        token: getAddress(p.token),
        maxAmount: BigInt(p.max_amount),
        preApprovalExpiry: p.pre_approval_expiry,
        authorizationExpiry: p.authorization_expiry,
        refundExpiry: p.refund_expiry,
        minFeeBps: p.min_fee_bps,
        maxFeeBps: p.max_fee_bps,
        feeReceiver: getAddress(p.fee_receiver),
        salt: BigInt(p.salt),
      },
    ]),
  );
}

export async function fetchAssignChallenge(client: EmClient, p: { taskId: string; executorId: string; signal?: AbortSignal }): Promise<WireChallenge> {
  const route = 'GET /tasks/{task_id}/assign/challenge';
  const res = await client.call({
    method: 'GET',
    path: `/tasks/${idPath(p.taskId)}/assign/challenge`,
    query: { executor_id: idPath(p.executorId, 'executor id') },
    route,
    ...(p.signal ? { signal: p.signal } : {}),
  });
  return parse(challengeSchema, res.body, route);
}

export interface ChallengeExpectations {
  payer: string;
  /** The worker wallet the escrow will pay (the operator confirmed it on the ticket). */
  receiver: string;
  /** Exactly the bounty, base units. */
  amount: bigint;
  escrow: EmEscrowConfig;
  /** Epoch seconds. */
  nowS: number;
}

const same = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.toLowerCase() === b.toLowerCase();
const refuse = (what: string) => new EmError('mismatch', `Refusing to sign the escrow authorization: ${what}`, { reason: 'challenge_mismatch' });

/** Every check before signing; throws EmError('mismatch') naming the first field that is not what was confirmed. */
export function checkChallenge(c: WireChallenge, x: ChallengeExpectations): void {
  const { domain, message: m, types } = c.typedData;
  const info = c.paymentInfo;
  if (domain.chainId !== x.escrow.chainId) throw refuse(`chain ${domain.chainId}, expected ${x.escrow.chainId}`);
  if (!same(domain.verifyingContract, x.escrow.usdc) || !same(info.token, x.escrow.usdc)) throw refuse('the token is not the escrow config’s USDC');
  if (types.ReceiveWithAuthorization.map((f) => f.name).join(',') !== RECEIVE_FIELDS.join(',')) throw refuse('the typed data is not EIP-3009 ReceiveWithAuthorization');
  if (!same(m.from, x.payer) || !same(info.payer, x.payer)) throw refuse('the payer is not this wallet');
  if (!same(info.receiver, x.receiver)) throw refuse(`the receiver ${info.receiver} is not the worker ${x.receiver}`);
  if (BigInt(m.value) !== x.amount || BigInt(info.max_amount) !== x.amount) throw refuse(`the amount is not exactly the bounty (${x.amount} base units)`);
  if (x.escrow.operator && !same(info.operator, x.escrow.operator)) throw refuse('the operator is not the escrow config’s');
  if (x.escrow.tokenCollector && !same(m.to, x.escrow.tokenCollector)) throw refuse('authorization.to is not the escrow TokenCollector');
  if (x.escrow.treasury && !same(info.fee_receiver, x.escrow.treasury)) throw refuse('the fee receiver is not the EM treasury');
  if (!(info.min_fee_bps <= EM_FEE_BPS && EM_FEE_BPS <= info.max_fee_bps && info.max_fee_bps <= EM_MAX_FEE_BPS)) {
    throw refuse(`fee terms ${info.min_fee_bps}–${info.max_fee_bps} bps do not allow the 13 % split (cap ${EM_MAX_FEE_BPS})`);
  }
  if (!(info.pre_approval_expiry <= info.authorization_expiry && info.authorization_expiry <= info.refund_expiry)) throw refuse('expiries out of order');
  if (BigInt(m.validBefore) <= BigInt(x.nowS + 5)) throw refuse('the authorization has already expired');
  if (m.nonce.toLowerCase() !== paymentInfoHash(info).toLowerCase()) throw refuse('the nonce is not keccak256(abi.encode(paymentInfo))');
}

/** Sign the checked challenge with the signer's account and build the X-Payment-Auth value. */
export async function signPaymentAuth(client: EmClient, c: WireChallenge): Promise<string> {
  const signer = requireSigner(client);
  const { domain, types, message: m } = c.typedData;
  const signature = await signer
    .withAccount((account) =>
      account.signTypedData({
        domain: { name: domain.name, version: domain.version, chainId: domain.chainId, verifyingContract: getAddress(domain.verifyingContract) },
        types: { ReceiveWithAuthorization: types.ReceiveWithAuthorization },
        primaryType: 'ReceiveWithAuthorization',
        message: {
          from: getAddress(m.from),
          to: getAddress(m.to),
          value: BigInt(m.value),
          validAfter: BigInt(m.validAfter),
          validBefore: BigInt(m.validBefore),
          nonce: m.nonce as Hex,
        },
      }),
    )
    .catch((err: unknown) => {
      throw err instanceof EmError ? err : new EmError('auth', 'Signing the escrow authorization failed', { reason: 'sign_failed' });
    });
  const envelope = { x402Version: 2, payload: { authorization: m, signature }, paymentInfo: c.paymentInfo };
  return Buffer.from(JSON.stringify(envelope), 'utf8').toString('base64');
}
