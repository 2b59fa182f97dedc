// The desk as a worker, from the keyboard in a real pty, against a separately started simulator: every
// worker action in every non-auction mode (bounty submit, claim → submit, pitch → submit once selected,
// benchmark proof, appeal of a verdict, finalize-verdict after the appeal window; auctions are in
// act-auctions.test.ts),
// with the requester and the evaluator acting over HTTP. Each action: the completion report says
// verified, the journal reads intent → … → verified with the right confirmation, /sim/requests shows one
// effective write under the journal's key, and /sim/ledger moved by what the action said.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { killAllPtys } from '../e2e-helpers/pty.js';
import { actingDesk, removeHomes, type ActingDesk } from '../e2e-helpers/acting-desk.js';
import { expectOneWrite, FEE, net } from '../e2e-helpers/act-checks.js';
import { party, type Party } from '../e2e-helpers/counterparty.js';
import { TicketDriver } from '../e2e-helpers/ticket.js';

// A pty flow of several actions on a loaded 2-core machine: give each test room (waits are on screen content).
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

let d: ActingDesk;
let t: TicketDriver;
let req: Party;
let evaluator: Party;
let file: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  d = await actingDesk({ manualClock: true });
  t = new TicketDriver(d.desk);
  req = await party(d.sim, 200_000_000n);
  evaluator = await party(d.sim, 10_000_000n);
  file = join(d.home.dir, 'answer.md');
  writeFileSync(file, '# The answer\n\n42\n');
  const w = req.writer;
  const e = evaluator.address;
  ids.bounty = (await w.createTask({ description: 'worker bounty', reward: 2_000_000n, durationHours: 24, mode: 'bounty', tags: [] })).taskId;
  ids.claim = (await w.createTask({ description: 'worker claim', reward: 1_500_000n, durationHours: 24, mode: 'claim', tags: [] })).taskId;
  ids.pitch = (await w.createTask({ description: 'worker pitch', reward: 3_000_000n, durationHours: 24, mode: 'pitch', pitchDeadlineHours: 12, tags: [] })).taskId;
  ids.bench = (await w.createTask({ description: 'worker benchmark', reward: 2_000_000n, durationHours: 24, mode: 'benchmark', metricDescription: 'rows per second', tags: [] })).taskId;
  ids.appeal = (await w.createTask({ description: 'judged bounty (appeal)', reward: 2_000_000n, durationHours: 24, mode: 'bounty', evaluator: e, appealWindowHours: 1, tags: [] })).taskId;
  ids.final = (await w.createTask({ description: 'judged bounty (finalize)', reward: 2_000_000n, durationHours: 24, mode: 'bounty', evaluator: e, appealWindowHours: 1, tags: [] })).taskId;
  d.desk.write('R');
}, 90_000);

afterAll(async () => {
  killAllPtys();
  await d?.sim.stop();
  removeHomes();
});

const me = () => d.home.address;
const balance = () => d.sim.balance(me());

