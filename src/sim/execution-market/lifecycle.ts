// Task state changes shared by several routes and the background sweep (execution-market-api.md §5a, §13.4):
// assignment, re-opening a task (major reject, withdraw), approval with payout, expiry with refund, and the
// 72 h auto-settle of an unreviewed submission (§13.2).
import { unitsToUsdc } from './money.js';
import { REVIEW_WINDOW_MS } from './config.js';
import { refundEscrow, releaseEscrow } from './escrow.js';
import { emitTask, stateOf, touch, walletOf, type EmRuntime } from './runtime.js';
import { taskJson } from './serialize.js';
import type { EmSubmission, EmTask } from './state.js';

export const ACTIVE = new Set(['published', 'assigning', 'accepted', 'in_progress']);
const ASSIGNED_ELSEWHERE = 'Task assigned to another executor';

/** Escrow locked → the task is `accepted` by `executorId`; the chosen application accepted, the others rejected. */
export function completeAssignment(rt: EmRuntime, task: EmTask, executorId: string): void {
  task.status = 'accepted';
  task.executorId = executorId;
  task.assignedAt = rt.sim.now();
  task.pendingLock = null;
  for (const a of stateOf(rt).applications[task.id] ?? []) {
    if (a.executorId === executorId) {
      a.status = 'accepted';
      a.reason = null;
    } else if (a.status === 'pending') {
      a.status = 'rejected';
      a.reason = ASSIGNED_ELSEWHERE;
    }
  }
  touch(rt, task);
  const e = task.escrow;
  emitTask(rt, 'WorkerAssigned', task, { executor_id: executorId, worker_wallet: walletOf(rt, executorId), task: taskJson(rt, task) });
  if (e) emitTask(rt, 'PaymentEscrowed', task, { escrow_id: e.escrowId, amount_usdc: unitsToUsdc(e.amount), escrow_tx: e.escrowTx });
}

/** Back to `published` with nobody assigned: `leaving`'s application is closed, the others may be assigned again. */
export function reopen(rt: EmRuntime, task: EmTask, leaving: string | null, reason: string): void {
  task.status = 'published';
  task.executorId = null;
  task.assignedAt = null;
  task.pendingLock = null;
  for (const a of stateOf(rt).applications[task.id] ?? []) {
    if (a.executorId === leaving) {
      a.status = 'rejected';
      a.reason = reason;
    } else if (a.status === 'rejected' && a.reason === ASSIGNED_ELSEWHERE) {
      a.status = 'pending';
      a.reason = null;
    }
  }
  touch(rt, task);
}

/** Refund whatever escrow is locked and tell the payer. Returns the refund tx or null. */
export function refund(rt: EmRuntime, task: EmTask): string | null {
  const amount = task.escrow?.status === 'locked' ? task.escrow.amount : 0n;
  const payer = task.escrow?.payer ?? null;
  const tx = refundEscrow(rt, task);
  if (tx) emitTask(rt, 'PaymentRefunded', task, { amount_usdc: unitsToUsdc(amount), refund_tx: tx, payer }, { users: [payer] });
  return tx;
}

export interface ApprovalResult {
  payment_tx: string;
  worker_net_usdc: string;
  platform_fee_usdc: string;
  gross_amount_usdc: string;
}

/** Settle first, then mark accepted/completed (§5a.6): 87/13 from the escrow, +10 reputation for the worker. */
export function approve(rt: EmRuntime, task: EmTask, sub: EmSubmission, notes: string | null): ApprovalResult {
  const gross = task.escrow?.amount ?? 0n;
  const { workerNet, fee, tx } = releaseEscrow(rt, task);
  const now = rt.sim.now();
  sub.verdict = 'accepted';
  sub.agentNotes = notes ?? sub.agentNotes;
  sub.verifiedAt = now;
  sub.paymentTx = tx;
  task.status = 'completed';
  task.completedAt = now;
  task.paymentTx = tx;
  const ex = stateOf(rt).executors[sub.executorId];
  if (ex) {
    ex.reputationScore = Math.min(100, ex.reputationScore + 10);
    ex.tasksCompleted += 1;
  }
  touch(rt, task);
  const result: ApprovalResult = {
    payment_tx: tx,
    worker_net_usdc: unitsToUsdc(workerNet),
    platform_fee_usdc: unitsToUsdc(fee),
    gross_amount_usdc: unitsToUsdc(gross),
  };
  emitTask(rt, 'SubmissionApproved', task, { submission_id: sub.id, verdict: 'accepted' });
  emitTask(rt, 'PaymentReleased', task, { submission_id: sub.id, ...result });
  emitTask(rt, 'TaskCompleted', task, { task: taskJson(rt, task) }, { global: true });
  return result;
}

/** Expire past-deadline active tasks (refunding escrow) and auto-settle stale submissions; sets the next due time. */
export function sweep(rt: EmRuntime): void {
  const now = rt.sim.now();
  if (now < rt.nextSweepAt || !rt.sim.state.em) return;
  const s = stateOf(rt);
  let next = Number.POSITIVE_INFINITY;
  for (const id of s.taskOrder) {
    const task = s.tasks[id];
    if (!task) continue;
    if (ACTIVE.has(task.status)) {
      if (task.deadlineAt <= now) expire(rt, task);
      else next = Math.min(next, task.deadlineAt);
    } else if (task.status === 'submitted') {
      const pending = (s.submissions[id] ?? []).find((x) => x.executorId === task.executorId && x.verdict === 'pending');
      if (!pending) continue;
      const due = pending.submittedAt + REVIEW_WINDOW_MS;
      if (due <= now && task.escrow?.status === 'locked') approve(rt, task, pending, 'Auto-settled: review window elapsed');
      else next = Math.min(next, due);
    }
  }
  rt.nextSweepAt = next;
}

function expire(rt: EmRuntime, task: EmTask): void {
  const timer = rt.lockTimers.get(task.id);
  if (timer) {
    clearTimeout(timer);
    rt.lockTimers.delete(task.id);
  }
  task.pendingLock = null;
  task.status = 'expired';
  const tx = refund(rt, task);
  touch(rt, task);
  emitTask(rt, 'TaskExpired', task, { refund_tx: tx, task: taskJson(rt, task) }, { global: true });
}

/** Make sure the sweep looks at `at` (market ms) or earlier. */
export function dueBy(rt: EmRuntime, at: number): void {
  rt.nextSweepAt = Math.min(rt.nextSweepAt, at);
}
