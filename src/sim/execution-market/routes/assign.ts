// Assign with escrow (execution-market-api.md §5a.4, §13.1): GET /tasks/{id}/assign/challenge?executor_id= (publisher
// only, read-only) and POST /tasks/{id}/assign with X-Payment-Auth. Every check runs before the answer; then the
// lock happens inline (200) or, with --em-lock-delay, later (202 {status:"assigning"}; the task shows `assigning`
// until it becomes `accepted`, or `published` again with a TaskAssignFailed event if the lock fails then).
import { z } from 'zod';
import type { SimReply } from '../../router.js';
import { fail } from '../errors.js';
import { buildChallenge, checkPaymentAuth, decodePaymentAuth, escrowJson, invalidSignature, lockEscrow, lockProblem, signatureValid, type PaymentAuth } from '../escrow.js';
import { completeAssignment } from '../lifecycle.js';
import { emitTask, stateOf, touch, walletOf, type EmCall, type EmRuntime } from '../runtime.js';
import { iso, taskJson } from '../serialize.js';
import type { EmExecutor, EmTask } from '../state.js';
import { parseWith, queryObject } from '../validate.js';
import { findExecutor, findTask, isReply, ownerOnly, parseBody, pathId, route, signer, uuid, type EmRoute } from './common.js';

const notAssignable = (t: EmTask) => fail(409, 'TASK_NOT_ASSIGNABLE', `Task is ${t.status}, not published`);

/** Task, publisher, executor, status and application checks shared by the challenge and the assign. */
function preconditions(call: EmCall, taskId: string, executorId: string): { task: EmTask; executor: EmExecutor } | SimReply {
  const task = findTask(call, taskId);
  if (isReply(task)) return task;
  const denied = ownerOnly(call, task);
  if (denied) return denied;
  const executor = findExecutor(call, executorId);
  if (isReply(executor)) return executor;
  if (task.status !== 'published') return notAssignable(task);
  const app = (stateOf(call.rt).applications[task.id] ?? []).find((a) => a.executorId === executor.id && a.status === 'pending');
  if (!app) return fail(409, 'WORKER_NOT_APPLIED', 'The worker must apply to this task before it can be assigned');
  if (executor.reputationScore < task.minReputation) return fail(403, 'insufficient_reputation', `Executor reputation ${executor.reputationScore} is below the task minimum ${task.minReputation}`);
  return { task, executor };
}

function challenge(call: EmCall): SimReply {
  const who = signer(call);
  if (typeof who !== 'string') return who;
  const id = pathId(call, 'task_id');
  if (!id.ok) return id.reply;
  const q = parseWith(z.object({ executor_id: uuid() }), queryObject(call.req.query), 'query');
  if (!q.ok) return q.reply;
  const pre = preconditions(call, id.value, q.value.executor_id);
  if (isReply(pre)) return pre;
  return { status: 200, body: buildChallenge(call.rt, pre.task, pre.executor) };
}

const assignSchema = z.strictObject({
  executor_id: uuid(),
  escrow_tx: z.string().regex(/^0x[0-9a-fA-F]{64}$/).nullish(),
  payment_info: z.record(z.string(), z.unknown()).nullish(),
  notes: z.string().max(500).nullish(),
});

function assignedReply(rt: EmRuntime, task: EmTask): SimReply {
  return {
    status: 200,
    body: {
      success: true,
      message: 'Task assigned successfully',
      data: {
        task_id: task.id,
        executor_id: task.executorId,
        status: 'accepted',
        assigned_at: iso(task.assignedAt),
        worker_wallet: walletOf(rt, task.executorId),
        escrow: escrowJson(task.escrow),
      },
    },
  };
}

