// The four auction types through the runner (native executor) against the simulator: create_task for each,
// auction_accept on dutch and reverse_dutch with a --min-price guard (and a guard the clock is below: refused,
// nothing charged), bids on english (open) and reverse_english (sealed: verified through my bids), then
// select_winner after the bid deadline picks the lowest bidder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuctionType } from '../../src/core/types.js';
import { groupActions } from '../../src/exec/journal.js';
import { startTestSim, type TestSim } from '../helpers/sim.js';
import { cleanupDirs, createIntent, expectClean, makeActor, requests, stepsOf, taskIntent, type Actor } from './act-fixtures.js';

let sim: TestSim;
let req: Actor;
let wrk: Actor;
let wrk2: Actor;

beforeAll(async () => {
  sim = await startTestSim({ manualClock: true });
  req = await makeActor(sim, { fund: 100_000_000n });
  wrk = await makeActor(sim, { fund: 10_000_000n });
  wrk2 = await makeActor(sim, { fund: 10_000_000n });
});
afterAll(async () => {
  for (const a of [req, wrk, wrk2]) a?.close();
  await sim?.close();
  cleanupDirs();
});

async function auction(type: AuctionType, reward: bigint, extra: { floor?: bigint; start?: bigint } = {}): Promise<string> {
  const before = await sim.balance(req.address);
  const out = await req.run(
    createIntent(req, { mode: 'auction', auctionType: type, reward, bidDeadlineHours: 1, auctionFloorPrice: extra.floor ?? null, auctionStartPrice: extra.start ?? null }),
  );
  await expectClean(sim, req, out, '/api/tasks');
  expect(await sim.balance(req.address)).toBe(before - reward);
  const id = out.response?.ok ? out.response.result.taskId! : '';
  const t = await req.task(id);
  expect([t.mode, t.auctionType, t.maxPrice]).toEqual(['auction', type, reward]);
  return id;
}

describe('clock auctions: auction_accept with a guard', () => {
  it('dutch: a guard above the clock is refused before any charge, a guard below it is accepted at the clock', async () => {
    const id = await auction('dutch', 4_000_000n, { floor: 1_000_000n });
    const w0 = await sim.balance(wrk.address);
    const high = await wrk.run(taskIntent(wrk, 'auction_accept', await wrk.task(id), { minPrice: 4_500_000n }, { amount: 4_500_000n }));
    expect(high.ok).toBe(false);
    expect(high.response?.ok === false && high.response.error.message).toMatch(/below minPrice/);
    expect(stepsOf(wrk.journal, high.actionId!)).toEqual(['intent', 'approved', 'sent', 'response']);
    expect(groupActions(wrk.journal.records()).find((a) => a.actionId === high.actionId)?.state).toBe('refused');
    expect(await sim.balance(wrk.address)).toBe(w0);

    await sim.advance(30 * 60_000); // halfway down: 4.0 → 2.5
    const task = await wrk.task(id);
    expect(task.currentAuctionPrice).toBe(2_500_000n);
    const out = await wrk.run(taskIntent(wrk, 'auction_accept', task, { minPrice: 2_000_000n }, { amount: 2_000_000n }), { shownPrice: 2_500_000n });
    await expectClean(sim, wrk, out, '/api/tasks/:taskId/bids/accept');
    expect(out.response?.ok && out.response.result.acceptedPrice).toBe(2_500_000n);
    expect(out.verification?.observed).toMatchObject({ status: 'claimed', owner: wrk.address });
    expect(await sim.balance(wrk.address)).toBe(w0 - 1000n);
    expect(out.report?.caveats.join('\n')).toMatch(/no drift/);
  });

  it('reverse_dutch: the clock rises from the start price; accepted above the guard', async () => {
    const id = await auction('reverse_dutch', 2_000_000n, { start: 500_000n });
    await sim.advance(30 * 60_000); // 0.5 → 1.25
    const task = await wrk2.task(id);
    const out = await wrk2.run(taskIntent(wrk2, 'auction_accept', task, { minPrice: 1_000_000n }, { amount: 1_000_000n }), { shownPrice: task.currentAuctionPrice! });
    await expectClean(sim, wrk2, out, '/api/tasks/:taskId/bids/accept');
    expect(out.response?.ok && out.response.result.acceptedPrice).toBe(1_250_000n);
    expect((await wrk2.task(id)).claimedBy?.toLowerCase()).toBe(wrk2.address.toLowerCase());
  });
});

describe('bid auctions: bid, then select_winner after the deadline', () => {
  it('english: two open bids, the lower one wins', async () => {
    const id = await auction('english', 3_000_000n);
    const eng = await wrk.run(taskIntent(wrk, 'bid', await wrk.task(id), { price: 2_000_000n }, { amount: 2_000_000n }));
    await expectClean(sim, wrk, eng, '/api/tasks/:taskId/bids');
    const low = await wrk2.run(taskIntent(wrk2, 'bid', await wrk2.task(id), { price: 1_500_000n }, { amount: 1_500_000n }));
    await expectClean(sim, wrk2, low, '/api/tasks/:taskId/bids');
    expect(low.verification?.observed.owner).toBe(wrk2.address);

    const rev = await auction('reverse_english', 3_000_000n);
    const sealed = await wrk.run(taskIntent(wrk, 'bid', await wrk.task(rev), { price: 2_200_000n }, { amount: 2_200_000n }));
    await expectClean(sim, wrk, sealed, '/api/tasks/:taskId/bids');
    const other = await wrk2.run(taskIntent(wrk2, 'bid', await wrk2.task(rev), { price: 2_600_000n }, { amount: 2_600_000n }));
    await expectClean(sim, wrk2, other, '/api/tasks/:taskId/bids');
    expect((await wrk2.reader.getBids(rev)).every((b) => b.price === null)).toBe(true); // sealed until the deadline

    await sim.advance(61 * 60_000);
    for (const [taskId, winner] of [[id, wrk2], [rev, wrk]] as const) {
      const before = (await requests(sim)).length;
      const out = await req.run(taskIntent(req, 'select_winner', await req.task(taskId), {}, { role: 'anyone' }));
      const withKey = await expectClean(sim, req, out, '/api/tasks/:taskId/bids/select-winner');
      expect(withKey).toHaveLength(1); // free: one request, no x402 leg
      expect(out.verification?.observed).toMatchObject({ status: 'claimed', owner: winner.address });
      expect((await requests(sim)).length).toBe(before + 1);
    }
  });
});
