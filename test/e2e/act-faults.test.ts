// Market faults while acting, in a real pty against a separately started simulator (/sim/faults): every
// task read failing as a 500, a 429 with Retry-After, a non-JSON 200, a wrong-shaped 200, or a request that
// hangs. For each: a ticket opened during the fault shows the freshness check failed and refuses even the
// confirmation key, nothing reaches the market (/sim/requests), the Feed and the task stay on screen (the
// header says STALE), and once the market answers again the next good poll brings the desk back and the
// same action goes through once.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { killAllPtys } from '../e2e-helpers/pty.js';
import { actingDesk, journalOf, removeHomes, type ActingDesk } from '../e2e-helpers/acting-desk.js';
import { expectOneWrite } from '../e2e-helpers/act-checks.js';
import type { FaultSpec } from '../e2e-helpers/act-sim.js';
import { SEED } from '../e2e-helpers/counterparty.js';
import { paneBox } from '../e2e-helpers/screen.js';
import { TicketDriver } from '../e2e-helpers/ticket.js';

// A pty flow of several actions on a loaded 2-core machine: give each test room (waits are on screen content).
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

let d: ActingDesk;
let t: TicketDriver;
let ids: string[];

const FAULTS: { name: string; spec: Omit<FaultSpec, 'path'> }[] = [
  { name: 'HTTP 500', spec: { kind: 'status', status: 500 } },
  { name: 'HTTP 429 with Retry-After', spec: { kind: 'status', status: 429, retryAfterSeconds: 2 } },
  { name: 'a 200 that is not JSON', spec: { kind: 'not-json' } },
  { name: 'a wrong-shaped 200', spec: { kind: 'wrong-shape', body: { tasks: 'nope', detail: 42 } } },
  { name: 'a request that hangs', spec: { kind: 'hang' } },
];

beforeAll(async () => {
  d = await actingDesk();
  t = new TicketDriver(d.desk);
  ids = await d.sim.seed([...FAULTS.map(() => SEED.claim()), SEED.claim(), SEED.bounty(), SEED.pitch(), SEED.benchmark()]);
  await t.refreshUntil(() => feedRows().length === ids.length);
}, 60_000);

afterAll(async () => {
  killAllPtys();
  await d?.sim.stop();
  removeHomes();
});

/** The task ids the Feed shows (countdowns in the rows tick, the ids must not go). */
const feedRows = () => (paneBox(d.desk.grid(), 'Feed')?.body ?? []).flatMap((r) => /(0x[0-9a-f]{7})…/.exec(r)?.[1] ?? []).sort();
const claimWrites = async (id: string) => (await d.sim.requests()).filter((r) => r.route === '/api/tasks/:taskId/claim' && r.path.includes(id));

describe('the gate refuses while task reads fail, nothing is wiped, the desk recovers', () => {
  FAULTS.forEach((f, i) => {
    it(`${f.name}`, async () => {
      await d.sim.clearFaults(); // a failed case before this one must not leave its fault armed
      const id = ids[i]!;
      // The desk has this task's detail from a good read first (the ticket would bind to it).
      await t.goto(id);
      await d.desk.waitFor(() => /Pending actions \(\d+\)/.test(d.desk.screen()), 15_000);
      await t.home();
      const before = feedRows();

      await d.sim.fault({ ...f.spec, method: 'GET', path: '/api/tasks', count: null });
      d.desk.write('R');
      await t.goto(id).catch(() => undefined);
      await t.act('claim');
      await t.network();
      expect(t.title()).toBe('Claim');
      // The ticket re-reads the task at once; that read fails (a hang fails at the client's timeout).
      await d.desk.waitFor(() => t.failedChecks().some((c) => /^✗ task fresh \(60 s\)\s+last fetch failed/.test(c)), 30_000);
      expect(t.ask()).toEqual({ kind: 'press' });
      d.desk.write('y');
      await d.desk.waitFor(() => /^not sent: task fresh \(60 s\): last fetch failed/.test(t.prompt()), 10_000);
      expect(await claimWrites(id)).toEqual([]);

      // Nothing on screen was wiped: every Feed row is still there, the header says the data is stale.
      await t.home();
      await d.desk.waitFor(/STALE|DISCONNECTED/, 30_000);
      expect(feedRows()).toEqual(before);

      // The market answers again: the next good poll clears STALE and the same action goes through, once.
      await d.sim.clearFaults();
      d.desk.write('R');
      await d.desk.waitFor((s) => /\bOK\b/.test(s) && !/STALE|DISCONNECTED/.test(s), 30_000);
      expect(feedRows().length).toBe(before.length);
      const out = await t.run(id, 'claim');
      expect(out, out.text).toMatchObject({ ok: true, title: 'verified' });
      await expectOneWrite(d.sim, d.home, 'claim', id);
      expect(await claimWrites(id)).toHaveLength(1);
    }, 90_000);
  });

  // The ticket asks for a fresh read when it opens; while that read hangs, the previous one ("fetched 1s
  // ago") is not what the operator confirms (freshCheck: "waiting for the fresh read").
  it('gate: while the ticket\'s own re-read hangs, y is refused at once (not only after the 10 s timeout)', async () => {
    await d.sim.clearFaults();
    const id = ids[FAULTS.length]!;
    await t.goto(id);
    await d.desk.waitFor(() => /Pending actions \(\d+\)/.test(d.desk.screen()), 15_000);
    await t.home();
    await d.sim.fault({ kind: 'hang', method: 'GET', path: '/api/tasks', count: null });
    try {
      await t.goto(id);
      await t.act('claim');
      await t.network();
      d.desk.write('y');
      // Refused on screen, or sent: the journal then has the market's response to the claim.
      const answered = () => journalOf(d.home).actions.some((a) => a.intent?.action === 'claim' && a.intent.taskId === id && a.responses.length > 0);
      await d.desk.waitFor(() => /^not sent:/.test(t.prompt()) || answered(), 20_000);
      expect(await claimWrites(id), 'claims sent while every task read hung').toEqual([]);
    } finally {
      // The last case of the file: the desk is not needed afterwards (a sent claim would keep it Submitting).
      await d.sim.clearFaults();
    }
  }, 60_000);
});
