// Claim mode over real HTTP: claim → submit (upload + from-keys) → accept → rate with exact ledger deltas;
// signature refusals; forfeit only after expiry on a manual clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSim, type TestSim } from '../helpers/sim.js';
import { newWallet, paidPost } from '../helpers/x402.js';
import { createTask, FEE, sign, submit, task, upload } from './submissions-helpers.js';

let sim: TestSim;
beforeAll(async () => {
  sim = await startTestSim({ manualClock: true });
});
afterAll(async () => {
  await sim.close();
});

const REWARD = 1_000_000n;

describe('claim lifecycle', () => {
  it('claim → submit → accept → rate moves exactly the right money', async () => {
    const requester = newWallet();
    const worker = newWallet();
    await sim.faucet(requester.address, 10_000_000n);
    await sim.faucet(worker.address, 1_000_000n);
    const platform = (await sim.ledger()).platform;
    const platform0 = await sim.balance(platform);

    const id = await createTask(sim, requester, { mode: 'claim', reward: REWARD });
    expect((await sim.ledger()).escrows[id]).toBe(REWARD.toString());

    const claim = await sim.post(`/api/tasks/${id}/claim`, {
      workerAddress: worker.address,
      signature: await sign(worker, `taskmarket:claim:${id}`),
    });
    expect(claim.status).toBe(200);
    expect(claim.body).toMatchObject({ success: true });
    expect(typeof claim.body.claimId).toBe('string');
    let t = await task(sim, id);
    expect(t.status).toBe('claimed');
    expect(t.claimedBy).toBe(worker.address);

    const sub = await submit(sim, worker, id);
    expect(sub.status).toBe(200);
    expect(sub.challenge).toBeNull(); // claim-mode submissions are free
    expect(typeof sub.body.submissionId).toBe('string');
    t = await task(sim, id);
    expect(t.status).toBe('pending_approval');
    expect(t.pendingActions.some((a: any) => a.action === 'accept' && a.role === 'requester')).toBe(true);

    const accept = await paidPost(sim.url, `/api/tasks/${id}/accept`, { taskId: id, worker: worker.address }, requester.privateKey);
    expect(accept.status).toBe(200);
    expect(accept.challenge?.accepts[0]?.amount).toBe('1000');
    expect(accept.body).toEqual({ success: true });
    t = await task(sim, id);
    expect(t.status).toBe('completed');
    expect(t.awards).toHaveLength(1);
    expect(t.awards[0]).toMatchObject({ workerAddress: worker.address, rank: 1, workerPayment: '950000', platformFee: '50000', rating: null });
    expect(t.pendingActions.map((a: any) => a.action)).toEqual(['rate']);

    const rate = await paidPost(sim.url, `/api/tasks/${id}/rate`, { taskId: id, worker: worker.address, rating: 87, feedbackText: 'solid' }, requester.privateKey);
    expect(rate.status).toBe(200);
    expect(typeof rate.body.feedbackId).toBe('string');
    const fb = await sim.get(`/api/feedback/${rate.body.feedbackId}`);
    expect(fb.status).toBe(200);
    expect(fb.body).toMatchObject({ value: 87, valueDecimals: 0, tag1: 'starred', taskId: id });
    t = await task(sim, id);
    expect(t.awards[0].rating).toBe(87);
    expect(t.pendingActions).toEqual([]);

    const again = await paidPost(sim.url, `/api/tasks/${id}/rate`, { taskId: id, worker: worker.address, rating: 10 }, requester.privateKey);
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ error: 'Award recipient is already rated', taskmarket: { reason: 'payment_preflight_rejected' } });

    expect(await sim.balance(requester.address)).toBe(10_000_000n - REWARD - FEE - FEE);
    expect(await sim.balance(worker.address)).toBe(1_000_000n + 950_000n);
    expect(await sim.balance(platform)).toBe(platform0 + 50_000n + FEE + FEE);
    expect((await sim.ledger()).escrows[id]).toBe('0');
  });

  it('refuses bad claims with the backend texts', async () => {
    const requester = newWallet();
    const worker = newWallet();
    const other = newWallet();
    await sim.faucet(requester.address, 5_000_000n);
    const id = await createTask(sim, requester, { mode: 'claim' });

    const forged = await sim.post(`/api/tasks/${id}/claim`, { workerAddress: worker.address, signature: await sign(other, `taskmarket:claim:${id}`) });
    expect(forged.status).toBe(401);
    expect(forged.body).toMatchObject({ message: 'Signature does not match worker address' });

    const garbage = await sim.post(`/api/tasks/${id}/claim`, { workerAddress: worker.address, signature: '0x1234' });
    expect(garbage.status).toBe(400);
    expect(garbage.body).toMatchObject({ message: 'Invalid signature' });

    const wrongText = await sim.post(`/api/tasks/${id}/claim`, { workerAddress: worker.address, signature: await sign(worker, `taskmarket:claim:other`) });
    expect(wrongText.status).toBe(401);

    const ok1 = await sim.post(`/api/tasks/${id}/claim`, { workerAddress: worker.address, signature: await sign(worker, `taskmarket:claim:${id}`) });
    expect(ok1.status).toBe(200);
    const second = await sim.post(`/api/tasks/${id}/claim`, { workerAddress: other.address, signature: await sign(other, `taskmarket:claim:${id}`) });
    expect(second.status).toBe(400);
    expect(second.body).toMatchObject({ message: 'Task not available for claiming' });

    // Only the claimant may submit: the upload URL is refused to anyone else.
    await expect(upload(sim, other, id, Buffer.from('x'))).rejects.toThrow(/Only worker can submit/);

    const bounty = await createTask(sim, requester, { mode: 'bounty' });
    const notClaim = await sim.post(`/api/tasks/${bounty}/claim`, { workerAddress: worker.address, signature: await sign(worker, `taskmarket:claim:${bounty}`) });
    expect(notClaim.status).toBe(400);
    expect(notClaim.body).toMatchObject({ message: 'Not a Claim task' });

    const missing = await sim.post(`/api/tasks/0x${'ab'.repeat(32)}/claim`, { workerAddress: worker.address, signature: '0x' });
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ message: 'Task not found' });
  });
});

