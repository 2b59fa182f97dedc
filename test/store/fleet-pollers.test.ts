// The fleet pollers against the simulator over real HTTP, its KarmaCadabra bots driven heartbeat by heartbeat
// (manual, so every step is known): balances from the shared ledger, each agent's open tasks, applications,
// assignments and deliveries to review, executor ids learned from the escrow, the supply chain's cycles — all
// with unsigned GETs only. A wrong-shaped answer is a fault that keeps the last figures; a 429 backs off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simFleet } from '../../src/app/fleet-sim.js';
import { createEmClient } from '../../src/markets/execution-market/client.js';
import { createTaskmarketReader } from '../../src/markets/taskmarket/reader.js';
import { startEmBots, type EmBots } from '../../src/sim/execution-market/bots/index.js';
import { SUPPLY_CHAIN } from '../../src/sim/execution-market/bots/products.js';
import { startSim, type RunningSim } from '../../src/sim/server.js';
import { createFleetPollers, FLEET_POLLERS } from '../../src/store/fleet-pollers.js';
import { createFleetStore, type FleetFeed, type FleetStore } from '../../src/store/fleet-state.js';
import type { Scheduler } from '../../src/store/scheduler.js';

const SEED = 'fleet-pollers';
let running: RunningSim;
let bots: EmBots;
let store: FleetStore;
let scheduler: Scheduler;
const sent: { method: string; url: string; headers: Record<string, string> }[] = [];

let emWrongShape = false;
let ignorePublisher = false;

/** Record every request the fleet's clients make (to prove none is signed); optionally answer EM's task list wrongly. */
const spyFetch: typeof fetch = (input, init) => {
  const h = new Headers(init?.headers);
  sent.push({ method: init?.method ?? 'GET', url: String(input), headers: Object.fromEntries(h.entries()) });
  if (emWrongShape && String(input).includes('/em/api/v1/tasks?publisher=')) return Promise.resolve(new Response(JSON.stringify({ tasks: 'nope' }), { status: 200, headers: { 'content-type': 'application/json' } }));
  // A server that ignores publisher= (the June code lists the caller's own tasks): every agent gets the same list.
  if (ignorePublisher && String(input).includes('/em/api/v1/tasks?publisher=')) return fetch(String(input).replace(/publisher=0x[0-9a-f]{40}/, `publisher=${bots.wallets['kk-juanjumagalp']}`), init);
  return fetch(input, init);
};

