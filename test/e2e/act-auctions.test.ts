// Every auction type from the keyboard in a real pty, as worker and as requester, against a separately
// started simulator with a manual market clock: `b` on a dutch clock opens auction-accept (guard typed),
// `b` on an English clock opens a bid, a sealed reverse-English bid, a reverse-dutch accept through `x`;
// `n` creates each auction type; after the bid window the winner is selected (typed) as a bidder and as
// the requester, and the winners' work is accepted with the surplus back to the requester. Other
// bidders and requesters act over HTTP. Each action is checked at /sim/requests (one effective write under
// the journal's key) and /sim/ledger.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { killAllPtys } from '../e2e-helpers/pty.js';
import { actingDesk, removeHomes, type ActingDesk } from '../e2e-helpers/acting-desk.js';
import { expectOneWrite, FEE, lastAction, net } from '../e2e-helpers/act-checks.js';
import { party, type Party } from '../e2e-helpers/counterparty.js';
import { TicketDriver } from '../e2e-helpers/ticket.js';

// A pty flow of several actions on a loaded 2-core machine: give each test room (waits are on screen content).
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

let d: ActingDesk;
let t: TicketDriver;
let req: Party;
let rival: Party;
let file: string;
const ids: Record<string, string> = {};
const mine: Record<string, string> = {};

beforeAll(async () => {
  d = await actingDesk({ manualClock: true });
  t = new TicketDriver(d.desk);
  req = await party(d.sim, 200_000_000n);
  rival = await party(d.sim, 50_000_000n);
  file = join(d.home.dir, 'work.txt');
  writeFileSync(file, 'the work\n');
  const w = req.writer;
  ids.dutch = (await w.createTask({ description: 'their dutch', reward: 5_000_000n, durationHours: 24, mode: 'auction', auctionType: 'dutch', auctionFloorPrice: 1_000_000n, bidDeadlineHours: 1, tags: [] })).taskId;
  ids.rdutch = (await w.createTask({ description: 'their reverse dutch', reward: 3_000_000n, durationHours: 24, mode: 'auction', auctionType: 'reverse_dutch', auctionStartPrice: 1_000_000n, bidDeadlineHours: 1, tags: [] })).taskId;
  ids.english = (await w.createTask({ description: 'their english', reward: 3_000_000n, durationHours: 24, mode: 'auction', auctionType: 'english', bidDeadlineHours: 1, tags: [] })).taskId;
  ids.renglish = (await w.createTask({ description: 'their reverse english', reward: 3_000_000n, durationHours: 24, mode: 'auction', auctionType: 'reverse_english', bidDeadlineHours: 1, tags: [] })).taskId;
  // Market time moves 20 minutes: the dutch clock has fallen, the reverse dutch one has risen.
  await d.sim.advance(20 * 60_000);
  d.desk.write('R');
}, 90_000);

afterAll(async () => {
  killAllPtys();
  await d?.sim.stop();
  removeHomes();
});

const me = () => d.home.address;
const balance = (a: string = me()) => d.sim.balance(a);
const same = (a: string | null | undefined, b: string) => (a ?? '').toLowerCase() === b.toLowerCase();

