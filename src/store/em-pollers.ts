// Execution Market beside Taskmarket: its network (escrow config), the browse feed, this wallet's tasks
// and each one's detail (applications, submissions, payment timeline, derived actions), with live pushes
// from /ws and polling as the fallback — inside EM's 60 requests a minute per wallet (§2).
import type { Task } from '../core/types.js';
import type { EmFeed } from '../markets/execution-market/ws.js';
import type { EmLive } from '../markets/execution-market/live.js';
import type { EmReader } from '../markets/execution-market/reader.js';
import type { MarketError } from '../markets/errors.js';
import type { DeskStore } from './desk-store.js';
import { DEFAULT_BACKOFF, Scheduler, type BackoffOptions, type PollOutcome } from './scheduler.js';

export interface EmPollerOptions {
  /** The network EM must be on (the intended one): any other chain or USDC blocks every EM action. */
  expect: { name: string; chainId: number; usdcAddress: string };
  /** Most task details fetched per round (the rest wait their turn). */
  maxDetailsPerRound?: number;
  backoff?: BackoffOptions;
  intervals?: Partial<Record<'network' | 'feed' | 'mine', number>>;
  onPoll?: (o: PollOutcome) => void;
}

export interface EmPollers {
  scheduler: Scheduler;
  /** Re-read one task now (a push, a ticket opening). */
  refreshTask(taskId: string): void;
  stop(): void;
}

/** A detail is fresh this long before a poll round fetches it again (the ticket asks for one at once). */
const DETAIL_EVERY_MS = 15_000;
/** While /ws pushes every change of this wallet's tasks, a round only re-reads what the pushes may have missed. */
const DETAIL_EVERY_MS_PUSHED = 120_000;
/** A finished task changes little more (a rating): re-read rarely. */
const DETAIL_EVERY_MS_TERMINAL = 300_000;
/** Requests for one task's detail within this window are one read (a push burst, the ticket, the action's refresh). */
const DETAIL_COALESCE_MS = 250;

