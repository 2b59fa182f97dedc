// The fleet's pollers: every agent's balance, its Execution Market tasks and applications, its Taskmarket
// inbox, and each pipeline's progress, every 15 s (and once at start) through the Scheduler's backoff. Read
// side only: no keystore, no signature — EM is read with public routes (GET /tasks?publisher=, which the live
// spec serves unsigned (execution-market-api.md §9); GET /tasks/available; GET /tasks/{id}/payment) over a
// client that has no signer, balances through the Taskmarket reader's balance(address).
import type { PipelineProgress } from '../config/fleet-progress.js';
import { pipelineProgress } from '../config/fleet-progress.js';
import type { FleetAgent } from '../config/fleet.js';
import type { Address, Task } from '../core/types.js';
import type { MarketError } from '../markets/errors.js';
import { browse } from '../markets/execution-market/actions/browse.js';
import { getPayment } from '../markets/execution-market/actions/get-payment.js';
import { listMine } from '../markets/execution-market/actions/list-mine.js';
import type { EmClient } from '../markets/execution-market/client.js';
import { ADDRESS_RE } from '../markets/execution-market/constants.js';
import { EmError } from '../markets/execution-market/errors.js';
import type { InboxView } from '../markets/market.js';
import { appliedCount, emCounts, mergeTracked, tmCounts, toSummary, trimTracked, type TrackedTask } from './fleet-figures.js';
import type { FleetFeed, FleetStore, MarketCounts } from './fleet-state.js';
import { DEFAULT_BACKOFF, Scheduler, type BackoffOptions } from './scheduler.js';

export interface FleetReaders {
  /** An Execution Market client without a signer (null: EM is not reachable from this desk). */
  em: EmClient | null;
  /** USDC balance in base units: the Taskmarket reader's balance(address) (the simulator's shared ledger). */
  balance: ((address: Address, signal: AbortSignal) => Promise<bigint>) | null;
  /** A Taskmarket agent's public inbox. */
  inbox: ((address: Address, signal: AbortSignal) => Promise<InboxView>) | null;
}

export interface FleetPollerOptions {
  /** Default 15 s: with the example fleet about 10 EM requests a round, ~40/min under EM's 60/min per IP (§2). */
  intervalMs?: number;
  /** Per request (default 10 s); a round gets one share per request it may make. */
  timeoutMs?: number;
  backoff?: BackoffOptions;
  /** Pages (of 100) of each publisher's tasks a deep round reads (default 3); other rounds read the newest page. */
  deepPages?: number;
  /** A deep round every this many rounds (default 8; the first round is deep). */
  deepEvery?: number;
  /** Escrow look-ups (GET /tasks/{id}/payment) a round may make to learn who an executor is (default 4). */
  maxPaymentLookups?: number;
  /** Tasks kept per publisher (default 2000). */
  maxTracked?: number;
}

export const FLEET_POLLERS = ['fleet.balances', 'fleet.em', 'fleet.taskmarket'] as const;
const FEED_OF: Record<string, FleetFeed> = { 'fleet.balances': 'balances', 'fleet.em': 'em', 'fleet.taskmarket': 'taskmarket' };

/** An executor whose wallet could not be learned is asked again after this long. */
const UNKNOWN_RETRY_MS = 60_000;

const onMarket = (a: FleetAgent, m: FleetAgent['markets'][number]) => a.markets.includes(m);

