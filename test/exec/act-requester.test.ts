// Requester management through the runner (cancel, update, forfeit, refund_expired), the stop conditions
// (a contract rejection recorded and never retried; a task that changes under the action → mismatch after
// one more re-fetch), and the runner's own refusals (same actionId twice, one in flight per task+action, an
// earlier unresolved action first). All against the simulator over HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intentRecord, stepRecord } from '../../src/exec/journal.js';
import { startTestSim, type TestSim } from '../helpers/sim.js';
import { APPROVAL, cleanupDirs, createIntent, expectClean, makeActor, NETWORK, requests, stepsOf, taskIntent, type Actor } from './act-fixtures.js';

let sim: TestSim;
let req: Actor;
let wrk: Actor;

beforeAll(async () => {
  sim = await startTestSim({ manualClock: true });
  req = await makeActor(sim, { fund: 100_000_000n });
  wrk = await makeActor(sim, { fund: 10_000_000n });
});
afterAll(async () => {
  for (const a of [req, wrk]) a?.close();
  await sim?.close();
  cleanupDirs();
});

async function create(mode: 'bounty' | 'claim', durationHours = 24, reward = 2_000_000n): Promise<string> {
  const out = await req.run(createIntent(req, { mode, reward, durationHours }));
  await expectClean(sim, req, out, '/api/tasks');
  return out.response?.ok ? out.response.result.taskId! : '';
}

describe('requester management', () => {
  let shortClaim = '';
  let shortBounty = '';
  let lateClaim = '';

  beforeAll(async () => {
    shortClaim = await create('claim', 1);
    shortBounty = await create('bounty', 1);
    lateClaim = await create('claim', 1);
  });

  it('cancel: status cancelled and the escrow back, less the fee', async () => {
    const id = await create('bounty');
    const r0 = await sim.balance(req.address);
    const out = await req.run(taskIntent(req, 'cancel', await req.task(id), {}));
    await expectClean(sim, req, out, '/api/tasks/:taskId/cancel');
    expect(out.verification?.observed.status).toBe('cancelled');
    expect(await sim.balance(req.address)).toBe(r0 + 2_000_000n - 1000n);
  });

  it('update: a reward increase and an expiry extension, paid 0.001 + the increase', async () => {
    const id = await create('claim');
    const before = await req.task(id);
    const r0 = await sim.balance(req.address);
    const out = await req.run(taskIntent(req, 'update', before, { reward: 3_000_000n, extendExpirySeconds: 3600, bidDeadline: null, pitchDeadline: null }));
    await expectClean(sim, req, out, '/api/tasks/:taskId/update');
    const after = await req.task(id);
    expect(after.reward).toBe(3_000_000n);
    expect(Math.floor(after.expiryTime / 1000)).toBe(Math.floor((before.expiryTime + 3_600_000) / 1000));
    expect(await sim.balance(req.address)).toBe(r0 - 1000n - 1_000_000n);
    expect(out.verification?.note).toMatch(/reward 3\.000000/);
  });

  it('forfeit after expiry: the claim is dropped and the task open again; refund_expired: expired and the escrow back', async () => {
    const c = await wrk.run(taskIntent(wrk, 'claim', await wrk.task(shortClaim), {}));
    await expectClean(sim, wrk, c, '/api/tasks/:taskId/claim');
    await sim.advance(61 * 60_000);

    const f = await req.run(taskIntent(req, 'forfeit', await req.task(shortClaim), {}));
    await expectClean(sim, req, f, '/api/tasks/:taskId/forfeit');
    expect(f.verification?.observed).toMatchObject({ status: 'open', owner: null });

    const r0 = await sim.balance(req.address);
    const r = await req.run(taskIntent(req, 'refund_expired', await req.task(shortBounty), {}));
    await expectClean(sim, req, r, '/api/tasks/:taskId/refund-expired');
    expect(r.verification?.observed).toMatchObject({ status: 'expired', balanceDelta: 2_000_000n - 1000n });
    expect(await sim.balance(req.address)).toBe(r0 + 2_000_000n - 1000n);
  });

  it('Contract call rejected: TaskIsExpired is journaled, shown with a re-fetch, and never retried', async () => {
    const task = await wrk.task(lateClaim); // the ticket opened on an open task; it expired before the send
    const out = await wrk.run(taskIntent(wrk, 'claim', task, {}));
    expect(out.ok).toBe(false);
    expect(out.contractError).toBe('TaskIsExpired');
    expect(out.refetched?.id).toBe(lateClaim);
    expect(out.refetched?.status).toBe('open');
    expect(stepsOf(wrk.journal, out.actionId!)).toEqual(['intent', 'approved', 'sent', 'response']);
    const response = wrk.journal.records().find((r) => r.actionId === out.actionId && r.step === 'response');
    expect(response?.step === 'response' && response.error?.contractError).toBe('TaskIsExpired');
    expect((await requests(sim)).filter((r) => r.idempotencyKey === out.idempotencyKey)).toHaveLength(1);
    expect(out.report?.caveats.join('\n')).toMatch(/on-chain rejection TaskIsExpired: do not retry/);
    expect(wrk.journal.unresolved().map((a) => a.actionId)).not.toContain(out.actionId);
  });

  it('a task that changes under the action is a mismatch after one more re-fetch, journaled and shown', async () => {
    const id = await create('claim', 2);
    const out = await wrk.run(taskIntent(wrk, 'claim', await wrk.task(id), {}), {
      // Between the market's answer and the desk's re-fetch, the claim expires and the requester forfeits it.
      async onStep(step) {
        if (step !== 'response') return;
        await sim.advance(2 * 3_600_000 + 1000);
        await req.writer.forfeit({ taskId: id });
      },
    });
    expect(out.ok).toBe(false);
    expect(out.response?.ok).toBe(true);
    expect(out.verification).toMatchObject({ outcome: 'mismatch', fetches: 2, expected: { status: 'claimed', owner: wrk.address }, observed: { status: 'open', owner: null } });
    expect(stepsOf(wrk.journal, out.actionId!)).toEqual(['intent', 'approved', 'sent', 'response', 'mismatch']);
    expect(out.report?.fields.find((f) => f.label === 'Verification')?.value).toMatch(/^MISMATCH: expected status claimed/);
    expect(out.report?.caveats.join('\n')).toMatch(/stop and report/);
  });
});

