// The EM lifecycle over real HTTP with real signatures, money checked at /sim/ledger: publish → apply → assign with
// escrow → submit → approve (87/13), reject minor/major, request more info, cancel from published and accepted,
// withdraw, expiry refund, ratings both ways.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignedTask, EVIDENCE, newWallet, paymentAuth, taskBody, TREASURY, worker, type EmClient, type EmSim, type Party, type Wallet, startEmSim } from './helpers.js';

let sim: EmSim;
let publisher: Wallet;
let pub: EmClient;
const FUNDS = 10_000_000n; // 10 USDC

beforeAll(async () => {
  sim = await startEmSim({ manualClock: true });
  publisher = newWallet();
  pub = sim.client(publisher);
  await sim.faucet(publisher.address, FUNDS);
});
afterAll(async () => {
  await sim?.close();
});

const bal = async (addr: string) => (await sim.balances())[addr.toLowerCase()] ?? 0n;

async function submitted(w: Party, over: Record<string, unknown> = {}): Promise<{ id: string; submissionId: string }> {
  const id = await assignedTask(sim, pub, w, over);
  const s = await w.c.post(`/tasks/${id}/submit`, { executor_id: w.executorId, evidence: EVIDENCE, notes: 'here you go' });
  expect(s.status).toBe(200);
  return { id, submissionId: s.body.data.submission_id };
}

