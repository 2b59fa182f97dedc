import type { EmClient } from '../client.js';
import { BODY_LIMITS } from '../constants.js';
import { moreInfoSchema } from '../schemas/writes.js';
import { idPath, idempotencyHeaders, invalid, keyOf, mutate, parse, requireSigner, type WriteMeta, type WriteOptions } from './common.js';
import { getSubmission } from './get-submission.js';

export interface RequestMoreInfoParameters extends WriteOptions {
  submissionId: string;
  /** 5–1000 characters: what the worker must add. */
  notes: string;
}

export interface RequestMoreInfoResult extends WriteMeta {
  submissionId: string;
}

/** Signed POST /submissions/{id}/request-more-info {notes} — the task goes back to in_progress (§4a). */
export async function requestMoreInfo(client: EmClient, p: RequestMoreInfoParameters): Promise<RequestMoreInfoResult> {
  requireSigner(client);
  const submissionId = idPath(p.submissionId, 'submission id');
  const notes = p.notes.trim();
  const L = BODY_LIMITS.moreInfoNotes;
  if (notes.length < L.min || notes.length > L.max) throw invalid(`notes must be ${L.min}–${L.max} characters`);
  const key = keyOf(p);
  const route = 'POST /submissions/{submission_id}/request-more-info';
  const sig = p.signal ? { signal: p.signal } : {};
  const r = await mutate({
    send: async () => {
      const res = await client.call({ method: 'POST', path: `/submissions/${submissionId}/request-more-info`, route, body: { notes }, headers: idempotencyHeaders(key), ...sig });
      return parse(moreInfoSchema, res.body, route).data.submission_id;
    },
    reconcile: async () => ((await getSubmission(client, { submissionId, ...sig }))?.verdict === 'more_info_requested' ? submissionId : null),
    ...sig,
    ...(p.maxRateWaitMs !== undefined ? { maxRateWaitMs: p.maxRateWaitMs } : {}),
  });
  return { submissionId: r.value, idempotencyKey: key, reconciled: r.reconciled, sends: r.sends };
}
