// Every write action through the real simulator: claim, pitch + select-worker, submit (upload-url → PUT →
// from-keys) + accept + rate, accept-submissions, cancel, update, refund-expired, forfeit, select-winner,
// and email send / list / mark-read. Deadlines move with the sim's manual clock.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWallet, type CreatedWallet } from '../../src/sim/taskmarket/accounts/demo-wallet.js';
import { MarketError } from '../../src/markets/errors.js';
import {
  createTaskmarketReader,
  createTaskmarketWriter,
  getEmail,
  getTaskDetail,
  keystoreSigner,
  loadKeystore,
  SIM_NETWORK,
  type TaskmarketReader,
  type TaskmarketWriter,
} from '../../src/markets/taskmarket/index.js';
import { startTestSim, type TestSim } from '../helpers/sim.js';

let sim: TestSim;
let reqW: CreatedWallet;
let wrkW: CreatedWallet;
let req: { read: TaskmarketReader; write: TaskmarketWriter };
let wrk: { read: TaskmarketReader; write: TaskmarketWriter };
const HOUR = 3600_000;

async function actor(w: CreatedWallet) {
  const signer = keystoreSigner(await loadKeystore(w.keystorePath));
  return { read: createTaskmarketReader({ apiUrl: sim.url, signer }), write: createTaskmarketWriter({ apiUrl: sim.url, signer, network: SIM_NETWORK }) };
}

beforeAll(async () => {
  sim = await startTestSim({ manualClock: true });
  reqW = await createWallet(sim, await mkdtemp(join(tmpdir(), 'tm-req-')), { fund: 100_000_000n });
  wrkW = await createWallet(sim, await mkdtemp(join(tmpdir(), 'tm-wrk-')), { fund: 10_000_000n });
  req = await actor(reqW);
  wrk = await actor(wrkW);
});
afterAll(() => sim.close());

const same = (a: string | null | undefined, b: string) => a?.toLowerCase() === b.toLowerCase();
const file = (text: string) => ({ fileName: 'answer.txt', mimeType: 'text/plain', data: new TextEncoder().encode(text) });

describe('claim mode', () => {
  it('claim → submit → accept → rate, with the worker paid', async () => {
    const { taskId } = await req.write.createTask({ description: 'Claim job', reward: 2_000_000n, durationHours: 24, mode: 'claim' });
    const c = await wrk.write.claim({ taskId });
    expect(c.claimId).toBeTruthy();
    expect((await wrk.read.getTask(taskId))!.status).toBe('claimed');
    const s = await wrk.write.submit({ taskId, files: [file('done')] });
    expect(s.paid).toBeNull(); // claim-mode submissions are free (backend §1.1)
    expect(s.artifactKeys).toHaveLength(1);
    const subs = await req.read.getSubmissions(taskId);
    expect(subs.map((x) => x.id)).toContain(s.submissionId);
    expect((await req.read.getTask(taskId))!.status).toBe('pending_approval');
    const before = await sim.balance(wrkW.address);
    const a = await req.write.accept({ taskId, worker: wrkW.address });
    expect(a.paid).toBe(1000n);
    const done = (await req.read.getTask(taskId))!;
    expect(done.status).toBe('completed');
    expect(await sim.balance(wrkW.address)).toBe(before + 1_900_000n); // reward minus the 5% platform fee
    const r = await req.write.rate({ taskId, worker: wrkW.address, rating: 90, feedbackText: 'good' });
    expect(r.feedbackId).toBeTruthy();
    const detail = (await getTaskDetail(req.read.client, { taskId }))!;
    expect(detail.awards).toHaveLength(1);
    expect(detail.awards[0]).toMatchObject({ rank: 1, workerPayment: 1_900_000n, platformFee: 100_000n, rating: 90 });
    expect(same(detail.awards[0]!.workerAddress, wrkW.address)).toBe(true);
    expect((await req.read.getTask(taskId))!.pendingActions).toEqual([]);
  });

  it('an expired claim can be forfeited by the requester (free, signed)', async () => {
    const { taskId } = await req.write.createTask({ description: 'Forfeit job', reward: 1_000_000n, durationHours: 1, mode: 'claim' });
    await wrk.write.claim({ taskId });
    await sim.advance(2 * HOUR);
    const f = await req.write.forfeit({ taskId });
    expect(f.idempotencyKey).toBeTruthy();
    const t = (await req.read.getTask(taskId))!;
    expect(t.status).toBe('open');
    expect(t.claimedBy).toBeNull();
  });
});

describe('pitch mode', () => {
  it('pitch (paid) → select-worker (signed) → worker_selected', async () => {
    const { taskId } = await req.write.createTask({ description: 'Pitch job', reward: 3_000_000n, durationHours: 24, mode: 'pitch', pitchDeadlineHours: 12 });
    const p = await wrk.write.pitch({ taskId, text: 'I can do this in two hours', durationHours: 2 });
    expect(p.paid).toBe(1000n);
    const pitches = await req.read.getPitches(taskId);
    expect(pitches).toHaveLength(1);
    expect(pitches[0]!.pitchText).toBe('I can do this in two hours');
    expect(pitches[0]!.estimatedDuration).toBe(2);
    await req.write.selectWorker({ taskId, pitchId: p.pitchId, worker: wrkW.address });
    const t = (await req.read.getTask(taskId))!;
    expect(t.status).toBe('worker_selected');
    expect(same(t.claimedBy, wrkW.address)).toBe(true);
  });
});

