// npm start's simulator (openSim): the demo wallet and the seed tasks are there when openBackend returns;
// the bots of both markets start only after the session's first feed answer (afterFirstFeed), and a
// close() before it never starts them. Observed over the simulator's own HTTP request log.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../src/app/backend.js';

interface LogEntry {
  method: string;
  route: string;
  path: string;
}

const dirs: string[] = [];
const open: Backend[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((b) => b.close()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function start(afterFirstFeed?: Promise<unknown>): Promise<Backend> {
  const state = await mkdtemp(join(tmpdir(), 'taskdesk-late-bots-'));
  dirs.push(state);
  const b = await openBackend({ api: null, readonly: false, bots: 2, keystore: null, env: { XDG_STATE_HOME: state }, ...(afterFirstFeed ? { afterFirstFeed } : {}) });
  open.push(b);
  return b;
}

const requests = async (b: Backend): Promise<LogEntry[]> => (await (await fetch(`${b.apiUrl}/sim/requests`)).json()) as LogEntry[];
// Bots register their own devices (Taskmarket) and workers (Execution Market); the desk's wallet does neither over HTTP.
const botTraffic = (log: LogEntry[]) => log.filter((e) => e.method === 'POST' && (e.path === '/api/devices' || e.path.startsWith('/em/')));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(probe: () => Promise<T | null>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== null) return v;
    if (Date.now() > until) throw new Error('timed out');
    await sleep(100);
  }
}

describe('openSim start order', () => {
  it('wallet, balance and seed tasks at once; bots only after the first feed answer', async () => {
    let feedAnswered!: () => void;
    const b = await start(new Promise<void>((r) => (feedAnswered = r)));
    expect(b.wallet).toMatch(/^0x[0-9a-fA-F]{40}$/);
    // The faucet's 1,000 USDC less the escrow of its two own seed tasks (2.5 + 4).
    expect(await b.reader.balance(b.wallet!)).toBe(993_500_000n);
    const tasks = await b.reader.listTasks({ status: 'open', limit: 100 });
    expect(tasks.tasks.length).toBeGreaterThanOrEqual(10);
    expect(tasks.tasks.filter((t) => t.requester.toLowerCase() === b.wallet!.toLowerCase())).toHaveLength(2);
    await sleep(800);
    expect(botTraffic(await requests(b))).toEqual([]);
    feedAnswered();
    const traffic = await waitFor(async () => {
      const t = botTraffic(await requests(b));
      return t.some((e) => e.path === '/api/devices') && t.some((e) => e.path.startsWith('/em/')) ? t : null;
    });
    expect(traffic.length).toBeGreaterThan(0);
  }, 60_000);

  it('without afterFirstFeed the bots start with the backend', async () => {
    const b = await start();
    await waitFor(async () => (botTraffic(await requests(b)).length > 0 ? true : null));
  }, 60_000);

  it('closed before the first feed answer: the bots never start and close() does not wait for them', async () => {
    const b = await start(new Promise<void>(() => {}));
    open.splice(open.indexOf(b), 1);
    const t0 = Date.now();
    await b.close();
    expect(Date.now() - t0).toBeLessThan(2_500);
  }, 60_000);
});
