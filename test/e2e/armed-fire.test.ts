// Armed auction-accepts in a real pty against a separately started simulator with a manual market clock:
// armed from the `x` chooser (the trigger P typed, confirmed by typing P), shown ARMED on the clock row and
// in the Orders view; when the market clock crosses P the desk fires exactly one POST .../bids/accept
// (checked at /sim/requests), filled between the guard and P (the journal and /sim/ledger agree); and a
// check failing at fire time (the fresh task read faults) suspends it with the reason, nothing sent.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { killAllPtys } from '../e2e-helpers/pty.js';
import { actingDesk, journalOf, removeHomes, type ActingDesk } from '../e2e-helpers/acting-desk.js';
import { FEE } from '../e2e-helpers/act-checks.js';
import { party, type Party } from '../e2e-helpers/counterparty.js';
import { TicketDriver } from '../e2e-helpers/ticket.js';
import { acceptWrites, armAccept, dutchClock, msToCrossing, ordersScreen, waitAccepts, WAIT } from '../e2e-helpers/armed.js';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

let d: ActingDesk;
let t: TicketDriver;
let req: Party;

beforeAll(async () => {
  d = await actingDesk({ manualClock: true });
  t = new TicketDriver(d.desk);
  req = await party(d.sim, 100_000_000n);
}, 90_000);

afterAll(async () => {
  killAllPtys();
  await d?.sim.stop();
  removeHomes();
});

const P = 3_000_000n;

describe('an armed auction-accept on a dutch clock', () => {
  it('arms from x, shows ARMED, fires once when the clock crosses P, filled between the guard and P', async () => {
    const task = await dutchClock(req);
    const text = await armAccept(t, task.id, '3.000000');
    expect(text).toContain('trigger P');
    const armed = journalOf(d.home).records.filter((r) => r.step === 'armed');
    expect(armed).toHaveLength(1);
    await t.home();
    // The clock row carries the marker with the trigger and when the clock reaches it.
    await d.desk.waitFor((s) => /ARMED P 3\.000000 at \d\d:\d\d:\d\d/.test(s), WAIT);
    const orders = await ordersScreen(d.desk, (s) => s.includes('ARMED'));
    expect(orders).toMatch(/ARMED\s+\S{8}\s+auction-accept/);
    d.desk.write('q');
    expect(await acceptWrites(d.sim, task.id)).toHaveLength(0);
    const b0 = await d.sim.balance(d.home.address);

    // Market time moves to half a second past the crossing: the desk sees it on its next read and fires.
    await d.sim.advance(msToCrossing(task, P) + 500);
    const writes = await waitAccepts(d.sim, task.id, 1, 30_000);
    await new Promise((r) => setTimeout(r, 1_500)); // a second accept would show up right behind the first
    // The x402 exchange is a 402 then the paid request, both under the journal's one idempotency key.
    const all = await acceptWrites(d.sim, task.id);
    const effective = all.filter((w) => w.status >= 200 && w.status < 300);
    expect(effective, `accept writes that took effect (${all.map((w) => w.status).join(', ')})`).toHaveLength(1);
    expect(all.every((w) => w.status === 402 || w === effective[0])).toBe(true);
    expect(writes.length).toBeGreaterThanOrEqual(1);

    const j = journalOf(d.home);
    const fired = j.records.filter((r) => r.step === 'fired');
    expect(fired).toHaveLength(1);
    const accept = j.actions.filter((a) => a.intent?.action === 'auction_accept' && a.intent.taskId === task.id);
    expect(accept).toHaveLength(1);
    expect(accept[0]!.records.map((r) => r.step)).toEqual(['intent', 'approved', 'sent', 'response', 'verified']);
    expect(new Set(all.map((w) => w.idempotencyKey))).toEqual(new Set([accept[0]!.intent!.idempotencyKey]));
    const price = accept[0]!.responses.at(-1)!.result!.acceptedPrice!;
    const guard = accept[0]!.intent!.amount!;
    expect(price).toBeLessThanOrEqual(P);
    expect(price).toBeGreaterThanOrEqual(guard);
    expect(guard).toBeLessThanOrEqual(P);
    const onMarket = await d.sim.task(task.id);
    expect(onMarket.status).toBe('claimed');
    expect(String(onMarket.claimedBy).toLowerCase()).toBe(d.home.address.toLowerCase());
    // /sim/ledger: the fee left the wallet, once.
    expect(await d.sim.balance(d.home.address)).toBe(b0 - FEE);

    await t.home();
    const done = await ordersScreen(d.desk, (s) => /FIRED/.test(s) && /filled at/.test(s));
    expect(done).toMatch(/filled at \d+\.\d{6} USDC \(trigger 3\.000000: /);
    d.desk.write('q');
  });

  it('suspends when the fresh read at fire time fails: the reason on screen and in the journal, nothing sent', async () => {
    const task = await dutchClock(req, 'a dutch clock whose read will fail');
    await armAccept(t, task.id, '3.000000');
    await t.home();
    // Every read of this task now fails; the crossing comes while it does.
    await d.sim.fault({ method: 'GET', path: `/api/tasks/${task.id}`, kind: 'status', status: 500, count: null });
    // The sim's market clock already moved past the first task's crossing; this one was created then.
    await d.sim.advance(msToCrossing(task, P) + 500);
    const s = await ordersScreen(d.desk, (x) => x.includes('SUSPENDED'), 30_000);
    expect(s).toMatch(/why: the fresh read failed/);
    d.desk.write('q');
    await d.sim.clearFaults();
    expect(await acceptWrites(d.sim, task.id), 'nothing sent').toHaveLength(0);
    const susp = journalOf(d.home).records.filter((r) => r.step === 'suspended');
    expect(susp.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(susp.at(-1))).toMatch(/fresh read failed/);
    expect((await d.sim.task(task.id)).status).toBe('open');
  });
});
