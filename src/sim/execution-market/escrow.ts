// Escrow at assign for real on the shared ledger (execution-market-api.md §5a.4, §13.1). The capture leaves the
// wire open (§13.9); the simulator's choice, from the issue:
//   GET /tasks/{id}/assign/challenge?executor_id= → 200 {typedData:{domain,types,primaryType,message}, paymentInfo}
//   an EIP-3009 ReceiveWithAuthorization for exactly the bounty, nonce = keccak256(abi.encode(PaymentInfo)) with
//   receiver = the worker's wallet; the client sends
//   X-Payment-Auth: base64(JSON {"x402Version":2,"payload":{"authorization":<message>,"signature":"0x…"},"paymentInfo":<as given>}).
// Verification: schema, every PaymentInfo field, amount, nonce, validity (wall clock), the EIP-712 signature
// (viem), the nonce unused, the balance — then the bounty moves payer → escrow `em:<task id>`.
import { randomBytes } from 'node:crypto';
import { encodeAbiParameters, getAddress, keccak256, recoverTypedDataAddress, type Hex } from 'viem';
import { z } from 'zod';
import { payout } from '../../core/settlement.js';
import type { SimReply } from '../router.js';
import { usdcDomain } from '../taskmarket/x402.js';
import { EM_ADDRESSES, NETWORK, PLATFORM_FEE_BPS, REVIEW_WINDOW_MS } from './config.js';
import { fail } from './errors.js';
import { unitsToUsdc } from './money.js';
import { escrowKey, type EmRuntime } from './runtime.js';
import type { EmEscrow, EmExecutor, EmTask, WireAuthorization, WirePaymentInfo } from './state.js';

export const RECEIVE_WITH_AUTHORIZATION = [
  { name: 'from', type: 'address' },
  { name: 'to', type: 'address' },
  { name: 'value', type: 'uint256' },
  { name: 'validAfter', type: 'uint256' },
  { name: 'validBefore', type: 'uint256' },
  { name: 'nonce', type: 'bytes32' },
] as const;

/** AuthCaptureEscrow.PaymentInfo, in the contract's field order. */
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

/** How long a challenge's authorization stays signable (validBefore = pre_approval_expiry), seconds. */
const CHALLENGE_TTL_S = 600;
/** Refused when it expires within this many seconds (as Taskmarket's facilitator margin). */
const VALID_BEFORE_MARGIN_S = 6;
const MAX_FEE_BPS = 1800;

/** keccak256(abi.encode(PaymentInfo)) — the authorization's nonce. Throws on a malformed struct. */
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

const nowS = (rt: EmRuntime) => Math.floor(rt.sim.wall.now() / 1000);

/** The challenge for assigning `task` to `executor` (fresh salt each time). */
export function buildChallenge(rt: EmRuntime, task: EmTask, executor: EmExecutor) {
  const now = nowS(rt);
  // Market time (deadline) and wall time (signature validity) can differ under a manual or scaled clock: the
  // authorization must never expire before its own pre-approval window.
  const authorizationExpiry = Math.max(Math.floor((task.deadlineAt + REVIEW_WINDOW_MS) / 1000), now + CHALLENGE_TTL_S);
  const paymentInfo: WirePaymentInfo = {
    operator: EM_ADDRESSES.operator,
    payer: getAddress(task.agentId),
    receiver: getAddress(executor.wallet),
    token: rt.sim.config.usdc,
    max_amount: task.bounty.toString(),
    pre_approval_expiry: now + CHALLENGE_TTL_S,
    authorization_expiry: authorizationExpiry,
    refund_expiry: authorizationExpiry + 7 * 86_400,
    min_fee_bps: PLATFORM_FEE_BPS,
    max_fee_bps: MAX_FEE_BPS,
    fee_receiver: EM_ADDRESSES.treasury,
    salt: `0x${randomBytes(32).toString('hex')}`,
  };
  const message: WireAuthorization = {
    from: paymentInfo.payer,
    to: EM_ADDRESSES.tokenCollector,
    value: task.bounty.toString(),
    validAfter: String(now - 60),
    validBefore: String(paymentInfo.pre_approval_expiry),
    nonce: paymentInfoHash(paymentInfo),
  };
  return {
    typedData: { domain: usdcDomain(rt.sim), types: { ReceiveWithAuthorization: RECEIVE_WITH_AUTHORIZATION }, primaryType: 'ReceiveWithAuthorization', message },
    paymentInfo,
  };
}

const ADDR = z.string().regex(/^0x[0-9a-fA-F]{40}$/);
const UINT = z.string().regex(/^[0-9]{1,78}$/);
const SECONDS = z.number().int().min(0).max(2 ** 48 - 1);
const BPS = z.number().int().min(0).max(10_000);
const envelopeSchema = z.object({
  x402Version: z.literal(2),
  payload: z.object({
    authorization: z.object({ from: ADDR, to: ADDR, value: UINT, validAfter: UINT, validBefore: UINT, nonce: z.string().regex(/^0x[0-9a-fA-F]{64}$/) }),
    signature: z.string().regex(/^0x[0-9a-fA-F]{130}$/),
  }),
  paymentInfo: z.object({
    operator: ADDR,
    payer: ADDR,
    receiver: ADDR,
    token: ADDR,
    max_amount: UINT,
    pre_approval_expiry: SECONDS,
    authorization_expiry: SECONDS,
    refund_expiry: SECONDS,
    min_fee_bps: BPS,
    max_fee_bps: BPS,
    fee_receiver: ADDR,
    salt: z.string().regex(/^0x[0-9a-fA-F]{1,64}$/),
  }),
});

