// Acceptance over real HTTP: bounty with two workers split by shares, auction settlement at the clock price
// with the surplus refunded, reject-submission, and the accept/accept-submissions refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSim, type TestSim } from '../helpers/sim.js';
import { newWallet, paidPost } from '../helpers/x402.js';
import { createTask, FEE, submit, task } from './submissions-helpers.js';

let sim: TestSim;
beforeAll(async () => {
  sim = await startTestSim({ manualClock: true });
});
afterAll(async () => {
  await sim.close();
});

const preflight = (error: string) => ({ error, taskmarket: { reason: 'payment_preflight_rejected' } });

describe('accept-submissions', () => {
  it('splits a bounty between two workers by shares, fee per award, dust back to the requester', async () => {
    const requester = newWallet();
    const alice = newWallet();
    const bob = newWallet();
    await sim.faucet(requester.address, 10_000_000n);
    const platform = (await sim.ledger()).platform;
    const platform0 = await sim.balance(platform);
    const reward = 1_000_001n; // 7000/3000 of this leaves 1 base unit of dust
    const id = await createTask(sim, requester, { mode: 'bounty', reward });
    expect((await submit(sim, alice, id)).status).toBe(200);
    expect((await submit(sim, bob, id)).status).toBe(200);
    let t = await task(sim, id);
    expect(t.status).toBe('open');
    expect(t.pendingActions.map((a: any) => a.action)).toContain('accept_submissions');

    const bad = await paidPost(sim.url, `/api/tasks/${id}/accept-submissions`, { taskId: id, winners: [{ worker: alice.address, share: 7000 }, { worker: bob.address, share: 2000 }] }, requester.privateKey);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual(preflight('Winner shares must sum to 10000 basis points'));
    const dup = await paidPost(sim.url, `/api/tasks/${id}/accept-submissions`, { taskId: id, winners: [{ worker: alice.address, share: 5000 }, { worker: alice.address.toLowerCase(), share: 5000 }] }, requester.privateKey);
    expect(dup.body).toEqual(preflight('Duplicate award worker'));
    const stranger = newWallet();
    const noSub = await paidPost(sim.url, `/api/tasks/${id}/accept-submissions`, { taskId: id, winners: [{ worker: alice.address, share: 5000 }, { worker: stranger.address, share: 5000 }] }, requester.privateKey);
    expect(noSub.body).toEqual(preflight(`No active submission exists for winner ${stranger.address}`));
    const notRequester = await paidPost(sim.url, `/api/tasks/${id}/accept-submissions`, { taskId: id, winners: [{ worker: alice.address, share: 10000 }] }, alice.privateKey);
    expect(notRequester.status).toBe(403);
    expect(notRequester.body).toEqual(preflight('Payment payer must be the task requester'));

    const ok = await paidPost(sim.url, `/api/tasks/${id}/accept-submissions`, { taskId: id, winners: [{ worker: alice.address, share: 7000 }, { worker: bob.address, share: 3000 }] }, requester.privateKey);
    expect(ok.status).toBe(200);
    expect(ok.body.success).toBe(true);
    t = await task(sim, id);
    expect(t.status).toBe('completed');
    // alice gross floor(1000001*0.7)=700000 → fee 35000; bob gross 300000 → fee 15000; dust 1 refunded.
    expect(t.awards.map((a: any) => [a.workerAddress, a.rank, a.workerPayment, a.platformFee])).toEqual([
      [alice.address, 1, '665000', '35000'],
      [bob.address, 2, '285000', '15000'],
    ]);
    expect(t.pendingActions.map((a: any) => [a.action, a.targetWorker])).toEqual([
      ['rate', alice.address],
      ['rate', bob.address],
    ]);
    expect(await sim.balance(alice.address)).toBe(665_000n);
    expect(await sim.balance(bob.address)).toBe(285_000n);
    expect(await sim.balance(requester.address)).toBe(10_000_000n - reward + 1n - FEE);
    expect(await sim.balance(platform)).toBe(platform0 + 50_000n + FEE);
    expect((await sim.ledger()).escrows[id]).toBe('0');

    const late = await paidPost(sim.url, `/api/tasks/${id}/accept`, { taskId: id, worker: alice.address }, requester.privateKey);
    expect(late.body).toEqual(preflight('Task is not accepting a requester decision'));
  });
});

