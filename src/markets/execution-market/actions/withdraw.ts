import type { EmClient } from '../client.js';
import { BODY_LIMITS } from '../constants.js';
import { withdrawSchema } from '../schemas/writes.js';
import { idPath, idempotencyHeaders, invalid, keyOf, mutate, parse, requireSigner, type WriteMeta, type WriteOptions } from './common.js';
import { getTask } from './get-task.js';

export interface WithdrawParameters extends WriteOptions {
  taskId: string;
  /** The assignee's executor id. */
  executorId: string;
  reason?: string;
}

export interface WithdrawResult extends WriteMeta {
  taskId: string;
  /** The escrow locked for this worker, refunded to the publisher first (§13.4). */
  refundTx: string | null;
}

/** Signed POST /tasks/{id}/withdraw {executor_id, reason ≤ 500} — the worker steps down; the task re-opens. */
export async function withdraw(client: EmClient, p: WithdrawParameters): Promise<WithdrawResult> {
  requireSigner(client);
  const taskId = idPath(p.taskId);
  const executorId = idPath(p.executorId, 'executor id');
  if (p.reason !== undefined && p.reason.length > BODY_LIMITS.withdrawReason) throw invalid(`reason is at most ${BODY_LIMITS.withdrawReason} characters`);
  const key = keyOf(p);
  const route = 'POST /tasks/{task_id}/withdraw';
  const body = { executor_id: executorId, ...(p.reason ? { reason: p.reason } : {}) };
  const sig = p.signal ? { signal: p.signal } : {};
  // The reconcile read happens before any re-send, so a task re-assigned to us meanwhile is not withdrawn twice.
  const r = await mutate({
    send: async () => {
      const res = await client.call({ method: 'POST', path: `/tasks/${taskId}/withdraw`, route, body, headers: idempotencyHeaders(key), ...sig });
      return { taskId, refundTx: parse(withdrawSchema, res.body, route).data.refund_tx };
    },
    reconcile: async () => {
      const t = await getTask(client, { taskId, ...sig });
      return t?.em && t.em.executorId !== executorId ? { taskId, refundTx: null } : null;
    },
    ...sig,
    ...(p.maxRateWaitMs !== undefined ? { maxRateWaitMs: p.maxRateWaitMs } : {}),
  });
  return { ...r.value, idempotencyKey: key, reconciled: r.reconciled, sends: r.sends };
}
