// Market time on every simulator response (finding 28): X-Sim-Time (market epoch ms) and X-Sim-Time-Scale
// (1 real, the --time-scale factor, 0 manual), on 200s, 404s, 405s and errors alike; GET /sim/clock tells
// the scale too. Over real HTTP on 127.0.0.1.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSim, type TestSim } from '../helpers/sim.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
}

function raw(url: string, method: string, path: string, body = '', headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const req = request({ hostname, port, path, method, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const START = Date.parse('2026-06-01T12:00:00.123Z');

describe('with --manual-clock', () => {
  let sim: TestSim;
  beforeAll(async () => {
    sim = await startTestSim({ manualClock: true, startAt: START });
  });
  afterAll(async () => {
    await sim.close();
  });

  const cases: Array<[string, string, string, string, Record<string, string>, number]> = [
    ['a route', 'GET', '/api/tasks?limit=1', '', {}, 200],
    ['an unknown route', 'GET', '/api/nope', '', {}, 404],
    ['a method the path lacks', 'DELETE', '/api/tasks', '', {}, 405],
    ['a validation error', 'GET', '/api/tasks?limit=500', '', {}, 400],
    ['malformed JSON', 'POST', '/sim/faucet', '{"address":', {}, 400],
    ['a refused body', 'POST', '/sim/faucet', '{}', {}, 400],
    ['a payment challenge', 'POST', '/api/tasks', JSON.stringify({ description: 'x', reward: '1000000', duration: 1, tags: [] }), { 'x-taskmarket-idempotency-key': crypto.randomUUID() }, 402],
    ['a body over the cap', 'POST', '/api/tasks', JSON.stringify({ description: 'x'.repeat(3 * 1024 * 1024) }), { 'x-taskmarket-idempotency-key': crypto.randomUUID() }, 413],
  ];
  for (const [name, method, path, body, headers, status] of cases) {
    it(`${name} (${status}) carries the market time and scale 0`, async () => {
      const r = await raw(sim.url, method, path, body, headers);
      expect(r.status).toBe(status);
      expect(r.headers['x-sim-time']).toBe(String(START));
      expect(r.headers['x-sim-time-scale']).toBe('0');
      expect(r.headers.date).toBeDefined(); // node:http's own Date header stays
    });
  }

  it('follows POST /sim/clock to the millisecond; GET /sim/clock reports scale 0', async () => {
    const r = await fetch(`${sim.url}/sim/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: 4_321 }),
    });
    expect(r.headers.get('x-sim-time')).toBe(String(START + 4_321));
    const c = await fetch(`${sim.url}/sim/clock`);
    const body = (await c.json()) as { nowMs: number; scale: number; mode: string };
    expect(body).toMatchObject({ mode: 'manual', nowMs: START + 4_321, scale: 0 });
    expect(c.headers.get('x-sim-time')).toBe(String(body.nowMs));
  });
});

describe('with a real clock', () => {
  let sim: TestSim;
  beforeAll(async () => {
    sim = await startTestSim();
  });
  afterAll(async () => {
    await sim.close();
  });

  it('X-Sim-Time is wall time, between the request and its answer, and the scale is 1', async () => {
    const before = Date.now();
    const r = await raw(sim.url, 'GET', '/api/nope');
    const after = Date.now();
    const t = Number(r.headers['x-sim-time']);
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(after);
    expect(r.headers['x-sim-time-scale']).toBe('1');
    expect(((await sim.get('/sim/clock')).body as { scale: number }).scale).toBe(1);
  });

  it('a 409 (moving a clock that is not manual) carries them too', async () => {
    const r = await raw(sim.url, 'POST', '/sim/clock', JSON.stringify({ advanceMs: 1 }));
    expect(r.status).toBe(409);
    expect(r.headers['x-sim-time-scale']).toBe('1');
    expect(Number(r.headers['x-sim-time'])).toBeGreaterThan(0);
  });
});

describe('with --time-scale 20', () => {
  let sim: TestSim;
  beforeAll(async () => {
    sim = await startTestSim({ timeScale: 20 });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('reports the rate, and X-Sim-Time agrees with GET /sim/clock', async () => {
    const c = await fetch(`${sim.url}/sim/clock`);
    const body = (await c.json()) as { nowMs: number; scale: number; mode: string };
    expect(body).toMatchObject({ mode: 'scaled', scale: 20 });
    expect(c.headers.get('x-sim-time-scale')).toBe('20');
    // Both are read while one request is served: the header comes last, so it is never earlier.
    expect(Number(c.headers.get('x-sim-time'))).toBeGreaterThanOrEqual(body.nowMs);
    const r = await raw(sim.url, 'GET', '/api/nope');
    expect(r.headers['x-sim-time-scale']).toBe('20');
    expect(Number(r.headers['x-sim-time'])).toBeGreaterThanOrEqual(body.nowMs);
  });
});
