// The armed-order engine in the desk (issue 10), one per wallet scope: created with the scope's journal,
// runner and reader, stopped with it. Its fresh reads go into the store (so the fire-time gate is the desk's
// own judge over the desk's state, re-stamped to this instant), its order views go into the store's `armed`
// slice, its events become notices, new Feed tasks reach armed claim rules, and on start every unfinished
// order of an earlier run comes back paused.
import { marketTimeAt } from '../core/market-clock.js';
import type { Task } from '../core/types.js';
import { createArmedEngine } from '../exec/armed/engine.js';
import type { ArmedEngine, EngineEvent, OrderView } from '../exec/armed/types.js';
import { spendTotals } from '../exec/spend.js';
import type { DeskStore } from '../store/desk-store.js';
import { judge } from '../store/gate-state.js';
import type { Acting } from './act.js';
import type { Backend } from './backend.js';

export interface ArmedSession {
  engine: ArmedEngine;
  stop(): void;
}

export interface StartArmedOptions {
  store: DeskStore;
  backend: Backend;
  acting: Acting | null;
  agent: string | null;
  /** After a fire: balance, inbox, the task (the session's refresh). */
  refresh: () => void;
  /** Test hook: how often armed tasks are re-read (default the guide's 5 s dutch cadence). */
  pollMs?: number;
}

// Events worth a line in the notices (each also shows in the Orders view).
const NOTICED = new Set<EngineEvent['type']>(['armed', 'fired', 'filled', 'lost', 'failed', 'suspended', 'resumed', 'disarmed', 'expired', 'exhausted']);

