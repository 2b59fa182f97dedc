// The desk's one zustand vanilla store (fresh per test, no React). Pollers and the shared tick write
// it; panes read it through selectors.ts. Unchanged tasks keep their identity (deepEqual).
import { createStore, type StoreApi } from 'zustand/vanilla';
import { clockPrice } from '../core/clock.js';
import { LOCAL_CLOCK, marketTimeAt, type MarketClockState } from '../core/market-clock.js';
import type { Address, Task } from '../core/types.js';
import type { Email, InboxView } from '../markets/market.js';
import { deepEqual, recordEqual } from './equal.js';
import { EMPTY_ARMED, type ArmedState } from './armed.js';
import type { ActState, Connection, DeskState, EmDetail, EmState, FeedFilter, FeedSort, Message, TaskDetail } from './state.js';

/** Notices kept for the help overlay (the newest). */
export const NOTICES_KEPT = 50;

/** Task data older than this is stale (operator guide: poll task state at least every 60 s). */
export const STALE_AFTER_MS = 60_000;

export const DEFAULT_FILTER: FeedFilter = {
  status: 'open',
  mode: null,
  auctionType: null,
  tags: [],
  skill: null,
  minReward: null,
  maxReward: null,
  deadlineHours: null,
  text: '',
  market: 'all',
  category: null,
  evidence: null,
};

export interface DeskActions {
  /** Merge tasks in; an unchanged task keeps its object. */
  upsertTasks(tasks: Task[], fetchedAt: number): void;
  /**
   * The feed listing (all pages fetched this round), in the market's order. Ids are merged so each
   * task appears once, whatever the market returned. `tailIds`: feed rows kept from an earlier fetch,
   * after the fetched ones (their fetchedAt is left alone).
   */
  setFeed(tasks: Task[], hasMore: boolean, fetchedAt: number, tailIds?: string[]): void;
  /** The open-auction listing behind the Clocks pane. */
  setClocks(tasks: Task[], fetchedAt: number): void;
  setDetail(detail: TaskDetail, startedAt?: number): void;
  /** A detail fetch failed (fault, wrong shape, unknown task): the task's data is not fresh any more. */
  detailFailed(taskId: string, at: number, error: string, startedAt?: number): void;
  /** The market clock estimate changed (from response headers). */
  setClock(clock: MarketClockState): void;
  /** Ask the pollers to fetch a task's detail now (a ticket opening binds to fresh data). */
  requestDetail(taskId: string): void;
  /** Merge the acting state (network intent, spend, stops, reconciliation). */
  setAct(patch: Partial<ActState>): void;
  /**
   * The desk now acts as another wallet (a fleet agent, or back to its own): everything that was about the
   * previous wallet (balance, inbox, pendingActions, EM roles, spend, stops) is dropped and polled again.
   */
  switchWallet(wallet: Address, agent: string | null): void;
  /** Merge Execution Market state (network, live mode, executor id, errors). */
  setEm(patch: Partial<EmState>): void;
  /** EM's browse listing (each task once). */
  setEmFeed(tasks: Task[], fetchedAt: number): void;
  /** This wallet's EM tasks (published and worked on). */
  setEmMine(tasks: Task[], fetchedAt: number): void;
  /** One EM task's detail: the task, what the role may read, the derived actions. */
  setEmDetail(task: Task, detail: EmDetail, startedAt?: number): void;
  setInbox(view: InboxView, fetchedAt: number): void;
  setEmails(emails: Email[], fetchedAt: number): void;
  /** Replace every message of the given source(s). */
  setMessages(messages: Message[]): void;
  /** Append messages, skipping keys already held. */
  addMessages(messages: Message[]): void;
  markRead(key: string, read?: boolean): void;
  setFilter(patch: Partial<FeedFilter>): void;
  setSort(sort: FeedSort): void;
  setTarget(taskId: string, price: bigint): void;
  clearTarget(taskId: string): void;
  ackAlert(taskId: string): void;
  /** Which task the operator opened (its detail is polled); null closes it. */
  openTask(taskId: string | null): void;
  /** The shared 1 s tick at wall time `wall`: moves `now` (market time), ages the connection, raises target alerts. */
  tick(wall: number): void;
  setConn(patch: Partial<Connection>): void;
  /** Task data arrived at `at`: status ok (unless the market is unreachable), lastOkAt = at. */
  connOk(at: number): void;
  /**
   * The pollers' failure summary: the first error and the market's retry time (null when all is well).
   * `disconnected`: the market is unreachable; `degraded`: it answers, but task data failed (a 5xx, a
   * wrong-shaped 200): the screen keeps what it had and the header says STALE at once.
   */
  setHealth(lastError: string | null, retryAt: number | null, disconnected: boolean, degraded?: boolean): void;
  countBadLine(): void;
  addNotices(lines: string[]): void;
  /** Merge the armed orders' slice (the engine's views, its handle). */
  setArmed(patch: Partial<ArmedState>): void;
}

