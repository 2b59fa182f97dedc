// Every non-auction mode through the runner with the native executor, as requester and as worker, against the
// simulator over HTTP: create_task (each mode), claim → submit → accept → rate, pitch → select_worker → submit →
// accept, submit_proof → accept_submissions, bounty submit → reject_submission. Each run: one effective write at
// /sim/requests with the journal's idempotency key, the ledger moved by what the intent said, and a journal of
// intent → approved → sent → response → verified.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSim, type TestSim } from '../helpers/sim.js';
import { cleanupDirs, createIntent, expectClean, makeActor, taskIntent, tempDir, type Actor } from './act-fixtures.js';

let sim: TestSim;
let req: Actor;
let wrk: Actor;
let wrk2: Actor;
let files: string;

beforeAll(async () => {
  sim = await startTestSim({ manualClock: true });
  req = await makeActor(sim, { fund: 100_000_000n });
  wrk = await makeActor(sim, { fund: 10_000_000n });
  wrk2 = await makeActor(sim, { fund: 10_000_000n });
  files = tempDir('taskdesk-act-files-');
  writeFileSync(join(files, 'answer.md'), '# The answer\n\n42\n');
  writeFileSync(join(files, 'data.json'), '{"rows": 3}\n');
});
afterAll(async () => {
  for (const a of [req, wrk, wrk2]) a?.close();
  await sim?.close();
  cleanupDirs();
});

/** create_task through the runner; the reward leaves the requester's wallet into escrow. */
async function create(mode: 'bounty' | 'claim' | 'pitch' | 'benchmark', reward = 2_000_000n): Promise<string> {
  const before = await sim.balance(req.address);
  const out = await req.run(createIntent(req, { mode, reward, ...(mode === 'pitch' ? { pitchDeadlineHours: 12 } : {}) }));
  await expectClean(sim, req, out, '/api/tasks');
  const taskId = out.response?.ok ? out.response.result.taskId! : '';
  expect(await sim.balance(req.address)).toBe(before - reward);
  expect((await sim.ledger()).escrows[taskId]).toBe(reward.toString());
  expect(out.verification?.observed.returnedId).toBe(taskId);
  return taskId;
}

const fee = 1000n;
const net = (reward: bigint) => (reward * 9500n) / 10_000n;

describe('claim mode', () => {
  it('claim (worker) → submit (worker) → accept (requester) → rate (requester)', async () => {
    const id = await create('claim');
    let out = await wrk.run(taskIntent(wrk, 'claim', await wrk.task(id), {}));
    await expectClean(sim, wrk, out, '/api/tasks/:taskId/claim');
    expect(out.verification?.observed).toMatchObject({ status: 'claimed', owner: wrk.address });

    out = await wrk.run(taskIntent(wrk, 'submit', await wrk.task(id), { files: [join(files, 'answer.md')], role: 'final' }));
    await expectClean(sim, wrk, out, '/api/tasks/:taskId/submissions/from-keys');
    expect(out.verification?.observed.countDelta).toEqual({ submissionCount: 1 });

    const w0 = await sim.balance(wrk.address);
    const r0 = await sim.balance(req.address);
    out = await req.run(taskIntent(req, 'accept', await req.task(id), { worker: wrk.address }));
    await expectClean(sim, req, out, '/api/tasks/:taskId/accept');
    expect(await sim.balance(wrk.address)).toBe(w0 + net(2_000_000n));
    expect(await sim.balance(req.address)).toBe(r0 - fee);

    out = await req.run(taskIntent(req, 'rate', await req.task(id), { worker: wrk.address, rating: 88, feedback: 'clear and on time' }, { score: 88 }));
    await expectClean(sim, req, out, '/api/tasks/:taskId/rate');
    expect(out.response?.ok && out.response.result.feedbackId).toBeTruthy();
    expect((await req.task(id)).pendingActions?.filter((a) => a.action === 'rate')).toEqual([]);
    expect(out.report?.fields.find((f) => f.label === 'Verification')?.value).toMatch(/^verified/);
  });
});