describe('happy path', () => {
  it('publish → apply → assign locks the bounty → submit → approve pays 87/13 → ratings both ways', async () => {
    const w = await worker(sim);
    const before = await bal(publisher.address);
    const treasuryBefore = await bal(TREASURY);

    const created = await pub.post('/tasks', taskBody({ bounty_usd: 0.05, agent_name: 'kk-juanjumagalp' }));
    expect(created.status).toBe(201);
    const t = created.body;
    expect(t).toMatchObject({ status: 'published', bounty_usd: 0.05, agent_id: publisher.address.toLowerCase(), executor_id: null, evidence_schema: { required: ['json_response'], optional: [] }, payment_network: 'base-sepolia', payment_token: 'USDC', escrow_status: null });
    expect(t.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const browse = await sim.client(null).get('/tasks/available?limit=100');
    expect(browse.body.tasks.map((r: { id: string }) => r.id)).toContain(t.id);

    const applied = await w.c.post(`/tasks/${t.id}/apply`, { executor_id: w.executorId, message: 'I have the logs' });
    expect(applied.status).toBe(200);
    expect(applied.body).toMatchObject({ success: true, message: 'Application submitted successfully', data: { task_id: t.id, status: 'pending' } });
    const again = await w.c.post(`/tasks/${t.id}/apply`, { executor_id: w.executorId });
    expect(again.status).toBe(409);
    expect(again.body.detail.code).toBe('already_applied');

    const apps = await pub.get(`/tasks/${t.id}/applications`);
    expect(apps.body.count).toBe(1);
    expect(apps.body.applications[0]).toMatchObject({ executor_id: w.executorId, wallet_address: w.wallet.address.toLowerCase(), status: 'pending' });

    const ch = await pub.get(`/tasks/${t.id}/assign/challenge?executor_id=${w.executorId}`);
    expect(ch.status).toBe(200);
    expect(ch.body.typedData.primaryType).toBe('ReceiveWithAuthorization');
    expect(ch.body.typedData.message.value).toBe('50000');
    expect(ch.body.paymentInfo.receiver).toBe(w.wallet.address);
    const header = await paymentAuth(publisher, ch.body);
    const assigned = await pub.post(`/tasks/${t.id}/assign`, { executor_id: w.executorId }, { headers: { 'X-Payment-Auth': header } });
    expect(assigned.status).toBe(200);
    expect(assigned.body.data).toMatchObject({ task_id: t.id, executor_id: w.executorId, status: 'accepted', worker_wallet: w.wallet.address.toLowerCase(), escrow: { status: 'locked', amount_usdc: '0.050000' } });
    expect(await sim.escrow(t.id)).toBe(50_000n);
    expect(await bal(publisher.address)).toBe(before - 50_000n);
    const apps2 = await pub.get(`/tasks/${t.id}/applications`);
    expect(apps2.body.applications[0].status).toBe('accepted');

    // Missing required evidence is 400; the dict-keyed-by-type form is accepted.
    const missing = await w.c.post(`/tasks/${t.id}/submit`, { executor_id: w.executorId, evidence: { text_response: 'hi' } });
    expect(missing.status).toBe(400);
    expect(missing.body.detail).toMatchObject({ code: 'missing_evidence', missing: ['json_response'] });
    const sub = await w.c.post(`/tasks/${t.id}/submit`, { executor_id: w.executorId, evidence: EVIDENCE, notes: 'delivered' });
    expect(sub.status).toBe(200);
    expect(sub.body.data).toMatchObject({ task_id: t.id, status: 'submitted' });
    const sid = sub.body.data.submission_id;
    const subs = await pub.get(`/tasks/${t.id}/submissions`);
    expect(subs.body.submissions[0]).toMatchObject({ id: sid, status: 'pending', agent_verdict: 'pending', evidence: EVIDENCE });
    const mine = await w.c.get(`/workers/tasks/${t.id}/my-submission?executor_id=${w.executorId}`);
    expect(mine.body.data).toMatchObject({ id: sid, status: 'pending' });

    const approved = await pub.post(`/submissions/${sid}/approve`, { notes: 'great' });
    expect(approved.status).toBe(200);
    expect(approved.body.data).toMatchObject({ submission_id: sid, verdict: 'accepted', worker_net_usdc: '0.043500', platform_fee_usdc: '0.006500', gross_amount_usdc: '0.050000' });
    expect(approved.body.data.payment_tx).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await sim.escrow(t.id)).toBe(0n);
    expect(await bal(w.wallet.address)).toBe(43_500n);
    expect((await bal(TREASURY)) - treasuryBefore).toBe(6_500n);
    const repeat = await pub.post(`/submissions/${sid}/approve`, {});
    expect(repeat.status).toBe(200);
    expect(repeat.body.idempotent).toBe(true);
    expect(await bal(w.wallet.address)).toBe(43_500n);

    const done = await pub.get(`/tasks/${t.id}`);
    expect(done.body).toMatchObject({ status: 'completed', payment_tx: approved.body.data.payment_tx, escrow_status: 'released' });
    const payment = await pub.get(`/tasks/${t.id}/payment`);
    expect(payment.body).toMatchObject({ status: 'completed', released_net_usdc: '0.043500', platform_fee_usdc: '0.006500' });
    expect(payment.body.events.map((e: { type: string }) => e.type)).toEqual(['locked', 'released']);

    const rw = await pub.post('/reputation/workers/rate', { task_id: t.id, score: 90, comment: 'fast', worker_address: w.wallet.address, proof_tx: approved.body.data.payment_tx });
    expect(rw.status).toBe(200);
    expect(rw.body).toMatchObject({ success: true, error: null, network: 'base-sepolia' });
    expect(rw.body.transaction_hash).toMatch(/^0x[0-9a-f]{64}$/);
    const dup = await pub.post('/reputation/workers/rate', { task_id: t.id, score: 10 });
    expect(dup.body.error).toBe('Feedback already submitted for this task');
    const ra = await w.c.post('/reputation/agents/rate', { task_id: t.id, score: 80, agent_id: t.erc8004_agent_id });
    expect(ra.status).toBe(200);
    expect(ra.body.success).toBe(true);
    // Only the worker rates the agent; only the publisher rates the worker; scores are 0–100.
    expect((await pub.post('/reputation/agents/rate', { task_id: t.id, score: 80 })).status).toBe(403);
    expect((await w.c.post('/reputation/workers/rate', { task_id: t.id, score: 80 })).status).toBe(403);
    expect((await pub.post('/reputation/workers/rate', { task_id: t.id, score: 101 })).status).toBe(422);
    const rep = await sim.client(null).get(`/reputation/agents/${t.erc8004_agent_id}`);
    expect(rep.body).toMatchObject({ count: 1, score: 80 });
    const apps3 = await pub.get(`/tasks/${t.id}/applications`);
    expect(apps3.body.applications[0]).toMatchObject({ reputation_score: 10, tasks_completed: 1, avg_rating: 4.5 });
  });
});

