import type { Task } from '../../../core/types.js';
import type { EmClient } from '../client.js';
import { BODY_LIMITS } from '../constants.js';
import { EmError } from '../errors.js';
import { assignedSchema, assigningSchema } from '../schemas/writes.js';
import { checkChallenge, fetchAssignChallenge, signPaymentAuth } from './assign-challenge.js';
import { honouringRateLimit, idPath, idempotencyHeaders, invalid, keyOf, mutate, parse, requireSigner, sleep, type WriteMeta, type WriteOptions } from './common.js';
import { getApplications } from './get-applications.js';
import { getEscrowConfig, type EmEscrowConfig } from './get-escrow-config.js';
import { getTask } from './get-task.js';

export interface AssignParameters extends WriteOptions {
  taskId: string;
  executorId: string;
  /** The worker wallet the operator confirmed; the challenge's receiver must be it. Default: the application's. */
  workerWallet?: string;
  /** The bounty the operator confirmed (base units); the task must still have it. */
  bounty?: bigint;
  notes?: string;
  escrow?: EmEscrowConfig;
  /** First poll interval after a 202 (grows ×1.5 to 5 s). */
  pollIntervalMs?: number;
  /** How long a 202 lock is polled before giving the unknown outcome back (default 3 min). */
  maxLockWaitMs?: number;
}

export interface AssignResult extends WriteMeta {
  taskId: string;
  executorId: string;
  workerWallet: string;
  /** Locked in escrow for the worker (= the bounty). */
  escrowAmount: bigint;
  escrowTx: string | null;
  /** 'inline': 200; 'after_lock': a 202 polled until accepted; 'reconciled': found accepted after an unknown outcome. */
  path: 'inline' | 'after_lock' | 'reconciled';
  polls: number;
}

type Done = Omit<AssignResult, keyof WriteMeta>;

const lockFailed = (taskId: string) =>
  new EmError('http', `Escrow lock for task ${taskId} failed: the task is published again and may be re-assigned with a fresh challenge`, { status: 402, reason: 'lock_failed', detail: { code: 'LOCK_FAILED', retryable: true, message: 'escrow lock failed', fields: [], ref: null } });

/**
 * Assign with escrow (§5a.4, §13.1): challenge → checked → signed ReceiveWithAuthorization → POST /assign with
 * X-Payment-Auth. A 202 is never re-posted: GET /tasks/{id} is polled until `accepted` (locked) or back to
 * `published` (lock failed). An unknown outcome is reconciled the same way before the one re-send.
 */
