import type { EmClient } from '../client.js';
import { BODY_LIMITS } from '../constants.js';
import { cancelSchema } from '../schemas/writes.js';
import { idPath, idempotencyHeaders, invalid, keyOf, mutate, parse, requireSigner, type WriteMeta, type WriteOptions } from './common.js';
import { getTask } from './get-task.js';

export interface CancelParameters extends WriteOptions {
  taskId: string;
  reason?: string;
}

export interface CancelResult extends WriteMeta {
  taskId: string;
  /** The escrow refund to the payer, when one was locked. */
  refundTx: string | null;
  /** Already cancelled (200 idempotent:true). */
  idempotent: boolean;
}

/** Signed POST /tasks/{id}/cancel {reason ≤ 500} — published or accepted; locked escrow is refunded (§13.4). */
export async function cancel(client: EmClient, p: CancelParameters): Promise<CancelResult> {
  requireSigner(client);
  const taskId = idPath(p.taskId);
  if (p.reason !== undefined && p.reason.length > BODY_LIMITS.cancelReason) throw invalid(`reason is at most ${BODY_LIMITS.cancelReason} characters`);
  const key = keyOf(p);
  const route = 'POST /tasks/{task_id}/cancel';
  const sig = p.signal ? { signal: p.signal } : {};
  type V = Omit<CancelResult, keyof WriteMeta>;
  const r = await mutate<V>({
    send: async () => {
      const res = await client.call({ method: 'POST', path: `/tasks/${taskId}/cancel`, route, body: p.reason ? { reason: p.reason } : {}, headers: idempotencyHeaders(key), ...sig });
      const parsed = parse(cancelSchema, res.body, route);
      return { taskId, refundTx: parsed.data.refund_tx, idempotent: parsed.idempotent === true };
    },
    reconcile: async () => {
      const t = await getTask(client, { taskId, ...sig });
      return t?.em?.status === 'cancelled' ? { taskId, refundTx: t.em.refundTx, idempotent: false } : null;
    },
    ...sig,
    ...(p.maxRateWaitMs !== undefined ? { maxRateWaitMs: p.maxRateWaitMs } : {}),
  });
  return { ...r.value, idempotencyKey: key, reconciled: r.reconciled, sends: r.sends };
}