describe('bounty mode', () => {
  it('submit → accept-submissions splits the reward by shares', async () => {
    const { taskId } = await req.write.createTask({ description: 'Bounty job', reward: 2_000_000n, durationHours: 24 });
    await wrk.write.submit({ taskId, files: [file('v1'), { fileName: 'notes.md', mimeType: 'text/markdown', data: new TextEncoder().encode('# notes') }] });
    const t = (await req.read.getTask(taskId))!;
    expect(t.submissionCount).toBe(1);
    expect(t.pendingActions!.map((a) => a.action)).toContain('accept_submissions');
    const r = await req.write.acceptSubmissions({ taskId, winners: [{ worker: wrkW.address, shareBps: 10_000 }] });
    expect(r.paid).toBe(1000n);
    expect((await req.read.getTask(taskId))!.status).toBe('completed');
  });

  it('shares that do not sum to 10000 are refused locally, before any request', async () => {
    const e = await req.write.acceptSubmissions({ taskId: '0x1', winners: [{ worker: wrkW.address, shareBps: 5000 }] }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MarketError);
    expect((e as MarketError).message).toContain('10000');
  });

  it('update (reward increase priced as 1000 + delta), then cancel refunds the escrow', async () => {
    const { taskId } = await req.write.createTask({ description: 'Update me', reward: 1_000_000n, durationHours: 24 });
    const before = await sim.balance(reqW.address);
    const u = await req.write.update({ taskId, currentReward: 1_000_000n, reward: 1_500_000n, description: 'Updated' });
    expect(u.paid).toBe(501_000n);
    expect(u.task.reward).toBe(1_500_000n);
    expect(u.task.description).toBe('Updated');
    expect(await sim.balance(reqW.address)).toBe(before - 501_000n);
    const c = await req.write.cancel({ taskId });
    expect(c.paid).toBe(1000n);
    expect((await req.read.getTask(taskId))!.status).toBe('cancelled');
    expect((await req.read.listTasks({ status: 'cancelled', phase: 'resolved', sort: 'newest', limit: 100 })).tasks.map((t) => t.id)).toContain(taskId);
    expect(await sim.balance(reqW.address)).toBe(before - 501_000n - 1000n + 1_500_000n);
  });

  it('an update whose caller misstates the current reward is refused before signing', async () => {
    const { taskId } = await req.write.createTask({ description: 'Priced', reward: 1_000_000n, durationHours: 24 });
    const e = await req.write.update({ taskId, currentReward: 1_400_000n, reward: 1_500_000n }).catch((x: unknown) => x);
    expect((e as MarketError).kind).toBe('mismatch');
  });

  it('refund-expired after expiry returns the escrow', async () => {
    const { taskId } = await req.write.createTask({ description: 'Expire me', reward: 1_000_000n, durationHours: 1 });
    await sim.advance(2 * HOUR);
    const before = await sim.balance(reqW.address);
    await wrk.write.refundExpired({ taskId }); // anyone may call (ADR-0026)
    expect((await req.read.getTask(taskId))!.status).toBe('expired');
    expect(await sim.balance(reqW.address)).toBe(before + 1_000_000n);
  });
});

describe('english auction close', () => {
  it('select-winner after the deadline (free, permissionless)', async () => {
    const { taskId } = await req.write.createTask({ description: 'English close', reward: 3_000_000n, durationHours: 24, mode: 'auction', auctionType: 'english', bidDeadlineHours: 1 });
    await wrk.write.bid({ taskId, price: 2_500_000n });
    await sim.advance(HOUR + 1000);
    const w = await req.write.selectWinner({ taskId });
    expect(same(w.workerAddress, wrkW.address)).toBe(true);
    expect((await req.read.getTask(taskId))!.status).toBe('claimed');
  });
});

describe('email', () => {
  it('send → list (unread first) → mark read', async () => {
    expect(wrkW.emailAddress).toBeTruthy();
    await req.write.sendEmail({ to: wrkW.emailAddress!, subject: 'Hello', bodyText: 'Are you free?' });
    const unread = await wrk.read.emails({ unreadOnly: true });
    const mail = unread.find((m) => m.subject === 'Hello')!;
    expect(mail.bodyText).toBe('Are you free?');
    expect(mail.isRead).toBe(false);
    const full = await getEmail(wrk.read.client, { id: mail.id });
    expect(full.subject).toBe('Hello');
    await wrk.read.markEmailRead(mail.id, false);
    expect((await wrk.read.emails({ unreadOnly: true })).find((m) => m.id === mail.id)).toBeDefined();
    await wrk.read.markEmailRead(mail.id, true);
    expect((await wrk.read.emails({ unreadOnly: true })).find((m) => m.id === mail.id)).toBeUndefined();
    expect((await wrk.read.emails({})).find((m) => m.id === mail.id)?.isRead).toBe(true);
  });
});