export function createFleetPollers(store: FleetStore, readers: FleetReaders, opts: FleetPollerOptions = {}): Scheduler {
  const interval = opts.intervalMs ?? 15_000;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const deepPages = opts.deepPages ?? 3;
  const deepEvery = opts.deepEvery ?? 8;
  const maxLookups = opts.maxPaymentLookups ?? 4;
  const maxTracked = opts.maxTracked ?? 2000;
  const fleet = store.getState().fleet;
  const emAgents = fleet.agents.filter((a) => onMarket(a, 'execution-market'));
  const tmAgents = fleet.agents.filter((a) => onMarket(a, 'taskmarket'));
  const emPipelines = fleet.pipelines.filter((p) => p.market === 'execution-market');

  const scheduler = new Scheduler((o) => {
    const feed = FEED_OF[o.name];
    if (!feed) return;
    const prev = store.getState().health[feed];
    const e: MarketError | undefined = o.error;
    store.getState().setHealth(feed, o.ok || !e ? { okAt: Date.now(), error: null, retryAt: null, failures: 0 } : { okAt: prev.okAt, error: e.message, retryAt: o.nextAt, failures: o.failures });
  }, opts.backoff ?? DEFAULT_BACKOFF);

  const { balance, inbox, em } = readers;
  if (balance && fleet.agents.length > 0) {
    scheduler.add({
      name: 'fleet.balances',
      intervalMs: interval,
      timeoutMs: timeoutMs * fleet.agents.length,
      run: async ({ signal }) => {
        const out: Record<string, bigint> = {};
        // One wallet may sit on both markets: one read.
        for (const a of fleet.agents) out[a.name] = await balance(a.wallet, signal);
        store.getState().setBalances(out, Date.now());
      },
    });
  }

  if (inbox && tmAgents.length > 0) {
    const tracked = new Map<string, Map<string, TrackedTask>>();
    scheduler.add({
      name: 'fleet.taskmarket',
      intervalMs: interval,
      timeoutMs: timeoutMs * tmAgents.length,
      run: async ({ signal }) => {
        const counts: Record<string, MarketCounts> = {};
        for (const a of tmAgents) {
          const view = await inbox(a.wallet, signal);
          const at = Date.now();
          const seen = mergeTracked(tracked.get(a.wallet) ?? new Map(), [...view.asRequester, ...view.asWorker], at);
          tracked.set(a.wallet, trimTracked(seen, maxTracked));
          counts[a.name] = tmCounts(a.wallet, view, at, seen);
        }
        store.getState().setTaskmarket(counts);
      },
    });
  }

  if (em && emAgents.length > 0) {
    const published = new Map<string, Map<string, TrackedTask>>();
    const walletOf = new Map<string, string>();
    const unknownUntil = new Map<string, number>();
    let round = 0;
    const requestsPerRound = () => emAgents.length * (round % deepEvery === 0 ? deepPages : 1) + maxLookups + emAgents.length + 1;

    /** The newest tasks a publisher has (GET /tasks?publisher=, unsigned), up to `pages` pages. */
    async function publisherTasks(a: FleetAgent, pages: number, signal: AbortSignal): Promise<Task[]> {
      const out: Task[] = [];
      for (let page = 0, offset = 0; page < pages; page++) {
        const r = await listMine(em!, { publisher: a.wallet, limit: 100, offset, signal });
        // A server that ignores publisher= answers with the caller's own (the anonymous agent's) tasks: a fault, not "none".
        const stray = r.tasks.find((t) => t.em?.publisherWallet !== a.wallet);
        if (stray) throw new EmError('schema', `GET /tasks?publisher=${a.wallet} listed a task of another publisher: this server may need the publisher's signature`, { route: 'GET /tasks' });
        out.push(...r.tasks);
        if (!r.hasMore || r.count === 0) break;
        offset += r.count;
      }
      return out;
    }

    /** Who an executor is: the escrow's receiver is the assignee's wallet (§5b direct_release). */
    async function learnExecutors(rows: TrackedTask[], signal: AbortSignal): Promise<void> {
      let budget = maxLookups;
      const now = Date.now();
      for (const r of rows) {
        const id = r.task.em?.executorId;
        if (!id || walletOf.has(id) || (unknownUntil.get(id) ?? 0) > now || budget <= 0) continue;
        if (r.task.em?.status === 'published' || r.task.em?.status === 'assigning') continue; // no locked escrow yet
        budget--;
        let receiver: string | null = null;
        try {
          receiver = (await getPayment(em!, { taskId: r.task.id, signal }))?.receiver ?? null;
        } catch (err) {
          // A refusal (e.g. a server that wants a participant's signature) leaves the executor unknown; a wrong shape is a fault.
          if (!(err instanceof EmError) || err.kind !== 'http') throw err;
        }
        if (receiver && ADDRESS_RE.test(receiver)) walletOf.set(id, receiver.toLowerCase());
        else unknownUntil.set(id, now + UNKNOWN_RETRY_MS);
      }
    }

    scheduler.add({
      name: 'fleet.em',
      intervalMs: interval,
      timeoutMs: () => timeoutMs * requestsPerRound(),
      run: async ({ signal }) => {
        const pages = round++ % deepEvery === 0 ? deepPages : 1;
        for (const a of emAgents) {
          const fresh = await publisherTasks(a, pages, signal);
          published.set(a.wallet, trimTracked(mergeTracked(published.get(a.wallet) ?? new Map(), fresh, Date.now()), maxTracked));
        }
        const everything = [...published.values()].flatMap((m) => [...m.values()]);
        await learnExecutors(everything, signal);
        const idOf = new Map([...walletOf].map(([id, w]) => [w, id]));
        const executorWallet = (t: Task) => t.em?.executorWallet ?? (t.em?.executorId ? (walletOf.get(t.em.executorId) ?? null) : null);

        // Applications: only for agents whose executor id is known (EM lists no one's applications publicly).
        const applied: Record<string, number> = {};
        const known = emAgents.filter((a) => idOf.has(a.wallet));
        if (known.length > 0) {
          const all = await browse(em, { limit: 100, signal });
          for (const a of known) {
            const ex = await browse(em, { limit: 100, excludeExecutor: idOf.get(a.wallet)!, signal });
            applied[a.name] = appliedCount(all.tasks, ex.tasks, ex.nextOffset !== null);
          }
        }

        const at = Date.now();
        const counts: Record<string, MarketCounts> = {};
        const executors: Record<string, string> = {};
        for (const a of emAgents) {
          const mine = [...(published.get(a.wallet)?.values() ?? [])];
          const work = everything.filter((r) => executorWallet(r.task) === a.wallet);
          counts[a.name] = emCounts(mine, work, applied[a.name] ?? null, at);
          const id = idOf.get(a.wallet);
          if (id) executors[a.name] = id;
        }
        const pipelines: Record<string, PipelineProgress> = {};
        for (const p of emPipelines) {
          const consumer = fleet.agents.find((a) => a.name === p.consumer);
          if (!consumer) continue;
          const rows = [...(published.get(consumer.wallet)?.values() ?? [])];
          pipelines[p.name] = pipelineProgress(p, fleet.agents, rows.map((r) => toSummary(r, (id) => walletOf.get(id) ?? null)));
        }
        store.getState().setEm({ counts, executors, pipelines }, at);
      },
    });
  }
  return scheduler;
}
