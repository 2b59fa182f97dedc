// --state persistence: everything survives a restart (in-process close/start, and a real `taskdesk sim`
// process stopped with SIGTERM), bigint money intact, manual clock restored, replayed nonces still refused.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestSim } from '../helpers/sim.js';
import { createTask } from '../helpers/tasks.js';
import { newWallet, paidPost, postWithPayment } from '../helpers/x402.js';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'taskdesk-sim-state-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('--state', () => {
  it('restores tasks, bids, balances, escrows, idempotency and spent nonces after a restart', async () => {
    const dir = tmp();
    const req = newWallet();
    const worker = newWallet();
    const a = await startTestSim({ stateDir: dir, manualClock: true });
    await a.faucet(req.address, 50_000_000n);
    await a.faucet(worker.address, 1_000_000n);
    const id = await createTask(a, req, { mode: 'auction', auctionType: 'english', reward: '9000000', maxPrice: '9000000', bidDeadline: 2 });
    const bid = await paidPost(a.url, `/api/tasks/${id}/bids`, { taskId: id, price: '8000000' }, worker.privateKey);
    expect(bid.status).toBe(200);
    await a.advance(30 * 60_000);
    const ledger = await a.ledger();
    const detail = (await a.get(`/api/tasks/${id}`)).body;
    const clock = (await a.get('/sim/clock')).body.nowMs;
    await a.close();

    const b = await startTestSim({ stateDir: dir, manualClock: true });
    try {
      expect(await b.ledger()).toEqual(ledger);
      expect((await b.get(`/api/tasks/${id}`)).body).toEqual(detail);
      expect((await b.get('/sim/clock')).body.nowMs).toBe(clock);
      expect((await b.get(`/api/tasks/${id}/bids`)).body[0].price).toBe('8000000');
      // The same idempotency key replays the stored answer; the same payment is a spent nonce.
      const replay = await paidPost(b.url, `/api/tasks/${id}/bids`, { taskId: id, price: '8000000' }, worker.privateKey, { idempotencyKey: bid.idempotencyKey });
      expect(replay.body).toEqual(bid.body);
      const spent = await postWithPayment(b.url, `/api/tasks/${id}/bids`, { taskId: id, price: '7000000' }, bid.payment as string);
      expect(spent.status).toBe(402);
      expect(spent.body.error).toMatch(/nonce_already_used/);
      // New work keeps going on the restored state.
      const id2 = await createTask(b, req);
      expect(id2).not.toBe(id);
    } finally {
      await b.close();
    }
    const snapshot = JSON.parse(readFileSync(join(dir, 'sim-state.json'), 'utf8'));
    expect(snapshot.ledger.escrows[id]).toEqual({ $bigint: '9000000' });
  });

  const cli = resolve('bin/taskdesk');
  it.skipIf(!existsSync(resolve('dist/sim/main.js')))('a real `taskdesk sim` flushes on SIGTERM and reloads its state', async () => {
    const dir = tmp();
    const run = () =>
      new Promise<{ url: string; stop: () => Promise<number | null> }>((ok, fail) => {
        const child = spawn(process.execPath, [cli, 'sim', '--port', '0', '--state', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.setEncoding('utf8').on('data', (d: string) => {
          out += d;
          const first = out.split('\n')[0] ?? '';
          if (out.includes('\n')) {
            const m = /^taskdesk sim listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(first);
            if (!m) fail(new Error(`unexpected first line: ${first}`));
            else
              ok({
                url: m[1] as string,
                stop: () =>
                  new Promise((done) => {
                    child.once('exit', (code) => done(code));
                    child.kill('SIGTERM');
                  }),
              });
          }
        });
        child.once('error', fail);
      });
    const wallet = newWallet();
    const s1 = await run();
    const f = await fetch(`${s1.url}/sim/faucet`, { method: 'POST', body: JSON.stringify({ address: wallet.address, amount: '123456789' }) });
    expect(f.status).toBe(200);
    const created = await paidPost(s1.url, '/api/tasks', { description: 'survives', reward: '1000000', duration: 1, tags: [] }, wallet.privateKey);
    expect(created.status).toBe(200);
    expect(await s1.stop()).toBe(0);
    const s2 = await run();
    try {
      const t = (await (await fetch(`${s2.url}/api/tasks/${created.body.taskId}`)).json()) as { description: string };
      expect(t.description).toBe('survives');
      const ledger = (await (await fetch(`${s2.url}/sim/ledger`)).json()) as { balances: Record<string, string> };
      expect(ledger.balances[wallet.address.toLowerCase()]).toBe('122456789');
    } finally {
      await s2.stop();
    }
  });
});
