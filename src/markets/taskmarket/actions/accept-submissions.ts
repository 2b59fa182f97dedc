import { MarketError } from '../../errors.js';
import { successResultSchema } from '../schemas/writes.js';
import { taskPath } from './task-path.js';
import { paidCall, STANDARD_ACTION_FEE, type WriteContext, type WriteMeta, type WriteOptions } from './write-common.js';

export interface AcceptSubmissionsParameters extends WriteOptions {
  taskId: string;
  /** In rank order; shares are integer basis points summing to 10000 (backend §1.8). */
  winners: { worker: string; shareBps: number; submissionId?: string }[];
  signal?: AbortSignal;
}
export type AcceptSubmissionsResult = WriteMeta;

/** POST /api/tasks/{id}/accept-submissions {taskId, winners:[{worker, share, submissionId?}]} — x402 0.001 USDC. */
export async function acceptSubmissions(ctx: WriteContext, p: AcceptSubmissionsParameters): Promise<AcceptSubmissionsResult> {
  const total = p.winners.reduce((sum, w) => sum + w.shareBps, 0);
  if (p.winners.length === 0 || total !== 10_000 || p.winners.some((w) => !Number.isInteger(w.shareBps) || w.shareBps < 1)) {
    throw new MarketError('http', `Winner shares must sum to 10000 basis points (got ${total})`, { reason: 'invalid_params' });
  }
  const winners = p.winners.map((w) => (w.submissionId ? { worker: w.worker, share: w.shareBps, submissionId: w.submissionId } : { worker: w.worker, share: w.shareBps }));
  const r = await paidCall(ctx, {
    path: taskPath(p.taskId, '/accept-submissions'),
    route: 'POST /api/tasks/{taskId}/accept-submissions',
    body: { taskId: p.taskId, winners },
    expectedAmount: STANDARD_ACTION_FEE,
    schema: successResultSchema,
    signal: p.signal,
    idempotencyKey: p.idempotencyKey,
  });
  return { idempotencyKey: r.idempotencyKey, paid: r.paid };
}
