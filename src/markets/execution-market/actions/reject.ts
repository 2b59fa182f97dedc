import type { EmClient } from '../client.js';
import { BODY_LIMITS } from '../constants.js';
import { rejectSchema } from '../schemas/writes.js';
import { idPath, idempotencyHeaders, invalid, keyOf, mutate, parse, requireSigner, type WriteMeta, type WriteOptions } from './common.js';
import { getSubmission } from './get-submission.js';

export interface RejectParameters extends WriteOptions {
  submissionId: string;
  /** minor: the worker may resubmit; major: the escrow is refunded and the task re-opens (§5a.6). */
  severity: 'minor' | 'major';
  /** 10–1000 characters. */
  notes: string;
  /** 0–50, major only (default 30 on the server). */
  reputationScore?: number;
}

export interface RejectResult extends WriteMeta {
  submissionId: string;
  severity: 'minor' | 'major';
  taskStatus: string | null;
  refundTx: string | null;
}

/** Signed POST /submissions/{id}/reject {notes, severity, reputation_score?} (§4a, §13.2). */
export async function reject(client: EmClient, p: RejectParameters): Promise<RejectResult> {
  requireSigner(client);
  const submissionId = idPath(p.submissionId, 'submission id');
  const notes = p.notes.trim();
  const L = BODY_LIMITS.rejectNotes;
  if (notes.length < L.min || notes.length > L.max) throw invalid(`notes must be ${L.min}–${L.max} characters`);
  if (p.severity !== 'minor' && p.severity !== 'major') throw invalid('severity is minor or major');
  if (p.reputationScore !== undefined) {
    if (p.severity !== 'major') throw invalid('a reputation score goes with a major rejection only');
    const R = BODY_LIMITS.rejectReputationScore;
    if (!Number.isInteger(p.reputationScore) || p.reputationScore < R.min || p.reputationScore > R.max) throw invalid(`reputation score is ${R.min}–${R.max}`);
  }
  const key = keyOf(p);
  const route = 'POST /submissions/{submission_id}/reject';
  const body = { notes, severity: p.severity, ...(p.reputationScore !== undefined ? { reputation_score: p.reputationScore } : {}) };
  const sig = p.signal ? { signal: p.signal } : {};
  type V = Omit<RejectResult, keyof WriteMeta>;
  const r = await mutate<V>({
    send: async () => {
      const res = await client.call({ method: 'POST', path: `/submissions/${submissionId}/reject`, route, body, headers: idempotencyHeaders(key), ...sig });
      const d = parse(rejectSchema, res.body, route).data;
      return { submissionId, severity: d.severity ?? p.severity, taskStatus: d.task_status ?? null, refundTx: d.refund_tx };
    },
    reconcile: async () => {
      const s = await getSubmission(client, { submissionId, ...sig });
      return s?.verdict === 'rejected' ? { submissionId, severity: s.severity ?? p.severity, taskStatus: s.taskStatus, refundTx: null } : null;
    },
    ...sig,
    ...(p.maxRateWaitMs !== undefined ? { maxRateWaitMs: p.maxRateWaitMs } : {}),
  });
  return { ...r.value, idempotencyKey: key, reconciled: r.reconciled, sends: r.sends };
}
