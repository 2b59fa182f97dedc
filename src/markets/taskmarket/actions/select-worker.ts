import { successResultSchema } from '../schemas/writes.js';
import { taskPath } from './task-path.js';
import { paidCall, signMessage, STANDARD_ACTION_FEE, type WriteContext, type WriteMeta, type WriteOptions } from './write-common.js';

export interface SelectWorkerParameters extends WriteOptions {
  taskId: string;
  pitchId: string;
  worker: string;
  signal?: AbortSignal;
}
export type SelectWorkerResult = WriteMeta;

/**
 * POST /api/tasks/{id}/pitches/select {taskId, pitchId, workerAddress, signature}; signature over
 * `taskmarket:select-worker:<id>:<pitchId>:<worker lower>` (cli §2.4). The latest backend also charges
 * 0.001 USDC (backend §1.5) while CLI 1.13.0 posts it unpaid, so both answers are handled.
 */
export async function selectWorker(ctx: WriteContext, p: SelectWorkerParameters): Promise<SelectWorkerResult> {
  const { signature } = await signMessage(ctx.client, `taskmarket:select-worker:${p.taskId}:${p.pitchId}:${p.worker.toLowerCase()}`);
  const r = await paidCall(ctx, {
    path: taskPath(p.taskId, '/pitches/select'),
    route: 'POST /api/tasks/{taskId}/pitches/select',
    body: { taskId: p.taskId, pitchId: p.pitchId, workerAddress: p.worker, signature },
    expectedAmount: STANDARD_ACTION_FEE,
    schema: successResultSchema,
    signal: p.signal,
    idempotencyKey: p.idempotencyKey,
  });
  return { idempotencyKey: r.idempotencyKey, paid: r.paid };
}
