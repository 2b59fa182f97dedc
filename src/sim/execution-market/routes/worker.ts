// The worker side (execution-market-api.md §4a, §5a.3, §5a.5, §13.4, §13.5): register (public get-or-create),
// apply, submit, withdraw — each signed by the executor's own wallet — and the worker's submission reads.
import { z } from 'zod';
import type { SimReply } from '../../router.js';
import { EVIDENCE_TYPES, REVIEW_WINDOW_MS } from '../config.js';
import { fail, success, validationFailed } from '../errors.js';
import { dueBy, refund, reopen } from '../lifecycle.js';
import { emitTask, stateOf, touch, type EmCall } from '../runtime.js';
import { iso, submissionDetail, taskJson } from '../serialize.js';
import type { EmApplication, EmExecutor, EmSubmission } from '../state.js';
import { parseWith, queryObject } from '../validate.js';
import { actsForExecutor, ADDRESS, findExecutor, findTask, isReply, parseBody, pathId, route, signer, uuid, type EmRoute } from './common.js';

const registerSchema = z.strictObject({
  wallet_address: z.string().regex(ADDRESS),
  name: z.string().trim().max(100).nullish(),
  email: z.string().trim().max(255).nullish(),
});

function register(call: EmCall): SimReply {
  const b = parseBody(call, registerSchema);
  if (!b.ok) return b.reply;
  const s = stateOf(call.rt);
  const wallet = b.value.wallet_address.toLowerCase();
  const known = s.executors[s.executorByWallet[wallet] ?? ''];
  if (known) return success('Worker already registered', { executor_id: known.id, wallet_address: wallet, created: false });
  const ex: EmExecutor = { id: call.rt.sim.uuid(), wallet, name: b.value.name ?? null, email: b.value.email ?? null, createdAt: call.rt.sim.now(), reputationScore: 0, tasksCompleted: 0 };
  s.executors[ex.id] = ex;
  s.executorByWallet[wallet] = ex.id;
  call.rt.sim.changed();
  return success('Worker registered successfully', { executor_id: ex.id, wallet_address: wallet, created: true });
}

const applySchema = z.strictObject({
  executor_id: uuid(),
  message: z.string().max(500).nullish(),
  reputation_network: z.string().max(30).nullish(),
});

function apply(call: EmCall): SimReply {
  const who = signer(call);
  if (typeof who !== 'string') return who;
  const id = pathId(call, 'task_id');
  if (!id.ok) return id.reply;
  const b = parseBody(call, applySchema);
  if (!b.ok) return b.reply;
  const task = findTask(call, id.value);
  if (isReply(task)) return task;
  const executor = findExecutor(call, b.value.executor_id);
  if (isReply(executor)) return executor;
  const denied = actsForExecutor(call, executor, null);
  if (denied) return denied;
  if (executor.wallet === task.agentId) return fail(403, 'own_task', 'You cannot apply to your own task');
  const s = stateOf(call.rt);
  const apps = (s.applications[task.id] ??= []);
  if (apps.some((a) => a.executorId === executor.id)) return fail(409, 'already_applied', 'Already applied to this task');
  if (task.status !== 'published') return fail(409, 'TASK_NOT_AVAILABLE', 'Task is not available for applications');
  if (executor.reputationScore < task.minReputation) return fail(403, 'insufficient_reputation', `Reputation ${executor.reputationScore} is below the task minimum ${task.minReputation}`);
  const app: EmApplication = { id: call.rt.sim.uuid(), taskId: task.id, executorId: executor.id, message: b.value.message ?? null, status: 'pending', reason: null, createdAt: call.rt.sim.now() };
  apps.push(app);
  touch(call.rt, task);
  emitTask(call.rt, 'ApplicationReceived', task, { application_id: app.id, executor_id: executor.id, wallet_address: executor.wallet }, { users: [executor.wallet] });
  return success('Application submitted successfully', { application_id: app.id, task_id: task.id, status: 'pending', world_verified: false, world_human_id: null });
}

