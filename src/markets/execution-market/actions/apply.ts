import type { EmClient } from '../client.js';
import { BODY_LIMITS } from '../constants.js';
import { hasCode } from '../errors.js';
import { applySchema } from '../schemas/writes.js';
import { idPath, idempotencyHeaders, invalid, keyOf, mutate, parse, requireSigner, type WriteMeta, type WriteOptions } from './common.js';

export interface ApplyParameters extends WriteOptions {
  taskId: string;
  /** The worker's executor id (registerWorker). */
  executorId: string;
  message?: string;
}

export interface ApplyResult extends WriteMeta {
  applicationId: string | null;
  /** EM said 409 already_applied: the application exists, which is the success (§13.5). */
  alreadyApplied: boolean;
}

/** Signed POST /tasks/{id}/apply {executor_id, message ≤ 500} (§4a, §13.5). 409 already_applied counts as success. */
export async function apply(client: EmClient, p: ApplyParameters): Promise<ApplyResult> {
  requireSigner(client);
  const taskId = idPath(p.taskId);
  const executorId = idPath(p.executorId, 'executor id');
  if (p.message !== undefined && p.message.length > BODY_LIMITS.applyMessage) throw invalid(`message is at most ${BODY_LIMITS.applyMessage} characters`);
  const key = keyOf(p);
  const route = 'POST /tasks/{task_id}/apply';
  const body = { executor_id: executorId, ...(p.message ? { message: p.message } : {}) };
  const send = async (): Promise<{ applicationId: string | null; alreadyApplied: boolean }> => {
    try {
      const res = await client.call({ method: 'POST', path: `/tasks/${taskId}/apply`, route, body, headers: idempotencyHeaders(key), ...(p.signal ? { signal: p.signal } : {}) });
      return { applicationId: parse(applySchema, res.body, route).data.application_id ?? null, alreadyApplied: false };
    } catch (err) {
      if (hasCode(err, 'already_applied')) return { applicationId: null, alreadyApplied: true };
      throw err;
    }
  };
  // A re-send is its own reconciliation: it either applies or answers already_applied.
  const r = await mutate({ send, reconcile: async () => null, ...(p.signal ? { signal: p.signal } : {}), ...(p.maxRateWaitMs !== undefined ? { maxRateWaitMs: p.maxRateWaitMs } : {}) });
  return { ...r.value, idempotencyKey: key, reconciled: r.reconciled, sends: r.sends };
}
