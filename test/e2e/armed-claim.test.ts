// An armed claim rule in a real pty against a separately started simulator: `:arm-claim <min> <N>` over
// the Feed's filters (a tag here), confirmed by typing N; the first new claim task matching it is claimed
// by the desk on its own — one POST .../claim at /sim/requests, the task claimed by this wallet — and once
// N claims are used the rule is exhausted: a later matching task is left alone.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { killAllPtys } from '../e2e-helpers/pty.js';
import { actingDesk, journalOf, removeHomes, type ActingDesk } from '../e2e-helpers/acting-desk.js';
import { party, type Party } from '../e2e-helpers/counterparty.js';
import { TicketDriver } from '../e2e-helpers/ticket.js';
import { ordersScreen, WAIT } from '../e2e-helpers/armed.js';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

let d: ActingDesk;
let t: TicketDriver;
let req: Party;
const TAG = 'armedrule';
const CLAIM_ROUTE = '/api/tasks/:taskId/claim';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  d = await actingDesk();
  t = new TicketDriver(d.desk);
  req = await party(d.sim, 100_000_000n);
}, 90_000);

afterAll(async () => {
  killAllPtys();
  await d?.sim.stop();
  removeHomes();
});

const claimsOn = async (taskId: string) => (await d.sim.requests()).filter((r) => r.route === CLAIM_ROUTE && r.path.includes(taskId));
const newClaimTask = async (reward: bigint, description: string) =>
  (await req.writer.createTask({ description, reward, durationHours: 24, mode: 'claim', tags: [TAG] })).taskId;

describe('an armed claim rule', () => {
  it('claims the first new matching claim task on its own, at most N times', async () => {
    d.desk.write(`:tags ${TAG}\r`);
    await d.desk.waitFor(`tags: ${TAG}`, WAIT).catch(() => undefined);
    d.desk.write(':arm-claim 1 1\r');
    await d.desk.waitFor('Ticket: Arm a claim rule', WAIT);
    const out = await t.confirm();
    expect(out, out.text).toMatchObject({ ok: true, title: 'armed' });
    expect(out.text).toMatch(/Feed filters\s+tags armedrule/);
    await t.home();

    // Too small a reward: not claimed. Then one that matches: claimed once, by the desk alone.
    const small = await newClaimTask(500_000n, 'below the rule minimum');
    const first = await newClaimTask(2_000_000n, 'the first matching task');
    const deadline = Date.now() + 40_000;
    while ((await claimsOn(first)).filter((w) => w.status >= 200 && w.status < 300).length === 0) {
      if (Date.now() > deadline) throw new Error(`no claim on ${first}\n${d.desk.screen()}`);
      d.desk.write('R');
      await sleep(1_000);
    }
    const onMarket = await d.sim.task(first);
    expect(onMarket.status).toBe('claimed');
    expect(String(onMarket.claimedBy).toLowerCase()).toBe(d.home.address.toLowerCase());
    expect((await claimsOn(first)).filter((w) => w.status >= 200 && w.status < 300)).toHaveLength(1);
    expect(await claimsOn(small)).toHaveLength(0);

    // N = 1 is used: the rule is exhausted, a later matching task stays open.
    const s = await ordersScreen(d.desk, (x) => /EXHAUSTED/.test(x), 30_000);
    expect(s).toMatch(/claim rule ≥ 1\.000000 ×1/);
    d.desk.write('q');
    const later = await newClaimTask(3_000_000n, 'a later matching task');
    for (let i = 0; i < 4; i++) {
      d.desk.write('R');
      await sleep(1_500);
    }
    await d.desk.waitFor((x) => x.toLowerCase().includes(later.slice(0, 8).toLowerCase()), WAIT).catch(() => undefined);
    expect(await claimsOn(later)).toHaveLength(0);
    expect((await d.sim.task(later)).status).toBe('open');
    const j = journalOf(d.home);
    expect(j.records.filter((r) => r.step === 'fired')).toHaveLength(1);
  });
});