export async function assign(client: EmClient, p: AssignParameters): Promise<AssignResult> {
  const me = requireSigner(client).address;
  const taskId = idPath(p.taskId);
  const executorId = idPath(p.executorId, 'executor id');
  if (p.notes !== undefined && p.notes.length > BODY_LIMITS.assignNotes) throw invalid(`notes are at most ${BODY_LIMITS.assignNotes} characters`);
  const key = keyOf(p);
  const sig = p.signal ? { signal: p.signal } : {};
  const read = (): Promise<Task | null> => honouringRateLimit(() => getTask(client, { taskId, ...sig }), sig);

  const task = await read();
  if (!task?.em) throw new EmError('http', `Task ${taskId} not found`, { status: 404, reason: 'not_found' });
  const bounty = task.em.bounty;
  if (p.bounty !== undefined && p.bounty !== bounty) throw invalid(`the bounty is now ${bounty} base units, the ticket confirmed ${p.bounty}`);
  let worker = p.workerWallet?.toLowerCase();
  if (!worker) {
    const app = (await getApplications(client, { taskId, ...sig })).find((a) => a.executorId === executorId);
    if (!app?.wallet) throw new EmError('http', 'This executor has not applied to the task', { reason: 'worker_not_applied' });
    worker = app.wallet;
  }
  const escrow = p.escrow ?? (await getEscrowConfig(client, { network: task.em.paymentNetwork, ...sig }));
  let polls = 0;

  /** Poll the task until the lock settles one way or the other. */
  const awaitLock = async (): Promise<Done> => {
    const until = client.now() + (p.maxLockWaitMs ?? 180_000);
    let wait = p.pollIntervalMs ?? 1000;
    for (;;) {
      await sleep(wait, p.signal);
      polls++;
      const t = await read();
      const s = t?.em?.status;
      if (t?.em && s === 'accepted' && t.em.executorId === executorId) return { taskId, executorId, workerWallet: worker, escrowAmount: bounty, escrowTx: t.em.escrowTx, path: 'after_lock', polls };
      if (s === 'published') throw lockFailed(taskId);
      if (s !== 'assigning') throw new EmError('http', `Task ${taskId} is ${s ?? 'gone'} while its escrow lock was awaited`, { reason: 'task_changed' });
      if (client.now() > until) throw new EmError('timeout', `Task ${taskId} is still assigning: the lock is in flight (not re-posted)`, { reason: 'lock_pending' });
      wait = Math.min(5000, Math.round(wait * 1.5));
    }
  };

  // A 202 leaves the mutation as 'assigning': the lock is awaited outside it, so nothing can ever re-send it.
  type Step = Done | 'assigning';
  const send = async (): Promise<Step> => {
    const challenge = await fetchAssignChallenge(client, { taskId, executorId, ...sig });
    checkChallenge(challenge, { payer: me, receiver: worker, amount: bounty, escrow, nowS: Math.floor(client.now() / 1000) });
    const auth = await signPaymentAuth(client, challenge);
    const route = 'POST /tasks/{task_id}/assign';
    const body = { executor_id: executorId, ...(p.notes ? { notes: p.notes } : {}) };
    const res = await client.call({ method: 'POST', path: `/tasks/${taskId}/assign`, route, body, headers: { ...idempotencyHeaders(key), 'X-Payment-Auth': auth }, ...sig });
    if (res.status === 202) {
      parse(assigningSchema, res.body, route);
      return 'assigning';
    }
    const d = parse(assignedSchema, res.body, route).data;
    if (d.executor_id !== executorId) throw new EmError('schema', `${route} assigned executor ${d.executor_id}, not ${executorId}`, { route });
    if (d.worker_wallet && d.worker_wallet !== worker) throw new EmError('mismatch', `${route} names worker wallet ${d.worker_wallet}, not ${worker}`, { route });
    return { taskId, executorId, workerWallet: worker, escrowAmount: d.escrow?.amount_usdc ?? bounty, escrowTx: d.escrow?.escrow_tx ?? null, path: 'inline', polls };
  };

  const reconcile = async (): Promise<Step | null> => {
    const t = await read();
    const s = t?.em?.status;
    if (t?.em && s === 'accepted' && t.em.executorId === executorId) return { taskId, executorId, workerWallet: worker, escrowAmount: bounty, escrowTx: t.em.escrowTx, path: 'reconciled', polls };
    if (s === 'assigning') return 'assigning'; // the first send was taken: wait for it, never send again
    if (s === 'published') return null; // nothing landed and nothing is in flight: one re-send with a fresh challenge
    throw new EmError('http', `Task ${taskId} is ${s ?? 'gone'}: not assignable`, { reason: 'task_not_assignable' });
  };

  if (task.em.status === 'accepted' && task.em.executorId === executorId) {
    return { taskId, executorId, workerWallet: worker, escrowAmount: bounty, escrowTx: task.em.escrowTx, path: 'reconciled', polls, idempotencyKey: key, reconciled: true, sends: 0 };
  }
  if (task.em.status === 'assigning') {
    const v = await awaitLock();
    return { ...v, idempotencyKey: key, reconciled: true, sends: 0 };
  }
  const r = await mutate<Step>({ send, reconcile, ...sig, ...(p.maxRateWaitMs !== undefined ? { maxRateWaitMs: p.maxRateWaitMs } : {}) });
  const value = r.value === 'assigning' ? await awaitLock() : r.value;
  return { ...value, idempotencyKey: key, reconciled: r.reconciled, sends: r.sends };
}
