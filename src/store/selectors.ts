// Pure selectors over DeskState for the panes and the watch twin. Derived arrays are memoised on
// their inputs so React selectors (useSyncExternalStore) see stable results between ticks.
import { clockPrice } from '../core/clock.js';
import { isLiveAction } from '../core/live-task.js';
import type { IntentAction } from '../core/intent.js';
import type { ActionRole, AuctionType, Task } from '../core/types.js';
import { STALE_AFTER_MS } from './desk-store.js';
import type { DeskState, FeedFilter, FeedSort } from './state.js';

export function matchesFilter(task: Task, f: FeedFilter, now: number): boolean {
  const market = task.market ?? 'taskmarket';
  if (f.market !== 'all' && market !== f.market) return false;
  if (f.category && task.em?.category !== f.category) return false;
  if (f.evidence && !task.em?.evidenceRequired.includes(f.evidence)) return false;
  if (f.status !== 'ALL' && task.status !== f.status) return false;
  if (f.mode && task.mode !== f.mode) return false;
  if (f.auctionType && task.auctionType !== f.auctionType) return false;
  const tags = task.tags.map((t) => t.toLowerCase());
  if (f.tags.length > 0 && !f.tags.every((t) => tags.includes(t.toLowerCase()))) return false;
  if (f.skill && !tags.includes(f.skill.toLowerCase())) return false;
  if (f.minReward !== null && task.reward < f.minReward) return false;
  if (f.maxReward !== null && task.reward > f.maxReward) return false;
  if (f.deadlineHours !== null) {
    const left = task.expiryTime - now;
    if (left <= 0 || left > f.deadlineHours * 3_600_000) return false;
  }
  return f.text.trim() === '' || fuzzyMatch(task, f.text);
}

const HEXISH = /^(0x)?[0-9a-f]+$/;

/**
 * Each space-separated term is a substring of the task's text or a subsequence of its short fields.
 * Terms that look like hex (ids, digits) match as substrings only: a 64-digit id holds almost any short
 * digit sequence as a subsequence, so "4538" would match nearly every task.
 */
export function fuzzyMatch(task: Task, text: string): boolean {
  const short = [task.id, task.referenceCode ?? '', task.mode, task.auctionType ?? '', task.status, ...task.tags]
    .join(' ')
    .toLowerCase();
  const long = `${short} ${task.description.toLowerCase()}`;
  return terms(text).every((term) => long.includes(term) || (!HEXISH.test(term) && isSubsequence(term, short)));
}

const terms = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);

function isSubsequence(needle: string, hay: string): boolean {
  let i = 0;
  for (const ch of hay) if (i < needle.length && ch === needle[i]) i++;
  return i === needle.length;
}

/** 0: the id (or reference code) starts with a term; 1: every term is a substring; 2: subsequence matches. */
export function fuzzyRank(task: Task, text: string): number {
  const ts = terms(text);
  const id = task.id.toLowerCase();
  const ref = (task.referenceCode ?? '').toLowerCase();
  if (ts.some((t) => id.startsWith(t) || id.startsWith(`0x${t}`) || (ref !== '' && ref.startsWith(t)))) return 0;
  const long = `${id} ${ref} ${task.mode} ${task.auctionType ?? ''} ${task.status} ${task.tags.join(' ').toLowerCase()} ${task.description.toLowerCase()}`;
  return ts.every((t) => long.includes(t)) ? 1 : 2;
}

const cmp = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

/** The price the operator would pay/receive now: the local clock for dutch kinds, else the market's. */
export function livePrice(task: Task, now: number): bigint | null {
  return clockPrice(task, now) ?? task.currentAuctionPrice ?? task.currentLowestBid ?? null;
}

export function sortTasks(tasks: Task[], sort: FeedSort, now: number): Task[] {
  const out = [...tasks];
  const byId = (a: Task, b: Task) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  switch (sort) {
    case 'newest':
      return out.sort((a, b) => b.createdAt - a.createdAt || byId(a, b));
    case 'reward_desc':
      return out.sort((a, b) => cmp(b.reward, a.reward) || byId(a, b));
    case 'reward_asc':
      return out.sort((a, b) => cmp(a.reward, b.reward) || byId(a, b));
    case 'deadline_asc':
      return out.sort((a, b) => a.expiryTime - b.expiryTime || byId(a, b));
    case 'clock_price': {
      // Tasks with a live price first, cheapest first; the rest after by reward.
      const priced = out.map((t) => [t, livePrice(t, now)] as const);
      priced.sort(([a, pa], [b, pb]) => {
        if (pa !== null && pb !== null) return cmp(pa, pb) || byId(a, b);
        if (pa !== null) return -1;
        if (pb !== null) return 1;
        return cmp(a.reward, b.reward) || byId(a, b);
      });
      return priced.map(([t]) => t);
    }
  }
}

