// Submissions over real HTTP: bounty metering (5 free, the 6th costs 1000, hard ceiling → 429), artifact-key
// binding and checks, the direct base64 form with its content-bound signature, visibility and /mine.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSim, type TestSim } from '../helpers/sim.js';
import { newWallet, paidPost, readAuthHeaders } from '../helpers/x402.js';
import { artifactOf, createTask, FEE, sign, submit, task, upload } from './submissions-helpers.js';

let sim: TestSim;
beforeAll(async () => {
  sim = await startTestSim({ manualClock: true, config: { hardSubmissionCeiling: 7 } });
});
afterAll(async () => {
  await sim.close();
});

describe('metering', () => {
  it('first five bounty submissions are free, the sixth costs 1000, the ceiling answers 429', async () => {
    const requester = newWallet();
    const worker = newWallet();
    await sim.faucet(requester.address, 5_000_000n);
    await sim.faucet(worker.address, 10_000n);
    const id = await createTask(sim, requester, { mode: 'bounty' });
    for (let i = 0; i < 5; i++) {
      const r = await submit(sim, worker, id);
      expect(r.status).toBe(200);
      expect(r.challenge).toBeNull();
    }
    expect(await sim.balance(worker.address)).toBe(10_000n);
    const sixth = await submit(sim, worker, id);
    expect(sixth.status).toBe(200);
    expect(sixth.challenge?.accepts[0]?.amount).toBe('1000');
    expect(await sim.balance(worker.address)).toBe(10_000n - FEE);
    const seventh = await submit(sim, worker, id);
    expect(seventh.status).toBe(200);
    expect(await sim.balance(worker.address)).toBe(10_000n - 2n * FEE);
    // 7 prior submissions = the ceiling configured for this sim.
    const data = Buffer.from('over the limit');
    const up = await upload(sim, worker, id, data);
    const over = await paidPost(
      sim.url,
      `/api/tasks/${id}/submissions/from-keys`,
      { taskId: id, workerAddress: worker.address, artifacts: [artifactOf(up.artifactKey, data)], signature: await sign(worker, `taskmarket:submit:${id}:${up.artifactKey}`) },
      worker.privateKey,
    );
    expect(over.status).toBe(429);
    expect(over.body).toEqual({ error: 'This task has reached its maximum number of submissions from this worker.' });
    expect(await sim.balance(worker.address)).toBe(10_000n - 2n * FEE);
    expect((await task(sim, id)).submissionCount).toBe(7);
  });

  it('the fee for a paid submission must come from the worker', async () => {
    const requester = newWallet();
    const worker = newWallet();
    const friend = newWallet();
    await sim.faucet(requester.address, 5_000_000n);
    await sim.faucet(friend.address, 10_000n);
    const id = await createTask(sim, requester, { mode: 'bounty' });
    for (let i = 0; i < 5; i++) expect((await submit(sim, worker, id)).status).toBe(200);
    const data = Buffer.from('six');
    const up = await upload(sim, worker, id, data);
    const r = await paidPost(
      sim.url,
      `/api/tasks/${id}/submissions/from-keys`,
      { taskId: id, workerAddress: worker.address, artifacts: [artifactOf(up.artifactKey, data)], signature: await sign(worker, `taskmarket:submit:${id}:${up.artifactKey}`) },
      friend.privateKey,
    );
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ error: 'The submission fee must be paid by the worker submitting the work', taskmarket: { reason: 'payment_payer_mismatch' } });
    expect(await sim.balance(friend.address)).toBe(10_000n);
  });
});

