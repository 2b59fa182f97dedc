// The hard paths: a 429 waited out (Retry-After) and re-sent with a fresh signature; a timed-out mutation
// reconciled by a signed read before any re-send (response lost → found, not re-sent; request lost → re-sent
// once with the same idempotency key); the 202 escrow lock polled until accepted — or back to published —
// and never re-posted.
import { afterAll, describe, expect, it } from 'vitest';
import { apply, approve, assign, getTask, publish, submit } from '../../src/markets/execution-market/actions/index.js';
import { retryAfterMsOf } from '../../src/markets/execution-market/client.js';
import { EmError } from '../../src/markets/execution-market/errors.js';
import { count, emClient, EVIDENCE, localWallet, newWorker, startEmSim, TASK, writes, type EmSim } from './helpers.js';

const sims: EmSim[] = [];
afterAll(async () => {
  for (const s of sims) await s.close();
});

/** A fetch that delivers the matching request but loses its response (or loses the request itself) once. */
function losingFetch(match: (method: string, url: string) => boolean, mode: 'response' | 'request') {
  let armed = true;
  const lost: string[] = [];
  const f: typeof fetch = async (input, init) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    if (!armed || !match(method, url)) return fetch(input, init);
    armed = false;
    lost.push(`${method} ${new URL(url).pathname}`);
    // The server acts on the request (or never sees it); the caller only ever sees its own timeout fire.
    if (mode === 'response') await fetch(input, { ...init, signal: null });
    return new Promise<Response>((_resolve, reject) => {
      const signal = init?.signal;
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  };
  return { fetch: f, lost };
}

describe('429', () => {
  it('waits what Retry-After asks, then sends again (fresh nonce); the server saw the 429 and one create', async () => {
    let skew = 0;
    const sim = await startEmSim({ em: { rateLimitPerMinute: 3 }, wall: { now: () => Date.now() + skew } });
    sims.push(sim);
    const w = localWallet();
    const c = emClient(sim, w);
    await sim.faucet(w.address, 1_000_000n);
    const { task } = await publish(c, TASK);
    await getTask(c, { taskId: task.id });
    await getTask(c, { taskId: task.id });
    // The window is full; move the server's wall clock to ~2 s before the first slot frees.
    skew = 58_000;
    const t0 = Date.now();
    const again = await publish(c, { ...TASK, title: 'Second task title' });
    const waited = Date.now() - t0;
    expect(again.sends).toBe(2);
    expect(again.task.em?.title).toBe('Second task title');
    const log = (await writes(sim)).filter((e) => e.route === '/em/api/v1/tasks' && e.method === 'POST');
    expect(log.map((e) => e.status)).toEqual([201, 429, 201]);
    expect(waited).toBeGreaterThanOrEqual(1_000); // Retry-After was at least 1 s and was honoured
  }, 30_000);

  it('reads the wait from Retry-After, else X-RateLimit-Reset (epoch or delta), else the body', () => {
    const now = 1_700_000_000_000;
    expect(retryAfterMsOf(new Headers({ 'retry-after': '7' }), null, now)).toBe(7_000);
    expect(retryAfterMsOf(new Headers({ 'x-ratelimit-reset': String(now / 1000 + 12) }), null, now)).toBe(12_000);
    expect(retryAfterMsOf(new Headers({ 'x-ratelimit-reset': '30' }), null, now)).toBe(30_000);
    expect(retryAfterMsOf(new Headers(), { detail: { retry_after: 3 } }, now)).toBe(3_000);
    expect(retryAfterMsOf(new Headers(), {}, now)).toBeUndefined();
  });
});

describe('a timed-out mutation is reconciled before any re-send', () => {
  it('publish: the response was lost → the signed publisher listing finds the task; nothing is re-sent', async () => {
    const sim = await startEmSim();
    sims.push(sim);
    const w = localWallet();
    const lose = losingFetch((m, u) => m === 'POST' && new URL(u).pathname === '/em/api/v1/tasks', 'response');
    const c = emClient(sim, w, { fetch: lose.fetch, timeoutMs: 1_000 });
    const r = await publish(c, TASK);
    expect(lose.lost).toEqual(['POST /em/api/v1/tasks']);
    expect(r).toMatchObject({ reconciled: true, sends: 1 });
    expect(r.task.em?.title).toBe(TASK.title);
    const log = await writes(sim);
    expect(count(log, 'POST', '/em/api/v1/tasks')).toBe(1);
  });

  it('publish: the request was lost → nothing found → sent once more with the same X-Idempotency-Key', async () => {
    const sim = await startEmSim();
    sims.push(sim);
    const w = localWallet();
    const lose = losingFetch((m, u) => m === 'POST' && new URL(u).pathname === '/em/api/v1/tasks', 'request');
    const c = emClient(sim, w, { fetch: lose.fetch, timeoutMs: 1_000 });
    const r = await publish(c, { ...TASK, idempotencyKey: 'journal-key-1' });
    expect(r).toMatchObject({ reconciled: false, sends: 2, idempotencyKey: 'journal-key-1' });
    const log = (await writes(sim)).filter((e) => e.route === '/em/api/v1/tasks' && e.method === 'POST');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ status: 201, idempotencyKey: 'journal-key-1' });
    // A journal-driven retry with the same key is answered by the server's X-Idempotency-Key replay.
    const replay = await publish(emClient(sim, w), { ...TASK, idempotencyKey: 'journal-key-1' });
    expect(replay).toMatchObject({ idempotent: true });
    expect(replay.task.id).toBe(r.task.id);
  });

  it('approve: the response was lost → the submission reads accepted → one payout, nothing re-sent', async () => {
    const sim = await startEmSim();
    sims.push(sim);
    const p = localWallet();
    await sim.faucet(p.address, 1_000_000n);
    const lose = losingFetch((m, u) => m === 'POST' && /\/submissions\/[^/]+\/approve$/.test(new URL(u).pathname), 'response');
    const pub = emClient(sim, p, { fetch: lose.fetch, timeoutMs: 1_000 });
    const w = await newWorker(sim);
    const { task } = await publish(pub, TASK);
    await apply(w.client, { taskId: task.id, executorId: w.executorId });
    await assign(pub, { taskId: task.id, executorId: w.executorId, workerWallet: w.lower });
    const s = await submit(w.client, { taskId: task.id, executorId: w.executorId, evidence: EVIDENCE, requiredEvidence: ['json_response'] });
    const r = await approve(pub, { taskId: task.id, submissionId: s.submissionId });
    expect(lose.lost).toHaveLength(1);
    expect(r).toMatchObject({ reconciled: true, sends: 1, gross: 50_000n, workerNet: 43_500n, platformFee: 6_500n });
    expect(count(await writes(sim), 'POST', '/em/api/v1/submissions/:submission_id/approve')).toBe(1);
    expect((await sim.balances())[w.lower]).toBe(43_500n);
  });
});

