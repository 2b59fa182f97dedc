// The desk as a requester, from the keyboard in a real pty, against a separately started simulator with a
// manual market clock: `n` creates a task in every non-auction mode (auctions: act-auctions.test.ts),
// then every requester action on them with workers acting over HTTP — cancel (from the Actions pane),
// reject a submission, accept one worker, accept a split, rate, select a pitch, update (reward and expiry), and once market time
// has passed the expiry or the evaluator's deadline: forfeit a stale claim, refund an expired task, take
// the decision back from a silent evaluator. Each action: verified on screen, one effective write under the
// journal's key at /sim/requests, the money at /sim/ledger.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTaskmarketWriter, privateKeySigner, SIM_NETWORK, type TaskmarketWriter } from '../../src/markets/taskmarket/index.js';
import { killAllPtys } from '../e2e-helpers/pty.js';
import { actingDesk, removeHomes, type ActingDesk } from '../e2e-helpers/acting-desk.js';
import { expectOneWrite, FEE, net } from '../e2e-helpers/act-checks.js';
import { party, type Party } from '../e2e-helpers/counterparty.js';
import { TicketDriver } from '../e2e-helpers/ticket.js';

// A pty flow of several actions on a loaded 2-core machine: give each test room (waits are on screen content).
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

let d: ActingDesk;
let t: TicketDriver;
let w1: Party;
let w2: Party;
let evaluator: Party;
/** The desk's own wallet over HTTP, for set-ups the desk has no ticket for (a task with an evaluator). */
let own: TaskmarketWriter;
const ids: Record<string, string> = {};

beforeAll(async () => {
  d = await actingDesk({ manualClock: true, fund: 200_000_000n, config: { act: { spendCap: { session: '150', day: '250' } } } });
  t = new TicketDriver(d.desk);
  [w1, w2, evaluator] = await Promise.all([party(d.sim, 20_000_000n), party(d.sim, 20_000_000n), party(d.sim, 5_000_000n)]);
  own = createTaskmarketWriter({ apiUrl: d.sim.url, signer: privateKeySigner(d.home.privateKey), network: SIM_NETWORK });
  ids.cancel = (await own.createTask({ description: 'to cancel', reward: 1_000_000n, durationHours: 24, mode: 'bounty', tags: [] })).taskId;
  ids.update = (await own.createTask({ description: 'to update', reward: 1_000_000n, durationHours: 24, mode: 'bounty', tags: [] })).taskId;
  ids.refund = (await own.createTask({ description: 'expires unclaimed', reward: 1_000_000n, durationHours: 1, mode: 'claim', tags: [] })).taskId;
  ids.forfeit = (await own.createTask({ description: 'claim goes stale', reward: 1_000_000n, durationHours: 1, mode: 'claim', tags: [] })).taskId;
  ids.judged = (await own.createTask({ description: 'silent evaluator', reward: 1_000_000n, durationHours: 24, mode: 'claim', evaluator: evaluator.address, evaluationWindowHours: 1, tags: [] })).taskId;
  await w1.writer.claim({ taskId: ids.forfeit });
  await w2.writer.claim({ taskId: ids.judged });
  await w2.submit(ids.judged);
  d.desk.write('R');
}, 90_000);

afterAll(async () => {
  killAllPtys();
  await d?.sim.stop();
  removeHomes();
});

const me = () => d.home.address;
const balance = (a: string = me()) => d.sim.balance(a);
const short = (a: string) => `${a.slice(0, 8)}…${a.slice(-4)}`;

describe('from the Actions pane', () => {
  it('Enter on a "req cancel" row opens its ticket; cancel (typed refund): the escrow comes back less the fee', async () => {
    const m0 = await balance();
    await t.fromActions(ids.cancel!, 'cancel');
    expect(t.title()).toBe('Cancel the task');
    const out = await t.finish();
    expect(out, out.text).toMatchObject({ ok: true });
    const c = await expectOneWrite(d.sim, d.home, 'cancel', ids.cancel);
    expect(c.action.approved!.phrase).toBe('1.000000');
    expect((await d.sim.task(ids.cancel!)).status).toBe('cancelled');
    expect(await d.sim.escrow(ids.cancel!)).toBe(0n);
    expect(await balance()).toBe(m0 + 1_000_000n - FEE);
  });
});

