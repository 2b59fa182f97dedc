import type { EmClient } from '../client.js';
import { BODY_LIMITS } from '../constants.js';
import { submitSchema } from '../schemas/writes.js';
import { validateEvidence } from '../validate.js';
import { idPath, idempotencyHeaders, invalid, keyOf, mutate, parse, requireSigner, type WriteMeta, type WriteOptions } from './common.js';
import { getMySubmission } from './get-submission.js';

export interface SubmitParameters extends WriteOptions {
  taskId: string;
  executorId: string;
  /** A dict keyed by evidence type, e.g. {json_response: {...}} (§5a.5). */
  evidence: Record<string, unknown>;
  /** The task's evidence_schema.required: every one must be a key of `evidence`. */
  requiredEvidence: readonly string[];
  notes?: string;
}

export interface SubmitResult extends WriteMeta {
  submissionId: string;
}

// Desk and server clocks differ; a submission older than this before the first send is an earlier one.
const SKEW_MS = 120_000;

/** Signed POST /tasks/{id}/submit {executor_id, evidence, notes ≤ 1000} (§4a, §13.5). Payment happens at approve. */
export async function submit(client: EmClient, p: SubmitParameters): Promise<SubmitResult> {
  requireSigner(client);
  const taskId = idPath(p.taskId);
  const executorId = idPath(p.executorId, 'executor id');
  const bad = validateEvidence(p.evidence, p.requiredEvidence);
  if (bad) throw invalid(bad);
  if (p.notes !== undefined && p.notes.length > BODY_LIMITS.submitNotes) throw invalid(`notes are at most ${BODY_LIMITS.submitNotes} characters`);
  const key = keyOf(p);
  const route = 'POST /tasks/{task_id}/submit';
  const body = { executor_id: executorId, evidence: p.evidence, ...(p.notes ? { notes: p.notes } : {}) };
  const startedAt = client.now();
  const sig = p.signal ? { signal: p.signal } : {};
  const r = await mutate({
    send: async () => {
      const res = await client.call({ method: 'POST', path: `/tasks/${taskId}/submit`, route, body, headers: idempotencyHeaders(key), ...sig });
      return parse(submitSchema, res.body, route).data.submission_id;
    },
    reconcile: async () => {
      const mine = await getMySubmission(client, { taskId, executorId, ...sig });
      return mine && mine.verdict === 'pending' && mine.submittedAt >= startedAt - SKEW_MS ? mine.id : null;
    },
    ...sig,
    ...(p.maxRateWaitMs !== undefined ? { maxRateWaitMs: p.maxRateWaitMs } : {}),
  });
  return { submissionId: r.value, idempotencyKey: key, reconciled: r.reconciled, sends: r.sends };
}