export type DeskStore = StoreApi<DeskState & DeskActions>;

export interface DeskInit {
  badge: 'SIM' | 'LIVE';
  apiUrl: string;
  readonly?: boolean;
  wallet?: Address | null;
  now?: number;
  filter?: Partial<FeedFilter>;
  sort?: FeedSort;
}

export function initialState(init: DeskInit): DeskState {
  return {
    conn: {
      badge: init.badge,
      readonly: init.readonly ?? false,
      market: 'taskmarket',
      apiUrl: init.apiUrl,
      network: null,
      mismatch: null,
      wallet: init.wallet ?? null,
      balance: null,
      status: 'connecting',
      degraded: false,
      lastOkAt: null,
      lastError: null,
      retryAt: null,
    },
    tasks: {},
    taskFetchedAt: {},
    firstSeenAt: {},
    feedIds: [],
    feedHasMore: false,
    feedLoadedAt: null,
    clockIds: [],
    clocksLoadedAt: null,
    details: {},
    taskFetch: {},
    detailRequests: {},
    em: { enabled: false, apiUrl: null, network: null, networkFetchedAt: null, mismatch: null, minBounty: null, feedIds: [], feedLoadedAt: null, mine: [], details: {}, live: 'off', executorId: null, lastError: null, lastOkAt: null },
    act: {
      intended: null,
      confirmed: false,
      intendedApiUrl: init.apiUrl || null,
      executor: 'native',
      sessionSpent: 0n,
      daySpent: 0n,
      sessionCap: null,
      dayCap: null,
      contractRejected: {},
      stateDisagrees: {},
      reconciling: [],
      blocked: null,
      guardLeadMs: 10_000,
    },
    inbox: { asRequester: [], asWorker: [], fetchedAt: null },
    messages: [],
    emails: [],
    filter: { ...DEFAULT_FILTER, ...init.filter },
    sort: init.sort ?? 'newest',
    targets: {},
    alerts: [],
    now: init.now ?? Date.now(),
    wallNow: init.now ?? Date.now(),
    clock: LOCAL_CLOCK,
    openTaskId: null,
    emailsFetchedAt: null,
    badLines: 0,
    notices: [],
    noticeCount: 0,
    armed: EMPTY_ARMED,
  };
}

/** Same task data? A list row (no pendingActions) matches a detail row on everything else. */
function sameTask(prev: Task, next: Task): boolean {
  if (next.pendingActions === undefined && prev.pendingActions !== undefined) {
    const { pendingActions: _drop, ...rest } = prev;
    return recordEqual(rest, next);
  }
  return recordEqual(prev, next);
}

function mergeTasks(s: DeskState, incoming: Task[], fetchedAt: number): Partial<DeskState> {
  if (incoming.length === 0) return {};
  let tasks = s.tasks;
  let firstSeenAt = s.firstSeenAt;
  const taskFetchedAt = { ...s.taskFetchedAt };
  for (const t of incoming) {
    const prev = tasks[t.id];
    taskFetchedAt[t.id] = fetchedAt;
    if (prev && sameTask(prev, t)) continue;
    if (tasks === s.tasks) tasks = { ...s.tasks };
    tasks[t.id] = t;
    if (!prev) {
      if (firstSeenAt === s.firstSeenAt) firstSeenAt = { ...s.firstSeenAt };
      firstSeenAt[t.id] = fetchedAt;
    }
  }
  return { tasks, firstSeenAt, taskFetchedAt };
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Ids in first-seen order, each once (a market may repeat a row across pages). */
export function uniqueIds(ids: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
  }
  return out;
}

/** Has the live price crossed the operator's target between two instants? */
function crossed(task: Task, target: bigint, before: number, after: number): boolean {
  const t = task.auctionType;
  if (t === 'dutch' || t === 'reverse_dutch') {
    const p0 = clockPrice(task, before);
    const p1 = clockPrice(task, after);
    if (p1 === null) return false;
    // dutch falls toward the buyer's target; reverse_dutch rises toward the worker's.
    const hit = (p: bigint) => (t === 'dutch' ? p <= target : p >= target);
    return hit(p1) && (p0 === null || !hit(p0));
  }
  return false;
}

