import type { z } from 'zod';
import { emHttpError, type EmClient } from '../client.js';
import type { EmVerdict } from '../normalize.js';
import { submissionDetailSchema } from '../schemas/review.js';
import { idPath, parse } from './common.js';

export interface EmSubmissionDetail {
  id: string;
  taskId: string;
  executorId: string;
  executorWallet: string | null;
  verdict: EmVerdict;
  severity: 'minor' | 'major' | null;
  evidence: Record<string, unknown>;
  notes: string | null;
  agentNotes: string | null;
  submittedAt: number;
  verifiedAt: number | null;
  paymentTx: string | null;
  taskStatus: string | null;
}

const toDetail = (d: z.output<typeof submissionDetailSchema>['data']): EmSubmissionDetail => ({
  id: d.id,
  taskId: d.task_id,
  executorId: d.executor_id,
  executorWallet: d.executor_wallet,
  verdict: d.agent_verdict ?? d.status ?? 'pending',
  severity: d.severity,
  evidence: d.evidence,
  notes: d.notes,
  agentNotes: d.agent_notes,
  submittedAt: d.submitted_at,
  verifiedAt: d.verified_at,
  paymentTx: d.payment_tx,
  taskStatus: d.task_status ?? null,
});

/** Signed GET /submissions/{id} — the submitter or the publisher (§4a); null on 404. */
export async function getSubmission(client: EmClient, p: { submissionId: string; signal?: AbortSignal }): Promise<EmSubmissionDetail | null> {
  const route = 'GET /submissions/{submission_id}';
  const res = await client.send({ method: 'GET', path: `/submissions/${idPath(p.submissionId, 'submission id')}`, route, ...(p.signal ? { signal: p.signal } : {}) });
  if (res.status === 404) return null;
  if (res.status !== 200) throw emHttpError(res, client.now());
  return toDetail(parse(submissionDetailSchema, res.body, route).data);
}

/** Signed GET /workers/tasks/{id}/my-submission?executor_id= — the worker's own submission; null when none (§13.5). */
export async function getMySubmission(client: EmClient, p: { taskId: string; executorId: string; signal?: AbortSignal }): Promise<EmSubmissionDetail | null> {
  const route = 'GET /workers/tasks/{task_id}/my-submission';
  const res = await client.send({
    method: 'GET',
    path: `/workers/tasks/${idPath(p.taskId)}/my-submission`,
    query: { executor_id: idPath(p.executorId, 'executor id') },
    route,
    ...(p.signal ? { signal: p.signal } : {}),
  });
  if (res.status === 404) return null;
  if (res.status !== 200) throw emHttpError(res, client.now());
  return toDetail(parse(submissionDetailSchema, res.body, route).data);
}
