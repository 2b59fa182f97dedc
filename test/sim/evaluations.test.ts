// Evaluator flows over real HTTP on a manual clock: approve → finalize, appeal → resolve-dispute,
// reject → cancelled, evaluator timeout → requester accepts. Ledger deltas exact.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSim, type TestSim } from '../helpers/sim.js';
import { newWallet, paidPost, type Wallet } from '../helpers/x402.js';
import { createTask, FEE, sign, submit, task } from './submissions-helpers.js';

let sim: TestSim;
beforeAll(async () => {
  sim = await startTestSim({ manualClock: true });
});
afterAll(async () => {
  await sim.close();
});

const HOUR = 3_600_000;
const preflight = (error: string) => ({ error, taskmarket: { reason: 'payment_preflight_rejected' } });

interface Cast {
  requester: Wallet;
  worker: Wallet;
  evaluator: Wallet;
  resolver: Wallet;
}

async function cast(): Promise<Cast> {
  const c = { requester: newWallet(), worker: newWallet(), evaluator: newWallet(), resolver: newWallet() };
  await sim.faucet(c.requester.address, 10_000_000n);
  for (const w of [c.worker, c.evaluator, c.resolver]) await sim.faucet(w.address, 100_000n);
  return c;
}

async function assign(c: Cast, id: string, feeBps: number) {
  return paidPost(
    sim.url,
    `/api/tasks/${id}/evaluator`,
    { taskId: id, evaluator: c.evaluator.address, evaluatorFeeBps: feeBps, evaluationWindowHours: 1, appealWindowHours: 1, disputeResolver: c.resolver.address },
    c.requester.privateKey,
  );
}

async function claimAndSubmit(c: Cast, id: string) {
  const claim = await sim.post(`/api/tasks/${id}/claim`, { workerAddress: c.worker.address, signature: await sign(c.worker, `taskmarket:claim:${id}`) });
  expect(claim.status).toBe(200);
  expect((await submit(sim, c.worker, id)).status).toBe(200);
}

