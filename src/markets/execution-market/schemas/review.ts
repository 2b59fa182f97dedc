// Applications, submissions with evidence, and the payment/escrow timeline (execution-market-api.md §4a,
// §4b, §13.2). Evidence is the worker's dict keyed by evidence type: kept as parsed JSON, shown sanitised.
import { z } from 'zod';
import { address, envelope, isoMs, optIsoMs, optStr, optTx, optUsdcText, str, usdNumber, usdcText, uuid } from './common.js';

export const applicationSchema = z.object({
  id: uuid,
  task_id: uuid,
  executor_id: uuid,
  wallet_address: address.nullish().transform((v) => v ?? null),
  message: optStr(1000),
  status: z.enum(['pending', 'accepted', 'rejected']),
  created_at: isoMs,
  reputation_score: z.number().min(0).max(100).nullish().transform((v) => v ?? 0),
  tasks_completed: z.number().int().min(0).nullish().transform((v) => v ?? 0),
  avg_rating: z.number().min(0).max(5).nullish().transform((v) => v ?? null),
});
export const applicationsSchema = z.object({ applications: z.array(applicationSchema).max(10_000), count: z.number().int().min(0) });
export type WireApplication = z.output<typeof applicationSchema>;

export const VERDICTS = ['pending', 'accepted', 'rejected', 'more_info_requested', 'disputed', 'partial'] as const;

/** Evidence: a JSON object, at most 1 MiB on the way in (the server caps bodies). */
const evidence = z.record(z.string().max(40), z.unknown()).nullish().transform((v) => v ?? {});

/** A row of `GET /tasks/{id}/submissions`. */
export const submissionRowSchema = z.object({
  id: uuid,
  task_id: uuid,
  executor_id: uuid,
  status: z.enum(VERDICTS).nullish(),
  agent_verdict: z.enum(VERDICTS).nullish(),
  submitted_at: isoMs,
  evidence,
  agent_notes: optStr(2000),
  verified_at: optIsoMs,
  pre_check_score: z.number().nullish().transform((v) => v ?? null),
});
export const submissionsSchema = z.object({ submissions: z.array(submissionRowSchema).max(1000), count: z.number().int().min(0) });
export type WireSubmissionRow = z.output<typeof submissionRowSchema>;

/** `GET /submissions/{id}` and my-submission (in the success envelope). */
export const submissionDetailSchema = envelope(
  z.looseObject({
    id: uuid,
    task_id: uuid,
    executor_id: uuid,
    executor_wallet: address.nullish().transform((v) => v ?? null),
    status: z.enum(VERDICTS).nullish(),
    agent_verdict: z.enum(VERDICTS).nullish(),
    evidence,
    notes: optStr(2000),
    agent_notes: optStr(2000),
    severity: z.enum(['minor', 'major']).nullish().transform((v) => v ?? null),
    submitted_at: isoMs,
    verified_at: optIsoMs,
    payment_tx: optTx,
    task_status: str(40).optional(),
  }),
);

/** `GET /tasks/{id}/payment` (§13.2 post-hoc read). */
export const paymentSchema = z.object({
  task_id: uuid,
  status: z.enum(['pending', 'escrowed', 'completed', 'refunded', 'partial_released']),
  total_amount: usdNumber,
  released_amount: usdNumber.nullish().transform((v) => v ?? 0n),
  released_net_usdc: optUsdcText,
  platform_fee_usdc: optUsdcText,
  currency: str(10).nullish(),
  escrow_tx: optTx,
  release_tx: optTx,
  refund_tx: optTx,
  escrow_contract: address.nullish().transform((v) => v ?? null),
  network: str(30).nullish().transform((v) => v ?? null),
  payer: address.nullish().transform((v) => v ?? null),
  receiver: address.nullish().transform((v) => v ?? null),
  events: z
    .array(z.object({ type: str(40), at: isoMs, tx_hash: optTx, amount_usdc: usdcText.nullish().transform((v) => v ?? null) }))
    .max(1000)
    .nullish()
    .transform((v) => v ?? []),
});
export type WirePayment = z.output<typeof paymentSchema>;