export function createDeskStore(init: DeskInit): DeskStore {
  return createStore<DeskState & DeskActions>()((set, get) => ({
    ...initialState(init),

    upsertTasks: (tasks, fetchedAt) => set((s) => mergeTasks(s, tasks, fetchedAt)),

    setFeed: (tasks, hasMore, fetchedAt, tailIds = []) =>
      set((s) => {
        const ids = uniqueIds([...tasks.map((t) => t.id), ...tailIds]);
        return {
          ...mergeTasks(s, tasks, fetchedAt),
          feedIds: sameIds(ids, s.feedIds) ? s.feedIds : ids,
          feedHasMore: hasMore,
          feedLoadedAt: s.feedLoadedAt ?? fetchedAt,
        };
      }),

    setClocks: (tasks, fetchedAt) =>
      set((s) => {
        const ids = uniqueIds(tasks.map((t) => t.id));
        return { ...mergeTasks(s, tasks, fetchedAt), clockIds: sameIds(ids, s.clockIds) ? s.clockIds : ids, clocksLoadedAt: s.clocksLoadedAt ?? fetchedAt };
      }),

    detailFailed: (taskId, at, error, startedAt) =>
      set((s) => ({ taskFetch: { ...s.taskFetch, [taskId]: { ok: false, at, error, ...(startedAt !== undefined ? { startedAt } : {}) } } })),

    setClock: (clock) => set((s) => (clock === s.clock ? {} : { clock, now: marketTimeAt(clock, s.wallNow) })),

    // Only a read that begins after this instant answers the request (gate-state.ts rereadPending).
    requestDetail: (taskId) => set((s) => ({ detailRequests: { ...s.detailRequests, [taskId]: Date.now() } })),

    setAct: (patch) => set((s) => ({ act: { ...s.act, ...patch } })),
    switchWallet: (wallet, agent) =>
      set((s) => {
        const { withdrawalAddress: _dropped, ...act } = s.act;
        return {
          conn: { ...s.conn, wallet, agent, balance: null, balanceFetchedAt: null },
          details: {},
          taskFetch: {},
          detailRequests: {},
          inbox: { asRequester: [], asWorker: [], fetchedAt: null },
          emails: [],
          emailsFetchedAt: null,
          em: { ...s.em, mine: [], details: {}, executorId: null },
          act: { ...act, sessionSpent: 0n, daySpent: 0n, contractRejected: {}, stateDisagrees: {}, reconciling: [], blocked: null },
        };
      }),

    setEm: (patch) => set((s) => ({ em: { ...s.em, ...patch } })),
    setEmFeed: (tasks, fetchedAt) =>
      set((s) => {
        const ids = uniqueIds(tasks.map((t) => t.id));
        return { ...mergeTasks(s, tasks, fetchedAt), em: { ...s.em, feedIds: sameIds(ids, s.em.feedIds) ? s.em.feedIds : ids, feedLoadedAt: s.em.feedLoadedAt ?? fetchedAt, lastOkAt: fetchedAt } };
      }),
    setEmMine: (tasks, fetchedAt) =>
      set((s) => {
        const ids = uniqueIds(tasks.map((t) => t.id));
        return { ...mergeTasks(s, tasks, fetchedAt), em: { ...s.em, mine: sameIds(ids, s.em.mine) ? s.em.mine : ids, lastOkAt: fetchedAt } };
      }),
    setEmDetail: (task, detail, startedAt) =>
      set((s) => {
        const prev = s.em.details[task.id];
        const same = prev && deepEqual({ ...prev, fetchedAt: 0 }, { ...detail, fetchedAt: 0 });
        return {
          ...mergeTasks(s, [task], detail.fetchedAt),
          taskFetch: { ...s.taskFetch, [task.id]: { ok: true, at: detail.fetchedAt, error: null, ...(startedAt !== undefined ? { startedAt } : {}) } },
          em: { ...s.em, details: { ...s.em.details, [task.id]: same ? { ...prev, fetchedAt: detail.fetchedAt } : detail }, lastOkAt: detail.fetchedAt },
        };
      }),

    setDetail: (detail, startedAt) =>
      set((s) => {
        const taskFetch = { ...s.taskFetch, [detail.task.id]: { ok: true, at: detail.fetchedAt, error: null, ...(startedAt !== undefined ? { startedAt } : {}) } };
        const merged = mergeTasks(s, [detail.task], detail.fetchedAt);
        const prev = s.details[detail.task.id];
        const task = (merged.tasks ?? s.tasks)[detail.task.id] ?? detail.task;
        // Keep the task object held in `tasks` when it carries pendingActions equal to the detail's.
        const next: TaskDetail = { ...detail, task: task.pendingActions !== undefined ? task : detail.task };
        if (prev && deepEqual({ ...prev, fetchedAt: 0 }, { ...next, fetchedAt: 0 })) {
          return { ...merged, taskFetch, details: { ...s.details, [detail.task.id]: { ...prev, fetchedAt: detail.fetchedAt } } };
        }
        return { ...merged, taskFetch, details: { ...s.details, [detail.task.id]: next } };
      }),

    setInbox: (view, fetchedAt) =>
      set((s) => {
        const all = [...view.asRequester, ...view.asWorker, ...view.invitedPrivateTasks];
        const req = view.asRequester.map((t) => t.id);
        const work = view.asWorker.map((t) => t.id);
        return {
          ...mergeTasks(s, all, fetchedAt),
          inbox: {
            asRequester: sameIds(req, s.inbox.asRequester) ? s.inbox.asRequester : req,
            asWorker: sameIds(work, s.inbox.asWorker) ? s.inbox.asWorker : work,
            fetchedAt,
          },
        };
      }),

    setEmails: (emails, fetchedAt) =>
      set((s) => {
        const messages: Message[] = emails.map((e) => {
          const old = s.messages.find((m) => m.key === `email:${e.id}`);
          const m: Message = {
            key: `email:${e.id}`,
            source: 'email',
            id: e.id,
            from: e.fromAddress,
            subject: e.subject,
            body: e.bodyText,
            receivedAt: e.receivedAt,
            read: e.isRead,
            type: 'email',
          };
          return old && deepEqual(old, m) ? old : m;
        });
        const others = s.messages.filter((m) => m.source !== 'email');
        return {
          emails: deepEqual(emails, s.emails) ? s.emails : emails,
          messages: sortMessages([...others, ...messages]),
          emailsFetchedAt: fetchedAt,
        };
      }),

    setMessages: (messages) =>
      set((s) => {
        const sources = new Set(messages.map((m) => m.source));
        return { messages: sortMessages([...s.messages.filter((m) => !sources.has(m.source)), ...messages]) };
      }),

    addMessages: (messages) =>
      set((s) => {
        const have = new Set(s.messages.map((m) => m.key));
        const fresh = messages.filter((m) => !have.has(m.key) && (have.add(m.key), true));
        return fresh.length === 0 ? {} : { messages: sortMessages([...s.messages, ...fresh]) };
      }),

    markRead: (key, read = true) =>
      set((s) => ({ messages: s.messages.map((m) => (m.key === key && m.read !== read ? { ...m, read } : m)) })),

    setFilter: (patch) => set((s) => ({ filter: { ...s.filter, ...patch } })),
    setSort: (sort) => set({ sort }),

    setTarget: (taskId, price) =>
      set((s) => ({ targets: { ...s.targets, [taskId]: price }, alerts: s.alerts.filter((a) => a !== taskId) })),
    clearTarget: (taskId) =>
      set((s) => {
        const { [taskId]: _gone, ...targets } = s.targets;
        return { targets, alerts: s.alerts.filter((a) => a !== taskId) };
      }),
    ackAlert: (taskId) => set((s) => ({ alerts: s.alerts.filter((a) => a !== taskId) })),
    openTask: (taskId) => set({ openTaskId: taskId }),

    tick: (wall) => {
      const s = get();
      const before = s.now;
      const now = marketTimeAt(s.clock, wall);
      const patch: Partial<DeskState> = { now, wallNow: wall };
      const raised: string[] = [];
      for (const [id, target] of Object.entries(s.targets)) {
        const task = s.tasks[id];
        if (task && !s.alerts.includes(id) && crossed(task, target, before, now)) raised.push(id);
      }
      if (raised.length > 0) patch.alerts = [...s.alerts, ...raised];
      const c = s.conn;
      if (c.status === 'ok' && c.lastOkAt !== null && wall - c.lastOkAt > STALE_AFTER_MS) {
        patch.conn = { ...c, status: 'stale' };
      }
      set(patch);
    },

    setConn: (patch) => set((s) => ({ conn: { ...s.conn, ...patch } })),
    connOk: (at) =>
      set((s) => ({
        conn: {
          ...s.conn,
          status: s.conn.status === 'disconnected' ? 'disconnected' : s.conn.degraded ? 'stale' : 'ok',
          lastOkAt: Math.max(at, s.conn.lastOkAt ?? 0),
        },
      })),
    setHealth: (lastError, retryAt, disconnected, degraded = false) =>
      set((s) => {
        const last = s.conn.lastOkAt;
        const status = disconnected
          ? 'disconnected'
          : last === null
            ? 'connecting'
            : degraded || Math.max(s.wallNow, Date.now()) - last > STALE_AFTER_MS
              ? 'stale'
              : 'ok';
        return { conn: { ...s.conn, status, degraded, lastError, retryAt } };
      }),
    countBadLine: () => set((s) => ({ badLines: s.badLines + 1 })),
    setArmed: (patch) => set((s) => ({ armed: { ...s.armed, ...patch } })),
    addNotices: (lines) => set((s) => (lines.length === 0 ? {} : { notices: [...s.notices, ...lines].slice(-NOTICES_KEPT), noticeCount: s.noticeCount + lines.length })),
  }));
}

function sortMessages(list: Message[]): Message[] {
  return list.sort((a, b) => b.receivedAt - a.receivedAt || a.key.localeCompare(b.key));
}
