// Simulator controls (/sim/*): faucet, manual clock, ledger view, request log with payer and outcome.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSim, type TestSim } from '../helpers/sim.js';
import { newWallet, paidPost } from '../helpers/x402.js';

let sim: TestSim;
beforeAll(async () => {
  sim = await startTestSim({ manualClock: true, startAt: Date.parse('2026-01-01T00:00:00Z') });
});
afterAll(async () => {
  await sim.close();
});

describe('/sim admin', () => {
  it('faucet mints base units and refuses bad input', async () => {
    const w = newWallet();
    const r = await sim.post('/sim/faucet', { address: w.address, amount: '5000000' });
    expect(r.body).toEqual({ address: w.address, amount: '5000000', balance: '5000000' });
    expect((await sim.ledger()).balances[w.address.toLowerCase()]).toBe('5000000');
    expect((await sim.post('/sim/faucet', { address: 'nope', amount: '1' })).status).toBe(400);
    expect((await sim.post('/sim/faucet', { address: w.address, amount: '1.5' })).status).toBe(400);
    expect((await sim.post('/sim/faucet', { address: w.address, amount: -1 })).status).toBe(400);
  });

  it('the manual clock starts where asked, only moves forward on POST /sim/clock, and drives task times', async () => {
    expect((await sim.get('/sim/clock')).body).toEqual({ mode: 'manual', now: '2026-01-01T00:00:00.000Z', nowMs: Date.parse('2026-01-01T00:00:00Z'), scale: 0 });
    expect((await sim.post('/sim/clock', { advanceMs: -5 })).status).toBe(400);
    const r = await sim.post('/sim/clock', { advanceMs: 90_000 });
    expect(r.body.now).toBe('2026-01-01T00:01:30.000Z');
    const w = newWallet();
    await sim.faucet(w.address, 10_000_000n);
    const created = await paidPost(sim.url, '/api/tasks', { description: 'clocked', reward: '1000000', duration: 1, tags: [] }, w.privateKey);
    expect(created.status).toBe(200); // x402 validity is wall time, not the frozen 2026-01-01 market clock
    const t = (await sim.get(`/api/tasks/${created.body.taskId}`)).body;
    expect(t.createdAt).toBe('2026-01-01T00:01:30.000Z');
    expect(t.expiryTime).toBe('2026-01-01T01:01:30.000Z');
  });

  it('the request log records every write with route, payer, idempotency key and status', async () => {
    const w = newWallet();
    await sim.faucet(w.address, 10_000_000n);
    const r = await paidPost(sim.url, '/api/tasks', { description: 'logged', reward: '1000000', duration: 1, tags: [] }, w.privateKey);
    const log = (await sim.get('/sim/requests')).body as Array<Record<string, unknown>>;
    const mine = log.filter((e) => e.idempotencyKey === r.idempotencyKey);
    expect(mine).toEqual([
      expect.objectContaining({ method: 'POST', route: '/api/tasks', path: '/api/tasks', actor: null, status: 402 }),
      expect.objectContaining({ method: 'POST', route: '/api/tasks', actor: w.address, status: 200 }),
    ]);
    expect(log.every((e) => e.method !== 'GET')).toBe(true);
  });

  it('ledger lists every balance and escrow as strings', async () => {
    const l = await sim.ledger();
    expect(l.platform).toMatch(/^0x[0-9a-fA-F]{40}$/);
    for (const v of [...Object.values(l.balances), ...Object.values(l.escrows)]) expect(v).toMatch(/^[0-9]+$/);
  });
});

describe('--time-scale', () => {
  it('runs market time faster than wall time (lower bound only, no timing assertions on speed)', async () => {
    const fast = await startTestSim({ timeScale: 3600 });
    try {
      const a = (await fast.get('/sim/clock')).body;
      expect(a.mode).toBe('scaled');
      const wall0 = Date.now();
      while (Date.now() - wall0 < 20) await new Promise((r) => setTimeout(r, 5));
      const b = (await fast.get('/sim/clock')).body;
      // ≥ 20 ms of wall time passed between the two reads, so market time moved ≥ 20 × 3600 ms.
      expect(b.nowMs - a.nowMs).toBeGreaterThanOrEqual(72_000 - 3600);
      expect((await fast.post('/sim/clock', { advanceMs: 1 })).status).toBe(409);
    } finally {
      await fast.close();
    }
  });
});