export function createEmPollers(store: DeskStore, reader: EmReader, live: { feed: EmFeed; live: EmLive } | null, opts: EmPollerOptions): EmPollers {
  const err = (e: unknown) => (e instanceof Error ? e.message : String(e));
  // What each poller last told the operator: a failure is said once (a warning, kept in help), not every round.
  const told = new Map<string, string>();
  const scheduler = new Scheduler((o) => {
    if (!o.ok && o.error) {
      const line = `${o.name}: ${(o.error as MarketError).message}`;
      store.getState().setEm({ lastError: line });
      if (told.get(o.name) !== line) {
        told.set(o.name, line);
        store.getState().addNotices([`Execution Market ${line}`]);
      }
    } else if (o.ok) {
      told.delete(o.name);
      if (store.getState().em.lastError?.startsWith(`${o.name}:`)) store.getState().setEm({ lastError: null });
    }
    opts.onPoll?.(o);
  }, opts.backoff ?? DEFAULT_BACKOFF);
  const clear = () => store.getState().em.network !== null && store.getState().em.mismatch === null;
  const detailAt = new Map<string, number>();

  scheduler.add({
    name: 'em-network',
    intervalMs: opts.intervals?.network ?? 120_000,
    run: async ({ signal }) => {
      const [cfg, esc] = await Promise.all([reader.config(signal), reader.escrowConfig(undefined, signal)]);
      const n = esc.value;
      const mismatch =
        n.chainId !== opts.expect.chainId
          ? `Execution Market escrow is on chain ${n.chainId} (${n.network}), expected ${opts.expect.chainId} (${opts.expect.name})`
          : n.usdc.toLowerCase() !== opts.expect.usdcAddress.toLowerCase()
            ? `Execution Market USDC is ${n.usdc}, expected ${opts.expect.usdcAddress}`
            : null;
      const wasBlocked = !clear();
      store.getState().setEm({ network: { name: n.network, chainId: n.chainId, usdcAddress: n.usdc }, networkFetchedAt: Date.now(), mismatch, minBounty: cfg.value.minBounty });
      if (wasBlocked && mismatch === null) for (const p of ['em-feed', 'em-mine']) scheduler.kick(p);
    },
  });

  scheduler.add({
    name: 'em-feed',
    // While /ws pushes, the browse list only needs an occasional sweep; polling it is the fallback.
    intervalMs: opts.intervals?.feed ?? 15_000,
    enabled: clear,
    run: async () => {
      const r = await reader.browseAll({ maxPages: 5 });
      store.getState().setEmFeed(r.value, r.fetchedAt);
      return live?.live.mode() === 'push' ? 60_000 : undefined;
    },
  });

  scheduler.add({
    name: 'em-mine',
    intervalMs: opts.intervals?.mine ?? 15_000,
    enabled: clear,
    timeoutMs: 40_000,
    run: async ({ signal }) => {
      const published = await reader.myPublished({ limit: 100 });
      // The wallet's own tasks come with that listing; tracked as work too (a push tracks them) each would be
      // read once more every round, out of the same 60 a minute.
      for (const t of published.value.tasks) reader.untrack(t.id);
      const work = await reader.myWork(signal);
      const mine: Task[] = [...published.value.tasks, ...work.value];
      store.getState().setEmMine(mine, Date.now());
      const now = Date.now();
      // EM allows 60 requests a minute (§2) and every detail costs up to four: re-read only what is due.
      const every = (t: Task) => (terminal(t) ? DETAIL_EVERY_MS_TERMINAL : live?.live.mode() === 'push' ? DETAIL_EVERY_MS_PUSHED : DETAIL_EVERY_MS);
      // Tasks with something to do first (not terminal), the longest unfetched first; a few per round.
      const due = mine
        .filter((t) => (detailAt.get(t.id) ?? 0) + every(t) <= now)
        .sort((a, b) => Number(terminal(a)) - Number(terminal(b)) || (detailAt.get(a.id) ?? 0) - (detailAt.get(b.id) ?? 0))
        .slice(0, opts.maxDetailsPerRound ?? 6);
      for (const t of due) {
        // A failed read is recorded in the store by fetchDetailOnce (the gate's freshness reads it).
        await fetchDetail(t.id, signal).catch(() => {});
      }
      return live?.live.mode() === 'push' ? 30_000 : live ? live.live.intervalFor(mine.length) : undefined;
    },
  });

  /**
   * One detail read per task at a time. A push, a ticket and a poll often ask within the same instant; run
   * side by side, an older read can land last, or a read that saw the task before a change and its
   * submissions after it (no actions at all) would stand until the next round. So a request that arrives
   * while a read is in flight runs once more after it: the last read always starts after the last request.
   */
  const inFlight = new Map<string, { again: boolean; done: Promise<void> }>();
  function fetchDetail(taskId: string, signal?: AbortSignal): Promise<void> {
    const running = inFlight.get(taskId);
    if (running) {
      running.again = true;
      return running.done;
    }
    const entry = { again: false, done: Promise.resolve() };
    entry.done = (async () => {
      try {
        for (;;) {
          entry.again = false;
          try {
            await fetchDetailOnce(taskId, signal);
          } catch (e) {
            if (!entry.again) throw e;
          }
          if (!entry.again) return;
        }
      } finally {
        inFlight.delete(taskId);
      }
    })();
    inFlight.set(taskId, entry);
    return entry.done;
  }

  /** A detail read shortly, once for every request inside the window. */
  const soon = new Map<string, NodeJS.Timeout>();
  function detailSoon(taskId: string): void {
    if (soon.has(taskId)) return;
    const t = setTimeout(() => {
      soon.delete(taskId);
      fetchDetail(taskId).catch(() => {}); // recorded by fetchDetailOnce
    }, DETAIL_COALESCE_MS);
    t.unref();
    soon.set(taskId, t);
  }

  async function fetchDetailOnce(taskId: string, signal?: AbortSignal): Promise<void> {
    const startedAt = Date.now();
    detailAt.set(taskId, startedAt);
    let d: Awaited<ReturnType<EmReader['detail']>>;
    try {
      d = await reader.detail(taskId, { ...(signal ? { signal } : {}), payment: true });
    } catch (e) {
      store.getState().detailFailed(taskId, Date.now(), err(e), startedAt);
      throw e;
    }
    if (!d) {
      store.getState().detailFailed(taskId, Date.now(), 'Execution Market no longer shows this task', startedAt);
      return;
    }
    const detail = { role: d.role, applications: d.applications, submissions: d.submissions, mySubmission: d.mySubmission, payment: d.payment, actions: d.actions, fetchedAt: d.fetchedAt };
    store.getState().setEmDetail(d.task, detail, startedAt);
  }

  // A ticket on an EM task asks for its detail now.
  let lastRequests = store.getState().detailRequests;
  const unsubscribe = store.subscribe((s) => {
    if (s.detailRequests === lastRequests) return;
    for (const id of Object.keys(s.detailRequests)) {
      if (s.detailRequests[id] !== lastRequests[id] && s.tasks[id]?.market === 'execution-market') detailSoon(id);
    }
    lastRequests = s.detailRequests;
  });

  return {
    scheduler,
    refreshTask: detailSoon,
    stop() {
      unsubscribe();
      for (const t of soon.values()) clearTimeout(t);
      soon.clear();
      scheduler.stop();
      live?.live.stop();
      live?.feed.close();
    },
  };
}

const TERMINAL = new Set(['completed', 'cancelled', 'expired', 'refunded']);
const terminal = (t: Task) => TERMINAL.has(t.em?.status ?? '');
