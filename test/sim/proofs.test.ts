// Benchmark proofs over real HTTP: a paid proof creates a linked submission; metricValue rules; the
// requester accepts the best proof; a rejected worker cannot prove again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSim, type TestSim } from '../helpers/sim.js';
import { newWallet, paidPost, type Wallet } from '../helpers/x402.js';
import { createTask, FEE, sign, task } from './submissions-helpers.js';

let sim: TestSim;
beforeAll(async () => {
  sim = await startTestSim({ manualClock: true });
});
afterAll(async () => {
  await sim.close();
});

async function proof(id: string, worker: Wallet, extra: Record<string, unknown> = {}, payer: Wallet = worker) {
  return paidPost(
    sim.url,
    `/api/tasks/${id}/proofs`,
    { taskId: id, workerAddress: worker.address, proofData: 'https://example.test/run/1', proofType: 'url', signature: await sign(worker, `taskmarket:proof:${id}`), ...extra },
    payer.privateKey,
  );
}

describe('benchmark proofs', () => {
  it('a proof costs 1000, creates a linked submission and can win', async () => {
    const requester = newWallet();
    const w1 = newWallet();
    const w2 = newWallet();
    await sim.faucet(requester.address, 10_000_000n);
    await sim.faucet(w1.address, 100_000n);
    await sim.faucet(w2.address, 100_000n);
    const id = await createTask(sim, requester, { mode: 'benchmark', reward: 3_000_000n, metricDescription: 'ops/s', metricTarget: '1000' });

    const p1 = await proof(id, w1, { metricValue: '1200' });
    expect(p1.status).toBe(200);
    expect(p1.challenge?.accepts[0]?.amount).toBe('1000');
    expect(p1.body).toMatchObject({ success: true });
    const p2 = await proof(id, w2, { metricValue: '900', proofType: 'manual', proofData: 'ran it by hand' });
    expect(p2.status).toBe(200);

    const proofs = await sim.get(`/api/tasks/${id}/proofs`);
    expect(proofs.body.map((p: any) => [p.workerAddress, p.metricValue, p.proofType, p.submissionId])).toEqual([
      [w1.address, '1200', 'url', p1.body.submissionId],
      [w2.address, '900', 'manual', p2.body.submissionId],
    ]);
    const subs = await sim.get(`/api/tasks/${id}/submissions`);
    expect(subs.body.map((s: any) => s.id).sort()).toEqual([p1.body.submissionId, p2.body.submissionId].sort());
    let t = await task(sim, id);
    expect(t.status).toBe('open'); // contests stay open after submissions
    expect(t.submissionCount).toBe(2);

    const acc = await paidPost(sim.url, `/api/tasks/${id}/accept`, { taskId: id, worker: w1.address }, requester.privateKey);
    expect(acc.status).toBe(200);
    t = await task(sim, id);
    expect(t.status).toBe('completed');
    expect(await sim.balance(w1.address)).toBe(100_000n - FEE + 2_850_000n);
    expect(await sim.balance(w2.address)).toBe(100_000n - FEE);
    expect(await sim.balance(requester.address)).toBe(10_000_000n - 3_000_000n - FEE);
  });

  it('refuses bad proofs with the backend texts', async () => {
    const requester = newWallet();
    const w = newWallet();
    const other = newWallet();
    await sim.faucet(requester.address, 10_000_000n);
    await sim.faucet(w.address, 100_000n);
    await sim.faucet(other.address, 100_000n);
    const id = await createTask(sim, requester, { mode: 'benchmark' });

    const metric = await proof(id, w, { metricValue: '-3' });
    expect(metric.status).toBe(400);
    expect(metric.body).toEqual({ error: 'metricValue must be a non-negative integer' });
    const payer = await proof(id, w, {}, other);
    expect(payer.status).toBe(403);
    expect(payer.body).toEqual({ error: 'Payment payer must be the proof worker', taskmarket: { reason: 'payment_preflight_rejected' } });

    const bounty = await createTask(sim, requester, { mode: 'bounty' });
    const wrongMode = await proof(bounty, w);
    expect(wrongMode.body).toEqual({ error: 'Not a Benchmark task', taskmarket: { reason: 'payment_preflight_rejected' } });

    expect((await proof(id, w)).status).toBe(200);
    const rej = await paidPost(sim.url, `/api/tasks/${id}/reject-submission`, { taskId: id, worker: w.address }, requester.privateKey);
    expect(rej.status).toBe(200);
    const again = await proof(id, w);
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ error: 'This worker was rejected and cannot submit again', taskmarket: { reason: 'payment_preflight_rejected' } });
    // No charge for refused proofs: 2 paid proofs' worth only (the first ok one).
    expect(await sim.balance(w.address)).toBe(100_000n - FEE);
  });
});