describe('review', () => {
  it('reject minor: in_progress, escrow stays, the same worker resubmits and is paid', async () => {
    const w = await worker(sim);
    const { id, submissionId } = await submitted(w);
    const short = await pub.post(`/submissions/${submissionId}/reject`, { notes: 'too short', severity: 'minor' });
    expect(short.status).toBe(422);
    const r = await pub.post(`/submissions/${submissionId}/reject`, { notes: 'records are missing timestamps', severity: 'minor' });
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({ verdict: 'rejected', severity: 'minor', task_status: 'in_progress', refund_tx: null });
    expect((await pub.get(`/tasks/${id}`)).body.status).toBe('in_progress');
    expect(await sim.escrow(id)).toBe(50_000n);
    expect((await pub.post(`/submissions/${submissionId}/reject`, { notes: 'records are missing timestamps' })).status).toBe(409);
    const again = await w.c.post(`/tasks/${id}/submit`, { executor_id: w.executorId, evidence: EVIDENCE });
    expect(again.body.data.submission_id).toBe(submissionId);
    const ok = await pub.post(`/submissions/${submissionId}/approve`);
    expect(ok.status).toBe(200);
    expect(await bal(w.wallet.address)).toBe(43_500n);
  });

  it('reject major: escrow refunded to the payer, task published again without an executor', async () => {
    const w = await worker(sim);
    const before = await bal(publisher.address);
    const { id, submissionId } = await submitted(w);
    expect(await bal(publisher.address)).toBe(before - 50_000n);
    const r = await pub.post(`/submissions/${submissionId}/reject`, { notes: 'this is not chat log data', severity: 'major', reputation_score: 20 });
    expect(r.status).toBe(200);
    expect(r.body.data.refund_tx).toMatch(/^0x[0-9a-f]{64}$/);
    const t = (await pub.get(`/tasks/${id}`)).body;
    expect(t).toMatchObject({ status: 'published', executor_id: null, escrow_status: 'refunded' });
    expect(await sim.escrow(id)).toBe(0n);
    expect(await bal(publisher.address)).toBe(before);
    // A new worker can apply and be assigned with a fresh authorization.
    const w2 = await worker(sim);
    expect((await w2.c.post(`/tasks/${id}/apply`, { executor_id: w2.executorId })).status).toBe(200);
    const ch = await pub.get(`/tasks/${id}/assign/challenge?executor_id=${w2.executorId}`);
    const assigned = await pub.post(`/tasks/${id}/assign`, { executor_id: w2.executorId }, { headers: { 'X-Payment-Auth': await paymentAuth(publisher, ch.body) } });
    expect(assigned.status).toBe(200);
    expect(await sim.escrow(id)).toBe(50_000n);
  });

  it('request more info: in_progress with more_info_requested; a resubmission resets the verdict', async () => {
    const w = await worker(sim);
    const { id, submissionId } = await submitted(w);
    expect((await pub.post(`/submissions/${submissionId}/request-more-info`, { notes: 'hi' })).status).toBe(422);
    const r = await pub.post(`/submissions/${submissionId}/request-more-info`, { notes: 'which channel were these from?' });
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({ submission_id: submissionId, task_id: id, verdict: 'more_info_requested' });
    expect((await pub.get(`/tasks/${id}`)).body.status).toBe('in_progress');
    expect((await pub.post(`/submissions/${submissionId}/approve`)).status).toBe(409);
    await w.c.post(`/tasks/${id}/submit`, { executor_id: w.executorId, evidence: EVIDENCE, notes: 'from #kk' });
    const sub = await w.c.get(`/submissions/${submissionId}`);
    expect(sub.body.data.status).toBe('pending');
  });
});

describe('cancel, withdraw, expiry', () => {
  it('cancel from published (nothing locked) and again is idempotent', async () => {
    const t = (await pub.post('/tasks', taskBody())).body;
    const r = await pub.post(`/tasks/${t.id}/cancel`, { reason: 'no longer needed' });
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({ task_id: t.id, reason: 'no longer needed', refund_tx: null });
    const again = await pub.post(`/tasks/${t.id}/cancel`);
    expect(again.body.idempotent).toBe(true);
    // Unsigned readers get 410 for a cancelled task; the owner still reads it.
    expect((await sim.client(null).get(`/tasks/${t.id}`)).status).toBe(410);
    expect((await pub.get(`/tasks/${t.id}`)).body.status).toBe('cancelled');
  });

  it('cancel from accepted refunds the escrow; after submission cancel is 409', async () => {
    const w = await worker(sim);
    const before = await bal(publisher.address);
    const id = await assignedTask(sim, pub, w);
    expect(await bal(publisher.address)).toBe(before - 50_000n);
    const other = sim.client(newWallet());
    expect((await other.post(`/tasks/${id}/cancel`)).status).toBe(403);
    const r = await pub.post(`/tasks/${id}/cancel`);
    expect(r.status).toBe(200);
    expect(r.body.data.escrow).toMatchObject({ status: 'refunded' });
    expect(await bal(publisher.address)).toBe(before);
    expect(await sim.escrow(id)).toBe(0n);
    const w2 = await worker(sim);
    const { id: id2 } = await submitted(w2);
    const late = await pub.post(`/tasks/${id2}/cancel`);
    expect(late.status).toBe(409);
    expect(late.body.detail).toMatchObject({ code: 'TASK_NOT_CANCELLABLE', retryable: false });
  });

  it('worker withdraw refunds the payer and re-opens the task; only the assignee may', async () => {
    const w = await worker(sim);
    const before = await bal(publisher.address);
    const id = await assignedTask(sim, pub, w);
    const stranger = await worker(sim);
    expect((await stranger.c.post(`/tasks/${id}/withdraw`, { executor_id: stranger.executorId })).status).toBe(403);
    const r = await w.c.post(`/tasks/${id}/withdraw`, { executor_id: w.executorId, reason: 'cannot finish' });
    expect(r.status).toBe(200);
    expect(r.body.data).toMatchObject({ task_id: id, status: 'published' });
    expect(await bal(publisher.address)).toBe(before);
    expect((await pub.get(`/tasks/${id}`)).body).toMatchObject({ status: 'published', executor_id: null });
    expect((await w.c.post(`/tasks/${id}/withdraw`, { executor_id: w.executorId })).status).toBe(403);
  });

  it('expiry: a past-deadline accepted task expires and the escrow goes back; unreviewed work auto-settles after 72 h', async () => {
    const w = await worker(sim);
    const before = await bal(publisher.address);
    const id = await assignedTask(sim, pub, w, { deadline_hours: 1 });
    const w2 = await worker(sim);
    const { id: settledId } = await submitted(w2, { deadline_hours: 1 });
    const open = (await pub.post('/tasks', taskBody({ deadline_hours: 1 }))).body.id;
    expect(await bal(publisher.address)).toBe(before - 100_000n);
    await sim.advance(61 * 60_000);
    expect((await pub.get(`/tasks/${id}`)).body).toMatchObject({ status: 'expired', escrow_status: 'refunded' });
    expect((await pub.get(`/tasks/${open}`)).body.status).toBe('expired');
    const browse = await sim.client(null).get('/tasks/available?limit=100');
    expect(browse.body.tasks.map((t: { id: string }) => t.id)).not.toContain(open);
    const withExpired = await sim.client(null).get('/tasks/available?limit=100&include_expired=true');
    expect(withExpired.body.tasks.map((t: { id: string }) => t.id)).toContain(open);
    expect(await bal(publisher.address)).toBe(before - 50_000n);
    expect((await pub.get(`/tasks/${settledId}`)).body.status).toBe('submitted');
    await sim.advance(72 * 3_600_000);
    expect((await pub.get(`/tasks/${settledId}`)).body.status).toBe('completed');
    expect(await bal(w2.wallet.address)).toBe(43_500n);
  });
});

