// Auction routes over real HTTP (§1.3, §3.3): english undercut rules, sealed reverse-english view,
// dutch auction-accept at the clock price with minPrice, exactly one winner, select-winner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSim, type TestSim } from '../helpers/sim.js';
import { createTask, dutch } from '../helpers/tasks.js';
import { newWallet, paidPost, readAuthHeaders, type Wallet } from '../helpers/x402.js';

let sim: TestSim;
let req: Wallet;
let w1: Wallet;
let w2: Wallet;
const HOUR = 3_600_000;

beforeAll(async () => {
  sim = await startTestSim({ manualClock: true });
  [req, w1, w2] = [newWallet(), newWallet(), newWallet()];
  for (const w of [req, w1, w2]) await sim.faucet(w.address, 1_000_000_000n);
});
afterAll(async () => {
  await sim.close();
});

const bid = (id: string, w: Wallet, price: string) => paidPost(sim.url, `/api/tasks/${id}/bids`, { taskId: id, price }, w.privateKey);
const english = (kind: 'english' | 'reverse_english') => ({ mode: 'auction', auctionType: kind, reward: '1000000', maxPrice: '1000000', bidDeadline: 1, duration: 24 });

describe('english', () => {
  it('every bid must strictly undercut the global lowest; ties and own re-bids at the same price refused', async () => {
    const id = await createTask(sim, req, english('english'));
    expect((await bid(id, w1, '1000001')).body.error).toBe('Bid exceeds max price');
    const b1 = await bid(id, w1, '900000');
    expect(b1.status).toBe(200);
    expect(b1.body).toEqual({ success: true, bidId: expect.any(String) });
    const before = await sim.ledger();
    const tie = await bid(id, w2, '900000');
    expect(tie.status).toBe(400);
    expect(tie.body).toEqual({ error: 'Bid must undercut the current lowest bid', taskmarket: { reason: 'payment_preflight_rejected' } });
    expect(await sim.ledger()).toEqual(before);
    expect((await bid(id, w2, '800000')).status).toBe(200);
    const rebid = await bid(id, w1, '700000');
    expect(rebid.body.bidId).toBe(b1.body.bidId); // one row per worker, price replaced
    const t = (await sim.get(`/api/tasks/${id}`)).body;
    expect(t.currentLowestBid).toBe('700000');
    expect(t.auctionBidCount).toBe(2);
    expect(t.pendingActions.map((a: { action: string; command: string }) => [a.action, a.command])).toEqual([
      ['bid', `taskmarket task bid ${id} --price <usdc> # current lowest: $0.700000`],
    ]);
    const bids = (await sim.get(`/api/tasks/${id}/bids`)).body;
    expect(bids.map((b: { price: string }) => b.price)).toEqual(['700000', '800000']);
    expect(bids[0]).not.toHaveProperty('isMyBid');
  });

  it('refuses bids on a task that is not an auction, and cancel once bids exist', async () => {
    const plain = await createTask(sim, req);
    expect((await bid(plain, w1, '10')).body.error).toBe('Task is not an auction');
    const id = await createTask(sim, req, english('english'));
    await bid(id, w1, '500000');
    const c = await paidPost(sim.url, `/api/tasks/${id}/cancel`, { taskId: id }, req.privateKey);
    expect(c.status).toBe(400);
    expect(c.body.error).toBe('Bids exist; auction cannot be cancelled');
  });

  it('select-winner waits for the deadline, then claims for the lowest bidder', async () => {
    const id = await createTask(sim, req, english('english'));
    await bid(id, w1, '600000');
    await bid(id, w2, '550000');
    const early = await sim.post(`/api/tasks/${id}/bids/select-winner`, { taskId: id });
    expect(early.status).toBe(400);
    expect(early.body.message).toBe('Bid deadline has not passed yet');
    expect((await bid(id, w1, '1')).status).toBe(200);
    await sim.advance(HOUR);
    expect((await bid(id, w2, '0')).status).toBe(400); // price must be positive
    const late = await bid(id, w2, '2');
    expect(late.body.error).toBe('Bid deadline has passed');
    expect((await sim.get(`/api/tasks/${id}`)).body.pendingActions.map((a: { action: string }) => a.action)).toEqual(['select_winner']);
    const r = await sim.post(`/api/tasks/${id}/bids/select-winner`, { taskId: id });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ success: true, workerAddress: w1.address });
    const t = (await sim.get(`/api/tasks/${id}`)).body;
    expect(t).toMatchObject({ status: 'claimed', claimedBy: w1.address, netReward: '0' });
  });
});

describe('reverse english (sealed)', () => {
  it('hides prices and addresses while open; re-bids must undercut only your own bid', async () => {
    const id = await createTask(sim, req, english('reverse_english'));
    expect((await bid(id, w1, '500000')).status).toBe(200);
    expect((await bid(id, w2, '600000')).status).toBe(200); // not constrained by others
    const own = await bid(id, w1, '500000');
    expect(own.body.error).toBe('Re-bid must be lower than the worker current bid');
    const anon = (await sim.get(`/api/tasks/${id}/bids`)).body;
    expect(anon).toHaveLength(2);
    for (const b of anon) expect(b).toMatchObject({ workerAddress: null, price: null, workerAgentId: null });
    const mine = (await sim.get(`/api/tasks/${id}/bids`, await readAuthHeaders(w1.privateKey))).body;
    expect(mine.filter((b: { isMyBid: boolean }) => b.isMyBid)).toHaveLength(1);
    const t = (await sim.get(`/api/tasks/${id}`)).body;
    expect(t.currentLowestBid).toBeNull();
    expect(t.pendingActions[0].command).toBe(`taskmarket task bid ${id} --price <usdc> # 2 sealed bid(s) placed`);
    const my = await sim.get('/api/bids/my', await readAuthHeaders(w2.privateKey));
    expect(my.body).toEqual([
      { taskId: id, auctionType: 'reverse_english', myBidPrice: '600000', currentLowestBid: null, bidDeadline: t.bidDeadline, bidCount: 2, taskStatus: 'open' },
    ]);
    expect((await sim.get('/api/bids/my')).status).toBe(401);
    await sim.advance(HOUR);
    const open = (await sim.get(`/api/tasks/${id}/bids`)).body;
    expect(open.map((b: { price: string }) => b.price)).toEqual(['500000', '600000']);
  });
});

