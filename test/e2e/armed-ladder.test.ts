// An English bid ladder armed from the keyboard in a real pty against a separately started simulator:
// x → arm-bid-ladder (step, floor, at most N bids), confirmed by typing the floor, the confirmation naming
// the floor and the most it can spend in fees; with no bids it opens at the max price, each rival undercut
// is answered on the desk's next read at the lowest minus the step, never below the floor, and after N
// bids it stops — each bid one effective write at /sim/requests, journaled like a ticket's.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { killAllPtys } from '../e2e-helpers/pty.js';
import { actingDesk, journalOf, removeHomes, type ActingDesk } from '../e2e-helpers/acting-desk.js';
import { party, type Party } from '../e2e-helpers/counterparty.js';
import { TicketDriver } from '../e2e-helpers/ticket.js';
import { ordersScreen, WAIT } from '../e2e-helpers/armed.js';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 90_000 });

let d: ActingDesk;
let t: TicketDriver;
let req: Party;
let rival: Party;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  d = await actingDesk();
  t = new TicketDriver(d.desk);
  req = await party(d.sim, 100_000_000n);
  rival = await party(d.sim, 50_000_000n);
}, 90_000);

afterAll(async () => {
  killAllPtys();
  await d?.sim.stop();
  removeHomes();
});

/** The ladder's bids as journaled (price, final state), oldest first. */
const myBids = (taskId: string) =>
  journalOf(d.home).actions.filter((a) => a.intent?.action === 'bid' && a.intent.taskId === taskId).map((a) => ({ price: a.intent!.amount!, state: a.state }));

async function waitBids(taskId: string, n: number): Promise<{ price: bigint; state: string }[]> {
  const until = Date.now() + 40_000;
  for (;;) {
    const b = myBids(taskId);
    if (b.length >= n && b.every((x) => x.state === 'verified')) return b;
    if (Date.now() > until) throw new Error(`ladder bids ${JSON.stringify(b, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}, wanted ${n}\n${d.desk.screen()}`);
    await sleep(250);
  }
}

describe('an armed English bid ladder', () => {
  it('opens at the max, undercuts each rival by the step, bids the floor last, and stops after N bids', async () => {
    const { taskId } = await req.writer.createTask({ description: 'an english auction to ladder', reward: 3_000_000n, durationHours: 24, mode: 'auction', auctionType: 'english', bidDeadlineHours: 1, tags: [] });
    await t.goto(taskId);
    for (let i = 0; ; i++) {
      d.desk.write('x');
      if (await d.desk.waitFor('Choose an action', 3_000).then(() => true, () => false)) break;
      if (t.isOpen()) d.desk.write('\x1b');
      if (i > 10) throw new Error(`no chooser\n${d.desk.screen()}`);
      await sleep(400);
    }
    await t.choose('arm_bid_ladder');
    await d.desk.waitFor('Ticket: Arm a bid ladder', WAIT);
    await t.network();
    await t.fill('undercut step', '0.25');
    await t.fill('floor', '2');
    const ask = await t.check();
    expect(ask).toEqual({ kind: 'typed', phrase: '2.000000' });
    expect(t.body().join('\n')).toContain('Type 2.000000 to confirm · Esc cancels · floor 2.000000 USDC, at most 0.003000 USDC in fees');
    const out = await t.confirm();
    expect(out, out.text).toMatchObject({ ok: true, title: 'armed' });
    await t.home();

    // No bids yet: it opens at the max price.
    expect((await waitBids(taskId, 1)).map((b) => b.price)).toEqual([3_000_000n]);
    // A rival undercuts: the ladder answers at the lowest minus the step.
    await rival.writer.bid({ taskId, price: 2_600_000n });
    expect((await waitBids(taskId, 2)).map((b) => b.price)).toEqual([3_000_000n, 2_350_000n]);
    // Again: a full step would pass the floor, so it bids the floor itself.
    await rival.writer.bid({ taskId, price: 2_100_000n });
    expect((await waitBids(taskId, 3)).map((b) => b.price)).toEqual([3_000_000n, 2_350_000n, 2_000_000n]);

    const s = await ordersScreen(d.desk, (x) => /EXHAUSTED/.test(x), 30_000);
    expect(s).toMatch(/bid ladder \S+ step 0\.250000 floor 2\.000000 ×3/);
    d.desk.write('q');
    // Each bid: one write that took effect under its journal key.
    const log = await d.sim.requests();
    for (const a of journalOf(d.home).actions.filter((x) => x.intent?.action === 'bid' && x.intent.taskId === taskId)) {
      const ok = log.filter((r) => r.idempotencyKey === a.intent!.idempotencyKey && r.status >= 200 && r.status < 300);
      expect(ok).toHaveLength(1);
    }
    expect(journalOf(d.home).records.filter((r) => r.step === 'fired')).toHaveLength(3);
  });
});
