// The EM executor and its verifier end to end: intents built by the EM tickets, run over real HTTP against
// the simulator (escrow lock answered 202 and polled), each verified by a re-fetch of the task and its
// payment timeline; failures carry the server's detail.code and retryable; a missing delta is a mismatch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Intent } from '../../src/core/intent.js';
import { createEmExecutor, emFailure } from '../../src/exec/em-executor.js';
import { verifyEm } from '../../src/exec/em-verify.js';
import { createEmReader, type EmReader } from '../../src/markets/execution-market/reader.js';
import { EmError } from '../../src/markets/execution-market/errors.js';
import { emTicketSpecFor, type EmTicketContext } from '../../src/markets/execution-market/tickets/index.js';
import type { EmIntentAction } from '../../src/core/intent.js';
import type { Task } from '../../src/core/types.js';
import { emClient, localWallet, newWorker, startEmSim, TREASURY, type EmSim, type TestWallet, type Worker } from '../markets-em/helpers.js';

let sim: EmSim;
let pw: TestWallet;
let pubReader: EmReader;
let w: Worker;
let workerReader: EmReader;
const noWait = { waitMs: 0 };

beforeAll(async () => {
  sim = await startEmSim({ em: { lockDelayMs: 300 } });
  pw = localWallet();
  pubReader = createEmReader({ client: emClient(sim, pw) });
  await sim.faucet(pw.address, 1_000_000n);
  w = await newWorker(sim);
  workerReader = createEmReader({ client: w.client, executorId: w.executorId });
});
afterAll(async () => {
  await sim?.close();
});

async function ticket(action: EmIntentAction, reader: EmReader, taskId: string | null, values: Record<string, string> = {}): Promise<{ intent: Intent; task: Task | null }> {
  const detail = taskId ? await reader.detail(taskId) : null;
  const ctx: EmTicketContext = {
    task: detail?.task ?? null,
    bids: [],
    submissions: [],
    pitches: [],
    wallet: reader.client.signer!.address,
    agent: null,
    now: Date.now(),
    balance: null,
    guardLeadMs: 0,
    em: { executorId: reader.executorId, applications: detail?.applications ?? [], submissions: detail?.submissions ?? [], minBounty: (await reader.config()).value.minBounty },
  };
  const spec = emTicketSpecFor(action)!;
  const initial = Object.fromEntries(spec.fields(ctx).map((f) => [f.key, f.initial]));
  const built = spec.build(ctx, { ...initial, ...values });
  if (!built.ok) throw new Error(`${action}: ${JSON.stringify(built.errors)}`);
  // Derived actions offer exactly what the ticket is for.
  if (detail && action !== 'em_rate_worker' && action !== 'em_rate_agent') expect(detail.actions.map((a) => a.action)).toContain(action);
  return { intent: built.intent, task: detail?.task ?? null };
}

