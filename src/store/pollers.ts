// The desk's pollers over one MarketReader: network, feed (paged), inbox, details (per-task cadence),
// emails and balance, all feeding the store. Every datum carries the time it arrived.
import type { Address, Task } from '../core/types.js';
import type { MarketError } from '../markets/errors.js';
import type { MarketReader, NetworkInfo, TaskListQuery } from '../markets/market.js';
import { CADENCE, detailInterval } from './cadence.js';
import type { DeskStore } from './desk-store.js';
import { backoffDelay, DEFAULT_BACKOFF, Scheduler, type BackoffOptions, type PollOutcome } from './scheduler.js';
import type { FeedFilter, FeedSort } from './state.js';

export interface PollerOptions {
  /** What the desk expects the market to be on; any difference is a mismatch that blocks the pollers. */
  expectNetwork?: Partial<NetworkInfo>;
  /** Feed pages fetched per ordinary round (behind the backend's cursor). */
  maxFeedPages?: number;
  /** Pages fetched by a deep sweep (the first round, then every `deepSweepEvery` rounds). */
  deepFeedPages?: number;
  deepSweepEvery?: number;
  pageSize?: number;
  timeoutMs?: number;
  backoff?: BackoffOptions;
  /** Most detail fetches in one round; the rest wait their turn. */
  maxDetailsPerRound?: number;
  /** Override a poller's cadence (ms), e.g. watch --task-interval for the feed. */
  intervals?: Partial<Record<'feed' | 'inbox' | 'emails' | 'balance' | 'network', number>>;
  /** Called after every poll, after the store is updated (watch mode hooks in here). */
  onPoll?: (o: PollOutcome) => void;
}

export const POLLERS = ['network', 'feed', 'clocks', 'inbox', 'details', 'emails', 'balance'] as const;
export type PollerName = (typeof POLLERS)[number];
/** Pollers whose failure means the task data on screen is no longer confirmed. */
const TASK_DATA: ReadonlySet<string> = new Set(['network', 'feed', 'clocks', 'inbox', 'details']);

/**
 * Walk a listing's cursor for up to `maxPages`, each task once. Stops early when a page brings no new
 * task: a market that repeats a page (the real backend does for non-newest sorts) cannot loop us.
 */
export async function walkPages(reader: MarketReader, base: TaskListQuery, maxPages: number, signal: AbortSignal): Promise<{ tasks: Task[]; hasMore: boolean }> {
  const tasks: Task[] = [];
  const seen = new Set<string>();
  let cursor: string | null = null;
  let hasMore = false;
  for (let page = 0; page < maxPages; page++) {
    const res = await reader.listTasks(cursor ? { ...base, cursor } : base, signal);
    let fresh = 0;
    for (const t of res.tasks) {
      if (seen.has(t.id)) continue;
      seen.add(t.id);
      tasks.push(t);
      fresh++;
    }
    hasMore = res.hasMore && res.nextCursor !== null && res.nextCursor !== cursor;
    cursor = res.nextCursor;
    if (!hasMore || fresh === 0) break;
  }
  return { tasks, hasMore };
}

/**
 * The server query for a feed filter. The listing is always walked newest-first and sorted locally:
 * the backend's cursor pages only `newest` (taskmarket-backend.md §1.2; other sorts are one page), so
 * a server-side reward or deadline sort could never list more than its first page.
 */
export function feedQuery(f: FeedFilter, _sort: FeedSort, limit: number): TaskListQuery {
  const q: TaskListQuery = { status: f.status, limit, sort: 'newest' };
  if (f.mode) q.mode = f.mode;
  if (f.auctionType) q.auctionType = f.auctionType;
  const tags = [...f.tags, ...(f.skill ? [f.skill] : [])];
  if (tags.length > 0) q.tags = tags;
  if (f.minReward !== null) q.minReward = f.minReward;
  if (f.maxReward !== null) q.maxReward = f.maxReward;
  if (f.deadlineHours !== null) q.deadlineHours = f.deadlineHours;
  return q;
}

function describeMismatch(got: NetworkInfo, want: Partial<NetworkInfo>): string | null {
  if (want.chainId !== undefined && got.chainId !== want.chainId) {
    return `market is on chain ${got.chainId} (${got.networkName}), expected ${want.chainId}`;
  }
  if (want.networkName !== undefined && got.networkName !== want.networkName) {
    return `market is on ${got.networkName}, expected ${want.networkName}`;
  }
  if (want.usdcAddress !== undefined && got.usdcAddress.toLowerCase() !== want.usdcAddress.toLowerCase()) {
    return `market USDC is ${got.usdcAddress}, expected ${want.usdcAddress}`;
  }
  return null;
}