const submitSchema = z.strictObject({
  executor_id: uuid(),
  evidence: z.record(z.string(), z.unknown()),
  notes: z.string().max(1000).nullish(),
  device_metadata: z.record(z.string(), z.unknown()).nullish(),
});

function submit(call: EmCall): SimReply {
  const who = signer(call);
  if (typeof who !== 'string') return who;
  const id = pathId(call, 'task_id');
  if (!id.ok) return id.reply;
  const b = parseBody(call, submitSchema);
  if (!b.ok) return b.reply;
  // Evidence is a dict keyed by evidence type (§5a.5); `{type, data}` is the classic mistake (the guide's 422).
  const badKeys = Object.keys(b.value.evidence).filter((k) => !(EVIDENCE_TYPES as readonly string[]).includes(k));
  if (badKeys.length) {
    return validationFailed(badKeys.map((k) => ({ field: `body.evidence.${k}`, message: `Evidence must be keyed by evidence type, one of ${EVIDENCE_TYPES.join(', ')}`, type: 'enum' })));
  }
  const task = findTask(call, id.value);
  if (isReply(task)) return task;
  const executor = findExecutor(call, b.value.executor_id);
  if (isReply(executor)) return executor;
  const denied = actsForExecutor(call, executor, task);
  if (denied) return denied;
  if (task.executorId !== executor.id) return fail(403, 'not_assigned', 'You are not the assigned executor of this task');
  if (task.status !== 'accepted' && task.status !== 'in_progress') return fail(409, 'TASK_NOT_SUBMITTABLE', `Task is ${task.status}; submissions need accepted or in_progress`);
  const missing = task.evidenceRequired.filter((k) => !(k in b.value.evidence));
  if (missing.length) return fail(400, 'missing_evidence', `Missing required evidence: ${missing.join(', ')}`, { missing, required: task.evidenceRequired });
  if (task.escrow?.status !== 'locked') return fail(409, 'ESCROW_NOT_FUNDED', 'The escrow for this task is not locked');
  const s = stateOf(call.rt);
  const subs = (s.submissions[task.id] ??= []);
  const now = call.rt.sim.now();
  let sub = subs.find((x) => x.executorId === executor.id);
  if (sub) {
    // One submission per (task, executor): a resubmission updates it and resets the verdict (§5a.5).
    Object.assign(sub, { evidence: b.value.evidence, notes: b.value.notes ?? null, deviceMetadata: b.value.device_metadata ?? null, verdict: 'pending', severity: null, submittedAt: now, verifiedAt: null });
  } else {
    sub = { id: call.rt.sim.uuid(), taskId: task.id, executorId: executor.id, evidence: b.value.evidence, notes: b.value.notes ?? null, deviceMetadata: b.value.device_metadata ?? null, verdict: 'pending', severity: null, agentNotes: null, submittedAt: now, verifiedAt: null, paymentTx: null } satisfies EmSubmission;
    subs.push(sub);
    s.submissionTask[sub.id] = task.id;
  }
  task.status = 'submitted';
  touch(call.rt, task);
  dueBy(call.rt, now + REVIEW_WINDOW_MS);
  emitTask(call.rt, 'SubmissionReceived', task, { submission_id: sub.id, executor_id: executor.id, task: taskJson(call.rt, task) });
  const checks = task.evidenceRequired.map((k) => ({ name: `evidence:${k}`, passed: true, score: 1, reason: 'present' }));
  return success('Work submitted successfully. Awaiting agent review.', {
    submission_id: sub.id,
    task_id: task.id,
    status: 'submitted',
    verification: { passed: true, score: 1, checks, warnings: [], phase: 'A', phase_b_status: 'skipped', summary: 'All required evidence present' },
  });
}

const withdrawSchema = z.strictObject({ executor_id: uuid(), reason: z.string().max(500).nullish() });

