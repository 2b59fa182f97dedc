import { txResultSchema } from '../schemas/writes.js';
import { taskPath } from './task-path.js';
import { paidCall, STANDARD_ACTION_FEE, type WriteContext, type WriteMeta, type WriteOptions } from './write-common.js';

export interface CancelParameters extends WriteOptions {
  taskId: string;
  signal?: AbortSignal;
}
export interface CancelResult extends WriteMeta {
  txHash: string | null;
}

/** POST /api/tasks/{id}/cancel {taskId} — x402 0.001 USDC, payer = requester (backend §1.2). */
export async function cancel(ctx: WriteContext, p: CancelParameters): Promise<CancelResult> {
  const r = await paidCall(ctx, {
    path: taskPath(p.taskId, '/cancel'),
    route: 'POST /api/tasks/{taskId}/cancel',
    body: { taskId: p.taskId },
    expectedAmount: STANDARD_ACTION_FEE,
    schema: txResultSchema,
    signal: p.signal,
    idempotencyKey: p.idempotencyKey,
  });
  return { txHash: r.data.txHash ?? null, idempotencyKey: r.idempotencyKey, paid: r.paid };
}