export function createPollers(store: DeskStore, reader: MarketReader, opts: PollerOptions = {}): Scheduler {
  const pageSize = opts.pageSize ?? 100;
  const maxPages = opts.maxFeedPages ?? 2;
  // A deep sweep walks the whole cursor (up to 10,000 tasks) now and then; ordinary rounds refresh
  // the newest pages and keep the older tail from the last sweep, so a big market costs a few
  // requests per round, not a hundred.
  const deepPages = Math.max(maxPages, opts.deepFeedPages ?? 100);
  const deepEvery = opts.deepSweepEvery ?? 8;
  let feedRound = 0;
  let lastFeedKey = '';
  const currentFeedQuery = () => feedQuery(store.getState().filter, store.getState().sort, pageSize);
  const feedKey = (q: TaskListQuery) => JSON.stringify(q, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
  const nextFeedIsDeep = () => feedRound % deepEvery === 0 || feedKey(currentFeedQuery()) !== lastFeedKey;
  const expected: Partial<NetworkInfo> = { ...opts.expectNetwork };
  const dueAt = new Map<string, number>();
  // A ticket asked for this task while its read was in flight: that read began too early to answer it, so
  // the task stays due at once (the kicked round reads it again) instead of at its usual cadence.
  const askedSince = (id: string, startedAt: number): boolean => (store.getState().detailRequests[id] ?? -Infinity) > startedAt;
  const wallet = (): Address | null => store.getState().conn.wallet;
  // Nothing that reads task state runs before the network is known to match (the gate would act on it).
  const clear = () => store.getState().conn.network !== null && store.getState().conn.mismatch === null;
  // While the market is unreachable only the network poller probes it, so there is one retry countdown
  // for the market (not one per poller); its first success wakes every poller.
  let marketDown = false;
  // Outages in a row, reset only when task data comes back: a market that answers the probe but fails
  // everything else backs off too, instead of flapping between probe and pollers.
  let outages = 0;
  const clearAndUp = () => clear() && !marketDown;
  const backoff = opts.backoff ?? DEFAULT_BACKOFF;

  // Failing pollers; the header shows the first error and the market's retry time.
  const failing = new Map<string, { message: string; retryAt: number; down: boolean }>();
  const scheduler = new Scheduler((o) => {
    if (o.ok || !o.error) failing.delete(o.name);
    else {
      const e: MarketError = o.error;
      failing.set(o.name, { message: `${o.name}: ${e.message}`, retryAt: o.nextAt, down: e.kind === 'network' || e.kind === 'timeout' });
    }
    if (o.ok && o.name !== 'network' && TASK_DATA.has(o.name)) outages = 0;
    let probeAt: number | null = null;
    if (marketDown && o.ok && o.name === 'network') {
      // The probe got through: the held-back pollers' network failures are history; run them now.
      for (const [n, f] of failing) if (f.down) failing.delete(n);
      marketDown = false;
      for (const n of POLLERS) if (n !== 'network') scheduler.kick(n);
    } else if (!marketDown && [...failing.values()].some((f) => f.down)) {
      marketDown = true;
      outages += 1;
      if (o.name !== 'network') {
        const delay = backoffDelay(outages, backoff);
        probeAt = Date.now() + delay;
        scheduler.runIn('network', delay);
      }
    }
    const probe = failing.get('network') ?? (probeAt !== null ? { message: failing.get(o.name)?.message ?? '', retryAt: probeAt, down: true } : undefined);
    const first = probe ?? [...failing.values()].sort((a, b) => a.retryAt - b.retryAt)[0];
    // Task data failing while the market answers (5xx, wrong shape) is STALE at once, not after 60 s.
    const degraded = [...failing.entries()].some(([n, f]) => !f.down && TASK_DATA.has(n));
    store.getState().setHealth(first?.message ?? null, marketDown ? (probe?.retryAt ?? first?.retryAt ?? null) : (first?.retryAt ?? null), marketDown, degraded);
    opts.onPoll?.(o);
  }, backoff);

  const timeoutMs = opts.timeoutMs ?? 10_000;

  scheduler.add({
    name: 'network',
    intervalMs: opts.intervals?.network ?? CADENCE.network,
    timeoutMs,
    run: async ({ signal }) => {
      const info = await reader.networkInfo(signal);
      // The first answer pins what we expect unless the caller said; a later change is a mismatch.
      if (expected.chainId === undefined) expected.chainId = info.chainId;
      if (expected.usdcAddress === undefined) expected.usdcAddress = info.usdcAddress;
      const mismatch = describeMismatch(info, expected);
      const wasBlocked = !clear();
      store.getState().setConn({ network: info, mismatch, networkFetchedAt: Date.now() });
      // First answer (or a mismatch cleared): start the held-back pollers now, not at their next turn.
      if (wasBlocked && mismatch === null) for (const n of POLLERS) if (n !== 'network') scheduler.kick(n);
    },
  });

  scheduler.add({
    name: 'feed',
    intervalMs: opts.intervals?.feed ?? CADENCE.feed,
    // Time allowed grows with the pages this round may fetch; each request still has its share.
    timeoutMs: () => timeoutMs * (nextFeedIsDeep() ? deepPages : maxPages),
    enabled: clearAndUp,
    run: async ({ signal }) => {
      const base = currentFeedQuery();
      const key = feedKey(base);
      // A changed filter starts over with a deep sweep.
      if (key !== lastFeedKey) feedRound = 0;
      lastFeedKey = key;
      const deep = feedRound++ % deepEvery === 0;
      const { tasks, hasMore } = await walkPages(reader, base, deep ? deepPages : maxPages, signal);
      const tail: string[] = [];
      if (!deep && hasMore) {
        // Keep the older tail from the last sweep (cursor order is createdAt descending); those rows
        // keep their own fetch time, so staleness stays honest.
        const oldest = tasks[tasks.length - 1]?.createdAt ?? Infinity;
        const seen = new Set(tasks.map((t) => t.id));
        const s = store.getState();
        for (const id of s.feedIds) {
          const t = s.tasks[id];
          if (t && !seen.has(id) && t.createdAt < oldest) tail.push(id);
        }
      }
      const at = Date.now();
      store.getState().setFeed(tasks, hasMore, at, tail);
      store.getState().connOk(at);
    },
  });

  // Every open auction, whatever the Feed shows: the Clocks pane has its own scope.
  let clocksRound = 0;
  scheduler.add({
    name: 'clocks',
    intervalMs: opts.intervals?.feed ?? CADENCE.feed,
    timeoutMs: () => timeoutMs * (clocksRound % deepEvery === 0 ? deepPages : maxPages),
    enabled: clearAndUp,
    run: async ({ signal }) => {
      const deep = clocksRound++ % deepEvery === 0;
      const { tasks } = await walkPages(reader, { status: 'open', mode: 'auction', limit: pageSize, sort: 'newest' }, deep ? deepPages : maxPages, signal);
      // An ordinary round sees the newest pages only; keep older auctions from the last sweep.
      const seen = new Set(tasks.map((t) => t.id));
      const s = store.getState();
      const oldest = tasks[tasks.length - 1]?.createdAt ?? Infinity;
      const kept = deep ? [] : s.clockIds.map((id) => s.tasks[id]).filter((t): t is Task => t !== undefined && !seen.has(t.id) && t.createdAt < oldest);
      const at = Date.now();
      store.getState().setClocks([...tasks, ...kept.filter((t) => t.status === 'open')], at);
      store.getState().connOk(at);
    },
  });

  scheduler.add({
    name: 'inbox',
    intervalMs: opts.intervals?.inbox ?? CADENCE.inbox,
    timeoutMs,
    enabled: () => clearAndUp() && wallet() !== null,
    run: async ({ signal }) => {
      const me = wallet();
      if (!me) return;
      const view = await reader.inbox(me, signal);
      const at = Date.now();
      store.getState().setInbox(view, at);
      store.getState().connOk(at);
      // New inbox tasks get their detail (for the Actions pane) promptly.
      let fresh = false;
      for (const t of [...view.asRequester, ...view.asWorker]) {
        if (!dueAt.has(t.id)) {
          dueAt.set(t.id, 0);
          fresh = true;
        }
      }
      if (fresh) scheduler.kick('details');
    },
  });

  scheduler.add({
    name: 'details',
    intervalMs: 1_000,
    timeoutMs: timeoutMs * 4,
    enabled: clearAndUp,
    run: async ({ signal }) => {
      const s = store.getState();
      const wanted = new Set<string>([...s.inbox.asRequester, ...s.inbox.asWorker]);
      if (s.openTaskId) wanted.add(s.openTaskId);
      for (const id of Object.keys(s.detailRequests)) if (Date.now() - (s.detailRequests[id] ?? 0) < 120_000) wanted.add(id);
      // Execution Market tasks have their own pollers (em-pollers.ts).
      for (const id of wanted) if (s.tasks[id]?.market === 'execution-market') wanted.delete(id);
      for (const id of dueAt.keys()) if (!wanted.has(id)) dueAt.delete(id);
      const now = Date.now();
      const due = [...wanted].filter((id) => (dueAt.get(id) ?? 0) <= now || (id === s.openTaskId && !s.details[id]));
      // Asked-for tasks (a ticket) and the opened one first, then the most overdue.
      const first = (id: string) => Number(id === s.openTaskId || s.detailRequests[id] !== undefined);
      due.sort((a, b) => first(b) - first(a) || (dueAt.get(a) ?? 0) - (dueAt.get(b) ?? 0));
      let failure: unknown = null;
      for (const id of due.slice(0, opts.maxDetailsPerRound ?? 8)) {
        const startedAt = Date.now();
        try {
          const task = await reader.getTask(id, signal);
          if (!task) {
            // Unknown or not visible to us: whatever the desk held is no longer confirmed.
            store.getState().detailFailed(id, Date.now(), 'the market no longer returns this task', startedAt);
            dueAt.set(id, askedSince(id, startedAt) ? 0 : Date.now() + CADENCE.resolved);
            continue;
          }
          const [bids, submissions, pitches] = await Promise.all([
            task.mode === 'auction' ? reader.getBids(id, signal) : Promise.resolve([]),
            reader.getSubmissions(id, signal),
            task.mode === 'pitch' ? reader.getPitches(id, signal) : Promise.resolve([]),
          ]);
          const fetchedAt = Date.now();
          store.getState().setDetail({ task, bids, submissions, pitches, fetchedAt }, startedAt);
          store.getState().connOk(fetchedAt);
          dueAt.set(id, askedSince(id, startedAt) ? 0 : fetchedAt + detailInterval(task));
        } catch (err) {
          // One bad task must not starve the others; the round still reports the fault.
          store.getState().detailFailed(id, Date.now(), err instanceof Error ? err.message : String(err), startedAt);
          dueAt.set(id, askedSince(id, startedAt) ? 0 : Date.now() + CADENCE.dutchClock);
          failure ??= err;
          if (signal.aborted) break;
        }
      }
      if (failure) throw failure;
      // Sleep until the next task is due (at least 1 s, at most 60 s); nothing runs per tick.
      let next = Infinity;
      for (const at of dueAt.values()) next = Math.min(next, at);
      const wait = next === Infinity ? CADENCE.open : next - Date.now();
      return Math.min(CADENCE.open, Math.max(1_000, wait));
    },
  });

  scheduler.add({
    name: 'emails',
    intervalMs: opts.intervals?.emails ?? CADENCE.email,
    timeoutMs,
    enabled: () => clearAndUp() && wallet() !== null,
    run: async ({ signal }) => {
      const emails = await reader.emails({ limit: 50 }, signal);
      store.getState().setEmails(emails, Date.now());
    },
  });

  scheduler.add({
    name: 'balance',
    intervalMs: opts.intervals?.balance ?? CADENCE.balance,
    timeoutMs,
    enabled: () => clearAndUp() && wallet() !== null,
    run: async ({ signal }) => {
      const me = wallet();
      if (!me) return;
      const balance = await reader.balance(me, signal);
      store.getState().setConn({ balance, balanceFetchedAt: Date.now() });
    },
  });

  // A ticket opening asks for its task's detail now (it binds to fresh data).
  let lastRequests = store.getState().detailRequests;
  store.subscribe((s) => {
    if (s.detailRequests === lastRequests) return;
    for (const id of Object.keys(s.detailRequests)) if (s.detailRequests[id] !== lastRequests[id]) dueAt.set(id, 0);
    lastRequests = s.detailRequests;
    scheduler.kick('details');
  });
  // Opening a task fetches its detail now rather than at the next round.
  let lastOpen = store.getState().openTaskId;
  store.subscribe((s) => {
    if (s.openTaskId !== lastOpen) {
      lastOpen = s.openTaskId;
      if (s.openTaskId) scheduler.kick('details');
    }
  });
  // A filter or sort change re-lists the feed at once.
  let lastFilter = store.getState().filter;
  let lastSort = store.getState().sort;
  store.subscribe((s) => {
    if (s.filter !== lastFilter || s.sort !== lastSort) {
      const textOnly = s.sort === lastSort && sameServerFilter(s.filter, lastFilter);
      lastFilter = s.filter;
      lastSort = s.sort;
      if (!textOnly) scheduler.kick('feed');
    }
  });
  return scheduler;
}

function sameServerFilter(a: FeedFilter, b: FeedFilter): boolean {
  return JSON.stringify({ ...a, text: '' }, big) === JSON.stringify({ ...b, text: '' }, big);
}

function big(_k: string, v: unknown): unknown {
  return typeof v === 'bigint' ? v.toString() : v;
}