/** Memoise a selector on a list of inputs compared by identity. */
function memo<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let last: A | null = null;
  let value: R;
  return (...args: A) => {
    if (last && last.length === args.length && last.every((x, i) => Object.is(x, args[i]))) return value;
    last = args;
    value = fn(...args);
    return value;
  };
}

const feedMemo = memo((tasks: DeskState['tasks'], ids: string[], emIds: string[], filter: FeedFilter, sort: FeedSort, now: number) => {
  // Both markets' listings, each task once (the store merges pages by id; the Set makes it the pane's property too).
  const source = [...new Set([...ids, ...emIds])].map((id) => tasks[id]).filter((t): t is Task => t !== undefined);
  const sorted = sortTasks(source.filter((t) => matchesFilter(t, filter, now)), sort, now);
  if (filter.text.trim() === '') return sorted;
  // With a `/` text, id-prefix matches come first, then substring matches, then the looser ones (stable).
  return sorted.map((t, i) => [fuzzyRank(t, filter.text), i, t] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, , t]) => t);
});

// The time only matters to the feed for clock sorting and deadline windows; otherwise don't re-sort each tick.
function feedNow(s: DeskState): number {
  return s.sort === 'clock_price' || s.filter.deadlineHours !== null ? s.now : 0;
}

/** Feed rows: the market's listing, narrowed by the filters and the `/` text, then sorted. */
export function selectFeed(s: DeskState): Task[] {
  return feedMemo(s.tasks, s.feedIds, s.em.feedIds, s.filter, s.sort, feedNow(s));
}

export interface LiveClock {
  task: Task;
  auctionType: AuctionType;
  /** dutch kinds: the local clock; english kinds: the current lowest bid (null when sealed or none). */
  price: bigint | null;
  /** 0..1 through the bidding window, null without one. */
  progress: number | null;
  msLeft: number | null;
  /** The bid window has closed (market time): the row sinks and dims. */
  ended: boolean;
  target: bigint | null;
  alerted: boolean;
}

/** How long an ended clock stays at the bottom of the pane before it drops out (market time). */
export const ENDED_CLOCK_KEEP_MS = 10 * 60_000;

const auctionsMemo = memo((tasks: DeskState['tasks'], clockIds: string[], feedIds: string[], loaded: boolean) => {
  // Before the Clocks listing first answers, the Feed's auctions stand in.
  const ids = loaded ? clockIds : feedIds;
  const out: Task[] = [];
  for (const id of ids) {
    const t = tasks[id];
    if (t && t.mode === 'auction' && t.auctionType !== null && t.status === 'open') out.push(t);
  }
  return out;
});

/**
 * Every open auction the market lists (the Clocks pane's own scope, not the Feed filter): live clocks
 * first (dutch kinds, then English kinds, soonest close first), then ended ones, newest ended first,
 * until ENDED_CLOCK_KEEP_MS after they closed. Recomputed per tick; prices at market time.
 */
export function selectClocks(s: DeskState): LiveClock[] {
  const rows: LiveClock[] = [];
  for (const task of auctionsMemo(s.tasks, s.clockIds, s.feedIds, s.clocksLoadedAt !== null)) {
    const type = task.auctionType!;
    const dutch = type === 'dutch' || type === 'reverse_dutch';
    const end = task.bidDeadline;
    if (end !== null && s.now - end > ENDED_CLOCK_KEEP_MS) continue;
    const total = end !== null ? end - task.createdAt : null;
    const progress = total !== null && total > 0 ? Math.min(1, Math.max(0, (s.now - task.createdAt) / total)) : null;
    rows.push({
      task,
      auctionType: type,
      price: dutch ? clockPrice(task, s.now) : task.currentLowestBid,
      progress,
      msLeft: end !== null ? Math.max(0, end - s.now) : null,
      ended: end !== null && end <= s.now,
      target: s.targets[task.id] ?? null,
      alerted: s.alerts.includes(task.id),
    });
  }
  const rank = (c: LiveClock) => (c.ended ? 2 : c.auctionType === 'dutch' || c.auctionType === 'reverse_dutch' ? 0 : 1);
  return rows.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.ended ? (b.task.bidDeadline ?? 0) - (a.task.bidDeadline ?? 0) : (a.msLeft ?? Infinity) - (b.msLeft ?? Infinity)) ||
      (a.task.id < b.task.id ? -1 : 1),
  );
}

export type RoleFilter = 'all' | 'requester' | 'worker';