function withdraw(call: EmCall): SimReply {
  const who = signer(call);
  if (typeof who !== 'string') return who;
  const id = pathId(call, 'task_id');
  if (!id.ok) return id.reply;
  const b = parseBody(call, withdrawSchema);
  if (!b.ok) return b.reply;
  const task = findTask(call, id.value);
  if (isReply(task)) return task;
  const executor = findExecutor(call, b.value.executor_id);
  if (isReply(executor)) return executor;
  const denied = actsForExecutor(call, executor, task);
  if (denied) return denied;
  if (task.executorId !== executor.id) return fail(403, 'not_assignee', 'Only the assigned executor can withdraw');
  if (task.status !== 'accepted' && task.status !== 'in_progress') return fail(409, 'TASK_NOT_WITHDRAWABLE', `Task is ${task.status}; withdraw needs accepted or in_progress`);
  // The escrow locked for this worker goes back to the payer first, then the task re-opens (§13.4).
  const tx = refund(call.rt, task);
  reopen(call.rt, task, executor.id, b.value.reason ? `Withdrawn: ${b.value.reason}` : 'Withdrawn by the executor');
  emitTask(call.rt, 'WorkerWithdrew', task, { executor_id: executor.id, refund_tx: tx, task: taskJson(call.rt, task) }, { users: [executor.wallet] });
  return success('Withdrawn from the task. Escrow refunded to the publisher; the task is published again.', { task_id: task.id, executor_id: executor.id, status: 'published', refund_tx: tx });
}

function mySubmission(call: EmCall): SimReply {
  const who = signer(call);
  if (typeof who !== 'string') return who;
  const id = pathId(call, 'task_id');
  if (!id.ok) return id.reply;
  const q = parseWith(z.object({ executor_id: uuid() }), queryObject(call.req.query), 'query');
  if (!q.ok) return q.reply;
  const task = findTask(call, id.value);
  if (isReply(task)) return task;
  const executor = findExecutor(call, q.value.executor_id);
  if (isReply(executor)) return executor;
  const denied = actsForExecutor(call, executor, task);
  if (denied) return denied;
  const sub = (stateOf(call.rt).submissions[task.id] ?? []).find((x) => x.executorId === executor.id);
  if (!sub) return fail(404, 'not_found', 'No submission for this executor on this task');
  return success('Submission found', submissionDetail(call.rt, sub));
}

function getSubmission(call: EmCall): SimReply {
  const who = signer(call);
  if (typeof who !== 'string') return who;
  const id = pathId(call, 'submission_id');
  if (!id.ok) return id.reply;
  const s = stateOf(call.rt);
  const task = s.tasks[s.submissionTask[id.value] ?? ''];
  const sub = task && (s.submissions[task.id] ?? []).find((x) => x.id === id.value);
  if (!task || !sub) return fail(404, 'not_found', 'Submission not found');
  const executor = s.executors[sub.executorId];
  if (who !== task.agentId && who !== executor?.wallet) return fail(403, 'forbidden', 'Only the submitter or the publisher can read this submission');
  return success('Submission found', { ...submissionDetail(call.rt, sub), task_status: task.status, task_updated_at: iso(task.updatedAt) });
}

export const routes: EmRoute[] = [
  route('POST', '/api/v1/workers/register', 'pub', (_r, call) => register(call)),
  route('POST', '/api/v1/tasks/:task_id/apply', 'write', (_r, call) => apply(call)),
  route('POST', '/api/v1/tasks/:task_id/submit', 'write', (_r, call) => submit(call)),
  route('POST', '/api/v1/tasks/:task_id/withdraw', 'write', (_r, call) => withdraw(call)),
  route('GET', '/api/v1/workers/tasks/:task_id/my-submission', 'write', (_r, call) => mySubmission(call)),
  route('GET', '/api/v1/submissions/:submission_id', 'write', (_r, call) => getSubmission(call)),
];