describe('evaluator approve path', () => {
  it('claim task: submit → review → evaluate → appeal window → finalize pays fee and award', async () => {
    const c = await cast();
    const id = await createTask(sim, c.requester, { mode: 'claim', reward: 1_000_000n });
    const selfEval = await paidPost(sim.url, `/api/tasks/${id}/evaluator`, { taskId: id, evaluator: c.requester.address }, c.requester.privateKey);
    expect(selfEval.status).toBe(400);
    const a = await assign(c, id, 1000);
    expect(a.status).toBe(200);
    expect(a.challenge?.accepts[0]?.amount).toBe('1000');
    let t = await task(sim, id);
    expect(t.evaluator).toBe(c.evaluator.address);

    await claimAndSubmit(c, id);
    t = await task(sim, id);
    expect(t.status).toBe('review');
    expect(t.pendingActions.map((x: any) => [x.action, x.role])).toEqual([['evaluate', 'evaluator']]);

    const acceptInstead = await paidPost(sim.url, `/api/tasks/${id}/accept`, { taskId: id, worker: c.worker.address }, c.requester.privateKey);
    expect(acceptInstead.body).toEqual(preflight('Task uses an evaluator; use evaluate instead'));
    const notEvaluator = await paidPost(sim.url, `/api/tasks/${id}/evaluate`, { taskId: id, verdict: 'approve', awards: [] }, c.worker.privateKey);
    expect(notEvaluator.status).toBe(403);
    expect(notEvaluator.body).toEqual(preflight('Payment payer must be the assigned evaluator'));
    const tooMuch = await paidPost(sim.url, `/api/tasks/${id}/evaluate`, { taskId: id, verdict: 'approve', awards: [{ worker: c.worker.address, amount: '900001', rank: 1 }] }, c.evaluator.privateKey);
    expect(tooMuch.body).toEqual(preflight('Evaluation awards exceed task escrow'));

    const ev = await paidPost(sim.url, `/api/tasks/${id}/evaluate`, { taskId: id, verdict: 'approve', awards: [{ worker: c.worker.address, amount: '900000', rank: 1 }] }, c.evaluator.privateKey);
    expect(ev.status).toBe(200);
    expect(ev.body.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    t = await task(sim, id);
    expect(t.status).toBe('appealing');
    expect(t.verdictType).toBe('APPROVE');

    const early = await sim.post(`/api/tasks/${id}/finalize-verdict`, { taskId: id });
    expect(early.status).toBe(400);
    expect(early.body).toMatchObject({ message: 'Appeal window not yet expired' });
    await sim.advance(HOUR);
    const fin = await sim.post(`/api/tasks/${id}/finalize-verdict`, { taskId: id });
    expect(fin.status).toBe(200);
    t = await task(sim, id);
    expect(t.status).toBe('completed');
    expect(t.awards[0]).toMatchObject({ workerAddress: c.worker.address, workerPayment: '855000', platformFee: '45000' });

    expect(await sim.balance(c.evaluator.address)).toBe(100_000n - FEE + 100_000n);
    expect(await sim.balance(c.worker.address)).toBe(100_000n + 855_000n);
    expect(await sim.balance(c.requester.address)).toBe(10_000_000n - 1_000_000n - FEE);
    expect((await sim.ledger()).escrows[id]).toBe('0');
  });
});

describe('appeal and dispute', () => {
  it('a bounty submitter appeals a partial verdict; the resolver re-awards; the rest is refunded', async () => {
    const c = await cast();
    const bob = newWallet();
    await sim.faucet(bob.address, 100_000n);
    const id = await createTask(sim, c.requester, { mode: 'bounty', reward: 1_000_000n });
    expect((await assign(c, id, 0)).status).toBe(200);
    expect((await submit(sim, c.worker, id)).status).toBe(200);
    expect((await submit(sim, bob, id)).status).toBe(200);
    const ev = await paidPost(sim.url, `/api/tasks/${id}/evaluate`, { taskId: id, verdict: 'partial', awards: [{ worker: c.worker.address, amount: '500000', rank: 1 }] }, c.evaluator.privateKey);
    expect(ev.status).toBe(200);

    const outsider = newWallet();
    await sim.faucet(outsider.address, 10_000n);
    const notSubmitter = await paidPost(sim.url, `/api/tasks/${id}/appeal`, { taskId: id }, outsider.privateKey);
    expect(notSubmitter.status).toBe(403);
    const ap = await paidPost(sim.url, `/api/tasks/${id}/appeal`, { taskId: id }, bob.privateKey);
    expect(ap.status).toBe(200);
    expect((await task(sim, id)).status).toBe('disputed');

    const notResolver = await paidPost(sim.url, `/api/tasks/${id}/resolve-dispute`, { taskId: id, verdict: 'approve', awards: [{ worker: bob.address, amount: '800000', rank: 1 }] }, c.evaluator.privateKey);
    expect(notResolver.body).toEqual(preflight('Payment payer must be the dispute resolver'));
    const res = await paidPost(sim.url, `/api/tasks/${id}/resolve-dispute`, { taskId: id, verdict: 'approve', awards: [{ worker: bob.address, amount: '800000', rank: 1 }] }, c.resolver.privateKey);
    expect(res.status).toBe(200);
    const t = await task(sim, id);
    expect(t.status).toBe('completed');
    expect(t.awards.map((x: any) => [x.workerAddress, x.workerPayment])).toEqual([[bob.address, '760000']]);
    expect(await sim.balance(bob.address)).toBe(100_000n - FEE + 760_000n);
    expect(await sim.balance(c.requester.address)).toBe(10_000_000n - 1_000_000n - FEE + 200_000n);
  });

  it('a reject verdict finalizes to cancelled: the evaluator keeps its fee, the requester gets the rest', async () => {
    const c = await cast();
    const id = await createTask(sim, c.requester, { mode: 'claim', reward: 1_000_000n });
    expect((await assign(c, id, 500)).status).toBe(200);
    await claimAndSubmit(c, id);
    const ev = await paidPost(sim.url, `/api/tasks/${id}/evaluate`, { taskId: id, verdict: 'reject' }, c.evaluator.privateKey);
    expect(ev.status).toBe(200);
    await sim.advance(HOUR);
    expect((await sim.post(`/api/tasks/${id}/finalize-verdict`, { taskId: id })).status).toBe(200);
    expect((await task(sim, id)).status).toBe('cancelled');
    expect(await sim.balance(c.evaluator.address)).toBe(100_000n - FEE + 50_000n);
    expect(await sim.balance(c.requester.address)).toBe(10_000_000n - 1_000_000n - FEE + 950_000n);
  });
});

describe('evaluator timeout', () => {
  it('after the evaluation window the requester takes the decision back and accepts', async () => {
    const c = await cast();
    const id = await createTask(sim, c.requester, { mode: 'claim', reward: 1_000_000n });
    expect((await assign(c, id, 0)).status).toBe(200);
    await claimAndSubmit(c, id);
    const early = await paidPost(sim.url, `/api/tasks/${id}/evaluator-timeout`, { taskId: id }, c.requester.privateKey);
    expect(early.body).toEqual(preflight('Evaluator deadline has not yet passed'));
    await sim.advance(HOUR + 1000);
    expect((await task(sim, id)).pendingActions.map((x: any) => x.action)).toEqual(['evaluate', 'evaluator_timeout']);
    const to = await paidPost(sim.url, `/api/tasks/${id}/evaluator-timeout`, { taskId: id }, c.requester.privateKey);
    expect(to.status).toBe(200);
    expect((await task(sim, id)).status).toBe('pending_approval');
    const acc = await paidPost(sim.url, `/api/tasks/${id}/accept`, { taskId: id, worker: c.worker.address }, c.requester.privateKey);
    expect(acc.status).toBe(200);
    expect(await sim.balance(c.worker.address)).toBe(100_000n + 950_000n);
  });
});
