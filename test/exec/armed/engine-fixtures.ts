// A desk's acting side for the armed-order engine tests, against the simulator over real HTTP: an actor
// (wallet, reader, native executor, journal, runner), the core gate over facts read from the market,
// fresh reads that also refresh the balance, and helpers to wait on orders and read /sim/requests.
import { createArmedEngine } from '../../../src/exec/armed/engine.js';
import { createPlainGate } from '../../../src/exec/armed/plain-gate.js';
import type { ArmedEngine, ArmedEngineOptions, EngineEvent, OrderView } from '../../../src/exec/armed/types.js';
import { spendTotals } from '../../../src/exec/spend.js';
import { SIM_NETWORK } from '../../../src/markets/taskmarket/index.js';
import type { Task } from '../../../src/core/types.js';
import type { TestSim } from '../../helpers/sim.js';
import { makeActor, NETWORK, requests, type Actor, type RequestEntry } from '../act-fixtures.js';

export interface Desk {
  actor: Actor;
  engine: ArmedEngine;
  /** The gate's spend caps: tests lower them to make the gate fail at fire time. */
  caps: { session: bigint | null; day: bigint | null };
  events: EngineEvent[];
  /** Fresh reads the engine made (task ids, in order). */
  reads: string[];
  /** A new engine over the actor's journal as it is now (after actor.reopen()). */
  rebuild(): ArmedEngine;
}

export async function makeDesk(sim: TestSim, o: { fund: bigint; engine?: Partial<ArmedEngineOptions> }): Promise<Desk> {
  const actor = await makeActor(sim, { fund: o.fund });
  const net = await actor.reader.networkInfo();
  const seenAt = Date.now();
  let balance: { value: bigint; fetchedAt: number } | null = null;
  const desk = { actor, caps: { session: null, day: null }, events: [], reads: [] } as unknown as Desk;
  const sessionStart = Date.now() - 1;
  const gate = createPlainGate({
    wallet: actor.address,
    intended: { name: SIM_NETWORK.name, chainId: SIM_NETWORK.chainId, usdcAddress: SIM_NETWORK.usdcAddress },
    apiUrl: actor.reader.apiUrl,
    seen: () => ({ network: net, fetchedAt: seenAt }),
    balance: () => balance,
    spend: () => {
      const t = spendTotals(desk.actor.journal.actions(), { sessionStart, now: Date.now(), wallet: actor.address });
      return { sessionSpent: t.sessionSpent, daySpent: t.daySpent, sessionCap: desk.caps.session, dayCap: desk.caps.day };
    },
    now: () => sim.sim.now(),
    wallNow: Date.now,
  });
  const refreshTask = async (id: string): Promise<Task> => {
    desk.reads.push(id);
    const [task, bal] = await Promise.all([actor.reader.getTask(id), actor.reader.balance(actor.address)]);
    balance = { value: bal, fetchedAt: Date.now() };
    if (!task) throw new Error(`task ${id} not found`);
    return task;
  };
  const build = () => {
    const engine = createArmedEngine({
      journal: desk.actor.journal,
      runner: { run: (...a) => desk.actor.runner.run(...a) },
      gate,
      refreshTask,
      // The in-process simulator's market clock is this process's: no offset to estimate.
      now: () => sim.sim.now(),
      wallet: actor.address,
      network: NETWORK,
      apiUrl: actor.reader.apiUrl,
      pollMs: 400,
      ...o.engine,
    });
    engine.subscribe((e) => desk.events.push(e));
    desk.engine = engine;
    return engine;
  };
  desk.rebuild = build;
  build();
  return desk;
}

export async function waitOrder(engine: ArmedEngine, id: string, ok: (v: OrderView) => boolean, what: string, capMs = 30_000): Promise<OrderView> {
  const until = Date.now() + capMs;
  for (;;) {
    const v = engine.get(id);
    if (v && ok(v)) return v;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}; order is ${JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x))}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The writes the market saw on `route` for `taskId`. */
export async function writesOn(sim: TestSim, route: string, taskId: string): Promise<RequestEntry[]> {
  return (await requests(sim)).filter((r) => r.route === route && r.path.includes(taskId));
}

export type LoggedRequest = RequestEntry & { marketAt: number; receivedAt?: number };
