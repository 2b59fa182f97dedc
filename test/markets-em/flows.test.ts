// Every flow of the guide on the real routes, both sides, with the money checked in the simulator's ledger:
// the bounty locked at assign, 87/13 at approve, refunds on cancel, major reject, withdraw and expiry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apply,
  approve,
  assign,
  browse,
  cancel,
  getApplications,
  getConfig,
  getEscrowConfig,
  getMySubmission,
  getPayment,
  getSubmissions,
  getTask,
  listMine,
  publish,
  rateAgent,
  rateWorker,
  reject,
  requestMoreInfo,
  submit,
  withdraw,
} from '../../src/markets/execution-market/actions/index.js';
import type { EmClient } from '../../src/markets/execution-market/client.js';
import { emClient, EVIDENCE, keystoreWallet, newWorker, startEmSim, TASK, TREASURY, type EmSim, type TestWallet, type Worker } from './helpers.js';

let sim: EmSim;
let pubWallet: TestWallet;
let pub: EmClient;
const FUNDS = 5_000_000n;

beforeAll(async () => {
  sim = await startEmSim({ manualClock: true });
  // The publisher signs with a real V3 keystore: the key is decrypted per request and dropped.
  pubWallet = keystoreWallet();
  pub = emClient(sim, pubWallet);
  await sim.faucet(pubWallet.address, FUNDS);
});
afterAll(async () => {
  await sim?.close();
});

/** publish → apply → assign; returns the task id. */
async function assigned(w: Worker, bounty = TASK.bounty): Promise<string> {
  const { task } = await publish(pub, { ...TASK, bounty });
  await apply(w.client, { taskId: task.id, executorId: w.executorId });
  await assign(pub, { taskId: task.id, executorId: w.executorId, workerWallet: w.lower, bounty });
  return task.id;
}

