// Idempotency (X-Idempotency-Key on create; the Idempotency-Key middleware's replay and 409), rate limits per
// signing wallet with Retry-After, and browse paging (limit/offset, X-Total-Count, Link).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignedTask, EVIDENCE, newWallet, startEmSim, taskBody, worker, type EmClient, type EmSim } from './helpers.js';

describe('idempotency', () => {
  let sim: EmSim;
  let c: EmClient;
  beforeAll(async () => {
    sim = await startEmSim();
    c = sim.client(newWallet());
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('X-Idempotency-Key: the same agent and key returns the first task with 200 and X-Idempotent: true', async () => {
    const first = await c.post('/tasks', taskBody(), { headers: { 'X-Idempotency-Key': 'publish-1' } });
    expect(first.status).toBe(201);
    expect(first.headers.get('x-idempotent')).toBeNull();
    const again = await c.post('/tasks', taskBody({ title: 'Something else entirely' }), { headers: { 'X-Idempotency-Key': 'publish-1' } });
    expect(again.status).toBe(200);
    expect(again.headers.get('x-idempotent')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    // Another agent with the same key gets its own task.
    const other = await sim.client(newWallet()).post('/tasks', taskBody(), { headers: { 'X-Idempotency-Key': 'publish-1' } });
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);
    expect((await c.get('/tasks')).body.total).toBe(1);
  });

  it('Idempotency-Key: a replay returns the stored 2xx with Idempotency-Replay; a different body is 409; bad keys 400', async () => {
    const first = await c.post('/tasks', taskBody(), { headers: { 'Idempotency-Key': 'k-2' } });
    expect(first.status).toBe(201);
    const replay = await c.post('/tasks', taskBody(), { headers: { 'Idempotency-Key': 'k-2' } });
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotency-replay')).toBe('true');
    expect(replay.body).toEqual(first.body);
    const conflict = await c.post('/tasks', taskBody({ bounty_usd: 0.07 }), { headers: { 'Idempotency-Key': 'k-2' } });
    expect(conflict.status).toBe(409);
    expect(conflict.body.detail.code).toBe('idempotency_key_conflict');
    expect((await c.post('/tasks', taskBody(), { headers: { 'Idempotency-Key': 'x'.repeat(256) } })).body.detail.code).toBe('invalid_idempotency_key');
    // Refusals are not stored: the key is still usable once the body is valid.
    expect((await c.post('/tasks', taskBody({ title: 'no' }), { headers: { 'Idempotency-Key': 'k-3' } })).status).toBe(422);
    expect((await c.post('/tasks', taskBody(), { headers: { 'Idempotency-Key': 'k-3' } })).status).toBe(201);
    expect((await c.get('/tasks')).body.total).toBe(3);
  });

  it('covers worker writes under /tasks and /submissions: a replayed apply and a replayed approve act once', async () => {
    const t = (await c.post('/tasks', taskBody())).body;
    const w = await worker(sim);
    const a1 = await w.c.post(`/tasks/${t.id}/apply`, { executor_id: w.executorId }, { headers: { 'Idempotency-Key': 'apply-1' } });
    const a2 = await w.c.post(`/tasks/${t.id}/apply`, { executor_id: w.executorId }, { headers: { 'Idempotency-Key': 'apply-1' } });
    expect([a1.status, a2.status]).toEqual([200, 200]);
    expect(a2.body).toEqual(a1.body);
    expect(a2.headers.get('idempotency-replay')).toBe('true');

    const payer = newWallet();
    const pub = sim.client(payer);
    await sim.faucet(payer.address, 1_000_000n);
    const w2 = await worker(sim);
    const id = await assignedTask(sim, pub, w2);
    const sub = await w2.c.post(`/tasks/${id}/submit`, { executor_id: w2.executorId, evidence: EVIDENCE });
    const sid = sub.body.data.submission_id;
    const p1 = await pub.post(`/submissions/${sid}/approve`, { notes: 'ok' }, { headers: { 'Idempotency-Key': 'approve-1' } });
    const p2 = await pub.post(`/submissions/${sid}/approve`, { notes: 'ok' }, { headers: { 'Idempotency-Key': 'approve-1' } });
    expect(p2.body).toEqual(p1.body);
    expect(p2.headers.get('idempotency-replay')).toBe('true');
    expect((await sim.balances())[w2.wallet.address.toLowerCase()]).toBe(43_500n);
  });
});

describe('rate limit per signing wallet', () => {
  let sim: EmSim;
  beforeAll(async () => {
    sim = await startEmSim({ em: { rateLimitPerMinute: 5 } });
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('the 6th request a minute from one wallet is 429 with Retry-After; another wallet and unsigned reads go on', async () => {
    const a = sim.client(newWallet());
    const b = sim.client(newWallet());
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await a.get('/tasks');
      seen.push(r.status);
      expect(r.headers.get('x-ratelimit-remaining')).toBe(String(4 - i));
    }
    expect(seen).toEqual([200, 200, 200, 200, 200]);
    const limited = await a.get('/tasks');
    expect(limited.status).toBe(429);
    expect(limited.body.detail).toMatchObject({ code: 'rate_limit_exceeded', retryable: true, message: 'Too many requests. Limit type: agent' });
    const retry = Number(limited.headers.get('retry-after'));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(Number(limited.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(limited.headers.get('x-ratelimit-type')).toBe('agent');
    expect((await a.post('/tasks', taskBody())).status).toBe(429);
    expect((await b.get('/tasks')).status).toBe(200);
    for (let i = 0; i < 8; i++) expect((await a.get('/tasks/available', { as: null })).status).toBe(200);
    expect((await a.get('/config', { as: null })).status).toBe(200);
  });

  it('the nonce endpoint allows 5 a minute for the loopback IP', async () => {
    const anon = sim.client(null);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await anon.get('/auth/erc8128/nonce')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const r = await anon.get('/auth/nonce');
    expect(r.headers.get('x-ratelimit-type')).toBe('nonce');
  });
});

describe('browse paging', () => {
  let sim: EmSim;
  let ids: string[];
  beforeAll(async () => {
    sim = await startEmSim({ manualClock: true });
    const c = sim.client(newWallet());
    ids = [];
    for (let i = 0; i < 7; i++) {
      ids.push((await c.post('/tasks', taskBody({ title: `Task number ${i}`, category: i % 2 ? 'research' : 'knowledge_access', bounty_usd: 0.01 * (i + 1), skills_required: i === 3 ? ['Python', 'SQL'] : [] }))).body.id);
      await sim.advance(1000);
    }
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('limit/offset pages newest first with X-Total-Count and Link rel=next/prev', async () => {
    const anon = sim.client(null);
    const p1 = await anon.get('/tasks/available?limit=3');
    expect(p1.headers.get('x-total-count')).toBe('7');
    expect(p1.body).toMatchObject({ count: 3, offset: 0 });
    expect(p1.body.tasks.map((t: { id: string }) => t.id)).toEqual([ids[6], ids[5], ids[4]]);
    expect(p1.body.tasks[0]).not.toHaveProperty('executor_id');
    expect(p1.headers.get('link')).toBe(`<${sim.url}/em/api/v1/tasks/available?limit=3&offset=3>; rel="next"`);
    const p3 = await anon.get('/tasks/available?limit=3&offset=6');
    expect(p3.body.tasks.map((t: { id: string }) => t.id)).toEqual([ids[0]]);
    expect(p3.headers.get('link')).toBe(`<${sim.url}/em/api/v1/tasks/available?limit=3&offset=3>; rel="prev"`);
  });

  it('filters: category, bounty range, skills (all must match), after', async () => {
    const anon = sim.client(null);
    const research = await anon.get('/tasks/available?category=research&limit=100');
    expect(research.headers.get('x-total-count')).toBe('3');
    expect(research.body.filters_applied).toEqual({ category: 'research' });
    const range = await anon.get('/tasks/available?min_bounty=0.02&max_bounty=0.04');
    expect(range.body.tasks.map((t: { id: string }) => t.id)).toEqual([ids[3], ids[2], ids[1]]);
    expect((await anon.get('/tasks/available?skills=python,sql')).body.tasks.map((t: { id: string }) => t.id)).toEqual([ids[3]]);
    expect((await anon.get('/tasks/available?skills=python&skills=rust')).body.count).toBe(0);
    const start = Date.parse((await anon.get(`/tasks/${ids[5]}`)).body.created_at);
    expect((await anon.get(`/tasks/available?after=${encodeURIComponent(new Date(start).toISOString())}`)).body.count).toBe(2);
  });

  it('GET /tasks?publisher= lists a publisher’s tasks (total, has_more) for reconciling', async () => {
    const pub = (await sim.client(null).get(`/tasks/${ids[0]}`)).body.agent_id;
    const r = await sim.client(newWallet()).get(`/tasks?publisher=${pub}&limit=5`);
    expect(r.body).toMatchObject({ total: 7, count: 5, offset: 0, has_more: true });
    expect(r.headers.get('x-total-count')).toBe('7');
    const unsigned = await sim.client(null).get(`/tasks?publisher=${pub}&limit=5&offset=5`);
    expect(unsigned.body).toMatchObject({ total: 7, count: 2, has_more: false });
  });
});