describe('n: a new task in every non-auction mode', () => {
  const forms: Record<string, Record<string, string | { pick: string }>> = {
    bounty: { description: 'my bounty', 'reward (USDC; auctions: the max price)': '2' },
    claim: { mode: { pick: 'claim' }, description: 'my claim job', 'reward (USDC; auctions: the max price)': '1.5', tags: 'writing,data' },
    pitch: { mode: { pick: 'pitch' }, description: 'my pitch job', 'reward (USDC; auctions: the max price)': '3', 'pitch window': '12' },
    benchmark: { mode: { pick: 'benchmark' }, description: 'my benchmark', 'reward (USDC; auctions: the max price)': '4', 'metric (benchmark)': 'rows per second', 'metric target': '1000' },
  };
  const rewards: Record<string, bigint> = { bounty: 2_000_000n, claim: 1_500_000n, pitch: 3_000_000n, benchmark: 4_000_000n };

  for (const mode of Object.keys(forms)) {
    it(`${mode}: created with the reward typed; the escrow holds it`, async () => {
      const b0 = await balance();
      const out = await t.create(forms[mode]!);
      expect(out, out.text).toMatchObject({ ok: true, title: 'verified' });
      const { action } = await expectOneWrite(d.sim, d.home, 'create_task');
      const id = action.responses.at(-1)!.result!.taskId!;
      expect(action.approved!.phrase).toBe((Number(rewards[mode]) / 1e6).toFixed(6));
      expect(await d.sim.task(id)).toMatchObject({ mode, status: 'open', reward: String(rewards[mode]) });
      expect(await d.sim.escrow(id)).toBe(rewards[mode]);
      expect(await balance()).toBe(b0 - rewards[mode]!);
      ids[mode] = id;
    });
  }
});

