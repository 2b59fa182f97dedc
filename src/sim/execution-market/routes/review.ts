// The publisher's side after publishing (execution-market-api.md §4a, §5a.6, §13.2, §13.4): applications and
// submissions lists, approve (pays 87/13 in the same call), reject minor/major, request more info, cancel.
import { z } from 'zod';
import type { SimReply } from '../../router.js';
import { fail, success } from '../errors.js';
import { escrowJson } from '../escrow.js';
import { approve, refund, reopen } from '../lifecycle.js';
import { NETWORK } from '../config.js';
import { unitsToUsdc } from '../money.js';
import { emitTask, stateOf, touch, type EmCall } from '../runtime.js';
import { applicationJson, submissionRow, taskJson } from '../serialize.js';
import type { EmSubmission, EmTask } from '../state.js';
import { findTask, isReply, ownerOnly, parseBody, pathId, route, signer, type EmRoute } from './common.js';

function ownedTask(call: EmCall): EmTask | SimReply {
  const id = pathId(call, 'task_id');
  if (!id.ok) return id.reply;
  const task = findTask(call, id.value);
  if (isReply(task)) return task;
  return ownerOnly(call, task) ?? task;
}

function applications(call: EmCall): SimReply {
  const task = ownedTask(call);
  if (isReply(task)) return task;
  const apps = (stateOf(call.rt).applications[task.id] ?? []).map((a) => applicationJson(call.rt, a));
  return { status: 200, body: { applications: apps, count: apps.length } };
}

function submissions(call: EmCall): SimReply {
  const task = ownedTask(call);
  if (isReply(task)) return task;
  const subs = (stateOf(call.rt).submissions[task.id] ?? []).map(submissionRow);
  return { status: 200, body: { submissions: subs, count: subs.length } };
}

/** The submission, its task, and the owner check. */
function ownedSubmission(call: EmCall): { task: EmTask; sub: EmSubmission } | SimReply {
  const who = signer(call);
  if (typeof who !== 'string') return who;
  const id = pathId(call, 'submission_id');
  if (!id.ok) return id.reply;
  const s = stateOf(call.rt);
  const task = s.tasks[s.submissionTask[id.value] ?? ''];
  const sub = task && (s.submissions[task.id] ?? []).find((x) => x.id === id.value);
  if (!task || !sub) return fail(404, 'not_found', 'Submission not found');
  return ownerOnly(call, task) ?? { task, sub };
}

const approveSchema = z.strictObject({
  notes: z.string().max(1000).nullish(),
  // Deprecated 2026-08-28: accepted and ignored (§13.2).
  rating_score: z.int().min(0).max(100).nullish(),
  // Only session principals need it (§13.2); validated for shape, then ignored: ERC-8128 callers pay directly.
  lifecycle_order: z
    .strictObject({
      action: z.enum(['release', 'refundInEscrow']).default('release'),
      signer: z.string(),
      deadline: z.int(),
      nonce: z.string().regex(/^0x[0-9a-fA-F]{64}$/),
      signature: z.string(),
    })
    .nullish(),
});

function approveRoute(call: EmCall): SimReply {
  const found = ownedSubmission(call);
  if (isReply(found)) return found;
  const { task, sub } = found;
  const body = parseBody(call, approveSchema, true);
  if (!body.ok) return body.reply;
  if (sub.verdict === 'accepted') {
    return { status: 200, body: { success: true, idempotent: true, message: 'Submission already approved.', data: approvalData(task, sub) } };
  }
  if (sub.verdict !== 'pending') return fail(409, 'verdict_final', `Submission verdict is ${sub.verdict}; only a pending submission can be approved`);
  if (task.status !== 'submitted' || task.executorId !== sub.executorId) return fail(409, 'TASK_NOT_APPROVABLE', `Task is ${task.status}`);
  if (task.escrow?.status !== 'locked') return fail(409, 'ESCROW_NOT_RELEASABLE', 'No locked escrow to release', { escrow_status: task.escrow?.status ?? null });
  approve(call.rt, task, sub, body.value.notes ?? null);
  return success('Submission approved. Payment released to worker.', approvalData(task, sub));
}

function approvalData(task: EmTask, sub: EmSubmission): Record<string, unknown> {
  const e = task.escrow;
  return {
    submission_id: sub.id,
    verdict: 'accepted',
    payment_tx: sub.paymentTx,
    network: NETWORK,
    explorer_url: null,
    fee_tx: null,
    escrow_release_tx: e?.releaseTx ?? null,
    payment_mode: 'fase2',
    worker_net_usdc: e?.workerNet != null ? unitsToUsdc(e.workerNet) : null,
    platform_fee_usdc: e?.fee != null ? unitsToUsdc(e.fee) : null,
    gross_amount_usdc: e ? unitsToUsdc(e.amount) : null,
  };
}

const rejectSchema = z.strictObject({
  notes: z.string().trim().min(10).max(1000),
  severity: z.enum(['minor', 'major']).default('minor'),
  reputation_score: z.int().min(0).max(50).nullish(),
});

const DAY_MS = 86_400_000;

