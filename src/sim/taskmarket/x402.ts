// x402 v2 payments for paid routes, as the backend's middleware does them (taskmarket-backend.md §1.1,
// §5.3 producer 2; x402-local-payments.md §1): challenge, PAYMENT-SIGNATURE checks, EIP-3009 signature
// verification with viem, single-use nonces, real balances, PAYMENT-RESPONSE on success.
import { decodePaymentSignatureHeader, encodePaymentRequiredHeader, encodePaymentResponseHeader } from '@x402/core/http';
import type { PaymentPayload, PaymentRequired, PaymentRequirements } from '@x402/core/types';
import { isAddress, recoverTypedDataAddress, type Hex } from 'viem';
import type { z } from 'zod';
import { checkIdempotency, claimKey, parseInput, rememberReply } from './idempotency.js';
import type { Route, SimReply, SimRequest } from '../router.js';
import { noteActor, type Sim } from '../sim.js';

/** STANDARD_X402_ACTION_AMOUNT (§1.1): 0.001 USDC. */
export const STANDARD_FEE = 1000n;
/** The backend refuses an authorization that expires within 6 s (§5.3). */
const VALID_BEFORE_MARGIN_S = 6n;

export const TRANSFER_WITH_AUTHORIZATION = [
  { name: 'from', type: 'address' },
  { name: 'to', type: 'address' },
  { name: 'value', type: 'uint256' },
  { name: 'validAfter', type: 'uint256' },
  { name: 'validBefore', type: 'uint256' },
  { name: 'nonce', type: 'bytes32' },
] as const;

export function usdcDomain(sim: Sim) {
  const c = sim.config;
  return { name: c.usdcName, version: c.usdcVersion, chainId: c.chainId, verifyingContract: c.usdc };
}

export function paymentRequirements(sim: Sim, amount: bigint): PaymentRequirements {
  return {
    scheme: 'exact',
    network: sim.config.network,
    amount: amount.toString(),
    asset: sim.config.usdc,
    payTo: sim.config.payTo,
    maxTimeoutSeconds: 300,
    extra: {
      name: sim.config.usdcName,
      version: sim.config.usdcVersion,
      eip712: {
        domain: usdcDomain(sim),
        types: { TransferWithAuthorization: TRANSFER_WITH_AUTHORIZATION },
        primaryType: 'TransferWithAuthorization',
      },
    },
  };
}

function resourceOf(req: SimRequest, description: string) {
  return { url: `${req.origin}${req.path}`, description, mimeType: 'application/json' };
}

/** 402 with the challenge as JSON body and PAYMENT-REQUIRED header (§5.3). */
export function challengeReply(sim: Sim, req: SimRequest, amount: bigint, description: string): SimReply {
  const body: PaymentRequired = {
    x402Version: 2,
    error: 'Payment required',
    resource: resourceOf(req, description),
    accepts: [paymentRequirements(sim, amount)],
  };
  return { status: 402, body, headers: { 'PAYMENT-REQUIRED': encodePaymentRequiredHeader(body), 'Cache-Control': 'no-store' } };
}

/** 402 payment_rejected (§5.3): accepts empty, reason in the taskmarket envelope. */
export function rejectReply(req: SimRequest, error: string, description: string): SimReply {
  return {
    status: 402,
    body: { x402Version: 2, error, resource: resourceOf(req, description), accepts: [], taskmarket: { reason: 'payment_rejected' } },
  };
}

/** Preflight refusal before any charge (§5.3): `{error, taskmarket:{reason:'payment_preflight_rejected'}}`. */
export function preflightReject(status: number, error: string): SimReply {
  return { status, body: { error, taskmarket: { reason: 'payment_preflight_rejected' } } };
}

export interface Authorization {
  from: `0x${string}`;
  to: `0x${string}`;
  value: bigint;
  validAfter: bigint;
  validBefore: bigint;
  nonce: Hex;
}

export type HeaderCheck = { ok: true; auth: Authorization; signature: Hex } | { ok: false; error: string };

