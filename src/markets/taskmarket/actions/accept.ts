import { successResultSchema } from '../schemas/writes.js';
import { taskPath } from './task-path.js';
import { paidCall, STANDARD_ACTION_FEE, type WriteContext, type WriteMeta, type WriteOptions } from './write-common.js';

export interface AcceptParameters extends WriteOptions {
  taskId: string;
  worker: string;
  signal?: AbortSignal;
}
export type AcceptResult = WriteMeta;

/** POST /api/tasks/{id}/accept {taskId, worker} — x402 0.001 USDC, payer = requester (backend §1.8). */
export async function accept(ctx: WriteContext, p: AcceptParameters): Promise<AcceptResult> {
  const r = await paidCall(ctx, {
    path: taskPath(p.taskId, '/accept'),
    route: 'POST /api/tasks/{taskId}/accept',
    body: { taskId: p.taskId, worker: p.worker },
    expectedAmount: STANDARD_ACTION_FEE,
    schema: successResultSchema,
    signal: p.signal,
    idempotencyKey: p.idempotencyKey,
  });
  return { idempotencyKey: r.idempotencyKey, paid: r.paid };
}
