import { txResultSchema } from '../schemas/writes.js';
import { taskPath } from './task-path.js';
import { paidCall, STANDARD_ACTION_FEE, type WriteContext, type WriteMeta, type WriteOptions } from './write-common.js';

export interface RefundExpiredParameters extends WriteOptions {
  taskId: string;
  signal?: AbortSignal;
}
export interface RefundExpiredResult extends WriteMeta {
  txHash: string | null;
}

/** POST /api/tasks/{id}/refund-expired {taskId} — x402 0.001 USDC, anyone may call (backend §1.2). */
export async function refundExpired(ctx: WriteContext, p: RefundExpiredParameters): Promise<RefundExpiredResult> {
  const r = await paidCall(ctx, {
    path: taskPath(p.taskId, '/refund-expired'),
    route: 'POST /api/tasks/{taskId}/refund-expired',
    body: { taskId: p.taskId },
    expectedAmount: STANDARD_ACTION_FEE,
    schema: txResultSchema,
    signal: p.signal,
    idempotencyKey: p.idempotencyKey,
  });
  return { txHash: r.data.txHash ?? null, idempotencyKey: r.idempotencyKey, paid: r.paid };
}