/** Kick the pollers and wait until each feed reported again. */
async function round(feeds: FleetFeed[] = ['em', 'balances']): Promise<void> {
  const before = store.getState().health;
  // Only the feeds asked for, so no other round lands while a test compares figures.
  for (const n of FLEET_POLLERS) if (feeds.some((f) => n === `fleet.${f}`)) scheduler.kick(n);
  const deadline = Date.now() + 15_000;
  while (!feeds.every((f) => store.getState().health[f] !== before[f])) {
    if (Date.now() > deadline) throw new Error(`no fleet round: ${JSON.stringify(store.getState().health)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const agent = (name: string) => store.getState().agents[name]!;
const progress = () => store.getState().pipelines['kk-supply-chain']!.progress!;

async function faults(body: unknown | null): Promise<void> {
  const r = await fetch(`${running.url}/sim/faults`, body === null ? { method: 'DELETE' } : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(r.status).toBe(200);
}

beforeAll(async () => {
  running = await startSim({ port: 0 });
  bots = startEmBots(running.sim, { url: running.url, seed: SEED, manual: true });
  const { fleet, problems } = simFleet(SEED);
  expect(problems).toEqual([]);
  store = createFleetStore({ source: 'simulator', path: '/nowhere/fleet.json', fleet, emUrl: `${running.url}/em`, balanceUrl: running.url });
  const em = createEmClient({ baseUrl: `${running.url}/em`, fetch: spyFetch });
  const tm = createTaskmarketReader({ apiUrl: running.url, fetch: spyFetch });
  // A long interval: the test drives every round itself.
  scheduler = createFleetPollers(store, { em, balance: (a, s) => tm.balance(a, s), inbox: (a, s) => tm.inbox(a, s) }, { intervalMs: 600_000, backoff: { baseMs: 1000, maxMs: 60_000, random: () => 1 } });
  scheduler.start();
});
afterAll(async () => {
  scheduler?.stop();
  await bots?.stop();
  await running?.close();
});

describe('fleet pollers on the simulator', () => {
  it('the simulator fleet names the wallets the bots really use', () => {
    const wallets = Object.fromEntries(store.getState().fleet.agents.map((a) => [a.name, a.wallet]));
    expect(wallets).toEqual(bots.wallets);
    expect(store.getState().fleet.pipelines[0]!.cycleTotal).toBe(180_000n);
  });

  it('reads once at start: zero balances, nothing published, no cycle yet', async () => {
    const deadline = Date.now() + 15_000;
    while (store.getState().health.em.okAt === null || store.getState().health.balances.okAt === null) {
      if (Date.now() > deadline) throw new Error(JSON.stringify(store.getState().health));
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(agent('kk-juanjumagalp')).toMatchObject({ balance: 0n, em: { open: 0, toReview: 0, assigned: 0, applied: null, lastActivity: null } });
    expect(progress()).toMatchObject({ cycles: [], nextCycleDue: true, unmatched: 0 });
  });

  it('a whole cycle: $0.18 spent over four approved steps, balances as the ledger says, every seller known', async () => {
    for (let i = 0; i < 40 && bots.stats().cycles < 1; i++) await bots.heartbeat();
    expect(bots.stats()).toMatchObject({ cycles: 1, errors: 0 });
    await round();
    const p = progress();
    expect(p.cycles).toHaveLength(1);
    expect(p.cycles[0]).toMatchObject({ complete: true, spent: 180_000n, currentStep: null });
    expect(p.cycles[0]!.steps.map((s) => [s.product, s.state, s.notes])).toEqual(SUPPLY_CHAIN.map((s) => [s.key, 'approved', []]));
    expect(p.nextCycleDue).toBe(true);
    for (const a of store.getState().fleet.agents) expect(agent(a.name).balance, a.name).toBe(running.sim.ledger.balanceOf(a.wallet));
    for (const s of SUPPLY_CHAIN) {
      expect(agent(s.seller).balance).toBe((s.bounty * 87n) / 100n);
      expect(agent(s.seller).executorId).toMatch(/^[0-9a-f-]{36}$/);
      expect(agent(s.seller).em).toMatchObject({ applied: 0, assigned: 0 });
      expect(agent(s.seller).em!.lastActivity).not.toBeNull();
    }
    expect(agent('kk-juanjumagalp').em).toMatchObject({ open: 0, toReview: 0, applied: null });
  });

  it('step by step through the next cycle: published and applied, then delivered and waiting for review', async () => {
    // Consumer publishes raw_logs; kk-karma-hello finds it and applies in the same heartbeat.
    await bots.heartbeat();
    await round();
    expect(agent('kk-juanjumagalp').em).toMatchObject({ open: 1, toReview: 0 });
    expect(agent('kk-karma-hello').em).toMatchObject({ applied: 1, assigned: 0 });
    expect(agent('kk-skill-extractor').em).toMatchObject({ applied: 0 });
    const c2 = progress().cycles[1]!;
    expect([c2.number, c2.currentStep, c2.steps[0]!.state, c2.steps[1]!.state, c2.spent]).toEqual([2, 0, 'published', 'waiting', 0n]);
    // Consumer assigns with escrow; the seller delivers.
    await bots.heartbeat();
    await round();
    expect(agent('kk-juanjumagalp').em).toMatchObject({ open: 1, toReview: 1 });
    expect(agent('kk-karma-hello').em).toMatchObject({ applied: 0, assigned: 1 });
    expect(progress().cycles[1]!.steps[0]).toMatchObject({ state: 'submitted', notes: [] });
    expect(agent('kk-juanjumagalp').balance).toBe(running.sim.ledger.balanceOf(bots.wallets['kk-juanjumagalp']!));
  });

  it('never signs: every request is an unsigned GET', () => {
    expect(sent.length).toBeGreaterThan(10);
    for (const r of sent) {
      expect(r.method).toBe('GET');
      expect(Object.keys(r.headers).filter((k) => /^signature|authorization|x-payment|x-taskmarket/i.test(k)), r.url).toEqual([]);
    }
    expect(sent.some((r) => r.url.includes('/em/api/v1/tasks?publisher='))).toBe(true);
    expect(sent.some((r) => r.url.includes('/em/api/v1/tasks/available') && r.url.includes('exclude_executor='))).toBe(true);
  });

  it('a wrong-shaped answer is a fault: the feed reports it and the figures stay as they were', async () => {
    const before = store.getState().agents;
    await faults({ method: 'GET', path: '/api/wallet/balance', kind: 'wrong-shape', count: null });
    try {
      await round(['balances']);
      expect(store.getState().health.balances.error).toMatch(/GET \/api\/wallet\/balance/);
      expect(store.getState().agents).toBe(before);
    } finally {
      await faults(null);
    }
    // Healthy again (its next turn is far away), so nothing else moves the figures below.
    await round(['balances']);
    expect(store.getState().health.balances).toMatchObject({ error: null, failures: 0 });
    // /sim/faults does not reach the simulator's /em routes: the wrong shape is put on the wire here.
    const kept = store.getState().agents;
    const pipes = store.getState().pipelines;
    emWrongShape = true;
    try {
      await round(['em']);
      expect(store.getState().health.em.error).toMatch(/GET \/tasks/);
      expect(store.getState().agents).toBe(kept);
      expect(store.getState().pipelines).toBe(pipes);
    } finally {
      emWrongShape = false;
    }
    await round(['em']);
    expect(store.getState().health.em).toMatchObject({ error: null, failures: 0 });
  });

  it('a listing of another publisher\u2019s tasks is a fault, not an agent with nothing published', async () => {
    const before = store.getState().agents;
    ignorePublisher = true;
    try {
      await round(['em']);
      expect(store.getState().health.em.error).toMatch(/listed a task of another publisher: this server may need the publisher's signature/);
      expect(store.getState().agents).toBe(before);
    } finally {
      ignorePublisher = false;
    }
    await round(['em']);
    expect(store.getState().health.em.error).toBeNull();
  });

  it('a 429 backs the feed off for as long as Retry-After says', async () => {
    await faults({ method: 'GET', path: '/api/wallet/balance', kind: 'status', status: 429, retryAfterSeconds: 30, count: 1 });
    const at = Date.now();
    await round(['balances']);
    const h = store.getState().health.balances;
    expect(h.failures).toBe(1);
    expect(h.retryAt! - at).toBeGreaterThanOrEqual(29_000);
    await round(['balances']);
    expect(store.getState().health.balances.error).toBeNull();
  });
});
