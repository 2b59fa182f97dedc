// Mutation replies (execution-market-api.md §4a, §13.1–§13.5): the `{success, message, data}` envelope per
// route, the 202 `{status:"assigning"}` of an assign whose lock is in flight, the rating FeedbackResponse, and
// the assign challenge (the simulator's shape; §13.9 leaves the real one open).
import { z } from 'zod';
import { address, envelope, optIsoMs, optStr, optTx, optUsdcText, str, txHash, uuid } from './common.js';

export const registerSchema = envelope(z.looseObject({ executor_id: uuid, wallet_address: address, created: z.boolean().nullish() }));

export const applySchema = envelope(z.looseObject({ application_id: uuid.nullish(), task_id: uuid.nullish(), status: str(30).nullish() }));

const escrowSummary = z
  .looseObject({ escrow_id: str(80).nullish(), status: str(30), amount_usdc: optUsdcText, payer: address.nullish(), receiver: address.nullish(), escrow_tx: optTx })
  .nullish()
  .transform((v) => v ?? null);

export const assignedSchema = envelope(
  z.looseObject({ task_id: uuid, executor_id: uuid, status: z.literal('accepted'), assigned_at: optIsoMs, worker_wallet: address.nullish().transform((v) => v ?? null), escrow: escrowSummary }),
);
export const assigningSchema = z.looseObject({ status: z.literal('assigning'), task_id: uuid.nullish(), executor_id: uuid.nullish(), message: optStr(500) });

export const submitSchema = envelope(
  z.looseObject({
    submission_id: uuid,
    task_id: uuid.nullish(),
    status: str(30).nullish(),
    verification: z.looseObject({ passed: z.boolean().nullish(), score: z.number().nullish() }).nullish(),
  }),
);

export const approveSchema = envelope(
  z.looseObject({
    submission_id: uuid,
    verdict: str(40),
    /** May be null: EM could not name the tx, which does not mean unpaid (§13.2). */
    payment_tx: optTx,
    network: optStr(30),
    escrow_release_tx: optTx,
    worker_net_usdc: optUsdcText,
    platform_fee_usdc: optUsdcText,
    gross_amount_usdc: optUsdcText,
  }),
);

export const rejectSchema = envelope(
  z.looseObject({ submission_id: uuid, verdict: z.literal('rejected'), severity: z.enum(['minor', 'major']).nullish(), task_status: str(30).nullish(), refund_tx: optTx }),
);

export const moreInfoSchema = envelope(z.looseObject({ submission_id: uuid, verdict: z.literal('more_info_requested'), task_id: uuid.nullish() }));

export const cancelSchema = envelope(z.looseObject({ task_id: uuid, reason: optStr(600), refund_tx: optTx, escrow: escrowSummary }));

export const withdrawSchema = envelope(z.looseObject({ task_id: uuid, executor_id: uuid.nullish(), status: str(30).nullish(), refund_tx: optTx }));

/** FeedbackResponse (§4a): a duplicate is success:true with error "Feedback already submitted for this task". */
export const feedbackSchema = z.looseObject({
  success: z.boolean(),
  transaction_hash: optTx,
  feedback_index: z.number().int().nullish().transform((v) => v ?? null),
  network: optStr(30),
  error: optStr(500),
});

const UINT = z.string().regex(/^[0-9]{1,78}$/);
/** The EIP-3009 ReceiveWithAuthorization message as the challenge sends it (decimal strings). */
export const authorizationSchema = z.object({
  from: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  to: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  value: UINT,
  validAfter: UINT,
  validBefore: UINT,
  nonce: txHash,
});
const SECONDS = z.number().int().min(0).max(2 ** 48 - 1);
const BPS = z.number().int().min(0).max(10_000);
export const paymentInfoSchema = z.object({
  operator: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  payer: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  receiver: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  token: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  max_amount: UINT,
  pre_approval_expiry: SECONDS,
  authorization_expiry: SECONDS,
  refund_expiry: SECONDS,
  min_fee_bps: BPS,
  max_fee_bps: BPS,
  fee_receiver: z.string().regex(/^0x[0-9a-fA-F]{40}$/),
  salt: z.string().regex(/^0x[0-9a-fA-F]{1,64}$/),
});
export type WirePaymentInfo = z.output<typeof paymentInfoSchema>;
export type WireAuthorization = z.output<typeof authorizationSchema>;

export const challengeSchema = z.object({
  typedData: z.object({
    domain: z.object({ name: str(100), version: str(20), chainId: z.number().int().positive(), verifyingContract: z.string().regex(/^0x[0-9a-fA-F]{40}$/) }),
    types: z.object({ ReceiveWithAuthorization: z.array(z.object({ name: str(40), type: str(40) })).length(6) }),
    primaryType: z.literal('ReceiveWithAuthorization'),
    message: authorizationSchema,
  }),
  paymentInfo: paymentInfoSchema,
});
export type WireChallenge = z.output<typeof challengeSchema>;

