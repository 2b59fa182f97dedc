// The paid task actions whose body is just `{taskId}` or `{taskId, worker}` (cli §1.2): reject-submission,
// appeal, evaluator-timeout. One helper, one exported function each, all 0.001 USDC (backend §1.1).
import { txResultSchema } from '../schemas/writes.js';
import { taskPath } from './task-path.js';
import { paidCall, STANDARD_ACTION_FEE, type WriteContext, type WriteMeta, type WriteOptions } from './write-common.js';

export interface TaskActionParameters extends WriteOptions {
  taskId: string;
}
export interface TxResult extends WriteMeta {
  txHash: string | null;
}

async function post(ctx: WriteContext, p: TaskActionParameters, suffix: string, body: Record<string, unknown>): Promise<TxResult> {
  const r = await paidCall(ctx, {
    path: taskPath(p.taskId, suffix),
    route: `POST /api/tasks/{taskId}${suffix}`,
    body,
    expectedAmount: STANDARD_ACTION_FEE,
    schema: txResultSchema,
    signal: p.signal,
    idempotencyKey: p.idempotencyKey,
  });
  return { txHash: r.data.txHash ?? null, idempotencyKey: r.idempotencyKey, paid: r.paid };
}

export interface RejectSubmissionParameters extends TaskActionParameters {
  worker: string;
}

/** POST /api/tasks/{id}/reject-submission {taskId, worker} — requester; bounty/benchmark only. */
export function rejectSubmission(ctx: WriteContext, p: RejectSubmissionParameters): Promise<TxResult> {
  return post(ctx, p, '/reject-submission', { taskId: p.taskId, worker: p.worker });
}

/** POST /api/tasks/{id}/appeal {taskId} — worker or contest submitter, while appealing. */
export function appeal(ctx: WriteContext, p: TaskActionParameters): Promise<TxResult> {
  return post(ctx, p, '/appeal', { taskId: p.taskId });
}

/** POST /api/tasks/{id}/evaluator-timeout {taskId} — requester, after the evaluator deadline. */
export function evaluatorTimeout(ctx: WriteContext, p: TaskActionParameters): Promise<TxResult> {
  return post(ctx, p, '/evaluator-timeout', { taskId: p.taskId });
}
