// The scriptable twin: turns the same store and pollers the desk uses into the daemon's events
// (cli §5). Unlike the daemon, the first feed is not a silent baseline: its open tasks come out as
// task.snapshot, then one watch.ready and the first clocks, so a script sees the market at once. Like
// the daemon: the first inbox snapshot is a silent baseline; status diffs only compare tasks present
// in both snapshots; the seen-id set is capped at 2000, oldest out (never below twice the feed).
import type { Task, TaskStatus } from '../core/types.js';
import type { MarketReader } from '../markets/market.js';
import type { DeskStore } from '../store/desk-store.js';
import type { PollOutcome } from '../store/scheduler.js';
import { auctionClock, emailNew, statusChanged, taskNew, taskSnapshot, type WatchEvent } from './events.js';

export const SEEN_CAP = 2000;
/** The daemon's --auction-poll-interval default (cli §5). */
export const AUCTION_CLOCK_MS = 15_000;

class CappedSet {
  private set = new Set<string>();
  constructor(public cap: number) {}
  has(k: string) {
    return this.set.has(k);
  }
  add(k: string) {
    if (this.set.has(k)) return;
    this.set.add(k);
    if (this.set.size > this.cap) {
      const oldest = this.set.values().next().value;
      if (oldest !== undefined) this.set.delete(oldest);
    }
  }
}

export interface Twin {
  /** Feed this from the pollers' onPoll hook. */
  onPoll(o: PollOutcome): void;
  /** Emit task.auction_clock for every open dutch/reverse_dutch task in view. */
  emitClocks(now?: number): void;
}

export function createTwin(store: DeskStore, reader: MarketReader, emit: (e: WatchEvent) => void): Twin {
  const seenTasks = new CappedSet(SEEN_CAP);
  const seenEmails = new CappedSet(SEEN_CAP);
  let feedBaseline = false;
  let inboxPrev: Map<string, { status: TaskStatus; role: 'requester' | 'worker' }> | null = null;

  const onFeed = () => {
    const s = store.getState();
    // The desk's feed can hold far more than the daemon's 50 rows: evicting ids still in it would
    // report them as task.new again on the next poll.
    seenTasks.cap = Math.max(SEEN_CAP, 2 * s.feedIds.length);
    let snapshot = 0;
    for (const id of s.feedIds) {
      const t = s.tasks[id];
      if (!t || seenTasks.has(id)) continue;
      seenTasks.add(id);
      // Open tasks only, like the daemon (it lists status=open).
      if (t.status !== 'open') continue;
      if (feedBaseline) emit(taskNew(t));
      else {
        emit(taskSnapshot(t));
        snapshot += 1;
      }
    }
    if (feedBaseline) return;
    feedBaseline = true;
    emit({ event: 'watch.ready', tasks: snapshot });
    twin.emitClocks();
  };

  const onInbox = () => {
    const s = store.getState();
    const next = new Map<string, { status: TaskStatus; role: 'requester' | 'worker' }>();
    for (const id of s.inbox.asWorker) {
      const t = s.tasks[id];
      if (t) next.set(id, { status: t.status, role: 'worker' });
    }
    // A task in asRequester is reported with role requester (cli §5).
    for (const id of s.inbox.asRequester) {
      const t = s.tasks[id];
      if (t) next.set(id, { status: t.status, role: 'requester' });
    }
    const prev = inboxPrev;
    inboxPrev = next;
    if (!prev) return;
    for (const [id, now] of next) {
      const before = prev.get(id);
      if (!before || before.status === now.status) continue;
      // pendingActions come from the detail, fetched on change like the daemon does.
      void reader
        .getTask(id)
        .then((t: Task | null) => emit(statusChanged(t ?? s.tasks[id]!, now.role, before.status, now.status)))
        .catch(() => emit(statusChanged(s.tasks[id]!, now.role, before.status, now.status)));
    }
  };

  const onEmails = () => {
    const s = store.getState();
    for (const e of s.emails) {
      if (seenEmails.has(e.id)) continue;
      seenEmails.add(e.id);
      // Every unread email once, the first cycle included (the daemon drains the unread queue, cli §5).
      if (!e.isRead) emit(emailNew(e));
    }
  };

  const twin: Twin = {
    onPoll(o) {
      if (!o.ok) return;
      if (o.name === 'feed') onFeed();
      else if (o.name === 'inbox') onInbox();
      else if (o.name === 'emails') onEmails();
    },
    emitClocks(now = Date.now()) {
      const s = store.getState();
      for (const id of s.feedIds) {
        const t = s.tasks[id];
        if (!t || t.status !== 'open' || t.mode !== 'auction') continue;
        if (t.auctionType !== 'dutch' && t.auctionType !== 'reverse_dutch') continue;
        emit(auctionClock(t, now));
      }
    },
  };
  return twin;
}