function rejectRoute(call: EmCall): SimReply {
  const found = ownedSubmission(call);
  if (isReply(found)) return found;
  const { task, sub } = found;
  const body = parseBody(call, rejectSchema);
  if (!body.ok) return body.reply;
  const b = body.value;
  if (sub.verdict !== 'pending' || task.status !== 'submitted') return fail(409, 'already_processed', `Submission verdict is already ${sub.verdict}`);
  const now = call.rt.sim.now();
  const limit = call.rt.settings.majorRejectLimit;
  if (b.severity === 'major' && limit > 0) {
    const s = stateOf(call.rt);
    const recent = (s.majorRejects[task.agentId] ?? []).filter((t) => t > now - DAY_MS);
    if (recent.length >= limit) return fail(429, 'major_reject_limit', `At most ${limit} major rejections per 24 h`, {}, true);
    s.majorRejects[task.agentId] = [...recent, now];
  }
  sub.verdict = 'rejected';
  sub.severity = b.severity;
  sub.agentNotes = b.notes;
  sub.verifiedAt = now;
  let refundTx: string | null = null;
  if (b.severity === 'major') {
    // The escrow names this worker as receiver, so it cannot pay anyone else: refund, and re-open the task.
    refundTx = refund(call.rt, task);
    const worker = task.executorId;
    emitTask(call.rt, 'SubmissionRejected', task, { submission_id: sub.id, severity: 'major', notes: b.notes });
    reopen(call.rt, task, worker, 'Submission rejected (major)');
  } else {
    task.status = 'in_progress';
    touch(call.rt, task);
    emitTask(call.rt, 'SubmissionRejected', task, { submission_id: sub.id, severity: 'minor', notes: b.notes });
  }
  emitTask(call.rt, 'TaskUpdated', task, { status: task.status, task: taskJson(call.rt, task) });
  const message = b.severity === 'major' ? 'Submission rejected. Task returned to available pool.' : 'Submission rejected. The worker may resubmit.';
  return success(message, { submission_id: sub.id, verdict: 'rejected', severity: b.severity, task_status: task.status, refund_tx: refundTx });
}

const moreInfoSchema = z.strictObject({ notes: z.string().trim().min(5).max(1000) });

function moreInfoRoute(call: EmCall): SimReply {
  const found = ownedSubmission(call);
  if (isReply(found)) return found;
  const { task, sub } = found;
  const body = parseBody(call, moreInfoSchema);
  if (!body.ok) return body.reply;
  if (sub.verdict !== 'pending' || task.status !== 'submitted') return fail(409, 'verdict_final', `Submission verdict is already ${sub.verdict}`);
  sub.verdict = 'more_info_requested';
  sub.agentNotes = body.value.notes;
  task.status = 'in_progress';
  touch(call.rt, task);
  emitTask(call.rt, 'SubmissionRevisionRequested', task, { submission_id: sub.id, notes: body.value.notes });
  return success('More information requested from the worker.', { submission_id: sub.id, task_id: task.id, verdict: 'more_info_requested' });
}

const cancelSchema = z.strictObject({ reason: z.string().max(500).nullish() });

function cancelRoute(call: EmCall): SimReply {
  const who = signer(call);
  if (typeof who !== 'string') return who;
  const task = ownedTask(call);
  if (isReply(task)) return task;
  const body = parseBody(call, cancelSchema, true);
  if (!body.ok) return body.reply;
  if (task.status === 'cancelled') {
    return { status: 200, body: { success: true, idempotent: true, message: 'Task already cancelled.', data: { task_id: task.id, reason: task.cancelReason, escrow: escrowJson(task.escrow) } } };
  }
  // Cancellable before evidence: published or accepted (§13.4). Everything else, `assigning` included, is 409.
  if (task.status !== 'published' && task.status !== 'accepted') return fail(409, 'TASK_NOT_CANCELLABLE', `Cannot cancel task in '${task.status}' status`);
  const refundTx = refund(call.rt, task);
  task.status = 'cancelled';
  task.cancelledAt = call.rt.sim.now();
  task.cancelReason = body.value.reason ?? null;
  touch(call.rt, task);
  emitTask(call.rt, 'TaskCancelled', task, { reason: task.cancelReason, refund_tx: refundTx, task: taskJson(call.rt, task) }, { global: true });
  const note = refundTx ? ' Escrow refunded to the payer.' : '';
  return success(`Task cancelled successfully.${note}`, { task_id: task.id, reason: task.cancelReason, refund_tx: refundTx, escrow: escrowJson(task.escrow) });
}

export const routes: EmRoute[] = [
  route('GET', '/api/v1/tasks/:task_id/applications', 'read', (_r, call) => applications(call)),
  route('GET', '/api/v1/tasks/:task_id/submissions', 'read', (_r, call) => submissions(call)),
  route('POST', '/api/v1/submissions/:submission_id/approve', 'write', (_r, call) => approveRoute(call)),
  route('POST', '/api/v1/submissions/:submission_id/reject', 'write', (_r, call) => rejectRoute(call)),
  route('POST', '/api/v1/submissions/:submission_id/request-more-info', 'write', (_r, call) => moreInfoRoute(call)),
  route('POST', '/api/v1/tasks/:task_id/cancel', 'write', (_r, call) => cancelRoute(call)),
];