describe('auction settlement', () => {
  it('pays the winner the clock price minus the fee and refunds maxPrice − price to the requester', async () => {
    const requester = newWallet();
    const worker = newWallet();
    await sim.faucet(requester.address, 10_000_000n);
    await sim.faucet(worker.address, 100_000n);
    const max = 4_000_000n;
    const id = await createTask(sim, requester, { mode: 'auction', auctionType: 'dutch', reward: max, maxPrice: max.toString(), auctionFloorPrice: '2000000', bidDeadline: 2, durationHours: 24 });
    await sim.advance(3_600_000); // half the 2 h clock window: 4 − (2 × 1/2) = 3 USDC
    const won = await paidPost(sim.url, `/api/tasks/${id}/bids/accept`, { taskId: id }, worker.privateKey);
    expect(won.status).toBe(200);
    expect(won.body.acceptedPrice).toBe('3000000');

    const early = await paidPost(sim.url, `/api/tasks/${id}/accept`, { taskId: id, worker: worker.address }, requester.privateKey);
    expect(early.body).toEqual(preflight('Selected worker has not submitted a deliverable'));
    expect((await submit(sim, worker, id)).status).toBe(200);
    expect((await task(sim, id)).status).toBe('pending_approval');

    const wrongWorker = await paidPost(sim.url, `/api/tasks/${id}/accept`, { taskId: id, worker: requester.address }, requester.privateKey);
    expect(wrongWorker.body).toEqual(preflight('Selected worker does not match the task worker'));

    const acc = await paidPost(sim.url, `/api/tasks/${id}/accept`, { taskId: id, worker: worker.address }, requester.privateKey);
    expect(acc.status).toBe(200);
    const t = await task(sim, id);
    expect(t.status).toBe('completed');
    expect(t.awards[0]).toMatchObject({ workerPayment: '2850000', platformFee: '150000', grossAmount: '3000000' });
    expect(await sim.balance(worker.address)).toBe(100_000n - FEE + 2_850_000n);
    expect(await sim.balance(requester.address)).toBe(10_000_000n - max + 1_000_000n - FEE);
    expect((await sim.ledger()).escrows[id]).toBe('0');
  });
});

describe('reject-submission', () => {
  it('marks a worker rejected, drops it from the count and lets cancel come back', async () => {
    const requester = newWallet();
    const spam = newWallet();
    await sim.faucet(requester.address, 10_000_000n);
    const id = await createTask(sim, requester, { mode: 'bounty' });
    expect((await submit(sim, spam, id)).status).toBe(200);
    expect((await submit(sim, spam, id)).status).toBe(200);
    expect((await task(sim, id)).pendingActions.map((a: any) => a.action)).not.toContain('cancel');

    const caseWrong = await paidPost(sim.url, `/api/tasks/${id}/reject-submission`, { taskId: id, worker: spam.address.toLowerCase() }, requester.privateKey);
    expect(caseWrong.status).toBe(404);
    expect(caseWrong.body).toEqual(preflight('No submission found for this worker on this task'));

    const r = await paidPost(sim.url, `/api/tasks/${id}/reject-submission`, { taskId: id, worker: spam.address }, requester.privateKey);
    expect(r.status).toBe(200);
    expect(r.body.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    const t = await task(sim, id);
    expect(t.submissionCount).toBe(0);
    expect(t.pendingActions.map((a: any) => a.action)).toContain('cancel');
    const subs = (await sim.get(`/api/tasks/${id}/submissions`)).body;
    expect(subs.every((s: any) => typeof s.rejectedAt === 'string')).toBe(true);

    const again = await paidPost(sim.url, `/api/tasks/${id}/reject-submission`, { taskId: id, worker: spam.address }, requester.privateKey);
    expect(again.body).toEqual(preflight('No active submission exists for the selected worker'));
    const claimTask = await createTask(sim, requester, { mode: 'claim' });
    const wrongMode = await paidPost(sim.url, `/api/tasks/${claimTask}/reject-submission`, { taskId: claimTask, worker: spam.address }, requester.privateKey);
    expect(wrongMode.body).toEqual(preflight('Submission rejection is only valid for bounty and benchmark tasks'));
  });
});

describe('rate', () => {
  it('is refused before completion and for non-recipients', async () => {
    const requester = newWallet();
    const worker = newWallet();
    await sim.faucet(requester.address, 10_000_000n);
    const id = await createTask(sim, requester, { mode: 'bounty' });
    expect((await submit(sim, worker, id)).status).toBe(200);
    const early = await paidPost(sim.url, `/api/tasks/${id}/rate`, { taskId: id, worker: worker.address, rating: 50 }, requester.privateKey);
    expect(early.body).toEqual(preflight('Task is not completed'));
    await paidPost(sim.url, `/api/tasks/${id}/accept`, { taskId: id, worker: worker.address }, requester.privateKey);
    const other = await paidPost(sim.url, `/api/tasks/${id}/rate`, { taskId: id, worker: requester.address, rating: 50 }, requester.privateKey);
    expect(other.body).toEqual(preflight('Worker is not an award recipient for this task'));
    const range = await paidPost(sim.url, `/api/tasks/${id}/rate`, { taskId: id, worker: worker.address, rating: 101 }, requester.privateKey);
    expect(range.status).toBe(400);
    expect(await sim.get('/api/feedback/nope')).toEqual({ status: 404, body: { error: 'Not found' } });
  });
});