/** One action the wallet may take: a Taskmarket pendingActions entry, or one the EM adapter derived. */
export interface ActionEntry {
  role: string;
  action: IntentAction;
  command: string;
  eligibleAddress: string | null;
  requiresPayment: boolean;
  paymentAmount: bigint | null;
  availableAfter: number | null;
  availableUntil: number | null;
  targetWorker: string | null;
}

export interface ActionRow {
  taskId: string;
  task: Task;
  market: 'taskmarket' | 'execution-market';
  /** Requester (EM: the publisher) or worker. */
  myRole: 'requester' | 'worker';
  action: ActionEntry;
  /** Whether the window is open now (availableAfter passed, availableUntil not). */
  availableNow: boolean;
  availableAfter: number | null;
  availableUntil: number | null;
  fetchedAt: number;
}

const actionRole = (r: ActionRole): r is 'requester' | 'worker' => r === 'requester' || r === 'worker';

const actionsMemo = memo((details: DeskState['details'], inbox: DeskState['inbox'], wallet: string | null, em: DeskState['em']['details'], tasks: DeskState['tasks']) => {
  const rows: Omit<ActionRow, 'availableNow'>[] = [];
  const me = wallet?.toLowerCase() ?? null;
  const seen = new Set<string>();
  for (const [ids, myRole] of [
    [inbox.asRequester, 'requester'],
    [inbox.asWorker, 'worker'],
  ] as const) {
    for (const id of ids) {
      const d = details[id];
      if (!d?.task.pendingActions) continue;
      for (const a of d.task.pendingActions) {
        // Mine: my role on this task (or 'anyone'), and no other address is named (§2.2 eligibleAddress).
        if (a.role !== 'anyone' && (!actionRole(a.role) || a.role !== myRole)) continue;
        if (a.eligibleAddress && me && a.eligibleAddress.toLowerCase() !== me) continue;
        const key = `${id}:${a.role}:${a.action}`;
        if (seen.has(key)) continue;
        seen.add(key);
        rows.push({ taskId: id, task: d.task, market: 'taskmarket', myRole, action: a, availableAfter: a.availableAfter, availableUntil: a.availableUntil, fetchedAt: d.fetchedAt });
      }
    }
  }
  // Execution Market has no pendingActions: the adapter derived these from status and role.
  for (const [id, d] of Object.entries(em)) {
    const task = tasks[id];
    if (!task) continue;
    for (const a of d.actions) {
      rows.push({
        taskId: id,
        task,
        market: 'execution-market',
        myRole: a.role === 'publisher' ? 'requester' : 'worker',
        action: { role: a.role, action: a.action, command: '', eligibleAddress: null, requiresPayment: false, paymentAmount: null, availableAfter: null, availableUntil: a.availableUntil, targetWorker: null },
        availableAfter: null,
        availableUntil: a.availableUntil,
        fetchedAt: d.fetchedAt,
      });
    }
  }
  return rows;
});

/** The actions of every task where the wallet is requester or worker, on both markets. */
export function selectActions(s: DeskState, role: RoleFilter = 'all'): ActionRow[] {
  return actionsMemo(s.details, s.inbox, s.conn.wallet, s.em.details, s.tasks)
    // What the backend would already omit at this instant (a closed window, cancel past expiry) is gone now, not at the next poll.
    .filter((r) => (role === 'all' || r.myRole === role) && isLiveAction(r.action, r.task, s.now))
    .map((r) => ({
      ...r,
      availableNow:
        (r.availableAfter === null || r.availableAfter <= s.now) && (r.availableUntil === null || s.now < r.availableUntil),
    }))
    .sort((a, b) => Number(b.availableNow) - Number(a.availableNow) || (a.availableUntil ?? Infinity) - (b.availableUntil ?? Infinity));
}

/** Task data age for the gate and the header: ms since this task was fetched (Infinity if never). */
export function taskAge(s: DeskState, taskId: string): number {
  const at = s.details[taskId]?.fetchedAt ?? s.taskFetchedAt[taskId];
  return at === undefined ? Infinity : s.wallNow - at;
}

export function isTaskStale(s: DeskState, taskId: string): boolean {
  return taskAge(s, taskId) > STALE_AFTER_MS;
}

export function selectUnreadCount(s: DeskState): number {
  return s.messages.reduce((n, m) => n + (m.read ? 0 : 1), 0);
}

/** Seconds until the next retry, for the header's countdown (null when none pending). */
export function selectRetryIn(s: DeskState): number | null {
  return s.conn.retryAt === null ? null : Math.max(0, Math.ceil((s.conn.retryAt - s.wallNow) / 1000));
}
