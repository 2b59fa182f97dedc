import { bpsOf } from '../../../core/money.js';
import type { EmClient } from '../client.js';
import { BODY_LIMITS, EM_FEE_BPS } from '../constants.js';
import { EmError } from '../errors.js';
import { approveSchema } from '../schemas/writes.js';
import { idPath, idempotencyHeaders, invalid, keyOf, mutate, parse, requireSigner, type WriteMeta, type WriteOptions } from './common.js';
import { getPayment } from './get-payment.js';
import { getSubmission } from './get-submission.js';

export interface ApproveParameters extends WriteOptions {
  submissionId: string;
  /** The task (for the payment timeline when a reconcile has no approve reply). */
  taskId: string;
  notes?: string;
}

export interface ApproveResult extends WriteMeta {
  submissionId: string;
  /** May be null: EM could not name the tx, which does not mean unpaid (§13.2). */
  paymentTx: string | null;
  /** Base units released from escrow: gross = workerNet + platformFee, fee = 13 % truncated. */
  gross: bigint | null;
  workerNet: bigint | null;
  platformFee: bigint | null;
  /** The server answered "already approved" (200 idempotent:true). */
  idempotent: boolean;
}

/** The 87/13 split the contract makes at release (1300 bps, truncated: §5c, §13.2). */
export function emSplit(gross: bigint): { workerNet: bigint; platformFee: bigint } {
  const platformFee = bpsOf(gross, EM_FEE_BPS);
  return { workerNet: gross - platformFee, platformFee };
}

/** Signed POST /submissions/{id}/approve {notes ≤ 1000} — settles 87/13 in the same call (§13.2). */
export async function approve(client: EmClient, p: ApproveParameters): Promise<ApproveResult> {
  requireSigner(client);
  const submissionId = idPath(p.submissionId, 'submission id');
  const taskId = idPath(p.taskId);
  if (p.notes !== undefined && p.notes.length > BODY_LIMITS.approveNotes) throw invalid(`notes are at most ${BODY_LIMITS.approveNotes} characters`);
  const key = keyOf(p);
  const route = 'POST /submissions/{submission_id}/approve';
  const body = p.notes ? { notes: p.notes } : {};
  const sig = p.signal ? { signal: p.signal } : {};
  type V = Omit<ApproveResult, keyof WriteMeta>;
  const r = await mutate<V>({
    send: async () => {
      const res = await client.call({ method: 'POST', path: `/submissions/${submissionId}/approve`, route, body, headers: idempotencyHeaders(key), ...sig });
      const parsed = parse(approveSchema, res.body, route);
      const d = parsed.data;
      if (d.verdict !== 'accepted') throw new EmError('http', `${route} answered verdict ${d.verdict}`, { route, reason: 'not_accepted' });
      return { submissionId, paymentTx: d.payment_tx ?? d.escrow_release_tx, gross: d.gross_amount_usdc, workerNet: d.worker_net_usdc, platformFee: d.platform_fee_usdc, idempotent: parsed.idempotent === true };
    },
    reconcile: async () => {
      const s = await getSubmission(client, { submissionId, ...sig });
      if (s?.verdict !== 'accepted') return null;
      const pay = await getPayment(client, { taskId, ...sig });
      return { submissionId, paymentTx: s.paymentTx ?? pay?.releaseTx ?? null, gross: pay?.total ?? null, workerNet: pay?.workerNet ?? null, platformFee: pay?.platformFee ?? null, idempotent: false };
    },
    ...sig,
    ...(p.maxRateWaitMs !== undefined ? { maxRateWaitMs: p.maxRateWaitMs } : {}),
  });
  return { ...r.value, idempotencyKey: key, reconciled: r.reconciled, sends: r.sends };
}