describe('assign answered 202 (escrow lock in flight)', () => {
  it('polls GET /tasks/{id} until accepted and never re-posts', async () => {
    const sim = await startEmSim({ em: { lockDelayMs: 700 } });
    sims.push(sim);
    const p = localWallet();
    await sim.faucet(p.address, 1_000_000n);
    const pub = emClient(sim, p);
    const w = await newWorker(sim);
    const { task } = await publish(pub, TASK);
    await apply(w.client, { taskId: task.id, executorId: w.executorId });
    const r = await assign(pub, { taskId: task.id, executorId: w.executorId, workerWallet: w.lower, pollIntervalMs: 200 });
    expect(r).toMatchObject({ path: 'after_lock', sends: 1, workerWallet: w.lower, escrowAmount: 50_000n });
    expect(r.polls).toBeGreaterThanOrEqual(1);
    const log = (await writes(sim)).filter((e) => e.route === '/em/api/v1/tasks/:task_id/assign');
    expect(log.map((e) => e.status)).toEqual([202]);
    expect(await sim.escrow(task.id)).toBe(50_000n);
  });

  it('a lock that fails after the 202 (funds gone) ends as lock_failed, retryable, still one POST', async () => {
    const sim = await startEmSim({ em: { lockDelayMs: 700 } });
    sims.push(sim);
    const p = localWallet();
    await sim.faucet(p.address, 50_000n); // enough for one of the two locks
    const pub = emClient(sim, p);
    const w = await newWorker(sim);
    const a = await publish(pub, TASK);
    const b = await publish(pub, { ...TASK, title: 'The other task title' });
    await apply(w.client, { taskId: a.task.id, executorId: w.executorId });
    await apply(w.client, { taskId: b.task.id, executorId: w.executorId });
    const [ra, rb] = await Promise.allSettled([
      assign(pub, { taskId: a.task.id, executorId: w.executorId, workerWallet: w.lower, pollIntervalMs: 200 }),
      assign(pub, { taskId: b.task.id, executorId: w.executorId, workerWallet: w.lower, pollIntervalMs: 200 }),
    ]);
    const outcomes = [ra, rb];
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const failed = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(failed.reason).toBeInstanceOf(EmError);
    expect(failed.reason).toMatchObject({ code: 'LOCK_FAILED', retryable: true });
    const log = (await writes(sim)).filter((e) => e.route === '/em/api/v1/tasks/:task_id/assign');
    expect(log.map((e) => e.status)).toEqual([202, 202]);
  });
});
