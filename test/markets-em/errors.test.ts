// Validation before anything is signed, the server's own refusals read from detail.code / detail.retryable
// (422 field errors, 400 bounty minimum, 401, 403 with the server's reason, 409 codes), the escrow challenge
// refused when it is not what was confirmed, and the edge's own caps (redirects, wrong shapes, size).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, approve, assign, browse, cancel, getEscrowConfig, publish, submit } from '../../src/markets/execution-market/actions/index.js';
import { createEmClient, type EmClient, type EmSigner } from '../../src/markets/execution-market/client.js';
import { EmError } from '../../src/markets/execution-market/errors.js';
import { count, emClient, EVIDENCE, localWallet, newWorker, startEmSim, TASK, writes, type EmSim, type TestWallet } from './helpers.js';

let sim: EmSim;
let pubWallet: TestWallet;
let pub: EmClient;
let signatures = 0;

async function rejected(p: Promise<unknown>): Promise<EmError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(EmError);
  return err as EmError;
}

beforeAll(async () => {
  sim = await startEmSim();
  pubWallet = localWallet();
  const counting: EmSigner = {
    address: pubWallet.address,
    withAccount: (fn) => {
      signatures++;
      return pubWallet.signer.withAccount(fn);
    },
  };
  pub = emClient(sim, { ...pubWallet, signer: counting });
  await sim.faucet(pubWallet.address, 1_000_000n);
});
afterAll(async () => {
  await sim?.close();
});

describe('before anything is signed', () => {
  it('publish checks every CreateTaskRequest rule locally and signs nothing when one fails', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ title: 'abc' }, /title must be 5–255/],
      [{ instructions: 'too short' }, /instructions must be 20–5000/],
      [{ category: 'gardening' }, /21 EM categories/],
      [{ bounty: 5_000n }, /at least 0.010000 USDC/],
      [{ bounty: 10_000_000_001n }, /at most 10000/],
      [{ deadlineHours: 0 }, /1–720/],
      [{ deadlineHours: 721 }, /1–720/],
      [{ evidenceRequired: [] }, /at least 1 evidence type/],
      [{ evidenceRequired: ['photo', 'video', 'document', 'receipt', 'signature', 'screenshot'] }, /at most 5/],
      [{ evidenceRequired: ['json_response', 'json_response'] }, /must not repeat/],
      [{ evidenceRequired: ['hologram'] }, /not one of the 18/],
    ];
    const before = signatures;
    for (const [over, msg] of cases) {
      const err = await rejected(publish(pub, { ...TASK, ...over } as never));
      expect(err.details.reason).toBe('invalid_params');
      expect(err.message).toMatch(msg);
    }
    expect(signatures).toBe(before);
    expect(count(await writes(sim), 'POST', '/em/api/v1/tasks')).toBe(0);
  });

  it('submit refuses evidence not keyed by type, missing a required type, or over 1 MiB', async () => {
    const w = await newWorker(sim);
    const id = '00000000-0000-4000-8000-000000000000';
    const base = { taskId: id, executorId: w.executorId, requiredEvidence: ['json_response', 'screenshot'] };
    expect((await rejected(submit(w.client, { ...base, evidence: { type: 'json_response', data: 'x' } }))).message).toMatch(/not an evidence type/);
    expect((await rejected(submit(w.client, { ...base, evidence: EVIDENCE }))).message).toMatch(/missing required evidence: screenshot/);
    const huge = { json_response: { blob: 'x'.repeat(1024 * 1024) }, screenshot: 'u' };
    expect((await rejected(submit(w.client, { ...base, evidence: huge }))).message).toMatch(/over 1 MiB/);
  });
});