describe('EM executor + verify', () => {
  it('publish → apply → assign (202, polled) → submit → approve → rate both ways, each verified', async () => {
    const pubEx = createEmExecutor({ client: pubReader.client, pollIntervalMs: 100 });
    const workEx = createEmExecutor({ client: w.client });
    expect(pubEx.kind).toBe('native');

    const pub = await ticket('em_publish', pubReader, null, { title: 'Skill profiles from chat logs', instructions: 'Extract skill profiles from the attached raw logs as JSON.', bounty: '0.05' });
    const published = await pubEx.execute(pub.intent, { task: null, idempotencyKey: 'k-publish-1' });
    expect(published).toMatchObject({ ok: true, httpStatus: 201 });
    const taskId = (published as { result: { taskId: string } }).result.taskId;
    expect(await verifyEm(pub.intent, pubReader, published, noWait)).toMatchObject({ ok: true, outcome: 'verified', fetches: 1, expected: { status: 'published' } });

    const ap = await ticket('em_apply', workerReader, taskId, { message: 'I have the logs' });
    const applied = await workEx.execute(ap.intent, { task: ap.task, idempotencyKey: 'k-apply-1' });
    expect(applied).toMatchObject({ ok: true });
    workerReader.track(taskId);
    expect(await verifyEm(ap.intent, workerReader, applied, noWait)).toMatchObject({ ok: true, observed: { ownerField: 'applicant', owner: w.executorId } });
    // Applying again is 409 already_applied upstream, success here.
    expect(await workEx.execute(ap.intent, { task: ap.task, idempotencyKey: 'k-apply-2' })).toMatchObject({ ok: true });

    const as = await ticket('em_assign', pubReader, taskId);
    expect(as.intent).toMatchObject({ spend: 50_000n, payee: w.lower });
    const balBefore = (await sim.balances())[pw.lower]!;
    const assigned = await pubEx.execute(as.intent, { task: as.task, idempotencyKey: 'k-assign-1' });
    expect(assigned).toMatchObject({ ok: true, httpStatus: 202, result: { taskId, workerAddress: w.lower } });
    expect((await sim.balances())[pw.lower]).toBe(balBefore - 50_000n);
    expect(await verifyEm(as.intent, pubReader, assigned, noWait)).toMatchObject({ ok: true, observed: { status: 'accepted', ownerField: 'receiver', owner: w.lower } });

    const sb = await ticket('em_submit', workerReader, taskId, { evidence: '{"json_response":{"profiles":3}}' });
    const submitted = await workEx.execute(sb.intent, { task: sb.task, idempotencyKey: 'k-submit-1' });
    expect(submitted).toMatchObject({ ok: true });
    expect(await verifyEm(sb.intent, workerReader, submitted, noWait)).toMatchObject({ ok: true, expected: { status: 'submitted' } });

    const tr = (await sim.balances())[TREASURY] ?? 0n;
    const apv = await ticket('em_approve', pubReader, taskId);
    expect(apv.intent).toMatchObject({ amount: 50_000n, payee: w.lower });
    const approved = await pubEx.execute(apv.intent, { task: apv.task, idempotencyKey: 'k-approve-1' });
    expect(approved).toMatchObject({ ok: true, result: { txHash: expect.stringMatching(/^0x[0-9a-f]{64}$/) } });
    const v = await verifyEm(apv.intent, pubReader, approved, noWait);
    expect(v).toMatchObject({ ok: true, expected: { status: 'completed' } });
    expect(v.note).toContain('43500 (0.043500 USDC) to the worker, 6500 (0.006500 USDC) fee');
    expect((await sim.balances())[w.lower]).toBe(43_500n);
    expect(((await sim.balances())[TREASURY] ?? 0n) - tr).toBe(6_500n);

    const rw = await ticket('em_rate_worker', pubReader, taskId, { score: '90' });
    const ratedW = await pubEx.execute(rw.intent, { task: rw.task, idempotencyKey: 'k-rate-w' });
    expect(ratedW).toMatchObject({ ok: true, result: { feedbackId: '1' } });
    expect(await verifyEm(rw.intent, pubReader, ratedW, noWait)).toMatchObject({ ok: true });
    const ra = await ticket('em_rate_agent', workerReader, taskId, { score: '80' });
    const ratedA = await workEx.execute(ra.intent, { task: ra.task, idempotencyKey: 'k-rate-a' });
    expect(await verifyEm(ra.intent, workerReader, ratedA, noWait)).toMatchObject({ ok: true });
  });

  it('cancel with a refund, verified; refusals carry detail.code (lower-cased) and retryable; wrong wallet is local', async () => {
    const pubEx = createEmExecutor({ client: pubReader.client });
    const pub = await ticket('em_publish', pubReader, null, { title: 'Voice profiles task', instructions: 'Extract voice profiles from the logs as JSON data.', bounty: '0.04' });
    const r = await pubEx.execute(pub.intent, { task: null, idempotencyKey: 'k-publish-2' });
    const taskId = (r as { result: { taskId: string } }).result.taskId;

    // A stranger's cancel: 403 not_task_owner, not retryable.
    const stranger = localWallet();
    const strangerEx = createEmExecutor({ client: emClient(sim, stranger) });
    const c = await ticket('em_cancel', pubReader, taskId);
    const refused = await strangerEx.execute({ ...c.intent, wallet: stranger.address }, { task: c.task, idempotencyKey: 'k-cancel-x' });
    expect(refused).toMatchObject({ ok: false, httpStatus: 403, retryable: false, error: { kind: 'http', reason: 'not_task_owner', contractError: null } });
    expect((refused as { error: { message: string } }).error.message).toMatch(/Only the agent that published/);
    expect(await pubEx.execute(c.intent, { task: c.task, idempotencyKey: 'k-cancel-y' }).then((x) => x.ok)).toBe(true);
    expect(await verifyEm(c.intent, pubReader, { ok: true, result: { taskId } }, noWait)).toMatchObject({ ok: true, observed: { status: 'cancelled' } });

    expect(await pubEx.execute({ ...c.intent, wallet: stranger.address }, { task: null, idempotencyKey: 'k' })).toMatchObject({ ok: false, error: { kind: 'local' }, retryable: false });
    expect(await pubEx.execute({ ...c.intent, market: 'taskmarket' }, { task: null, idempotencyKey: 'k' })).toMatchObject({ ok: false, error: { kind: 'local' } });
    expect(await pubEx.execute({ ...c.intent, params: {} , action: 'em_reject' }, { task: null, idempotencyKey: 'k' })).toMatchObject({ ok: false, error: { kind: 'local', reason: 'invalid_params' } });

    // The server's retryable travels: a 402 LOCK_REVERTED-style code stays retryable, an unknown outcome is retryable.
    const coded = emFailure(new EmError('http', 'x', { status: 402, detail: { code: 'LOCK_REVERTED', retryable: true, message: 'm', fields: [], ref: null } }));
    expect(coded).toMatchObject({ ok: false, httpStatus: 402, retryable: true, error: { reason: 'lock_reverted' } });
    expect(emFailure(new EmError('timeout', 't', { reason: 'outcome_unknown' }))).toMatchObject({ retryable: true, error: { kind: 'timeout', reason: 'outcome_unknown' } });
  });

  it('a delta that does not hold is a mismatch after the second re-fetch, never hidden', async () => {
    const pubEx = createEmExecutor({ client: pubReader.client });
    const pub = await ticket('em_publish', pubReader, null, { title: 'Soul profiles task', instructions: 'Merge skill and voice profiles into SOUL.md files.', bounty: '0.08' });
    const r = await pubEx.execute(pub.intent, { task: null, idempotencyKey: 'k-publish-3' });
    const taskId = (r as { result: { taskId: string } }).result.taskId;
    // Claim an approve happened on a task that is still published.
    const fake: Intent = { ...pub.intent, action: 'em_approve', taskId, amount: 80_000n, params: { submissionId: '0d0d0d0d-0000-4000-8000-000000000004', worker: null, notes: null } };
    let slept = 0;
    const v = await verifyEm(fake, pubReader, { ok: true, result: { taskId } }, { sleep: async () => void slept++ });
    expect(v).toMatchObject({ ok: false, outcome: 'mismatch', fetches: 2, expected: { status: 'completed' }, observed: { status: 'published' } });
    expect(slept).toBe(1);
  });
});