const DIGITS = /^[0-9]{1,78}$/;
const NONCE = /^0x[0-9a-fA-F]{64}$/;
const SIG = /^0x[0-9a-fA-F]+$/;
const same = (a: unknown, b: string) => typeof a === 'string' && a.toLowerCase() === b.toLowerCase();

/** The synchronous header checks, in the backend's order (§5.3): version, payer, requirements match, expiry. */
export function checkPaymentHeader(sim: Sim, header: string, amount: bigint): HeaderCheck {
  let p: PaymentPayload;
  try {
    p = decodePaymentSignatureHeader(header.trim());
  } catch {
    return { ok: false, error: 'Invalid payment header' };
  }
  if (p === null || typeof p !== 'object') return { ok: false, error: 'Invalid payment header' };
  if (p.x402Version !== 2) return { ok: false, error: 'Invalid x402 version, expected v2' };
  const payload = (p.payload ?? {}) as { authorization?: Record<string, unknown>; signature?: unknown };
  const a = payload.authorization ?? {};
  if (typeof a.from !== 'string' || a.from === '') return { ok: false, error: 'Missing payer address in payment payload' };
  const req = paymentRequirements(sim, amount);
  const acc = (p.accepted ?? {}) as Partial<PaymentRequirements>;
  const matches =
    acc.scheme === req.scheme &&
    acc.network === req.network &&
    acc.amount === req.amount &&
    same(acc.asset, req.asset) &&
    same(acc.payTo, req.payTo) &&
    a.value === req.amount &&
    same(a.to, req.payTo);
  if (!matches) return { ok: false, error: 'Payment payload does not match server requirements' };
  if (
    !isAddress(a.from, { strict: false }) ||
    typeof a.validAfter !== 'string' ||
    !DIGITS.test(a.validAfter) ||
    typeof a.validBefore !== 'string' ||
    !DIGITS.test(a.validBefore) ||
    typeof a.nonce !== 'string' ||
    !NONCE.test(a.nonce) ||
    typeof payload.signature !== 'string' ||
    !SIG.test(payload.signature)
  ) {
    return { ok: false, error: 'Payment payload does not match server requirements' };
  }
  const nowS = BigInt(Math.floor(sim.wall.now() / 1000));
  const validBefore = BigInt(a.validBefore);
  if (validBefore < nowS + VALID_BEFORE_MARGIN_S) return { ok: false, error: 'Payment authorization has expired' };
  return {
    ok: true,
    signature: payload.signature as Hex,
    auth: {
      from: a.from as `0x${string}`,
      to: a.to as `0x${string}`,
      value: BigInt(a.value as string),
      validAfter: BigInt(a.validAfter),
      validBefore,
      nonce: a.nonce as Hex,
    },
  };
}

/** EIP-712 TransferWithAuthorization signature → does it recover to `from`? (facilitator verify) */
export async function signatureMatches(sim: Sim, auth: Authorization, signature: Hex): Promise<boolean> {
  try {
    const signer = await recoverTypedDataAddress({
      domain: usdcDomain(sim),
      types: { TransferWithAuthorization: TRANSFER_WITH_AUTHORIZATION },
      primaryType: 'TransferWithAuthorization',
      message: auth,
      signature,
    });
    return signer.toLowerCase() === auth.from.toLowerCase();
  } catch {
    return false;
  }
}

/** The facilitator's settle-time checks (validAfter, nonce, balance); null when the payment can be taken. */
export function settleProblem(sim: Sim, auth: Authorization): string | null {
  const nowS = BigInt(Math.floor(sim.wall.now() / 1000));
  if (auth.validAfter > nowS) return 'Settlement failed: invalid_exact_evm_payload_authorization_valid_after';
  if (sim.ledger.isNonceUsed(auth.from, auth.nonce)) return 'Settlement failed: invalid_exact_evm_nonce_already_used';
  if (sim.ledger.balanceOf(auth.from) < auth.value) return 'Settlement failed: invalid_exact_evm_insufficient_balance';
  return null;
}

export interface Payment {
  payer: `0x${string}`;
  amount: bigint;
  nonce: Hex;
  /** The settlement transaction hash (also in PAYMENT-RESPONSE). */
  transaction: `0x${string}`;
}