describe('EM flows on the simulator', () => {
  it('publish → browse → apply (twice) → assign locks the bounty → submit → approve pays 87/13 → both ratings', async () => {
    const config = await getConfig(pub);
    expect(config.minBounty).toBe(10_000n);
    const escrowCfg = await getEscrowConfig(pub);
    expect(escrowCfg.chainId).toBe(84532);

    const before = await sim.balances();
    const { task, idempotent } = await publish(pub, { ...TASK, minBounty: config.minBounty, skills: ['Logs'] });
    expect(idempotent).toBe(false);
    expect(task).toMatchObject({ market: 'execution-market', status: 'open', reward: 50_000n, requester: pubWallet.lower, platformFeeBps: 1300, netReward: 43_500n });
    expect(task.em).toMatchObject({ status: 'published', title: TASK.title, category: 'knowledge_access', evidenceRequired: ['json_response'], bounty: 50_000n, publisherWallet: pubWallet.lower, skills: ['logs'] });
    // Nothing moves at publish (escrow locks at assign).
    expect((await sim.balances())[pubWallet.lower]).toBe(before[pubWallet.lower]);

    const page = await browse(pub, { category: 'knowledge_access', limit: 1 });
    expect(page.tasks[0]?.id).toBe(task.id);
    expect(page.total).toBeGreaterThanOrEqual(1);
    const mine = await listMine(pub, {});
    expect(mine.tasks.map((t) => t.id)).toContain(task.id);

    const w = await newWorker(sim);
    const first = await apply(w.client, { taskId: task.id, executorId: w.executorId, message: 'I have 500 records' });
    expect(first).toMatchObject({ alreadyApplied: false });
    expect(first.applicationId).toMatch(/^[0-9a-f-]{36}$/);
    // 409 already_applied is success.
    expect(await apply(w.client, { taskId: task.id, executorId: w.executorId })).toMatchObject({ alreadyApplied: true, applicationId: null });
    const apps = await getApplications(pub, { taskId: task.id });
    expect(apps).toEqual([expect.objectContaining({ executorId: w.executorId, wallet: w.lower, status: 'pending' })]);

    const a = await assign(pub, { taskId: task.id, executorId: w.executorId, workerWallet: w.lower, bounty: 50_000n });
    expect(a).toMatchObject({ path: 'inline', workerWallet: w.lower, escrowAmount: 50_000n, reconciled: false, sends: 1 });
    expect(await sim.escrow(task.id)).toBe(50_000n);
    expect((await sim.balances())[pubWallet.lower]).toBe((before[pubWallet.lower] ?? 0n) - 50_000n);
    const locked = await getPayment(pub, { taskId: task.id });
    expect(locked).toMatchObject({ status: 'escrowed', total: 50_000n, receiver: w.lower, payer: pubWallet.lower });

    const t1 = await getTask(w.client, { taskId: task.id });
    expect(t1?.em).toMatchObject({ status: 'accepted', executorId: w.executorId });
    expect(t1?.status).toBe('worker_selected');

    const sub = await submit(w.client, { taskId: task.id, executorId: w.executorId, evidence: EVIDENCE, requiredEvidence: ['json_response'], notes: 'done' });
    expect((await getMySubmission(w.client, { taskId: task.id, executorId: w.executorId }))).toMatchObject({ id: sub.submissionId, verdict: 'pending', evidence: EVIDENCE });
    const subs = await getSubmissions(pub, { taskId: task.id });
    expect(subs).toEqual([expect.objectContaining({ id: sub.submissionId, verdict: 'pending' })]);

    const treasuryBefore = (await sim.balances())[TREASURY] ?? 0n;
    const paid = await approve(pub, { taskId: task.id, submissionId: sub.submissionId, notes: 'great' });
    expect(paid).toMatchObject({ gross: 50_000n, workerNet: 43_500n, platformFee: 6_500n, idempotent: false });
    expect(paid.paymentTx).toMatch(/^0x[0-9a-f]{64}$/);
    const after = await sim.balances();
    expect(after[w.lower]).toBe(43_500n);
    expect((after[TREASURY] ?? 0n) - treasuryBefore).toBe(6_500n);
    expect(await sim.escrow(task.id)).toBe(0n);
    expect(await getPayment(pub, { taskId: task.id })).toMatchObject({ status: 'completed', workerNet: 43_500n, platformFee: 6_500n });
    // Re-approving is a 200 idempotent:true, not a second payout.
    expect(await approve(pub, { taskId: task.id, submissionId: sub.submissionId })).toMatchObject({ idempotent: true });
    expect((await sim.balances())[w.lower]).toBe(43_500n);

    const rw = await rateWorker(pub, { taskId: task.id, score: 90, workerAddress: w.address, proofTx: paid.paymentTx ?? undefined });
    expect(rw).toMatchObject({ alreadyRated: false });
    expect(rw.txHash).toMatch(/^0x/);
    expect(await rateWorker(pub, { taskId: task.id, score: 10 })).toMatchObject({ alreadyRated: true });
    const ra = await rateAgent(w.client, { taskId: task.id, score: 80, ...(task.em?.publisherAgentId ? { agentId: task.em.publisherAgentId } : {}) });
    expect(ra).toMatchObject({ alreadyRated: false });
  });

  it('cancel an accepted task refunds the escrow; a published one moves nothing', async () => {
    const w = await newWorker(sim);
    const id = await assigned(w);
    const mid = (await sim.balances())[pubWallet.lower] ?? 0n;
    const r = await cancel(pub, { taskId: id, reason: 'no longer needed' });
    expect(r.refundTx).toMatch(/^0x/);
    expect((await sim.balances())[pubWallet.lower]).toBe(mid + TASK.bounty);
    expect(await sim.escrow(id)).toBe(0n);
    expect((await getTask(pub, { taskId: id }))?.em?.status).toBe('cancelled');
    // Cancelled: an unsigned reader gets 410, which getTask reports as gone.
    expect(await getTask(emClient(sim, null), { taskId: id })).toBeNull();
    expect(await cancel(pub, { taskId: id })).toMatchObject({ idempotent: true });

    const { task } = await publish(pub, TASK);
    const still = (await sim.balances())[pubWallet.lower];
    expect(await cancel(pub, { taskId: task.id })).toMatchObject({ refundTx: null });
    expect((await sim.balances())[pubWallet.lower]).toBe(still);
  });

  it('reject minor lets the worker resubmit; request more info; reject major refunds and re-opens', async () => {
    const w = await newWorker(sim);
    const id = await assigned(w);
    const s1 = await submit(w.client, { taskId: id, executorId: w.executorId, evidence: EVIDENCE, requiredEvidence: ['json_response'] });
    expect(await reject(pub, { submissionId: s1.submissionId, severity: 'minor', notes: 'records are missing timestamps' })).toMatchObject({ severity: 'minor', taskStatus: 'in_progress' });
    expect(await sim.escrow(id)).toBe(TASK.bounty);
    const s2 = await submit(w.client, { taskId: id, executorId: w.executorId, evidence: EVIDENCE, requiredEvidence: ['json_response'] });
    expect(s2.submissionId).toBe(s1.submissionId); // one submission per (task, executor), upserted
    await requestMoreInfo(pub, { submissionId: s2.submissionId, notes: 'which channel?' });
    expect((await getTask(pub, { taskId: id }))?.em?.status).toBe('in_progress');
    const s3 = await submit(w.client, { taskId: id, executorId: w.executorId, evidence: EVIDENCE, requiredEvidence: ['json_response'] });
    const mid = (await sim.balances())[pubWallet.lower] ?? 0n;
    const major = await reject(pub, { submissionId: s3.submissionId, severity: 'major', notes: 'this is not the data asked for', reputationScore: 20 });
    expect(major.refundTx).toMatch(/^0x/);
    expect((await sim.balances())[pubWallet.lower]).toBe(mid + TASK.bounty);
    expect(await sim.escrow(id)).toBe(0n);
    expect((await getTask(pub, { taskId: id }))?.em).toMatchObject({ status: 'published', executorId: null });
  });

  it('worker withdraw refunds the publisher; expiry refunds a locked escrow', async () => {
    const w = await newWorker(sim);
    const id = await assigned(w);
    const mid = (await sim.balances())[pubWallet.lower] ?? 0n;
    const r = await withdraw(w.client, { taskId: id, executorId: w.executorId, reason: 'cannot deliver' });
    expect(r.refundTx).toMatch(/^0x/);
    expect((await sim.balances())[pubWallet.lower]).toBe(mid + TASK.bounty);
    expect((await getTask(pub, { taskId: id }))?.em).toMatchObject({ status: 'published', executorId: null });
    expect((await sim.balances())[w.lower] ?? 0n).toBe(0n);

    const w2 = await newWorker(sim);
    const id2 = await assigned(w2);
    const mid2 = (await sim.balances())[pubWallet.lower] ?? 0n;
    await sim.advance(25 * 3_600_000);
    const gone = await getTask(pub, { taskId: id2 });
    expect(gone?.em?.status).toBe('expired');
    expect(gone?.status).toBe('expired');
    expect((await sim.balances())[pubWallet.lower]).toBe(mid2 + TASK.bounty);
    expect(await getPayment(pub, { taskId: id2 })).toMatchObject({ status: 'refunded' });
  });
});