describe('errors', () => {
  it('apply and assign refusals carry the reference codes', async () => {
    const t = (await pub.post('/tasks', taskBody())).body;
    const w = await worker(sim);
    const own = await sim.client(publisher).post('/workers/register', { wallet_address: publisher.address }, { as: null });
    const ownApply = await pub.post(`/tasks/${t.id}/apply`, { executor_id: own.body.data.executor_id });
    expect(ownApply.status).toBe(403);
    expect(ownApply.body.detail.code).toBe('own_task');
    const notApplied = await pub.get(`/tasks/${t.id}/assign/challenge?executor_id=${w.executorId}`);
    expect(notApplied.status).toBe(409);
    expect(notApplied.body.detail.code).toBe('WORKER_NOT_APPLIED');
    await w.c.post(`/tasks/${t.id}/apply`, { executor_id: w.executorId });
    const noAuth = await pub.post(`/tasks/${t.id}/assign`, { executor_id: w.executorId });
    expect(noAuth.status).toBe(402);
    expect(noAuth.body.detail.code).toBe('PAYMENT_AUTH_MISSING');
    const stranger = sim.client(newWallet());
    expect((await stranger.get(`/tasks/${t.id}/assign/challenge?executor_id=${w.executorId}`)).status).toBe(403);
    expect((await stranger.get(`/tasks/${t.id}/applications`)).status).toBe(403);
    const unknown = await pub.get('/tasks/00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toMatchObject({ code: 'not_found', retryable: false });
    expect(unknown.body.detail.ref).toBe(unknown.headers.get('x-request-id'));
    const badExecutor = await w.c.post(`/tasks/${t.id}/apply`, { executor_id: '00000000-0000-4000-8000-000000000000' });
    expect(badExecutor.status).toBe(404);
    expect(badExecutor.body.detail.code).toBe('executor_not_found');
  });

  it('submit refusals: not assigned 403, wrong status 409, keyed-by-type evidence 422', async () => {
    const w = await worker(sim);
    const id = await assignedTask(sim, pub, w);
    const other = await worker(sim);
    expect((await other.c.post(`/tasks/${id}/submit`, { executor_id: other.executorId, evidence: EVIDENCE })).status).toBe(403);
    const wrongShape = await w.c.post(`/tasks/${id}/submit`, { executor_id: w.executorId, evidence: { type: 'json_response', data: '…' } });
    expect(wrongShape.status).toBe(422);
    expect(wrongShape.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.evidence.type', 'body.evidence.data']);
    const t = (await pub.post('/tasks', taskBody())).body;
    expect((await w.c.post(`/tasks/${t.id}/submit`, { executor_id: w.executorId, evidence: EVIDENCE })).status).toBe(403);
  });
});