export interface PaidRouteSpec<B> {
  path: string;
  /** Input schema over `{...body, ...params}`; failure → 400 `{error: messages joined by '; '}` (§1.1). */
  schema: z.ZodType<B>;
  /** Price in base units; default STANDARD_FEE. A SimReply refuses before the challenge (e.g. unknown task). */
  amount?(body: B, req: SimRequest, sim: Sim): bigint | SimReply;
  /** Optional async checks (e.g. EIP-191 signatures) run before the 402 challenge. */
  verify?(body: B, req: SimRequest, sim: Sim): Promise<SimReply | null> | SimReply | null;
  /** Task-state/role checks; runs before any charge and again right before it. Must be synchronous. */
  preflight?(body: B, payer: `0x${string}`, req: SimRequest, sim: Sim): SimReply | null;
  /** The effect, run in the same tick as the charge. Must be synchronous. */
  settle(body: B, payer: `0x${string}`, req: SimRequest, sim: Sim, payment: Payment): SimReply;
  description?: string;
}

const isReply = (x: unknown): x is SimReply => typeof x === 'object' && x !== null && 'status' in x;

/** A paid route: validation → idempotency → x402 → preflight → charge → settle (see sim.ts). */
export function paidRoute<B>(spec: PaidRouteSpec<B>): Route<Sim> {
  const description = spec.description ?? `Taskmarket ${spec.path}`;
  return {
    method: 'POST',
    path: spec.path,
    async handle(req, sim) {
      const input = parseInput(spec.schema, req);
      if (!input.ok) return { status: 400, body: { error: input.message || 'Invalid request body' } };
      const body = input.value;
      const check = checkIdempotency(req, sim);
      if (check.kind === 'reply') return check.reply;
      const priced = spec.amount ? spec.amount(body, req, sim) : STANDARD_FEE;
      if (isReply(priced)) return priced;
      const amount = priced;
      const release = claimKey(sim, check.key);
      try {
        if (spec.verify) {
          const refused = await spec.verify(body, req, sim);
          if (refused) return refused;
        }
        const raw = req.headers['payment-signature'];
        const header = Array.isArray(raw) ? raw[0] : raw;
        if (!header) return challengeReply(sim, req, amount, description);
        const parsed = checkPaymentHeader(sim, header, amount);
        if (!parsed.ok) return rejectReply(req, parsed.error, description);
        const payer = parsed.auth.from;
        noteActor(req, payer);
        const early = spec.preflight?.(body, payer, req, sim) ?? null;
        if (early) return early;
        if (!(await signatureMatches(sim, parsed.auth, parsed.signature))) {
          return rejectReply(req, 'Settlement failed: invalid_exact_evm_payload_signature', description);
        }
        // From here to the end: one tick. Re-check everything the await may have changed.
        const problem = settleProblem(sim, parsed.auth);
        if (problem) return rejectReply(req, problem, description);
        const late = spec.preflight?.(body, payer, req, sim) ?? null;
        if (late) return late;
        sim.ledger.useNonce(payer, parsed.auth.nonce);
        sim.ledger.transfer(payer, sim.ledger.platform, amount);
        const payment: Payment = { payer, amount, nonce: parsed.auth.nonce, transaction: sim.txHash() };
        let reply: SimReply;
        try {
          reply = spec.settle(body, payer, req, sim, payment);
        } catch (err) {
          sim.ledger.transfer(sim.ledger.platform, payer, amount); // undo the charge: the effect never happened
          throw err;
        }
        if (reply.status >= 200 && reply.status < 300) {
          const receipt = encodePaymentResponseHeader({
            success: true,
            transaction: payment.transaction,
            network: sim.config.network,
            payer,
            amount: amount.toString(),
          });
          reply = { ...reply, headers: { ...reply.headers, 'PAYMENT-RESPONSE': receipt } };
        }
        rememberReply(sim, req, check.key, check.hash, reply);
        sim.changed();
        return reply;
      } finally {
        release();
      }
    },
  };
}