describe('dutch auction-accept', () => {
  it('accepts at the clock price, respects minPrice, and pays the fee', async () => {
    const id = await createTask(sim, req, dutch('1000000', '100000', 1));
    await sim.advance(HOUR / 2);
    const t = (await sim.get(`/api/tasks/${id}`)).body;
    expect(t.currentAuctionPrice).toBe('550000');
    expect(t.auctionPriceReachesFloorAt).toBe(t.bidDeadline);
    expect(t.pendingActions.map((a: { command: string }) => a.command)).toContain(`taskmarket task auction-accept ${id} # current price: $0.550000`);
    const before = await sim.ledger();
    const tooLow = await paidPost(sim.url, `/api/tasks/${id}/bids/accept`, { taskId: id, minPrice: '600000' }, w1.privateKey);
    expect(tooLow.status).toBe(400);
    expect(tooLow.body).toEqual({ error: 'Current price is below minPrice', taskmarket: { reason: 'payment_preflight_rejected' } });
    expect(await sim.ledger()).toEqual(before);
    const bal = await sim.balance(w1.address);
    const r = await paidPost(sim.url, `/api/tasks/${id}/bids/accept`, { taskId: id, minPrice: '550000' }, w1.privateKey);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ success: true, acceptedPrice: '550000', workerAddress: w1.address });
    expect(await sim.balance(w1.address)).toBe(bal - 1000n);
    const after = (await sim.get(`/api/tasks/${id}`)).body;
    expect(after).toMatchObject({ status: 'claimed', claimedBy: w1.address, netReward: '522500', auctionBidCount: 1 });
    const second = await paidPost(sim.url, `/api/tasks/${id}/bids/accept`, { taskId: id }, w2.privateKey);
    expect(second.status).toBe(400);
    expect(second.body.error).toBe('Task is not open');
  });

  it('english tasks refuse auction-accept and dutch tasks refuse bids', async () => {
    const e = await createTask(sim, req, english('english'));
    const r = await paidPost(sim.url, `/api/tasks/${e}/bids/accept`, { taskId: e }, w1.privateKey);
    expect(r.body.error).toBe('auction-accept is only for dutch and reverse_dutch auctions. This task is english.');
    const d = await createTask(sim, req, dutch('1000000', '0', 1));
    expect((await bid(d, w1, '10')).body.error).toBe('Clock auctions use auction-accept, not bid');
  });

  it('exactly one of many concurrent accepts wins; the others are refused before paying', async () => {
    const id = await createTask(sim, req, dutch('2000000', '1000000', 2));
    const workers = Array.from({ length: 12 }, () => newWallet());
    for (const w of workers) await sim.faucet(w.address, 10_000n);
    const results = await Promise.all(workers.map((w) => paidPost(sim.url, `/api/tasks/${id}/bids/accept`, { taskId: id }, w.privateKey)));
    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) {
      expect(r.status).toBe(400);
      expect(r.body.error).toBe('Task is not open');
    }
    const paid = await Promise.all(workers.map((w) => sim.balance(w.address)));
    expect(paid.filter((b) => b === 9_000n)).toHaveLength(1);
    expect(paid.filter((b) => b === 10_000n)).toHaveLength(11);
  });

  it('refund-expired on a claimed auction pays the winner and refunds the surplus', async () => {
    const id = await createTask(sim, req, dutch('1000000', '200000', 1, 2));
    await sim.advance(HOUR / 2);
    const r = await paidPost(sim.url, `/api/tasks/${id}/bids/accept`, { taskId: id }, w2.privateKey);
    expect(r.body.acceptedPrice).toBe('600000');
    await sim.advance(2 * HOUR);
    const [worker0, req0] = [await sim.balance(w2.address), await sim.balance(req.address)];
    const refund = await paidPost(sim.url, `/api/tasks/${id}/refund-expired`, { taskId: id }, w1.privateKey);
    expect(refund.status).toBe(200);
    expect(await sim.balance(w2.address)).toBe(worker0 + 570_000n);
    expect(await sim.balance(req.address)).toBe(req0 + 400_000n);
    expect((await sim.ledger()).escrows[id]).toBe('0');
    const t = (await sim.get(`/api/tasks/${id}`)).body;
    expect(t.status).toBe('completed');
    expect(t.awards).toEqual([expect.objectContaining({ workerAddress: w2.address, rank: 1, grossAmount: '600000', workerPayment: '570000', platformFee: '30000', isPrimary: true })]);
    expect(t.pendingActions).toEqual([expect.objectContaining({ action: 'rate', targetWorker: w2.address })]);
  });

  it('refuses an accept at or after the bid deadline', async () => {
    const id = await createTask(sim, req, dutch('1000000', '200000', 1, 2));
    await sim.advance(HOUR);
    const r = await paidPost(sim.url, `/api/tasks/${id}/bids/accept`, { taskId: id }, w2.privateKey);
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('Auction clock has expired');
  });
});
