// The KarmaCadabra bots complete a supply-chain cycle over real HTTP (manual heartbeats, so it is quick and
// deterministic): four "[KK Request]" bounties in order, each assigned with escrow, delivered, approved and rated
// both ways; the money at /sim/ledger is exactly $0.18 out of the consumer, 87 % to each seller, 13 % to the treasury.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmBots, type EmBots } from '../../src/sim/execution-market/bots/index.js';
import { CYCLE_COST, SUPPLY_CHAIN } from '../../src/sim/execution-market/bots/products.js';
import { startEmSim, TREASURY, type EmSim } from './helpers.js';

let sim: EmSim;
let bots: EmBots;

beforeAll(async () => {
  // The real per-wallet limit (60/min): a cycle must fit in it.
  sim = await startEmSim({ em: { rateLimitPerMinute: 60 } });
  bots = startEmBots(sim.sim, { url: sim.url, seed: 'test', manual: true });
});
afterAll(async () => {
  await bots?.stop();
  await sim?.close();
});

describe('EM bots', () => {
  it('complete one supply-chain cycle with escrow, payouts and ratings', async () => {
    for (let i = 0; i < 40 && bots.stats().cycles < 1; i++) await bots.heartbeat();
    const stats = bots.stats();
    expect(stats).toMatchObject({ cycles: 1, stepsDone: 4, errors: 0 });

    const consumer = bots.wallets['kk-juanjumagalp']!;
    const tasks = (await sim.client(null).get(`/tasks?publisher=${consumer}&limit=10`)).body.tasks.reverse();
    expect(tasks.slice(0, 4).map((t: { title: string }) => t.title)).toEqual(['[KK Request] Raw Chat Logs', '[KK Request] Skill Profiles', '[KK Request] Voice Profiles', '[KK Request] Soul Profiles']);
    expect(tasks.slice(0, 4).map((t: { bounty_usd: number }) => t.bounty_usd)).toEqual([0.01, 0.05, 0.04, 0.08]);
    expect(tasks.slice(0, 4).every((t: { status: string; agent_name: string }) => t.status === 'completed' && t.agent_name === 'kk-juanjumagalp')).toBe(true);

    const balances = await sim.balances();
    expect(CYCLE_COST).toBe(180_000n);
    expect(balances[TREASURY]).toBe(23_400n);
    for (const p of SUPPLY_CHAIN) expect(balances[bots.wallets[p.seller]!]).toBe(p.bounty - (p.bounty * 1300n) / 10_000n);
    // Whatever the faucet minted, less one cycle, is what the consumer still holds (no escrow left over).
    const minted = 5_000_000n;
    expect(balances[consumer]).toBe(minted - CYCLE_COST);
    for (const t of tasks.slice(0, 4)) expect(await sim.escrow(t.id)).toBe(0n);

    // Ratings both ways: each seller's task rated by the buyer, and the buyer rated by every seller.
    const s = sim.em.runtime.sim.state.em!;
    const done = new Set(tasks.slice(0, 4).map((t: { id: string }) => t.id));
    const ratings = s.ratings.filter((r) => done.has(r.taskId));
    expect(ratings.filter((r) => r.direction === 'agent_to_worker')).toHaveLength(4);
    expect(ratings.filter((r) => r.direction === 'worker_to_agent' && r.to === consumer)).toHaveLength(4);
    const rep = await sim.client(null).get(`/reputation/agents/${consumer}`);
    expect(rep.body.count).toBe(4);
  });

  it('the next cycle starts with raw_logs again', async () => {
    await bots.heartbeat();
    const consumer = bots.wallets['kk-juanjumagalp']!;
    const open = (await sim.client(null).get(`/tasks?publisher=${consumer}&status=published`)).body.tasks;
    expect(open.map((t: { title: string }) => t.title)).toEqual(['[KK Request] Raw Chat Logs']);
  });
});

describe('EM bots in loop mode', () => {
  it('run on their own heartbeats and stop cleanly', async () => {
    const s2 = await startEmSim({ em: { rateLimitPerMinute: 60 } });
    const loops = startEmBots(s2.sim, { url: s2.url, seed: 'loop', heartbeatMs: 300 });
    try {
      const until = Date.now() + 20_000;
      while (loops.stats().stepsDone < 1) {
        if (Date.now() > until) throw new Error(`no step done: ${JSON.stringify(loops.stats())}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await loops.stop();
      await s2.close();
    }
    expect(loops.stats().errors).toBe(0);
  });
});