describe('pitch mode', () => {
  it('pitch (worker) → select_worker (requester) → submit (worker) → accept (requester)', async () => {
    const id = await create('pitch', 3_000_000n);
    let out = await wrk.run(taskIntent(wrk, 'pitch', await wrk.task(id), { text: 'I have done this twice before', durationHours: 4 }));
    await expectClean(sim, wrk, out, '/api/tasks/:taskId/pitches');
    const pitchId = out.response?.ok ? out.response.result.pitchId! : '';
    expect(out.verification?.observed).toMatchObject({ returnedId: pitchId, countDelta: { pitchCount: 1 } });

    const r0 = await sim.balance(req.address);
    out = await req.run(taskIntent(req, 'select_worker', await req.task(id), { pitchId, worker: wrk.address }));
    await expectClean(sim, req, out, '/api/tasks/:taskId/pitches/select');
    expect(out.verification?.observed).toMatchObject({ status: 'worker_selected', owner: wrk.address });
    expect(await sim.balance(req.address)).toBe(r0 - fee); // the latest backend charges select-worker

    out = await wrk.run(taskIntent(wrk, 'submit', await wrk.task(id), { files: [join(files, 'answer.md'), join(files, 'data.json')], role: null }));
    await expectClean(sim, wrk, out, '/api/tasks/:taskId/submissions/from-keys');
    expect((await wrk.task(id)).status).toBe('pending_approval');

    const w0 = await sim.balance(wrk.address);
    out = await req.run(taskIntent(req, 'accept', await req.task(id), { worker: wrk.address }));
    await expectClean(sim, req, out, '/api/tasks/:taskId/accept');
    expect(out.verification?.observed.status).toBe('completed');
    expect(await sim.balance(wrk.address)).toBe(w0 + net(3_000_000n));
  });
});

describe('benchmark mode', () => {
  it('submit_proof (two workers) → accept_submissions (requester) splits the reward', async () => {
    const id = await create('benchmark', 4_000_000n);
    for (const w of [wrk, wrk2]) {
      const before = await sim.balance(w.address);
      const out = await w.run(taskIntent(w, 'submit_proof', await w.task(id), { data: 'https://example.test/run/1', type: 'url', metric: '97' }));
      await expectClean(sim, w, out, '/api/tasks/:taskId/proofs');
      expect(out.verification?.observed.countDelta).toEqual({ submissionCount: 1 });
      expect(await sim.balance(w.address)).toBe(before - fee);
    }
    const [b1, b2] = [await sim.balance(wrk.address), await sim.balance(wrk2.address)];
    const out = await req.run(taskIntent(req, 'accept_submissions', await req.task(id), { winners: [`${wrk.address}:7000`, `${wrk2.address}:3000`] }));
    await expectClean(sim, req, out, '/api/tasks/:taskId/accept-submissions');
    expect(out.verification?.observed).toMatchObject({ status: 'completed', countDelta: { awards: 2 } });
    expect(await sim.balance(wrk.address)).toBe(b1 + net(2_800_000n));
    expect(await sim.balance(wrk2.address)).toBe(b2 + net(1_200_000n));
  });
});

describe('bounty mode', () => {
  it('submit (free under the allowance) → reject_submission (requester) → the worker stays out', async () => {
    const id = await create('bounty');
    const w0 = await sim.balance(wrk.address);
    let out = await wrk.run(taskIntent(wrk, 'submit', await wrk.task(id), { files: [join(files, 'answer.md')], role: 'source' }));
    await expectClean(sim, wrk, out, '/api/tasks/:taskId/submissions/from-keys');
    expect(await sim.balance(wrk.address)).toBe(w0); // the first five bounty submissions are free
    expect((await wrk.task(id)).status).toBe('open');

    out = await req.run(taskIntent(req, 'reject_submission', await req.task(id), { worker: wrk.address }));
    await expectClean(sim, req, out, '/api/tasks/:taskId/reject-submission');
    expect(out.verification?.observed).toMatchObject({ owner: wrk.address, countDelta: { activeOfWorker: 0, submissionCount: -1 } });
    expect((await req.task(id)).submissionCount).toBe(0);
  });
});
