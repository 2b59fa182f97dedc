// Live task updates for the desk: pushed from /ws while the feed is open (an event about a task → one signed
// re-read of it, coalesced), polled while it is not (fallback), always inside the documented limits (60
// requests a minute per wallet, §2: the poller spends at most `budgetPerMinute` of them, default half).
import type { Task } from '../../core/types.js';
import { MarketError } from '../errors.js';
import type { EmReader } from './reader.js';
import type { EmFeed, EmFeedEvent } from './ws.js';

export interface EmLiveOptions {
  reader: EmReader;
  /** null: no socket at all (poll only). */
  feed: EmFeed | null;
  onTask(task: Task, source: 'push' | 'poll'): void;
  /** A task EM no longer shows this wallet (404/410): stop showing it as live. */
  onGone?(taskId: string): void;
  onError?(err: unknown): void;
  /** A TaskCreated in the global room: new work on the market (refresh the browse feed). */
  onNewTask?(taskId: string): void;
  /** Requests a minute the poller may spend (default 30 of the 60 the server allows a wallet). */
  budgetPerMinute?: number;
  /** Shortest poll cycle (default 5 s). */
  minIntervalMs?: number;
  /** Coalesce pushes about one task within this window (default 300 ms). */
  coalesceMs?: number;
}

export interface EmLive {
  /** 'push' while the feed is open, else 'poll'. */
  mode(): 'push' | 'poll';
  /** Feed events arrive here (wire it as the feed's onEvent). */
  handleEvent(e: EmFeedEvent): void;
  /** One polling cycle over the tracked tasks, now. */
  pollOnce(signal?: AbortSignal): Promise<void>;
  /** The delay between polling cycles for `n` tracked tasks within the budget. */
  intervalFor(n: number): number;
  stop(): void;
}

/** Events whose room says the task is ours: track it (the worker side has no listing, §13.5). */
const MINE = new Set(['ApplicationReceived', 'WorkerAssigned', 'TaskAssignFailed', 'SubmissionReceived', 'SubmissionApproved', 'SubmissionRejected', 'SubmissionRevisionRequested', 'PaymentEscrowed', 'PaymentReleased', 'PaymentRefunded', 'WorkerWithdrew', 'TaskUpdated', 'TaskCompleted', 'TaskCancelled', 'TaskExpired']);

export function createEmLive(o: EmLiveOptions): EmLive {
  const budget = Math.max(1, o.budgetPerMinute ?? 30);
  const minInterval = o.minIntervalMs ?? 5_000;
  const coalesce = o.coalesceMs ?? 300;
  const pending = new Map<string, NodeJS.Timeout>();
  let stopped = false;
  let pollTimer: NodeJS.Timeout | null = null;
  let polling = false;
  let backoffUntil = 0;

  const mode = () => (o.feed?.state().kind === 'open' ? 'push' : 'poll');
  const intervalFor = (n: number) => Math.max(minInterval, Math.ceil((Math.max(1, n) * 60_000) / budget));

  async function refresh(taskId: string, source: 'push' | 'poll', signal?: AbortSignal): Promise<void> {
    const t = await o.reader.task(taskId, signal);
    if (t.value) o.onTask(t.value, source);
    else {
      o.reader.untrack(taskId);
      o.onGone?.(taskId);
    }
  }

  function noteError(err: unknown): void {
    // A 429 says how long to wait: the next cycle honours it.
    if (err instanceof MarketError && err.kind === 'rate_limited') backoffUntil = Date.now() + (err.details.retryAfterMs ?? 5_000);
    o.onError?.(err);
  }

  async function pollOnce(signal?: AbortSignal): Promise<void> {
    if (polling) return;
    polling = true;
    try {
      for (const id of o.reader.tracked()) {
        if (stopped || Date.now() < backoffUntil) break;
        try {
          await refresh(id, 'poll', signal);
        } catch (err) {
          noteError(err);
          break;
        }
      }
    } finally {
      polling = false;
    }
  }

  function loop(): void {
    if (stopped) return;
    const n = o.reader.tracked().length;
    const run = mode() === 'poll' && n > 0 && Date.now() >= backoffUntil ? pollOnce() : Promise.resolve();
    void run.finally(() => {
      if (stopped) return;
      pollTimer = setTimeout(loop, Math.max(intervalFor(n), backoffUntil - Date.now()));
      pollTimer.unref();
    });
  }
  pollTimer = setTimeout(loop, 0);
  pollTimer.unref();

  return {
    mode,
    handleEvent(e) {
      if (stopped || !e.taskId) return;
      const taskId = e.taskId;
      // Events in our user room or a task room are about our tasks; global ones are market news.
      if (e.room !== 'global' && MINE.has(e.name)) o.reader.track(taskId);
      if (e.room === 'global' && e.name === 'TaskCreated') o.onNewTask?.(taskId);
      if (e.room === 'global' && !o.reader.tracked().includes(taskId)) return;
      if (pending.has(taskId)) return;
      const t = setTimeout(() => {
        pending.delete(taskId);
        refresh(taskId, 'push').catch(noteError);
      }, coalesce);
      t.unref();
      pending.set(taskId, t);
    },
    pollOnce,
    intervalFor,
    stop() {
      stopped = true;
      if (pollTimer) clearTimeout(pollTimer);
      for (const t of pending.values()) clearTimeout(t);
      pending.clear();
    },
  };
}
