// Small shared helpers for the mode routes: task lookup, private-task access, error replies.
import { callerOf } from '../auth.js';
import { trpcError, type SimReply, type SimRequest } from '../../router.js';
import type { Sim } from '../../sim.js';
import type { TaskRecord } from '../../state.js';
import type { RuleError } from './rules.js';

export const same = (a: string | null | undefined, b: string | null | undefined): boolean =>
  !!a && !!b && a.toLowerCase() === b.toLowerCase();

export function taskOf(sim: Sim, taskId: string): TaskRecord | undefined {
  return Object.prototype.hasOwnProperty.call(sim.state.tasks, taskId) ? sim.state.tasks[taskId] : undefined;
}

/** A private task admits its requester, allow-listed viewers and award recipients (§1.3 bids wording). */
export function mayActOnPrivate(sim: Sim, task: TaskRecord, address: string): boolean {
  if (task.taskVisibility !== 'private') return true;
  if (same(task.requester, address)) return true;
  if (task.allowedViewers.some((v) => same(v, address))) return true;
  return sim.state.awards.some((a) => a.taskId === task.id && same(a.workerAddress, address));
}

/**
 * The task a public list read (pitches, proofs) may show this caller, or undefined: unknown tasks and
 * private ones the read-auth caller may not view both read as an empty list (§1.5, §1.6).
 */
export async function listableTask(req: SimRequest, sim: Sim): Promise<TaskRecord | undefined> {
  const task = taskOf(sim, req.params.taskId ?? '');
  if (!task || task.taskVisibility !== 'private') return task;
  const caller = await callerOf(req);
  return caller && mayActOnPrivate(sim, task, caller) ? task : undefined;
}

/** tRPC-shaped error for router-side failures (§5.3 producer 3). */
export const routerFail = (e: RuleError): SimReply => trpcError(e.status, e.error);

/** Active (non-rejected) submissions of a task, optionally by one worker (case-insensitive unless exact). */
export function activeSubmissions(sim: Sim, taskId: string, worker?: string, exact = false) {
  return sim.state.submissions.filter(
    (s) =>
      s.taskId === taskId &&
      s.rejectedAt === null &&
      (worker === undefined || (exact ? s.workerAddress === worker : same(s.workerAddress, worker))),
  );
}

/** Every submission (rejected included) by a worker on a task: the metering count (§5.1 "rejected ones still count"). */
export function submissionsBy(sim: Sim, taskId: string, worker: string): number {
  return sim.state.submissions.filter((s) => s.taskId === taskId && same(s.workerAddress, worker)).length;
}

/** Whether the worker was rejected on this contest (chain SubmissionAlreadyRejected). */
export function wasRejected(sim: Sim, taskId: string, worker: string): boolean {
  return sim.state.submissions.some((s) => s.taskId === taskId && same(s.workerAddress, worker) && s.rejectedAt !== null);
}

/** A readable reference code like the backend's `SUB-…` / `TSK-…` (migration 0051). */
export function referenceCode(prefix: string, sim: Sim): string {
  sim.state.serial += 1;
  return `${prefix}-${sim.state.serial.toString(36).toUpperCase().padStart(8, '0')}`;
}