export interface PaymentAuth {
  authorization: WireAuthorization;
  signature: Hex;
  paymentInfo: WirePaymentInfo;
}

const badHeader = (why: string) => fail(400, 'invalid_payment_auth', `Invalid X-Payment-Auth: ${why}`);

/** base64(JSON) → the envelope, or a 400. */
export function decodePaymentAuth(header: string): { ok: true; auth: PaymentAuth } | { ok: false; reply: SimReply } {
  let json: unknown;
  try {
    const text = Buffer.from(header.trim(), 'base64').toString('utf8');
    json = JSON.parse(text);
  } catch {
    return { ok: false, reply: badHeader('not base64-encoded JSON') };
  }
  const r = envelopeSchema.safeParse(json);
  if (!r.success) return { ok: false, reply: badHeader(r.error.issues.map((i) => `${i.path.join('.') || 'envelope'}: ${i.message}`).join('; ')) };
  return { ok: true, auth: { authorization: r.data.payload.authorization, signature: r.data.payload.signature as Hex, paymentInfo: r.data.paymentInfo } };
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function decline(code: string, message: string, retryable: boolean, extra: Record<string, unknown> = {}): SimReply {
  return fail(402, code, message, { error: 'Escrow lock failed', network: NETWORK, ...extra }, retryable);
}

/** Every check that needs no signature recovery; null when the authorization fits this task and worker. */
export function checkPaymentAuth(rt: EmRuntime, task: EmTask, executor: EmExecutor, a: PaymentAuth): SimReply | null {
  const p = a.paymentInfo;
  const m = a.authorization;
  const bounty = task.bounty.toString();
  if (!same(p.operator, EM_ADDRESSES.operator)) return decline('OPERATOR_MISMATCH', `paymentInfo.operator must be ${EM_ADDRESSES.operator}`, false, { expected_operator: EM_ADDRESSES.operator });
  if (!same(p.token, rt.sim.config.usdc)) return decline('NETWORK_MISMATCH', `NETWORK_MISMATCH: token must be USDC ${rt.sim.config.usdc} on ${NETWORK}`, false, { expected_usdc: rt.sim.config.usdc });
  if (!same(p.receiver, executor.wallet)) return decline('FORBIDDEN_RECEIVER', 'paymentInfo.receiver is not the assigned worker', false);
  if (!same(m.to, EM_ADDRESSES.tokenCollector)) return decline('FORBIDDEN_RECEIVER', `authorization.to must be the TokenCollector ${EM_ADDRESSES.tokenCollector}`, false);
  if (!same(p.payer, task.agentId) || !same(m.from, task.agentId)) return decline('PAYER_MISMATCH', 'The payer must be the task publisher', false);
  if (p.max_amount !== bounty || m.value !== bounty) return decline('AMOUNT_MISMATCH', `The authorization must be for exactly the bounty (${bounty} base units)`, false, { required_usdc: unitsToUsdc(task.bounty) });
  if (p.min_fee_bps !== PLATFORM_FEE_BPS || p.max_fee_bps !== MAX_FEE_BPS || !same(p.fee_receiver, EM_ADDRESSES.treasury)) {
    return decline('FEE_MISMATCH', `Fee terms must be ${PLATFORM_FEE_BPS}-${MAX_FEE_BPS} bps to ${EM_ADDRESSES.treasury}`, false);
  }
  if (!(p.pre_approval_expiry <= p.authorization_expiry && p.authorization_expiry <= p.refund_expiry)) return decline('INVALID_EXPIRIES', 'Expiries must satisfy pre_approval ≤ authorization ≤ refund', false);
  if (!same(m.nonce, paymentInfoHash(p))) return decline('NONCE_MISMATCH', 'authorization.nonce must be keccak256(abi.encode(paymentInfo))', false);
  const now = BigInt(nowS(rt));
  if (BigInt(m.validAfter) > now) return decline('AUTHORIZATION_NOT_YET_VALID', 'authorization.validAfter is in the future', true);
  if (BigInt(m.validBefore) < now + BigInt(VALID_BEFORE_MARGIN_S)) return decline('AUTHORIZATION_EXPIRED', 'The authorization has expired: fetch a fresh challenge', true);
  return null;
}

/** Does the EIP-712 signature recover to `from`? */
export async function signatureValid(rt: EmRuntime, a: PaymentAuth): Promise<boolean> {
  try {
    const signer = await recoverTypedDataAddress({
      domain: usdcDomain(rt.sim),
      types: { ReceiveWithAuthorization: RECEIVE_WITH_AUTHORIZATION },
      primaryType: 'ReceiveWithAuthorization',
      message: {
        from: getAddress(a.authorization.from),
        to: getAddress(a.authorization.to),
        value: BigInt(a.authorization.value),
        validAfter: BigInt(a.authorization.validAfter),
        validBefore: BigInt(a.authorization.validBefore),
        nonce: a.authorization.nonce as Hex,
      },
      signature: a.signature,
    });
    return same(signer, a.authorization.from);
  } catch {
    return false;
  }
}

export const invalidSignature = () => decline('INVALID_SIGNATURE', 'The authorization signature does not recover to the payer', false);

/** The settle-time checks (still valid, nonce unused, balance); null when the lock can happen now. */
export function lockProblem(rt: EmRuntime, task: EmTask, a: PaymentAuth): SimReply | null {
  const ledger = rt.sim.ledger;
  // A delayed lock (--em-lock-delay) can outlive the authorization, as an on-chain lock would.
  if (BigInt(a.authorization.validBefore) <= BigInt(nowS(rt))) return decline('AUTHORIZATION_EXPIRED', 'The authorization expired before the lock: fetch a fresh challenge', true);
  if (ledger.isNonceUsed(a.authorization.from, a.authorization.nonce)) {
    return decline('LOCK_REVERTED', 'The authorization was already used (nonce spent): fetch a fresh challenge and sign again', true);
  }
  const balance = ledger.balanceOf(a.authorization.from);
  if (balance < task.bounty) {
    return decline('INSUFFICIENT_FUNDS', `Payer balance ${unitsToUsdc(balance)} USDC is below the bounty ${unitsToUsdc(task.bounty)} USDC`, true, {
      required_usdc: unitsToUsdc(task.bounty),
      balance_usdc: unitsToUsdc(balance),
      shortfall_usdc: unitsToUsdc(task.bounty - balance),
      wallet_address: a.authorization.from.toLowerCase(),
    });
  }
  return null;
}

/** Move the bounty payer → escrow (synchronous: call right after lockProblem returned null). */
export function lockEscrow(rt: EmRuntime, task: EmTask, a: PaymentAuth): EmEscrow {
  const ledger = rt.sim.ledger;
  ledger.useNonce(a.authorization.from, a.authorization.nonce);
  ledger.fund(escrowKey(task.id), a.authorization.from, task.bounty);
  const tx = rt.sim.txHash();
  const escrow: EmEscrow = {
    escrowId: `escrow_${task.id.slice(0, 8)}_${randomBytes(4).toString('hex')}`,
    status: 'locked',
    amount: task.bounty,
    payer: a.authorization.from.toLowerCase(),
    receiver: a.paymentInfo.receiver.toLowerCase(),
    paymentInfo: a.paymentInfo,
    escrowTx: tx,
    releaseTx: null,
    refundTx: null,
    workerNet: null,
    fee: null,
    // A task re-assigned after a refund keeps its earlier escrow history (GET /tasks/{id}/payment).
    events: [...(task.escrow?.events ?? []), { type: 'locked', at: rt.sim.now(), tx, amount: task.bounty }],
  };
  task.escrow = escrow;
  return escrow;
}

/** Release a locked escrow: 87 % to the receiver, 13 % (truncated) to the treasury. One tx for both legs. */
export function releaseEscrow(rt: EmRuntime, task: EmTask): { workerNet: bigint; fee: bigint; tx: string } {
  const e = task.escrow;
  if (!e || e.status !== 'locked') throw new Error(`escrow of ${task.id} is not locked`);
  const split = payout(e.amount, PLATFORM_FEE_BPS);
  rt.sim.ledger.release(escrowKey(task.id), e.receiver, split.workerPayment);
  rt.sim.ledger.release(escrowKey(task.id), EM_ADDRESSES.treasury, split.platformFee);
  const tx = rt.sim.txHash();
  e.status = 'released';
  e.releaseTx = tx;
  e.workerNet = split.workerPayment;
  e.fee = split.platformFee;
  e.events.push({ type: 'released', at: rt.sim.now(), tx, amount: e.amount });
  return { workerNet: split.workerPayment, fee: split.platformFee, tx };
}

/** Refund a locked escrow to the payer; returns the refund tx, or null when nothing was locked. */
export function refundEscrow(rt: EmRuntime, task: EmTask): string | null {
  const e = task.escrow;
  if (!e || e.status !== 'locked') return null;
  const amount = rt.sim.ledger.releaseAll(escrowKey(task.id), e.payer);
  const tx = rt.sim.txHash();
  e.status = 'refunded';
  e.refundTx = tx;
  e.events.push({ type: 'refunded', at: rt.sim.now(), tx, amount });
  return tx;
}

/** The escrow summary routes return. */
export function escrowJson(e: EmEscrow | null): Record<string, unknown> | null {
  if (!e) return null;
  return {
    escrow_id: e.escrowId,
    status: e.status,
    amount_usdc: unitsToUsdc(e.amount),
    payer: e.payer,
    receiver: e.receiver,
    escrow_tx: e.escrowTx,
    release_tx: e.releaseTx,
    refund_tx: e.refundTx,
    payment_info: e.paymentInfo,
  };
}