describe('as a worker, before the bid windows close', () => {
  it('dutch: b on its clock → auction-accept with the default guard (typed); the market takes it at the clock price', async () => {
    const b0 = await balance();
    await t.clock(ids.dutch!);
    expect(t.title()).toBe('Accept the clock');
    const out = await t.finish();
    expect(out, out.text).toMatchObject({ ok: true, title: 'verified' });
    const { action } = await expectOneWrite(d.sim, d.home, 'auction_accept', ids.dutch);
    const price = action.responses.at(-1)!.result!.acceptedPrice!;
    expect(price).toBeGreaterThanOrEqual(action.intent!.amount!); // never below the typed guard
    expect(price).toBeLessThan(5_000_000n); // the clock had fallen
    expect(action.approved!.phrase).toBe((Number(action.intent!.amount!) / 1e6).toFixed(6));
    const task = await d.sim.task(ids.dutch!);
    expect(task.status).toBe('claimed');
    expect(same(task.claimedBy, me())).toBe(true);
    expect(await balance()).toBe(b0 - FEE);
    ids.dutchPrice = String(price);
  });

  it('reverse dutch: x → auction-accept; the rising clock is taken at its price', async () => {
    const out = await t.run(ids.rdutch!, 'auction_accept');
    expect(out, out.text).toMatchObject({ ok: true });
    const { action } = await expectOneWrite(d.sim, d.home, 'auction_accept', ids.rdutch);
    const price = action.responses.at(-1)!.result!.acceptedPrice!;
    expect(price).toBeGreaterThan(1_000_000n);
    expect(price).toBeLessThanOrEqual(3_000_000n);
    expect(same((await d.sim.task(ids.rdutch!)).claimedBy, me())).toBe(true);
  });

  it('english: b on its clock → bid 2.5; a rival undercuts at 2.0; bid again at 1.8 (typed each time)', async () => {
    const b0 = await balance();
    await t.clock(ids.english!);
    expect(t.title()).toBe('Bid');
    let out = await t.finish({ 'bid price': '2.5' });
    expect(out, out.text).toMatchObject({ ok: true });
    let w = await expectOneWrite(d.sim, d.home, 'bid', ids.english);
    expect(w.action.approved!.phrase).toBe('2.500000');
    await rival.writer.bid({ taskId: ids.english!, price: 2_000_000n });
    out = await t.run(ids.english!, 'bid', { 'bid price': '1.8' });
    expect(out, out.text).toMatchObject({ ok: true });
    w = await expectOneWrite(d.sim, d.home, 'bid', ids.english);
    expect(w.action.approved!.phrase).toBe('1.800000');
    expect((await d.sim.task(ids.english!)).currentLowestBid).toBe('1800000');
    expect(await balance()).toBe(b0 - 2n * FEE);
  });

  it('reverse english: b → a sealed bid; a rival bids lower', async () => {
    await t.clock(ids.renglish!);
    expect(t.title()).toBe('Bid');
    const out = await t.finish({ 'bid price': '2.2' });
    expect(out, out.text).toMatchObject({ ok: true });
    await expectOneWrite(d.sim, d.home, 'bid', ids.renglish);
    await rival.writer.bid({ taskId: ids.renglish!, price: 1_500_000n });
  });
});

describe('as a requester: n creates every auction type', () => {
  const forms = {
    dutch: { mode: { pick: 'auction' }, 'auction type': { pick: 'dutch' }, description: 'my dutch job', 'reward (USDC; auctions: the max price)': '4', 'floor price': '1', 'bid window / clock (hours, auctions)': '1' },
    reverse_dutch: { mode: { pick: 'auction' }, 'auction type': { pick: 'reverse_dutch' }, description: 'my reverse dutch job', 'reward (USDC; auctions: the max price)': '3', 'start price': '0.5', 'bid window / clock (hours, auctions)': '1' },
    english: { mode: { pick: 'auction' }, 'auction type': { pick: 'english' }, description: 'my english job', 'reward (USDC; auctions: the max price)': '3', 'bid window / clock (hours, auctions)': '1' },
    reverse_english: { mode: { pick: 'auction' }, 'auction type': { pick: 'reverse_english' }, description: 'my reverse english job', 'reward (USDC; auctions: the max price)': '2', 'bid window / clock (hours, auctions)': '1' },
  } as const;
  const rewards = { dutch: 4_000_000n, reverse_dutch: 3_000_000n, english: 3_000_000n, reverse_english: 2_000_000n };

  for (const kind of Object.keys(forms) as (keyof typeof forms)[]) {
    it(`${kind}: the reward (typed) goes into escrow`, async () => {
      const b0 = await balance();
      const out = await t.create(forms[kind]);
      expect(out, out.text).toMatchObject({ ok: true });
      const { action } = await expectOneWrite(d.sim, d.home, 'create_task');
      const id = action.responses.at(-1)!.result!.taskId!;
      expect(action.approved!.phrase).toBe((Number(rewards[kind]) / 1e6).toFixed(6));
      const task = await d.sim.task(id);
      expect(task).toMatchObject({ mode: 'auction', auctionType: kind, requester: expect.stringMatching(new RegExp(me(), 'i')) });
      expect(await d.sim.escrow(id)).toBe(rewards[kind]);
      expect(await balance()).toBe(b0 - rewards[kind]);
      mine[kind] = id;
    });
  }

  it('a rival takes my dutch clock and bids on my english one', async () => {
    await rival.writer.auctionAccept({ taskId: mine.dutch!, minPrice: 1_000_000n });
    await rival.writer.bid({ taskId: mine.english!, price: 2_400_000n });
    expect(same((await d.sim.task(mine.dutch!)).claimedBy, rival.address)).toBe(true);
  });
});