describe('one confirmation never sends twice', () => {
  it('the same actionId runs once; a second run of (task, action) while one is in flight is refused', async () => {
    const id = await create('claim');
    const task = await wrk.task(id);
    const intent = taskIntent(wrk, 'claim', task, {});
    const before = (await requests(sim)).length;
    const [first, second] = await Promise.all([wrk.runner.run(intent, APPROVAL, { task, actionId: '0b6f1c9e-1111-4a1b-9c2d-000000000001' }), wrk.runner.run(intent, APPROVAL, { task })]);
    await expectClean(sim, wrk, first, '/api/tasks/:taskId/claim');
    expect(second.refused?.reason).toBe('in_flight');
    expect(second.actionId).toBeNull();
    const again = await wrk.runner.run(intent, APPROVAL, { task, actionId: '0b6f1c9e-1111-4a1b-9c2d-000000000001' });
    expect(again.refused?.reason).toBe('duplicate_action');
    expect((await requests(sim)).length - before).toBe(1); // claim is free: one request in all
  });

  it('an earlier action without an outcome blocks the same action until it is reconciled', async () => {
    const id = await create('claim');
    const task = await wrk.task(id);
    const rec = intentRecord(taskIntent(wrk, 'claim', task, {}), { network: NETWORK, apiUrl: sim.url, executor: 'native' });
    wrk.journal.append(rec);
    wrk.journal.append(stepRecord(rec, 'approved', { confirmation: 'press', phrase: 'y', checks: [] }));
    wrk.journal.append(stepRecord(rec, 'sent', { attempt: 1 }));
    expect(wrk.runner.blocked(id, 'claim')).toMatch(/reconcile it first/);
    const before = (await requests(sim)).length;
    const out = await wrk.run(taskIntent(wrk, 'claim', task, {}));
    expect(out.refused?.reason).toBe('unresolved');
    expect((await requests(sim)).length).toBe(before);
    wrk.journal.append(stepRecord(rec, 'reconciled', { outcome: 'not_done', how: 'intents', note: 'test: settled by hand' }));
    expect(wrk.runner.blocked(id, 'claim')).toBeNull();
  });

  it('an intent the journal will not take is refused before anything is sent', async () => {
    const before = (await requests(sim)).length;
    const out = await req.run(createIntent(req, { description: 'x'.repeat(10_001) }));
    expect(out.refused?.reason).toBe('journal');
    expect(out.refused?.message).toMatch(/params\.description/);
    expect((await requests(sim)).length).toBe(before);
    expect(req.journal.unresolved()).toEqual([]);
  });
});