describe('worker actions from the keyboard', () => {
  it('bounty: submit a file (free under the allowance); the requester accepts and pays', async () => {
    const b0 = await balance();
    const out = await t.run(ids.bounty!, 'submit', { files: file });
    expect(out, out.text).toMatchObject({ ok: true, title: 'verified' });
    await expectOneWrite(d.sim, d.home, 'submit', ids.bounty);
    expect((await d.sim.task(ids.bounty!)).submissionCount).toBe(1);
    expect(await balance()).toBe(b0);
    await req.writer.accept({ taskId: ids.bounty!, worker: me() });
    expect(await balance()).toBe(b0 + net(2_000_000n));
    expect(await d.sim.escrow(ids.bounty!)).toBe(0n);
  });

  it('claim: claim (y), submit, the requester accepts and pays', async () => {
    const b0 = await balance();
    let out = await t.run(ids.claim!, 'claim');
    expect(out, out.text).toMatchObject({ ok: true, title: 'verified' });
    await expectOneWrite(d.sim, d.home, 'claim', ids.claim);
    expect((await d.sim.task(ids.claim!)).claimedBy.toLowerCase()).toBe(me().toLowerCase());
    out = await t.run(ids.claim!, 'submit', { files: file });
    expect(out, out.text).toMatchObject({ ok: true });
    await expectOneWrite(d.sim, d.home, 'submit', ids.claim);
    expect((await d.sim.task(ids.claim!)).status).toBe('pending_approval');
    await req.writer.accept({ taskId: ids.claim!, worker: me() });
    expect(await balance()).toBe(b0 + net(1_500_000n));
  });

  it('pitch: pitch (typed fee), the requester selects it, submit, accepted and paid', async () => {
    const b0 = await balance();
    let out = await t.run(ids.pitch!, 'pitch', { 'pitch (your words)': 'Done this twice before, two hours', estimate: '2' });
    expect(out, out.text).toMatchObject({ ok: true });
    const { action } = await expectOneWrite(d.sim, d.home, 'pitch', ids.pitch);
    expect(action.approved?.phrase).toBe('0.001000');
    expect(await balance()).toBe(b0 - FEE);
    const pitches = await req.reader.getPitches(ids.pitch!);
    const mine = pitches.find((p) => p.workerAddress.toLowerCase() === me().toLowerCase())!;
    await req.writer.selectWorker({ taskId: ids.pitch!, pitchId: mine.id, worker: me() });
    out = await t.run(ids.pitch!, 'submit', { files: file });
    expect(out, out.text).toMatchObject({ ok: true });
    await expectOneWrite(d.sim, d.home, 'submit', ids.pitch);
    await req.writer.accept({ taskId: ids.pitch!, worker: me() });
    expect(await balance()).toBe(b0 - FEE + net(3_000_000n));
  });

  it('benchmark: a proof with a metric (typed fee); the requester accepts it', async () => {
    const b0 = await balance();
    const out = await t.run(ids.bench!, 'submit_proof', { 'proof data': 'https://example.test/run/7', 'metric value': '97' });
    expect(out, out.text).toMatchObject({ ok: true });
    await expectOneWrite(d.sim, d.home, 'submit_proof', ids.bench);
    expect(await balance()).toBe(b0 - FEE);
    expect((await d.sim.task(ids.bench!)).submissionCount).toBe(1);
    await req.writer.accept({ taskId: ids.bench!, worker: me() });
    expect(await balance()).toBe(b0 - FEE + net(2_000_000n));
  });

  it('appeal: the evaluator rejects the submission; the worker appeals (typed fee) and the task is disputed', async () => {
    let out = await t.run(ids.appeal!, 'submit', { files: file });
    expect(out, out.text).toMatchObject({ ok: true });
    await evaluator.writer.evaluate({ taskId: ids.appeal!, verdict: 'reject', awards: [] });
    expect((await d.sim.task(ids.appeal!)).status).toBe('appealing');
    const b0 = await balance();
    out = await t.run(ids.appeal!, 'appeal');
    expect(out, out.text).toMatchObject({ ok: true });
    await expectOneWrite(d.sim, d.home, 'appeal', ids.appeal);
    expect((await d.sim.task(ids.appeal!)).status).toBe('disputed');
    expect(await balance()).toBe(b0 - FEE);
  });

  it('finalize-verdict (anyone, y) once market time has passed the appeal window: the award is paid', async () => {
    let out = await t.run(ids.final!, 'submit', { files: file });
    expect(out, out.text).toMatchObject({ ok: true });
    await evaluator.writer.evaluate({ taskId: ids.final!, verdict: 'approve', awards: [{ worker: me(), amount: 1_800_000n, rank: 1 }] });
    expect((await d.sim.task(ids.final!)).status).toBe('appealing');
    await d.sim.advance(3_600_000 + 60_000);
    const b0 = await balance();
    out = await t.run(ids.final!, 'finalize_verdict');
    expect(out, out.text).toMatchObject({ ok: true });
    await expectOneWrite(d.sim, d.home, 'finalize_verdict', ids.final);
    expect((await d.sim.task(ids.final!)).status).toBe('completed');
    expect(await balance()).toBe(b0 + net(1_800_000n));
    expect(await d.sim.escrow(ids.final!)).toBe(0n);
  });
});
