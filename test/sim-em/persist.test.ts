// --state keeps the EM side across a restart: tasks, executors, applications, the locked escrow on the shared
// ledger, spent ERC-8128 nonces and X-Idempotency-Key, and an escrow lock that was in flight (--em-lock-delay).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { API, assignedTask, newWallet, paymentAuth, signedHeaders, startEmSim, taskBody, worker } from './helpers.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('EM with --state', () => {
  it('restores tasks, escrow, nonces and idempotency keys; the flow goes on after the restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'taskdesk-em-state-'));
    dirs.push(dir);
    const payer = newWallet();
    const a = await startEmSim({ stateDir: dir });
    await a.faucet(payer.address, 1_000_000n);
    const pubA = a.client(payer);
    const w = await worker(a);
    const id = await assignedTask(a, pubA, w);
    const keyed = await pubA.post('/tasks', taskBody(), { headers: { 'X-Idempotency-Key': 'persist-1' } });
    const url = `${a.url}${API}/tasks/${id}`;
    const replayHeaders = await signedHeaders(payer, 'GET', url, null, { nonce: 'persisted-nonce-1' });
    expect((await fetch(url, { headers: replayHeaders })).status).toBe(200);
    const before = (await pubA.get(`/tasks/${id}`)).body;
    await a.close();

    const b = await startEmSim({ stateDir: dir, port: a.port });
    try {
      const pubB = b.client(payer);
      // fetch's pool may still hold a keep-alive socket to the old server on this port: one retry.
      const first = await pubB.get(`/tasks/${id}`).catch(() => pubB.get(`/tasks/${id}`));
      expect(first.body).toEqual(before);
      expect(await b.escrow(id)).toBe(50_000n);
      // Same port, same signed request: its nonce is still spent.
      expect((await fetch(url, { headers: replayHeaders })).status).toBe(401);
      const again = await pubB.post('/tasks', taskBody(), { headers: { 'X-Idempotency-Key': 'persist-1' } });
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(keyed.body.id);
      // The restored worker (same executor id) delivers and is paid.
      const wB = { ...w, c: b.client(w.wallet) };
      const sub = await wB.c.post(`/tasks/${id}/submit`, { executor_id: w.executorId, evidence: { json_response: { ok: 1 } } });
      expect(sub.status).toBe(200);
      expect((await pubB.post(`/submissions/${sub.body.data.submission_id}/approve`)).status).toBe(200);
      expect((await b.balances())[w.wallet.address.toLowerCase()]).toBe(43_500n);
    } finally {
      await b.close();
    }
  });

  it('an escrow lock in flight when the simulator stopped completes after the restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'taskdesk-em-state-'));
    dirs.push(dir);
    const payer = newWallet();
    const a = await startEmSim({ stateDir: dir, em: { lockDelayMs: 60_000 } });
    await a.faucet(payer.address, 1_000_000n);
    const pub = a.client(payer);
    const id = (await pub.post('/tasks', taskBody())).body.id;
    const w = await worker(a);
    await w.c.post(`/tasks/${id}/apply`, { executor_id: w.executorId });
    const ch = await pub.get(`/tasks/${id}/assign/challenge?executor_id=${w.executorId}`);
    const r = await pub.post(`/tasks/${id}/assign`, { executor_id: w.executorId }, { headers: { 'X-Payment-Auth': await paymentAuth(payer, ch.body) } });
    expect(r.status).toBe(202);
    await a.close();
    // The stored due time is wall-clock: restart with a wall clock 61 s ahead, so it is already due.
    const b = await startEmSim({ stateDir: dir, wall: { now: () => Date.now() + 61_000 } });
    try {
      const until = Date.now() + 10_000;
      let status = '';
      while (Date.now() < until && status !== 'accepted') {
        status = b.sim.state.em!.tasks[id]!.status;
        await new Promise((res) => setTimeout(res, 50));
      }
      expect(status).toBe('accepted');
      expect(await b.escrow(id)).toBe(50_000n);
    } finally {
      await b.close();
    }
  });
});