describe('after the bid windows (market time +1 h)', () => {
  it('select-winner (typed) as the lowest bidder of their English auction, and as the requester of mine', async () => {
    await d.sim.advance(60 * 60_000 + 60_000);
    let out = await t.run(ids.english!, 'select_winner');
    expect(out, out.text).toMatchObject({ ok: true });
    let w = await expectOneWrite(d.sim, d.home, 'select_winner', ids.english);
    expect(same(w.action.intent!.payee, me())).toBe(true);
    expect(same((await d.sim.task(ids.english!)).claimedBy, me())).toBe(true);

    out = await t.run(mine.english!, 'select_winner');
    expect(out, out.text).toMatchObject({ ok: true });
    w = await expectOneWrite(d.sim, d.home, 'select_winner', mine.english);
    expect(w.action.approved!.phrase).toBe('2.400000');
    expect(same((await d.sim.task(mine.english!)).claimedBy, rival.address)).toBe(true);
  });

  it('reverse english: once unsealed, select-winner picks the rival’s lower bid', async () => {
    const out = await t.run(ids.renglish!, 'select_winner');
    expect(out, out.text).toMatchObject({ ok: true });
    const w = await expectOneWrite(d.sim, d.home, 'select_winner', ids.renglish);
    expect(w.action.approved!.phrase).toBe('1.500000');
    expect(same((await d.sim.task(ids.renglish!)).claimedBy, rival.address)).toBe(true);
  });

  it('the winners submit and are accepted: paid at the winning price, the surplus refunded to the requester', async () => {
    // The desk's win on their dutch clock: submit, they accept.
    let out = await t.run(ids.dutch!, 'submit', { files: file });
    expect(out, out.text).toMatchObject({ ok: true });
    await expectOneWrite(d.sim, d.home, 'submit', ids.dutch);
    const price = BigInt(ids.dutchPrice!);
    const [w0, r0] = [await balance(), await balance(req.address)];
    await req.writer.accept({ taskId: ids.dutch!, worker: me() });
    expect(await balance()).toBe(w0 + net(price));
    expect(await balance(req.address)).toBe(r0 + (5_000_000n - price) - FEE);

    // The rival's win on my english auction: they submit, the desk accepts (typed payout).
    await rival.submit(mine.english!);
    const [v0, m0] = [await balance(rival.address), await balance()];
    out = await t.run(mine.english!, 'accept');
    expect(out, out.text).toMatchObject({ ok: true });
    const a = await expectOneWrite(d.sim, d.home, 'accept', mine.english);
    expect(a.action.approved!.phrase).toBe('2.400000');
    expect(await balance(rival.address)).toBe(v0 + net(2_400_000n));
    expect(await balance()).toBe(m0 + (3_000_000n - 2_400_000n) - FEE);
    expect(await d.sim.escrow(mine.english!)).toBe(0n);
    expect(lastAction(d.home, 'accept', mine.english).verification?.step).toBe('verified');
  });
});
