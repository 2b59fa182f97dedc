// Sniper bots against an in-process simulator on a real clock: one bot that also snipes takes a dutch and a
// reverse-dutch clock once each reaches its own seeded target, paying the fee over real x402, at a price
// on the right side of its target and guard; its own clocks it leaves alone.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startBots, type Bots } from '../../src/sim/taskmarket/bots/index.js';
import { botKey } from '../../src/sim/taskmarket/bots/bot.js';
import { sniperGuard, sniperTarget } from '../../src/sim/taskmarket/bots/sniper.js';
import { privateKeyToAccount } from 'viem/accounts';
import { startTestSim, type TestSim } from '../helpers/sim.js';
import { createTask } from '../helpers/tasks.js';
import { newWallet, type Wallet } from '../helpers/x402.js';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 60_000 });

const SEED = 'sniper-test';
let sim: TestSim;
let bots: Bots;
let requester: Wallet;

beforeAll(async () => {
  sim = await startTestSim();
  requester = newWallet();
  await sim.faucet(requester.address, 50_000_000n);
  // One bot whose step loop sleeps (a 10-minute step): only its sniper acts in this test.
  bots = startBots(sim.sim, { count: 1, snipers: 1, seed: SEED, url: sim.url, stepMs: 600_000 });
});
afterAll(async () => {
  await bots?.stop();
  await sim?.close();
});

const row = (o: Record<string, string | null>) => ({ id: '0x' + 'cd'.repeat(32), requester: '0x0', status: 'open', auctionType: 'dutch', maxPrice: '4000000', auctionFloorPrice: '1000000', auctionStartPrice: null, currentAuctionPrice: null, ...o });

describe('sniper targets', () => {
  it('are seeded per sniper and task, inside the clock\'s range, with a guard under a falling target', () => {
    const a = sniperTarget(SEED, 0, row({}))!;
    expect(sniperTarget(SEED, 0, row({}))).toBe(a);
    expect(a >= 1_000_000n + 300_000n && a <= 4_000_000n - 1_200_000n).toBe(true); // 40%–90% of the way down
    const others = new Set([0, 1, 2, 3, 4, 5].map((i) => sniperTarget(SEED, i, row({}))));
    expect(others.size).toBeGreaterThan(1);
    expect(sniperGuard(row({}), a)).toBe(a - 300_000n); // a tenth of the range under it
    const rev = row({ auctionType: 'reverse_dutch', auctionFloorPrice: null, auctionStartPrice: '500000' });
    const t = sniperTarget(SEED, 0, rev)!;
    expect(t >= 500_000n + 350_000n && t <= 500_000n + 2_100_000n).toBe(true); // 10%–60% of the way up
    expect(sniperGuard(rev, t)).toBe(t);
    expect(sniperTarget(SEED, 0, row({ auctionType: 'english' }))).toBeNull();
  });
});

describe('a sniper bot', () => {
  it('accepts each clock once its own target is met, within its guard, with a real x402 fee', async () => {
    const bot = privateKeyToAccount(botKey(SEED, 0)).address.toLowerCase();
    expect(bots.addresses.map((a) => a.toLowerCase())).toEqual([bot]);
    const falling = await createTask(sim, requester, { mode: 'auction', auctionType: 'dutch', reward: '4000000', maxPrice: '4000000', auctionFloorPrice: '1000000', bidDeadline: 0.0111, description: 'sniper dutch' });
    const rising = await createTask(sim, requester, { mode: 'auction', auctionType: 'reverse_dutch', reward: '3000000', maxPrice: '3000000', auctionStartPrice: '500000', bidDeadline: 0.0111, description: 'sniper reverse' });
    const targets = {
      [falling]: sniperTarget(SEED, 0, row({ id: falling }))!,
      [rising]: sniperTarget(SEED, 0, row({ id: rising, auctionType: 'reverse_dutch', maxPrice: '3000000', auctionFloorPrice: null, auctionStartPrice: '500000' }))!,
    };
    const claimed = async (id: string) => {
      const r = await sim.get(`/api/tasks/${id}`);
      return r.body?.claimedBy ? String(r.body.claimedBy).toLowerCase() : null;
    };
    // 40 s clocks: a target 90% of the way down still leaves 4 s, and its guard 4 s of fall, for a 1 s poll.
    const until = Date.now() + 60_000;
    while ((!(await claimed(falling)) || !(await claimed(rising))) && Date.now() < until) await new Promise((r) => setTimeout(r, 250));
    expect(await claimed(falling)).toBe(bot);
    expect(await claimed(rising)).toBe(bot);

    const price = async (id: string) => BigInt((await sim.get<{ price: string; workerAddress: string }[]>(`/api/tasks/${id}/bids`)).body.find((b) => b.workerAddress.toLowerCase() === bot)!.price);
    const fell = await price(falling);
    expect(fell <= targets[falling]!).toBe(true);
    expect(fell >= sniperGuard(row({ id: falling }), targets[falling]!)).toBe(true);
    expect((await price(rising)) >= targets[rising]!).toBe(true);

    const log = (await sim.get<{ route: string; path: string; status: number; actor: string | null }[]>('/sim/requests')).body;
    for (const id of [falling, rising]) {
      const mine = log.filter((r) => r.route === '/api/tasks/:taskId/bids/accept' && r.path.includes(id));
      expect(mine.map((r) => r.status)).toEqual([402, 200]);
      expect(mine[1]!.actor?.toLowerCase()).toBe(bot);
    }
    // The faucet's 500 USDC, less two 0.001 fees (its step loop did nothing yet).
    expect(await sim.balance(bot)).toBe(500_000_000n - 2_000n);
  });
});