describe('the server’s refusals', () => {
  it('422: unknown fields and bad values come back field by field; nothing is created', async () => {
    const res = await rejected(pub.call({ method: 'POST', path: '/tasks', body: { title: 'ok title', instructions: 'x'.repeat(25), category: 'research', bounty_usd: 0.05, deadline_hours: 24, evidence_required: ['json_response'], gps_required: true } }));
    expect(res.status).toBe(422);
    expect(res.code).toBe('validation_error');
    expect(res.fields).toContainEqual({ field: 'body.gps_required', message: 'Extra inputs are not permitted', type: 'extra_forbidden' });
    expect(res.message).toMatch(/body\.gps_required: Extra inputs are not permitted/);
    expect(res.retryable).toBe(false);
  });

  it('400 below the live minimum (not 422), carried as detail.code', async () => {
    const err = await rejected(publish(pub, { ...TASK, bounty: 5_000n, minBounty: 1n }));
    expect(err).toMatchObject({ status: 400, code: 'bounty_below_minimum', serverRetryable: false });
    expect(err.serverMessage).toMatch(/at least/);
  });

  it('401 unsigned write, 403 not the owner (with the server’s reason), 409 not assignable', async () => {
    const anon = emClient(sim, null);
    expect((await rejected(publish(anon, TASK))).details.reason).toBe('no_signer');
    const raw = await rejected(anon.call({ method: 'POST', path: '/tasks', body: {} }));
    expect(raw).toMatchObject({ kind: 'auth', status: 401, code: 'auth_required' });

    const { task } = await publish(pub, TASK);
    const stranger = emClient(sim, localWallet());
    const denied = await rejected(cancel(stranger, { taskId: task.id }));
    expect(denied).toMatchObject({ status: 403, code: 'not_task_owner', kind: 'http' });
    expect(denied.message).toMatch(/Only the agent that published this task/);

    const w = await newWorker(sim);
    // Assigning someone who never applied: 409 WORKER_NOT_APPLIED from the challenge; nothing signed or posted.
    const notApplied = await rejected(assign(pub, { taskId: task.id, executorId: w.executorId, workerWallet: w.lower }));
    expect(notApplied).toMatchObject({ status: 409, code: 'WORKER_NOT_APPLIED' });
    await apply(w.client, { taskId: task.id, executorId: w.executorId });
    await cancel(pub, { taskId: task.id });
    const gone = await rejected(apply(w.client, { taskId: task.id, executorId: (await newWorker(sim)).executorId }));
    expect(gone.status).toBe(403); // signed by another executor's wallet
    const notAssignable = await rejected(assign(pub, { taskId: task.id, executorId: w.executorId, workerWallet: w.lower }));
    expect(notAssignable).toMatchObject({ status: 409, code: 'TASK_NOT_ASSIGNABLE' });
    expect(count(await writes(sim), 'POST', '/em/api/v1/tasks/:task_id/assign')).toBe(0);
  });

  it('the escrow challenge is refused when it is not what was confirmed (worker, chain/USDC): nothing is signed', async () => {
    const { task } = await publish(pub, TASK);
    const w = await newWorker(sim);
    const other = await newWorker(sim);
    await apply(w.client, { taskId: task.id, executorId: w.executorId });
    const before = signatures;
    const wrongWorker = await rejected(assign(pub, { taskId: task.id, executorId: w.executorId, workerWallet: other.lower }));
    expect(wrongWorker).toMatchObject({ kind: 'mismatch', details: expect.objectContaining({ reason: 'challenge_mismatch' }) });
    expect(wrongWorker.message).toMatch(/is not the worker/);
    const escrow = await getEscrowConfig(pub);
    const wrongChain = await rejected(assign(pub, { taskId: task.id, executorId: w.executorId, workerWallet: w.lower, escrow: { ...escrow, chainId: 8453 } }));
    expect(wrongChain.message).toMatch(/chain 84532, expected 8453/);
    const wrongUsdc = await rejected(assign(pub, { taskId: task.id, executorId: w.executorId, workerWallet: w.lower, escrow: { ...escrow, usdc: '0x833589fcd6edb6e08f4c7c32d4f71b54bda02913' } }));
    expect(wrongUsdc.message).toMatch(/USDC/);
    // Only the request signatures (task read, challenge) — no typed-data signature ever reached POST /assign.
    expect(count(await writes(sim), 'POST', '/em/api/v1/tasks/:task_id/assign')).toBe(0);
    expect(signatures - before).toBeGreaterThan(0);
    const wrongBounty = await rejected(assign(pub, { taskId: task.id, executorId: w.executorId, workerWallet: w.lower, bounty: 1n }));
    expect(wrongBounty.details.reason).toBe('invalid_params');
  });

  it('approve of someone else’s submission is 403; of a non-pending one 409 verdict_final', async () => {
    const { task } = await publish(pub, TASK);
    const w = await newWorker(sim);
    await apply(w.client, { taskId: task.id, executorId: w.executorId });
    await assign(pub, { taskId: task.id, executorId: w.executorId, workerWallet: w.lower });
    const s = await submit(w.client, { taskId: task.id, executorId: w.executorId, evidence: EVIDENCE, requiredEvidence: ['json_response'] });
    expect(await rejected(approve(w.client, { taskId: task.id, submissionId: s.submissionId }))).toMatchObject({ status: 403, code: 'not_task_owner' });
    await pub.call({ method: 'POST', path: `/submissions/${s.submissionId}/reject`, body: { notes: 'not what was asked', severity: 'minor' } });
    expect(await rejected(approve(pub, { taskId: task.id, submissionId: s.submissionId }))).toMatchObject({ status: 409, code: 'verdict_final' });
  });
});

describe('the edge', () => {
  let stub: Server;
  let stubUrl: string;
  beforeAll(async () => {
    stub = createServer((req, res) => {
      if (req.url?.startsWith('/em/api/v1/tasks/available?limit=1&')) return void res.writeHead(302, { Location: 'http://127.0.0.1:1/' }).end();
      if (req.url?.startsWith('/em/api/v1/tasks/available?limit=2&')) return void res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"tasks":"nope","count":0,"offset":0}');
      if (req.url?.startsWith('/em/api/v1/tasks/available?limit=3&')) return void res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>502</html>');
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ tasks: [], count: 0, offset: 0, pad: 'x'.repeat(64 * 1024) }));
    });
    await new Promise<void>((r) => stub.listen(0, '127.0.0.1', () => r()));
    stubUrl = `http://127.0.0.1:${(stub.address() as AddressInfo).port}/em`;
  });
  afterAll(() => new Promise<void>((r) => stub.close(() => r())));

  it('refuses redirects, wrong shapes, non-JSON 200s and bodies over the cap', async () => {
    const c = createEmClient({ baseUrl: stubUrl });
    expect((await rejected(browse(c, { limit: 1 }))).details.reason).toBe('redirect');
    const shape = await rejected(browse(c, { limit: 2 }));
    expect(shape.kind).toBe('schema');
    expect(shape.message).toMatch(/tasks/);
    expect((await rejected(browse(c, { limit: 3 }))).kind).toBe('schema');
    const small = createEmClient({ baseUrl: stubUrl, maxResponseBytes: 1024 });
    expect((await rejected(browse(small, { limit: 4 }))).message).toMatch(/over 1024 bytes/);
    // A refused connection never reached a server: not an unknown outcome.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const dead = createEmClient({ baseUrl: `http://127.0.0.1:${port}/em` });
    expect((await rejected(browse(dead))).details.reason).toBe('not_sent');
  });
});