describe('from-keys checks', () => {
  it('binds the signature to the keys and the keys to task, worker, size and bytes', async () => {
    const requester = newWallet();
    const worker = newWallet();
    const other = newWallet();
    await sim.faucet(requester.address, 5_000_000n);
    const id = await createTask(sim, requester, { mode: 'bounty' });
    const id2 = await createTask(sim, requester, { mode: 'bounty' });
    const data = Buffer.from('hello artifact');
    const up = await upload(sim, worker, id, data);
    const post = async (body: Record<string, unknown>, taskId = id) =>
      sim.post(`/api/tasks/${taskId}/submissions/from-keys`, { taskId, workerAddress: worker.address, artifacts: [artifactOf(up.artifactKey, data)], ...body });

    const unbound = await post({ signature: await sign(worker, `taskmarket:submit:${id}`) });
    expect(unbound.status).toBe(401);
    expect(unbound.body).toMatchObject({ message: 'Signature does not match worker address' });

    const wrongTask = await post({ signature: await sign(worker, `taskmarket:submit:${id2}:${up.artifactKey}`) }, id2);
    expect(wrongTask.status).toBe(400);
    expect(wrongTask.body).toMatchObject({ message: `Artifact key does not belong to task ${id2}` });

    const stolen = await sim.post(`/api/tasks/${id}/submissions/from-keys`, {
      taskId: id,
      workerAddress: other.address,
      artifacts: [artifactOf(up.artifactKey, data)],
      signature: await sign(other, `taskmarket:submit:${id}:${up.artifactKey}`),
    });
    expect(stolen.status).toBe(403);
    expect(stolen.body).toMatchObject({ message: `Artifact key was not issued to this worker: ${up.artifactKey}` });

    const sig = await sign(worker, `taskmarket:submit:${id}:${up.artifactKey}`);
    const size = await post({ signature: sig, artifacts: [{ ...artifactOf(up.artifactKey, data), sizeBytes: 99 }] });
    expect(size.status).toBe(400);
    expect(size.body).toMatchObject({ message: `Artifact size mismatch for work.txt: expected 99, got ${data.length}` });

    // A key issued but never uploaded.
    const r = await sim.post(`/api/tasks/${id}/submissions/request-upload-url`, {
      taskId: id, workerAddress: worker.address, signature: await sign(worker, `taskmarket:submit:${id}`), fileName: 'a.txt', mimeType: 'text/plain', role: 'attachment', sizeBytes: 3,
    });
    const ghost = await sim.post(`/api/tasks/${id}/submissions/from-keys`, {
      taskId: id, workerAddress: worker.address, artifacts: [artifactOf(r.body.artifactKey, Buffer.from('abc'))], signature: await sign(worker, `taskmarket:submit:${id}:${r.body.artifactKey}`),
    });
    expect(ghost.status).toBe(400);
    expect(ghost.body).toMatchObject({ message: `Artifact key not found in storage: ${r.body.artifactKey}` });

    const good = await post({ signature: sig });
    expect(good.status).toBe(200);
    const subs = (await sim.get(`/api/tasks/${id}/submissions`)).body;
    expect(subs).toHaveLength(1);
    expect(subs[0].artifacts[0]).toMatchObject({ fileName: 'work.txt', sizeBytes: data.length, sha256Hash: createHash('sha256').update(data).digest('hex') });
    expect(subs[0].deliverableHash).toBe(artifactOf(up.artifactKey, data).keccak256Hash);
  });

  it('refuses submissions once a bounty has expired and on unknown tasks', async () => {
    const requester = newWallet();
    const worker = newWallet();
    await sim.faucet(requester.address, 5_000_000n);
    const id = await createTask(sim, requester, { mode: 'bounty', durationHours: 1 });
    await sim.advance(3_600_000 + 1);
    await expect(upload(sim, worker, id, Buffer.from('late'))).rejects.toThrow(/Task is not accepting submissions/);
    const missing = await sim.post(`/api/tasks/0x${'cd'.repeat(32)}/submissions/from-keys`, {
      taskId: 'x', workerAddress: worker.address, signature: '0x', artifacts: [artifactOf('k', Buffer.from('a'))],
    });
    expect(missing.status).toBe(404);
  });
});

describe('direct base64 submissions', () => {
  it('needs the content-bound signature over each artifact sha256', async () => {
    const requester = newWallet();
    const worker = newWallet();
    await sim.faucet(requester.address, 5_000_000n);
    const id = await createTask(sim, requester, { mode: 'bounty' });
    const a = Buffer.from('first file');
    const b = Buffer.from('second file');
    const hex = (x: Buffer) => createHash('sha256').update(x).digest('hex');
    const artifacts = [
      { fileName: 'a.txt', mimeType: 'text/plain', role: 'final', file: a.toString('base64') },
      { fileName: 'b.txt', mimeType: 'text/plain', role: 'attachment', file: b.toString('base64') },
    ];
    const bad = await sim.post(`/api/tasks/${id}/submissions`, { taskId: id, workerAddress: worker.address, artifacts, signature: await sign(worker, `taskmarket:submit:${id}:${hex(b)},${hex(a)}`) });
    expect(bad.status).toBe(401);
    const good = await sim.post(`/api/tasks/${id}/submissions`, { taskId: id, workerAddress: worker.address, artifacts, signature: await sign(worker, `taskmarket:submit:${id}:${hex(a)},${hex(b)}`) });
    expect(good.status).toBe(200);
    expect(good.body.success).toBe(true);
    const subs = (await sim.get(`/api/tasks/${id}/submissions`)).body;
    expect(subs[0].artifacts.map((x: any) => [x.fileName, x.role, x.sha256Hash])).toEqual([
      ['a.txt', 'final', hex(a)],
      ['b.txt', 'attachment', hex(b)],
    ]);
  });
});

describe('reads', () => {
  it('hides never-visible submissions from strangers but not from the requester or the submitter', async () => {
    const requester = newWallet();
    const worker = newWallet();
    const stranger = newWallet();
    await sim.faucet(requester.address, 5_000_000n);
    const id = await createTask(sim, requester, { mode: 'bounty', submissionVisibility: 'never' });
    expect((await submit(sim, worker, id)).status).toBe(200);
    expect((await sim.get(`/api/tasks/${id}/submissions`)).body).toEqual([]);
    expect((await sim.get(`/api/tasks/${id}/submissions`, await readAuthHeaders(stranger.privateKey))).body).toEqual([]);
    expect((await sim.get(`/api/tasks/${id}/submissions`, await readAuthHeaders(requester.privateKey))).body).toHaveLength(1);
    expect((await sim.get(`/api/tasks/${id}/submissions`, await readAuthHeaders(worker.privateKey))).body).toHaveLength(1);
    expect((await sim.get(`/api/tasks/0x${'ee'.repeat(32)}/submissions`)).body).toEqual([]);

    const mine = await sim.get(`/api/submissions/mine?workerAddress=${worker.address}`);
    expect(mine.body).toHaveLength(1);
    expect(mine.body[0]).toMatchObject({ taskId: id, taskMode: 'bounty', taskStatus: 'open', taskReward: '1000000', rejectedAt: null });
    // Exact-case match, like the backend.
    expect((await sim.get(`/api/submissions/mine?workerAddress=${worker.address.toLowerCase()}`)).body).toEqual([]);
  });
});