describe('claim races', () => {
  it('exactly one of many simultaneous claims wins', async () => {
    const requester = newWallet();
    await sim.faucet(requester.address, 5_000_000n);
    const id = await createTask(sim, requester, { mode: 'claim' });
    const workers = Array.from({ length: 6 }, () => newWallet());
    const bodies = await Promise.all(workers.map(async (w) => ({ workerAddress: w.address, signature: await sign(w, `taskmarket:claim:${id}`) })));
    const results = await Promise.all(bodies.map((b) => sim.post(`/api/tasks/${id}/claim`, b)));
    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.status === 400).every((r) => r.body.message === 'Task not available for claiming')).toBe(true);
    const winner = bodies[results.findIndex((r) => r.status === 200)]!.workerAddress;
    expect((await task(sim, id)).claimedBy).toBe(winner);
  });
});

describe('forfeit', () => {
  it('reopens a claimed task only after expiry, and only for the requester', async () => {
    const requester = newWallet();
    const worker = newWallet();
    await sim.faucet(requester.address, 5_000_000n);
    const id = await createTask(sim, requester, { mode: 'claim', durationHours: 1 });
    await sim.post(`/api/tasks/${id}/claim`, { workerAddress: worker.address, signature: await sign(worker, `taskmarket:claim:${id}`) });

    const body = async (who = requester) => ({ taskId: id, requesterAddress: who.address, signature: await sign(who, `taskmarket:forfeit:${id}`) });
    const early = await sim.post(`/api/tasks/${id}/forfeit`, await body());
    expect(early.status).toBe(400);
    expect(early.body).toMatchObject({ message: 'Contract call rejected: TaskNotYetExpired' });

    await sim.advance(3_600_000 + 1000);
    const t0 = await task(sim, id);
    expect(t0.pendingActions.map((a: any) => a.action)).toEqual(['forfeit']);

    const stranger = await sim.post(`/api/tasks/${id}/forfeit`, await body(worker));
    expect(stranger.status).toBe(403);
    expect(stranger.body).toMatchObject({ message: 'Only the task requester can forfeit' });

    const forged = await sim.post(`/api/tasks/${id}/forfeit`, { taskId: id, requesterAddress: requester.address, signature: await sign(worker, `taskmarket:forfeit:${id}`) });
    expect(forged.status).toBe(401);
    expect(forged.body).toMatchObject({ message: 'Signature does not match requester address' });

    const done = await sim.post(`/api/tasks/${id}/forfeit`, await body());
    expect(done.status).toBe(200);
    expect(done.body.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    const t = await task(sim, id);
    expect(t.status).toBe('open');
    expect(t.claimedBy).toBeNull();

    const twice = await sim.post(`/api/tasks/${id}/forfeit`, await body());
    expect(twice.status).toBe(400);
    expect(twice.body).toMatchObject({ message: 'Task is not currently claimed' });
  });
});
