// What a task looks like at this instant of market time, between polls. The backend computes
// pendingActions and submissionWindowOpen when asked; the desk must not keep offering an action whose
// window closed a second ago just because the next poll is 15 s away (taskmarket-backend.md §2.3–§2.5).
import type { PendingAction, Task, TaskStatus } from './types.js';

/** Statuses no timer can change: no countdown runs on them. */
export const TERMINAL_STATUSES: ReadonlySet<TaskStatus> = new Set<TaskStatus>(['completed', 'expired', 'cancelled']);

/** Past its expiry while still in a status the backend would show as expired (phase awaiting_settlement). */
export function isPastExpiry(task: Pick<Task, 'status' | 'expiryTime'>, now: number): boolean {
  return !TERMINAL_STATUSES.has(task.status) && task.expiryTime <= now;
}

/** The status word for screens: the backend's status, or "expired" once an open-ish task's expiry passed. */
export function displayStatus(task: Pick<Task, 'status' | 'expiryTime'>, now: number): string {
  return isPastExpiry(task, now) ? 'expired' : task.status;
}

/** submissionWindowOpen as the backend would answer now: never true past expiry (§2.5). */
export function liveWindowOpen(task: Pick<Task, 'submissionWindowOpen' | 'expiryTime'>, now: number): boolean {
  return task.submissionWindowOpen && task.expiryTime > now;
}

/**
 * The fetched pendingActions minus what the backend would already omit at `now`: every action whose
 * availableUntil has passed, and `cancel` once the task expired (§2.3: cancel needs !expired; it has no
 * availableUntil of its own). Actions not yet available (availableAfter) stay: they show a countdown.
 */
export function liveActions(actions: readonly PendingAction[], task: Pick<Task, 'expiryTime'>, now: number): PendingAction[] {
  const out = actions.filter((a) => isLiveAction(a, task, now));
  return out.length === actions.length ? (actions as PendingAction[]) : out;
}

/** One action of liveActions(): still offered by the backend at `now`. */
export function isLiveAction(a: { action: string; availableUntil: number | null }, task: Pick<Task, 'expiryTime'>, now: number): boolean {
  return (a.availableUntil === null || now < a.availableUntil) && !(a.action === 'cancel' && task.expiryTime <= now);
}

export type DeadlineKind = 'bid' | 'pitch' | 'exp';

/** The next deadline the operator can act on: the bid or pitch window while open, else expiry; null on a terminal task. */
export function nextDeadline(task: Pick<Task, 'status' | 'mode' | 'expiryTime' | 'bidDeadline' | 'pitchDeadline'>, now: number): { kind: DeadlineKind; at: number } | null {
  if (TERMINAL_STATUSES.has(task.status)) return null;
  if (task.status === 'open') {
    if (task.mode === 'auction' && task.bidDeadline !== null && task.bidDeadline > now) return { kind: 'bid', at: task.bidDeadline };
    if (task.mode === 'pitch' && task.pitchDeadline !== null && task.pitchDeadline > now) return { kind: 'pitch', at: task.pitchDeadline };
  }
  return { kind: 'exp', at: task.expiryTime };
}