describe('requester actions from the keyboard', () => {
  it('bounty: reject one submission, accept the other (typed payout), rate the worker (typed score)', async () => {
    await w1.submit(ids.bounty!);
    await w2.submit(ids.bounty!);
    const m0 = await balance();
    let out = await t.run(ids.bounty!, 'reject_submission', { worker: { pick: short(w2.address) } });
    expect(out, out.text).toMatchObject({ ok: true });
    const r = await expectOneWrite(d.sim, d.home, 'reject_submission', ids.bounty);
    expect(r.action.intent!.payee?.toLowerCase()).toBe(w2.address.toLowerCase());
    expect((await d.sim.task(ids.bounty!)).submissionCount).toBe(1);

    const v0 = await balance(w1.address);
    out = await t.run(ids.bounty!, 'accept');
    expect(out, out.text).toMatchObject({ ok: true });
    const a = await expectOneWrite(d.sim, d.home, 'accept', ids.bounty);
    expect(a.action.approved!.phrase).toBe('2.000000');
    expect(await balance(w1.address)).toBe(v0 + net(2_000_000n));
    expect((await d.sim.task(ids.bounty!)).status).toBe('completed');

    out = await t.run(ids.bounty!, 'rate', { 'score 0-100': '91', feedback: 'clear and on time' });
    expect(out, out.text).toMatchObject({ ok: true });
    const rated = await expectOneWrite(d.sim, d.home, 'rate', ids.bounty);
    expect(rated.action.approved!.phrase).toBe('91');
    expect(await balance()).toBe(m0 - 3n * FEE);
    expect(((await d.sim.task(ids.bounty!)).pendingActions ?? []).filter((x: { action: string }) => x.action === 'rate')).toEqual([]);
  });

  it('benchmark: two proofs, accept-submissions splits the reward 70/30 (typed)', async () => {
    await w1.writer.submitProof({ taskId: ids.benchmark!, proofData: 'https://example.test/a', proofType: 'url', metricValue: '1200' });
    await w2.writer.submitProof({ taskId: ids.benchmark!, proofData: 'https://example.test/b', proofType: 'url', metricValue: '900' });
    const [a0, b0] = [await balance(w1.address), await balance(w2.address)];
    const out = await t.run(ids.benchmark!, 'accept_submissions', { winners: `${w1.address}:7000,${w2.address}:3000` });
    expect(out, out.text).toMatchObject({ ok: true });
    const a = await expectOneWrite(d.sim, d.home, 'accept_submissions', ids.benchmark);
    expect(a.action.approved!.phrase).toBe('4.000000');
    expect(await balance(w1.address)).toBe(a0 + net(2_800_000n));
    expect(await balance(w2.address)).toBe(b0 + net(1_200_000n));
    expect(await d.sim.escrow(ids.benchmark!)).toBe(0n);
  });

  it('claim: the worker claims and submits; accept (typed) and rate', async () => {
    await w1.writer.claim({ taskId: ids.claim! });
    await w1.submit(ids.claim!);
    const v0 = await balance(w1.address);
    let out = await t.run(ids.claim!, 'accept');
    expect(out, out.text).toMatchObject({ ok: true });
    await expectOneWrite(d.sim, d.home, 'accept', ids.claim);
    expect(await balance(w1.address)).toBe(v0 + net(1_500_000n));
    out = await t.run(ids.claim!, 'rate', { 'score 0-100': '70' });
    expect(out, out.text).toMatchObject({ ok: true });
    await expectOneWrite(d.sim, d.home, 'rate', ids.claim);
  });

  it('pitch: select the pitch (typed reward), the worker submits, accept', async () => {
    await w2.writer.pitch({ taskId: ids.pitch!, text: 'I can do it in an hour', durationHours: 1 });
    let out = await t.run(ids.pitch!, 'select_worker');
    expect(out, out.text).toMatchObject({ ok: true });
    const s = await expectOneWrite(d.sim, d.home, 'select_worker', ids.pitch);
    expect(s.action.approved!.phrase).toBe('3.000000');
    const task = await d.sim.task(ids.pitch!);
    expect(task.status).toBe('worker_selected');
    expect(task.claimedBy.toLowerCase()).toBe(w2.address.toLowerCase());
    await w2.submit(ids.pitch!);
    const v0 = await balance(w2.address);
    out = await t.run(ids.pitch!, 'accept');
    expect(out, out.text).toMatchObject({ ok: true });
    await expectOneWrite(d.sim, d.home, 'accept', ids.pitch);
    expect(await balance(w2.address)).toBe(v0 + net(3_000_000n));
  });

  it('update: raise the reward to 1.5 and extend the expiry by 12 h (the increase and the fee paid)', async () => {
    const m0 = await balance();
    const before = await d.sim.task(ids.update!);
    const out = await t.run(ids.update!, 'update', { 'new reward': '1.5', 'extend expiry by (hours, optional)': '12' });
    expect(out, out.text).toMatchObject({ ok: true });
    const u = await expectOneWrite(d.sim, d.home, 'update', ids.update);
    const after = await d.sim.task(ids.update!);
    expect(after.reward).toBe('1500000');
    // The new expiry goes out in whole seconds (cli §4.2), so the extension is 12 h less the dropped milliseconds.
    const extended = Date.parse(after.expiryTime) - Date.parse(before.expiryTime);
    expect(extended).toBeGreaterThan(12 * 3_600_000 - 1_000);
    expect(extended).toBeLessThanOrEqual(12 * 3_600_000);
    expect(await d.sim.escrow(ids.update!)).toBe(1_500_000n);
    expect(await balance()).toBe(m0 - u.action.intent!.spend);
    expect(u.action.intent!.spend).toBe(500_000n + FEE);
  });
});

describe('after market time passes expiry and the evaluator deadline (+1 h)', () => {
  it('forfeit a stale claim (y), refund an expired task (typed), take the decision back from the evaluator (typed)', async () => {
    await d.sim.advance(3_600_000 + 60_000);
    let out = await t.run(ids.forfeit!, 'forfeit');
    expect(out, out.text).toMatchObject({ ok: true });
    await expectOneWrite(d.sim, d.home, 'forfeit', ids.forfeit);
    expect((await d.sim.task(ids.forfeit!)).claimedBy).toBeNull();

    const m0 = await balance();
    out = await t.run(ids.refund!, 'refund_expired');
    expect(out, out.text).toMatchObject({ ok: true });
    await expectOneWrite(d.sim, d.home, 'refund_expired', ids.refund);
    expect(await d.sim.escrow(ids.refund!)).toBe(0n);
    expect(await balance()).toBe(m0 + 1_000_000n - FEE);

    out = await t.run(ids.judged!, 'evaluator_timeout');
    expect(out, out.text).toMatchObject({ ok: true });
    await expectOneWrite(d.sim, d.home, 'evaluator_timeout', ids.judged);
    expect((await d.sim.task(ids.judged!)).status).toBe('pending_approval');
  });
});
