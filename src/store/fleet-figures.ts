// The fleet's figures from what the markets list, pure: tasks tracked across polls (with the time a change
// was first seen), each agent's counts on Execution Market and Taskmarket, applications from two browse
// listings, and the summaries pipelineProgress reads.
import type { FleetTaskSummary } from '../config/fleet-progress.js';
import type { Task } from '../core/types.js';
import type { InboxView } from '../markets/market.js';
import type { MarketCounts } from './fleet-state.js';

/** A task as last listed, and when the desk first saw it in its current state. */
export interface TrackedTask {
  task: Task;
  /** Epoch ms of the poll that first saw this status/assignee; null when it has looked so since first sight. */
  changedAt: number | null;
  seenAt: number;
}

/** Execution Market statuses (execution-market-api.md §3, §13.1b). */
const EM_OPEN = new Set(['published', 'assigning', 'accepted', 'in_progress', 'submitted', 'verifying', 'disputed']);
const EM_HELD = new Set(['assigning', 'accepted', 'in_progress', 'submitted', 'verifying', 'disputed']);
/** A delivery waits on the publisher only in `submitted` (verifying is the arbiter's). */
const EM_REVIEW = new Set(['submitted']);

const TM_DONE = new Set(['completed', 'expired', 'cancelled']);

const emStatus = (t: Task): string => t.em?.status ?? t.status;
const stateKey = (t: Task): string => `${emStatus(t)}|${t.em?.executorId ?? t.claimedBy ?? ''}`;

/** Merge a fresh listing into what is tracked; a task whose status or assignee moved is stamped `fetchedAt`. */
export function mergeTracked(prev: ReadonlyMap<string, TrackedTask>, fresh: readonly Task[], fetchedAt: number): Map<string, TrackedTask> {
  const next = new Map(prev);
  for (const task of fresh) {
    const old = prev.get(task.id);
    const changedAt = old && stateKey(old.task) !== stateKey(task) ? fetchedAt : (old?.changedAt ?? null);
    next.set(task.id, { task, changedAt, seenAt: fetchedAt });
  }
  return next;
}

/** Keep the newest `max` tasks (by creation) so a desk left open for days stays small. */
export function trimTracked(m: Map<string, TrackedTask>, max: number): Map<string, TrackedTask> {
  if (m.size <= max) return m;
  const rows = [...m.values()].sort((a, b) => b.task.createdAt - a.task.createdAt).slice(0, max);
  return new Map(rows.map((r) => [r.task.id, r]));
}

/** The newest time seen on a task: created, assigned, or a change the desk saw happen. */
export function activityOf(r: TrackedTask): number {
  return Math.max(r.task.createdAt, r.task.em?.assignedAt ?? r.task.claimedAt ?? 0, r.changedAt ?? 0);
}

const newest = (rows: readonly TrackedTask[]): number | null => (rows.length ? Math.max(...rows.map(activityOf)) : null);

/**
 * One agent's Execution Market counts: `published` are the tasks it published, `assigned` the fleet-published
 * tasks whose executor is this agent (EM has no public "my work" listing, so work for publishers outside the
 * fleet is not seen), `applied` from appliedCount (null until its executor id is known).
 */
export function emCounts(published: readonly TrackedTask[], assigned: readonly TrackedTask[], applied: number | null, fetchedAt: number): MarketCounts {
  return {
    open: published.filter((r) => EM_OPEN.has(emStatus(r.task))).length,
    applied,
    assigned: assigned.filter((r) => EM_HELD.has(emStatus(r.task))).length,
    toReview: published.filter((r) => EM_REVIEW.has(emStatus(r.task))).length,
    lastActivity: newest([...published, ...assigned]),
    fetchedAt,
  };
}

/**
 * Pending applications from two browse listings of published tasks: `all` (newest first) and the same with
 * `exclude_executor=<its id>` (EM hides the tasks that executor applied to, §4a). A task in `all` missing
 * from `excluded` is one it applied to; when `excluded` was cut off by its page size only tasks at least as
 * new as its oldest row are judged.
 */
export function appliedCount(all: readonly Task[], excluded: readonly Task[], excludedFull: boolean): number {
  const kept = new Set(excluded.map((t) => t.id));
  const oldest = excluded.length ? Math.min(...excluded.map((t) => t.createdAt)) : -Infinity;
  return all.filter((t) => !kept.has(t.id) && (!excludedFull || t.createdAt >= oldest)).length;
}

/** A tracked EM task as pipelineProgress reads it, with the assignee's wallet when the desk learned it. */
export function toSummary(r: TrackedTask, walletOfExecutor: (id: string) => string | null): FleetTaskSummary {
  const t = r.task;
  const executor = t.em?.executorId ?? null;
  return {
    id: t.id,
    title: t.em?.title ?? '',
    category: t.em?.category ?? null,
    status: emStatus(t),
    publisher: t.em?.publisherWallet ?? t.requester,
    worker: t.em?.executorWallet ?? (executor ? walletOfExecutor(executor) : null),
    bounty: t.em?.bounty ?? t.reward,
    createdAt: t.createdAt,
  };
}

/**
 * A Taskmarket agent's counts from its public inbox (taskmarket-backend.md §1.10: asRequester = it asked,
 * asWorker = claimed or awarded). Bids and pitches are not listed there, so `applied` is null.
 */
export function tmCounts(wallet: string, inbox: InboxView, fetchedAt: number, tracked: ReadonlyMap<string, TrackedTask>): MarketCounts {
  const w = wallet.toLowerCase();
  const rows = (list: readonly Task[]) => list.map((t) => tracked.get(t.id) ?? { task: t, changedAt: null, seenAt: fetchedAt });
  const asked = rows(inbox.asRequester.filter((t) => t.requester.toLowerCase() === w));
  const work = rows(inbox.asWorker);
  return {
    open: asked.filter((r) => !TM_DONE.has(r.task.status)).length,
    applied: null,
    assigned: work.filter((r) => !TM_DONE.has(r.task.status) && r.task.status !== 'open').length,
    toReview: asked.filter((r) => r.task.status === 'pending_approval').length,
    lastActivity: newest([...asked, ...work]),
    fetchedAt,
  };
}
