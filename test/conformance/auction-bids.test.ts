// English and sealed reverse-English auctions with the official CLI (backend §1.3, §3.3): bid undercut rules,
// sealed views, pendingBids in inbox, select-winner after the deadline (manual clock), settlement on accept.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDesk, USDC, type Agent, type Desk } from './cli.js';

// Each CLI call is a fresh node process (~0.5 s idle, far more on a loaded 2-core box): generous limits.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

let desk: Desk;
let req: Agent;
let w1: Agent;
let w2: Agent;
let english: string;
let sealed: string;

const actions = (t: { pendingActions: { action: string }[] }) => t.pendingActions.map((a) => a.action);

beforeAll(async () => {
  desk = await startDesk({ manualClock: true });
  [req, w1, w2] = await Promise.all([desk.agent(20n * USDC), desk.agent(USDC), desk.agent(USDC)]);
  const auction = (type: string) =>
    req.ok(['task', 'create', '--description', `Translate a README (${type})`, '--reward', '3', '--duration', '24',
      '--mode', 'auction', '--auction-type', type, '--max-price', '3', '--bid-deadline', '1', '--tags', 'translation']);
  const [e, s] = await Promise.all([auction('english'), auction('reverse_english')]);
  english = e.taskId;
  sealed = s.taskId;
});
afterAll(() => desk?.close());

describe('english auction', () => {
  it('bids must undercut the current lowest; the detail shows it and only offers bid', async () => {
    expect((await w1.ok(['task', 'bid', english, '--price', '2.5'])).bidId).toBeTruthy();
    const tie = await w2.run(['task', 'bid', english, '--price', '2.5']);
    expect(tie.code).toBe(1);
    expect(tie.err?.error).toContain('undercut');
    const over = await w2.run(['task', 'bid', english, '--price', '3.5']);
    expect(over.code).toBe(1);
    expect(over.err?.error.toLowerCase()).toContain('max');
    await w2.ok(['task', 'bid', english, '--price', '2']);
    const t = await req.ok(['task', 'get', english]);
    expect(t).toMatchObject({ currentLowestBid: '2000000', auctionBidCount: 2, status: 'open' });
    expect(actions(t)).toEqual(['bid']);
  });

  it('a clock-only command is refused on an english auction', async () => {
    const r = await w1.run(['task', 'auction-accept', english]);
    expect(r.code).toBe(1);
    expect(r.err?.error).toContain('dutch');
  });
});

describe('reverse english (sealed)', () => {
  it('accepts independent bids, refuses a higher re-bid, hides prices while sealed', async () => {
    await w1.ok(['task', 'bid', sealed, '--price', '2']);
    await w2.ok(['task', 'bid', sealed, '--price', '2.5']); // no undercut rule across bidders
    const up = await w1.run(['task', 'bid', sealed, '--price', '2.2']);
    expect(up.code).toBe(1);
    expect(up.err?.error).toContain('Re-bid must be lower');
    await w1.ok(['task', 'bid', sealed, '--price', '1.5']);
    const bids = await desk.get(`/api/tasks/${sealed}/bids`);
    expect(bids.body).toHaveLength(2);
    for (const b of bids.body) expect(b).toMatchObject({ price: null, workerAddress: null });
    const t = await req.ok(['task', 'get', sealed]);
    expect(t.currentLowestBid).toBeNull();
    expect(t.pendingActions[0].command).toContain('2 sealed bid(s) placed');
  });

  it('inbox lists the caller\'s live bids (GET /api/bids/my with read-auth)', async () => {
    const inbox = await w1.ok(['inbox']);
    const mine = inbox.pendingBids.map((b: { taskId: string; myBidPrice: string }) => [b.taskId, b.myBidPrice]);
    expect(mine).toEqual(expect.arrayContaining([[english, '2500000'], [sealed, '1500000']]));
  });
});

describe('after the bid deadline', () => {
  it('select-winner is refused before the deadline', async () => {
    const r = await req.run(['task', 'select-winner', english]);
    expect(r.code).toBe(1);
    expect(r.err?.error).toContain('has not passed');
  });

  it('select-winner picks the lowest bidder; sealed bids are revealed', async () => {
    await desk.advance(61 * 60_000);
    const t = await req.ok(['task', 'get', english]);
    expect(actions(t)).toEqual(['select_winner']);
    const e = await w1.ok(['task', 'select-winner', english]); // permissionless
    expect(e.workerAddress.toLowerCase()).toBe(w2.address.toLowerCase());
    const s = await req.ok(['task', 'select-winner', sealed]);
    expect(s.workerAddress.toLowerCase()).toBe(w1.address.toLowerCase());
    const bids = await desk.get(`/api/tasks/${sealed}/bids`);
    expect(bids.body.map((b: { price: string }) => b.price)).toEqual(['1500000', '2500000']);
    expect((await desk.task(english)).status).toBe('claimed');
  });

  it('the winner submits, the requester accepts: worker gets price − 5%, requester gets maxPrice − price back', async () => {
    const file = join(w2.home, 'readme.md');
    await writeFile(file, '# Liesmich\n');
    await w2.ok(['task', 'submit', english, '--file', file]);
    expect((await desk.task(english)).status).toBe('pending_approval');
    const [r0, w0] = [await desk.balance(req.address), await desk.balance(w2.address)];
    await req.ok(['task', 'accept', english, '--worker', w2.address]);
    expect(await desk.balance(w2.address)).toBe(w0 + 1_900_000n);
    expect(await desk.balance(req.address)).toBe(r0 - 1000n + USDC);
    expect(await desk.escrow(english)).toBe(0n);
  });
});
