// Disarming and restarting with armed orders, in a real pty against a separately started simulator with
// a manual market clock: a disarmed order (one key, no confirmation) sends nothing when its clock crosses;
// a desk SIGKILLed with an order armed comes back with it paused (a notice says so), fires nothing while
// paused, and after one key resumes it fires exactly once — checked at /sim/requests and /sim/ledger.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { killAllPtys } from '../e2e-helpers/pty.js';
import { deskHome, journalOf, removeHomes, startDesk, waitReady, type DeskHome } from '../e2e-helpers/acting-desk.js';
import { startActSim, type ActSim } from '../e2e-helpers/act-sim.js';
import { FEE } from '../e2e-helpers/act-checks.js';
import { party, type Party } from '../e2e-helpers/counterparty.js';
import { TicketDriver } from '../e2e-helpers/ticket.js';
import { acceptWrites, armAccept, dutchClock, msToCrossing, ordersScreen, waitAccepts, WAIT } from '../e2e-helpers/armed.js';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

let sim: ActSim;
let home: DeskHome;
let req: Party;
const P = 3_000_000n;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  sim = await startActSim({ manualClock: true });
  home = await deskHome(sim);
  req = await party(sim, 100_000_000n);
}, 90_000);

afterAll(async () => {
  killAllPtys();
  await sim?.stop();
  removeHomes();
});

/** Past the desk's own 5 s re-read of an armed task: had the order been live, it would have fired by now. */
async function pastTwoReads(p: { write(s: string): void }): Promise<void> {
  for (let i = 0; i < 6; i++) {
    p.write('R');
    await sleep(2_000);
  }
}

describe('disarm and restart', () => {
  it('disarm: one key in the Orders view, no confirmation; nothing is sent when the clock crosses', async () => {
    const p = startDesk(sim, home);
    await waitReady(p, home);
    const t = new TicketDriver(p);
    const task = await dutchClock(req, 'a clock armed then disarmed');
    await armAccept(t, task.id, '3.000000');
    await t.home();
    await ordersScreen(p, (s) => s.includes('ARMED'));
    p.write('d');
    await p.waitFor((s) => /DISARMED\s+\S{8}\s+auction-accept/.test(s), WAIT);
    p.write('q');
    expect(journalOf(home).records.filter((r) => r.step === 'disarmed')).toHaveLength(1);
    await sim.advance(msToCrossing(task, P) + 500);
    await pastTwoReads(p);
    expect(await acceptWrites(sim, task.id), 'nothing sent').toHaveLength(0);
    expect((await sim.task(task.id)).status).toBe('open');
    p.kill();
  });

  it('restore after SIGKILL: the order comes back paused, does not fire paused, and fires once after r', async () => {
    let p = startDesk(sim, home);
    await waitReady(p, home);
    let t = new TicketDriver(p);
    const task = await dutchClock(req, 'a clock armed across a crash');
    await armAccept(t, task.id, '3.000000');
    await t.home();
    p.kill(); // SIGKILL, with the order armed

    p = startDesk(sim, home);
    await waitReady(p, home);
    t = new TicketDriver(p);
    const s = await ordersScreen(p, (x) => /PAUSED\s+\S{8}\s+auction-accept/.test(x));
    expect(s).toContain('paused after a restart: r re-reads the task and arms it again');
    p.write('q');
    // Paused: the crossing comes and goes without a send.
    await sim.advance(msToCrossing(task, P) + 500);
    await pastTwoReads(p);
    expect(await acceptWrites(sim, task.id), 'nothing sent while paused').toHaveLength(0);
    const b0 = await sim.balance(home.address);

    // One key resumes it: a fresh read finds the clock past P and it fires, once.
    await ordersScreen(p, (x) => x.includes('PAUSED'));
    p.write('r');
    await waitAccepts(sim, task.id, 1, 30_000).catch((e: Error) => {
      throw new Error(`${e.message}\n${p.screen()}`);
    });
    await sleep(1_500);
    const all = await acceptWrites(sim, task.id);
    expect(all.filter((w) => w.status >= 200 && w.status < 300), 'accepts that took effect').toHaveLength(1);
    const j = journalOf(home);
    const steps = j.records.filter((r) => 'orderId' in r || ['armed', 'fired', 'resumed'].includes(r.step)).map((r) => r.step);
    expect(steps.filter((x) => x === 'fired')).toHaveLength(1);
    expect(steps.filter((x) => x === 'resumed')).toHaveLength(1);
    const onMarket = await sim.task(task.id);
    expect(onMarket.status).toBe('claimed');
    expect(String(onMarket.claimedBy).toLowerCase()).toBe(home.address.toLowerCase());
    expect(await sim.balance(home.address)).toBe(b0 - FEE);
    await p.waitFor((x) => /FIRED\s+\S{8}\s+auction-accept/.test(x) && /filled at/.test(x), WAIT);
  });
});
