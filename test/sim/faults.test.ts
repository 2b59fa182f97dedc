import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type RunningSim } from '../../src/sim/server.js';

let sim: RunningSim;
beforeAll(async () => {
  sim = await startSim({ port: 0 });
});
afterAll(async () => {
  await sim.close();
});

const arm = (spec: Record<string, unknown>) =>
  fetch(`${sim.url}/sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(spec) }).then((r) => r.json());

describe('/sim/faults', () => {
  it('answers the next N matching requests with the fault, then the route again', async () => {
    await arm({ path: '/api/tasks', kind: 'status', status: 503, count: 2 });
    expect((await fetch(`${sim.url}/api/tasks`)).status).toBe(503);
    expect((await fetch(`${sim.url}/api/tasks?limit=1`)).status).toBe(503);
    expect((await fetch(`${sim.url}/api/tasks`)).status).toBe(200);
  });

  it('gives a 429 with Retry-After, a wrong-shaped 200 and a non-JSON 200', async () => {
    await arm({ path: '/api/tasks', kind: 'status', status: 429, retryAfterSeconds: 7 });
    const r = await fetch(`${sim.url}/api/tasks`);
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('7');
    await arm({ path: '/api/tasks', kind: 'wrong-shape' });
    const w = await fetch(`${sim.url}/api/tasks`);
    expect(w.status).toBe(200);
    expect(await w.json()).toEqual({ unexpected: 'shape', injected: true });
    await arm({ path: '/trpc/network.info', kind: 'not-json' });
    const n = await fetch(`${sim.url}/trpc/network.info`);
    expect(n.status).toBe(200);
    expect(await n.text()).toMatch(/<html>/);
  });

  it('hangs until the client gives up, and resets connections', async () => {
    await arm({ path: '/api/tasks', kind: 'hang' });
    await expect(fetch(`${sim.url}/api/tasks`, { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    await arm({ path: '/api/tasks', kind: 'reset' });
    await expect(fetch(`${sim.url}/api/tasks`)).rejects.toThrow();
    expect((await fetch(`${sim.url}/api/tasks`)).status).toBe(200);
  });

  it('never faults its own /sim routes, and refuses a bad spec', async () => {
    await arm({ path: '/', kind: 'status', status: 500, count: null });
    expect((await fetch(`${sim.url}/sim/clock`)).status).toBe(200);
    expect((await fetch(`${sim.url}/api/tasks`)).status).toBe(500);
    await fetch(`${sim.url}/sim/faults`, { method: 'DELETE' });
    expect((await fetch(`${sim.url}/api/tasks`)).status).toBe(200);
    const bad = await fetch(`${sim.url}/sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: 'x', kind: 'boom' }) });
    expect(bad.status).toBe(400);
  });
});