export function startArmed(o: StartArmedOptions): ArmedSession | null {
  const { store, backend, acting } = o;
  const runner = acting?.runner;
  const journal = acting?.journal;
  const wallet = backend.wallet;
  if (!runner || !journal || !wallet || backend.readonly) return null;
  const reader = backend.reader;
  const marketNow = () => marketTimeAt(store.getState().clock, Date.now());

  /** A fresh read of the task, stored like the pollers' detail reads (bids and the rest kept as they were). */
  async function refreshTask(taskId: string): Promise<Task> {
    const startedAt = Date.now();
    try {
      const task = await reader.getTask(taskId);
      if (!task) throw new Error('the market no longer returns this task');
      const prev = store.getState().details[taskId];
      const fetchedAt = Date.now();
      store.getState().setDetail({ task, bids: prev?.bids ?? [], submissions: prev?.submissions ?? [], pitches: prev?.pitches ?? [], fetchedAt }, startedAt);
      return task;
    } catch (err) {
      store.getState().detailFailed(taskId, Date.now(), err instanceof Error ? err.message : String(err), startedAt);
      throw err;
    }
  }

  /** The stop conditions a fire raises, as a ticket's send does (act.ts): the gate refuses the next one. */
  const recordStops = (taskId: string | null, action: string, r: Awaited<ReturnType<typeof runner.run>>) => {
    if (!taskId) return;
    const act = store.getState().act;
    if (r.contractError) store.getState().setAct({ contractRejected: { ...act.contractRejected, [`${taskId}:${action}`]: `Contract call rejected: ${r.contractError}` } });
    if (r.verification?.outcome === 'mismatch') {
      store.getState().setAct({ stateDisagrees: { ...store.getState().act.stateDisagrees, [taskId]: `after ${action}: ${r.verification.note ?? 'the market does not show the expected change'}` } });
    }
  };

  const tally = () => {
    const t = spendTotals(journal.actions(), { sessionStart: runner.sessionStart, now: Date.now(), wallet });
    store.getState().setAct({ sessionSpent: t.sessionSpent, daySpent: t.daySpent });
  };

  const engine = createArmedEngine({
    journal,
    runner: {
      run: async (...a) => {
        const out = await runner.run(...a);
        recordStops(a[0].taskId, a[0].action, out);
        tally();
        if (a[0].taskId) store.getState().requestDetail(a[0].taskId);
        o.refresh();
        return out;
      },
    },
    // The desk's own gate, on its state as it is this millisecond (the 1 s tick may lag behind).
    gate: (intent) => {
      const s = store.getState();
      return judge({ ...s, now: marketNow(), wallNow: Date.now() }, intent, true);
    },
    refreshTask,
    now: marketNow,
    scale: () => store.getState().clock.scale,
    wallet,
    agent: o.agent,
    network: { name: backend.network.name, chainId: backend.network.chainId },
    apiUrl: backend.apiUrl,
    ...(o.pollMs !== undefined ? { pollMs: o.pollMs } : {}),
  });

  const publish = (orders: readonly OrderView[]) => store.getState().setArmed({ orders: [...orders] });
  const unsubscribe = engine.subscribe((e, orders) => {
    publish(orders);
    if (NOTICED.has(e.type)) store.getState().addNotices([`armed ${shortId(e.orderId)}: ${e.message}`]);
  });

  const back = engine.restore();
  publish(engine.list());
  const paused = back.filter((v) => v.status === 'paused').length;
  if (paused > 0) store.getState().addNotices([`armed orders: ${paused} from an earlier run restored paused; resume each in the Orders view (O, then r)`]);

  /**
   * r on an order armed in an earlier session: the operator typed that order's confirmation on this
   * network (its armed record names it) and now approves it again, so it confirms the network for this
   * session — only when the market says it is on exactly that chain; the gate still judges everything.
   */
  function confirmNetworkByResume(id: string): void {
    const s = store.getState();
    const seen = s.conn.network;
    const order = engine.get(id);
    if (s.act.confirmed || !order || !seen || seen.chainId !== backend.network.chainId) return;
    store.getState().setAct({ intended: { name: backend.network.name, chainId: backend.network.chainId, usdcAddress: backend.network.usdcAddress }, confirmed: true });
    store.getState().addNotices([`network ${backend.network.name} (chain ${backend.network.chainId}) confirmed for this session by resuming order ${shortId(id)}, armed on it`]);
  }

  store.getState().setArmed({
    control: {
      arm: async (spec, approval, opts) => {
        const r = await engine.arm(spec, approval, opts);
        publish(engine.list());
        return r;
      },
      disarm: (id) => {
        const ok = engine.disarm(id);
        publish(engine.list());
        return ok;
      },
      resume: async (id) => {
        confirmNetworkByResume(id);
        const ok = await engine.resume(id);
        publish(engine.list());
        return ok;
      },
    },
  });

  // New tasks in the Feed reach armed claim rules (tasks the first listing brought are not new);
  // reads the desk made anyway re-plan armed clocks.
  let seen = store.getState().firstSeenAt;
  let tasks = store.getState().tasks;
  let loaded = store.getState().feedLoadedAt !== null;
  const unwatch = store.subscribe((s) => {
    if (s.firstSeenAt !== seen) {
      const before = seen;
      seen = s.firstSeenAt;
      if (loaded) for (const id of Object.keys(s.firstSeenAt)) if (before[id] === undefined && s.tasks[id]) engine.onNewTask(s.tasks[id]!);
    }
    loaded ||= s.feedLoadedAt !== null;
    if (s.tasks !== tasks) {
      const prev = tasks;
      tasks = s.tasks;
      for (const v of engine.list()) {
        if (v.spec.kind === 'claim' || v.status !== 'armed') continue;
        const t = s.tasks[v.spec.taskId];
        if (t && t !== prev[v.spec.taskId]) engine.onTaskUpdate(t);
      }
    }
  });

  return {
    engine,
    stop() {
      unwatch();
      unsubscribe();
      engine.stop();
      store.getState().setArmed({ control: null, orders: [] });
    },
  };
}

const shortId = (id: string) => (id.length > 8 ? id.slice(0, 8) : id);
