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

/** A detail is fresh this long before it is fetched again (the ticket asks for one at once). */
const DETAIL_EVERY_MS = 15_000;

export function createEmPollers(store: DeskStore, reader: EmReader, live: { feed: EmFeed; live: EmLive } | null, opts: EmPollerOptions): EmPollers {
  const err = (e: unknown) => (e instanceof Error ? e.message : String(e));
  const scheduler = new Scheduler((o) => {
    if (!o.ok && o.error) store.getState().setEm({ lastError: `${o.name}: ${(o.error as MarketError).message}` });
    else if (o.ok && store.getState().em.lastError?.startsWith(`${o.name}:`)) store.getState().setEm({ lastError: null });
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
      const [published, work] = await Promise.all([reader.myPublished({ limit: 100 }), reader.myWork(signal)]);
      const mine: Task[] = [...published.value.tasks, ...work.value];
      store.getState().setEmMine(mine, Date.now());
      const now = Date.now();
      // Tasks with something to do first (not terminal), the longest unfetched first; a few per round.
      const due = mine
        .filter((t) => (detailAt.get(t.id) ?? 0) + DETAIL_EVERY_MS <= now)
        .sort((a, b) => Number(terminal(a)) - Number(terminal(b)) || (detailAt.get(a.id) ?? 0) - (detailAt.get(b.id) ?? 0))
        .slice(0, opts.maxDetailsPerRound ?? 6);
      for (const t of due) {
        try {
          await fetchDetail(t.id, signal);
        } catch (e) {
          store.getState().detailFailed(t.id, Date.now(), err(e));
        }
      }
      return live?.live.mode() === 'push' ? 30_000 : live ? live.live.intervalFor(mine.length) : undefined;
    },
  });

  async function fetchDetail(taskId: string, signal?: AbortSignal): Promise<void> {
    detailAt.set(taskId, Date.now());
    const d = await reader.detail(taskId, { ...(signal ? { signal } : {}), payment: true });
    if (!d) {
      store.getState().detailFailed(taskId, Date.now(), 'Execution Market no longer shows this task');
      return;
    }
    store.getState().setEmDetail(d.task, { role: d.role, applications: d.applications, submissions: d.submissions, mySubmission: d.mySubmission, payment: d.payment, actions: d.actions, fetchedAt: d.fetchedAt });
  }

  // A ticket on an EM task asks for its detail now.
  let lastRequests = store.getState().detailRequests;
  const unsubscribe = store.subscribe((s) => {
    if (s.detailRequests === lastRequests) return;
    for (const id of Object.keys(s.detailRequests)) {
      if (s.detailRequests[id] !== lastRequests[id] && s.tasks[id]?.market === 'execution-market') void fetchDetail(id).catch((e) => store.getState().detailFailed(id, Date.now(), err(e)));
    }
    lastRequests = s.detailRequests;
  });

  return {
    scheduler,
    refreshTask: (id) => void fetchDetail(id).catch((e) => store.getState().detailFailed(id, Date.now(), err(e))),
    stop() {
      unsubscribe();
      scheduler.stop();
      live?.live.stop();
      live?.feed.close();
    },
  };
}

const TERMINAL = new Set(['completed', 'cancelled', 'expired', 'refunded']);
const terminal = (t: Task) => TERMINAL.has(t.em?.status ?? '');
