// Server basics over real HTTP on 127.0.0.1: health, 404, malformed JSON, size cap, idempotency key rules.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Router } from '../../src/sim/router.js';
import { createHandler } from '../../src/sim/server.js';
import { createSim, type Sim } from '../../src/sim/sim.js';
import { startTestSim, type TestSim } from '../helpers/sim.js';

let sim: TestSim;
beforeAll(async () => {
  sim = await startTestSim({ manualClock: true });
});
afterAll(async () => {
  await sim.close();
});

function raw(method: string, path: string, body: string | Buffer, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const { hostname, port } = new URL(sim.url);
    // `path` as an option goes on the wire verbatim (a URL string would be normalised client-side).
    const req = request({ hostname, port, path, method, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('sim server', () => {
  it('binds to 127.0.0.1 and answers health checks', async () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await sim.get('/health')).body).toEqual({ status: 'ok' });
    const h = await sim.get('/api/health');
    expect(h.body.status).toBe('ok');
    expect(h.body.limits).toEqual({ freeSubmissionAllowance: 5, hardSubmissionCeiling: 100 });
  });

  it('answers unknown routes with JSON 404 {"error":"Not found"}', async () => {
    const r = await sim.get('/api/nope/nothing');
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ error: 'Not found' });
  });

  it('refuses malformed JSON with 400 and keeps serving', async () => {
    const r = await raw('POST', '/api/tasks', '{"description": ', { 'x-taskmarket-idempotency-key': crypto.randomUUID() });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toHaveProperty('error');
    expect(r.body).not.toMatch(/at .*\.js/);
    expect((await sim.get('/health')).status).toBe(200);
  });

  it('caps request bodies with 413', async () => {
    const big = JSON.stringify({ description: 'x'.repeat(3 * 1024 * 1024) });
    const r = await raw('POST', '/api/tasks', big, { 'x-taskmarket-idempotency-key': crypto.randomUUID() });
    expect(r.status).toBe(413);
    expect(JSON.parse(r.body)).toEqual({ error: 'Request body too large' });
    expect((await sim.get('/health')).status).toBe(200);
  });

  it('paid routes validate the body first (400 {error}) and then require an idempotency key (400 before any 402)', async () => {
    const bad = await raw('POST', '/api/tasks', JSON.stringify({ description: '', reward: '10', duration: 1, tags: [] }));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toEqual({ error: 'Description is required' });
    const noKey = await raw('POST', '/api/tasks', JSON.stringify({ description: 'a', reward: '10', duration: 1, tags: [] }));
    expect(noKey.status).toBe(400);
    expect(JSON.parse(noKey.body).taskmarket).toEqual({ reason: 'idempotency_key_required' });
    const notUuid = await raw('POST', '/api/tasks', JSON.stringify({ description: 'a', reward: '10', duration: 1, tags: [] }), {
      'x-taskmarket-idempotency-key': 'abc',
    });
    expect(notUuid.status).toBe(400);
  });

  it('joins every validation message with "; "', async () => {
    const r = await sim.post('/api/tasks', { description: 'a', reward: '5', duration: 1, tags: [], mode: 'auction' });
    expect(r.status).toBe(400);
    expect(r.body.error).toBe(
      'maxPrice is required for auction mode; auctionType is required for auction mode (dutch, english, reverse_dutch, reverse_english)',
    );
  });

  it('logs every write in /sim/requests', async () => {
    await sim.post('/api/tasks', { description: 'logged', reward: '5', duration: 1, tags: [] }, { 'x-taskmarket-idempotency-key': '11111111-2222-4333-8444-555555555555' });
    const log = (await sim.get('/sim/requests')).body as Array<{ route: string; idempotencyKey: string | null; status: number }>;
    const entry = log.find((e) => e.idempotencyKey === '11111111-2222-4333-8444-555555555555');
    expect(entry).toMatchObject({ route: '/api/tasks', status: 402 });
  });

  it('refuses POST /sim/clock without a manual clock (409) and advances it with one', async () => {
    const other = await startTestSim();
    try {
      expect((await other.post('/sim/clock', { advanceMs: 1000 })).status).toBe(409);
    } finally {
      await other.close();
    }
    const before = (await sim.get('/sim/clock')).body.nowMs as number;
    await sim.advance(60_000);
    expect((await sim.get('/sim/clock')).body.nowMs).toBe(before + 60_000);
  });

  it('answers odd request targets and methods with JSON 404, not a crash', async () => {
    for (const [method, path] of [['GET', '//api/tasks'], ['GET', '/api/tasks/../health'], ['PATCH', '/api/tasks'], ['GET', '/%E0%A4%A']]) {
      const r = await raw(method as string, path as string, '');
      expect(r.status).toBe(404);
      expect(JSON.parse(r.body)).toEqual({ error: 'Not found' });
    }
  });

  it('turns a throwing handler into 500 {"error":"Internal server error"} without a stack, and keeps serving', async () => {
    const router = new Router<Sim>().add(
      { method: 'GET', path: '/boom', handle: () => { throw new Error('secret stack detail'); } },
      { method: 'GET', path: '/fine', handle: () => ({ status: 200, body: { ok: true } }) },
    );
    const server = createServer(createHandler(createSim(), router));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const boom = await fetch(`${base}/boom`);
      expect(boom.status).toBe(500);
      const text = await boom.text();
      expect(JSON.parse(text)).toEqual({ error: 'Internal server error' });
      expect(text).not.toContain('secret');
      expect((await fetch(`${base}/fine`)).status).toBe(200);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});
