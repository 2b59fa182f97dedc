import { MarketError } from '../../errors.js';
import { rateResultSchema } from '../schemas/writes.js';
import { taskPath } from './task-path.js';
import { paidCall, STANDARD_ACTION_FEE, type WriteContext, type WriteMeta, type WriteOptions } from './write-common.js';

export interface RateParameters extends WriteOptions {
  taskId: string;
  worker: string;
  /** Integer 0..100. */
  rating: number;
  feedbackText?: string;
  signal?: AbortSignal;
}
export interface RateResult extends WriteMeta {
  feedbackId: string;
}

/** POST /api/tasks/{id}/rate {taskId, worker, rating, feedbackText?} — x402 0.001 USDC (backend §1.8). */
export async function rate(ctx: WriteContext, p: RateParameters): Promise<RateResult> {
  if (!Number.isInteger(p.rating) || p.rating < 0 || p.rating > 100) throw new MarketError('http', 'Rating must be an integer 0-100', { reason: 'invalid_params' });
  const body: Record<string, unknown> = { taskId: p.taskId, worker: p.worker, rating: p.rating };
  if (p.feedbackText !== undefined) body.feedbackText = p.feedbackText;
  const r = await paidCall(ctx, {
    path: taskPath(p.taskId, '/rate'),
    route: 'POST /api/tasks/{taskId}/rate',
    body,
    expectedAmount: STANDARD_ACTION_FEE,
    schema: rateResultSchema,
    signal: p.signal,
    idempotencyKey: p.idempotencyKey,
  });
  return { feedbackId: r.data.feedbackId, idempotencyKey: r.idempotencyKey, paid: r.paid };
}