async function assign(call: EmCall): Promise<SimReply> {
  const who = signer(call);
  if (typeof who !== 'string') return who;
  const id = pathId(call, 'task_id');
  if (!id.ok) return id.reply;
  const body = parseBody(call, assignSchema);
  if (!body.ok) return body.reply;
  const pre = preconditions(call, id.value, body.value.executor_id);
  if (isReply(pre)) return pre;
  if (body.value.escrow_tx) {
    return fail(400, 'escrow_tx_not_simulated', 'A client-side escrow lock (escrow_tx + payment_info) cannot be verified here: send X-Payment-Auth from GET /tasks/{id}/assign/challenge');
  }
  const raw = call.req.headers['x-payment-auth'];
  const header = Array.isArray(raw) ? raw[0] : raw;
  if (!header) {
    return fail(402, 'PAYMENT_AUTH_MISSING', 'Escrow is required to assign: sign GET /tasks/{id}/assign/challenge and send it as X-Payment-Auth', { error: 'Payment required' });
  }
  const decoded = decodePaymentAuth(header);
  if (!decoded.ok) return decoded.reply;
  const auth = decoded.auth;
  const refused = checkPaymentAuth(call.rt, pre.task, pre.executor, auth);
  if (refused) return refused;
  if (!(await signatureValid(call.rt, auth))) return invalidSignature();
  // After the await: everything may have moved. Re-check, then lock (or schedule it) in this same tick.
  const again = preconditions(call, id.value, body.value.executor_id);
  if (isReply(again)) return again;
  const problem = lockProblem(call.rt, again.task, auth);
  if (problem) return problem;
  const { task, executor } = again;
  if (call.rt.settings.lockDelayMs > 0) {
    task.status = 'assigning';
    task.pendingLock = {
      executorId: executor.id,
      authorization: auth.authorization,
      signature: auth.signature,
      paymentInfo: auth.paymentInfo,
      dueAt: call.rt.sim.wall.now() + call.rt.settings.lockDelayMs,
    };
    touch(call.rt, task);
    scheduleLock(call.rt, task);
    emitTask(call.rt, 'TaskUpdated', task, { status: 'assigning', executor_id: executor.id, task: taskJson(call.rt, task) });
    return {
      status: 202,
      body: {
        status: 'assigning',
        task_id: task.id,
        executor_id: executor.id,
        message: 'Escrow lock in flight. Do not re-POST: poll GET /tasks/{id} until it is accepted (locked) or published (lock failed).',
      },
    };
  }
  lockEscrow(call.rt, task, auth);
  completeAssignment(call.rt, task, executor.id);
  return assignedReply(call.rt, task);
}

/** Arm the timer of a pending lock (also used to resume pending locks after a --state restart). */
export function scheduleLock(rt: EmRuntime, task: EmTask): void {
  const pending = task.pendingLock;
  if (!pending || rt.closed) return;
  const old = rt.lockTimers.get(task.id);
  if (old) clearTimeout(old);
  const delay = Math.max(0, pending.dueAt - rt.sim.wall.now());
  const timer = setTimeout(() => {
    rt.lockTimers.delete(task.id);
    runPendingLock(rt, task.id);
  }, delay);
  timer.unref();
  rt.lockTimers.set(task.id, timer);
}

/** The delayed lock: re-check funds and nonce now; lock and accept, or fall back to published. */
export function runPendingLock(rt: EmRuntime, taskId: string): void {
  const task = stateOf(rt).tasks[taskId];
  const pending = task?.pendingLock;
  if (!task || !pending || task.status !== 'assigning') return;
  const auth: PaymentAuth = { authorization: pending.authorization, signature: pending.signature as `0x${string}`, paymentInfo: pending.paymentInfo };
  const problem = lockProblem(rt, task, auth);
  if (problem) {
    task.status = 'published';
    task.pendingLock = null;
    touch(rt, task);
    const detail = (problem.body as { detail: Record<string, unknown> }).detail;
    emitTask(rt, 'TaskAssignFailed', task, { executor_id: pending.executorId, code: detail.code, retryable: detail.retryable, message: detail.message, task: taskJson(rt, task) });
    return;
  }
  lockEscrow(rt, task, auth);
  completeAssignment(rt, task, pending.executorId);
}

export const routes: EmRoute[] = [
  route('GET', '/api/v1/tasks/:task_id/assign/challenge', 'write', (_r, call) => challenge(call)),
  route('POST', '/api/v1/tasks/:task_id/assign', 'write', (_r, call) => assign(call)),
];
