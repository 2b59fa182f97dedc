// What is on screen is true (issue: "The desk as a newcomer finds it"): the desk against a separately
// started simulator in a real pty — each task once whatever the sort, prices at the market's time on a
// skewed laptop and on a sped-up market, expiry shown at its instant, a wrong-shaped 200 a fault that
// wipes nothing, and three Backspaces read together all counted.
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { killAllPtys, spawnPty, type PtySession } from '../e2e-helpers/pty.js';
import { startSimProcess, type SimProcess } from '../e2e-helpers/proc.js';
import { paneBox } from '../e2e-helpers/screen.js';

const SKEW_PRELOAD = fileURLToPath(new URL('../e2e-helpers/skew-clock.cjs', import.meta.url));
const usdc = (n: number) => String(Math.round(n * 1_000_000));
const sims: SimProcess[] = [];
afterEach(() => killAllPtys());
afterAll(async () => {
  for (const s of sims.splice(0)) await s.stop();
});

async function sim(args: string[] = []): Promise<SimProcess> {
  const s = await startSimProcess(['--bots', '0', ...args]);
  sims.push(s);
  return s;
}

async function seed(s: SimProcess, tasks: Record<string, unknown>[]): Promise<string[]> {
  const body = JSON.stringify({ tasks: tasks.map((t) => ({ tags: [], ...t })) });
  const r = await fetch(`${s.url}/sim/seed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const out = (await r.json()) as { ids: string[] };
  expect(out.ids.length).toBe(tasks.length);
  return out.ids;
}

function desk(s: SimProcess, env: Record<string, string> = {}, cols = 140, rows = 45): PtySession {
  return spawnPty({ args: ['--api', s.url], cols, rows, env });
}

const feedBody = (p: PtySession) => paneBox(p.grid(), 'Feed')?.body ?? [];
const feedIds = (p: PtySession) => feedBody(p).flatMap((r) => /(0x[0-9a-f]{7})…/.exec(r)?.[1] ?? []);
const clocksRow = (p: PtySession, id: string) => (paneBox(p.grid(), 'Clocks')?.body ?? []).find((r) => r.includes(id.slice(0, 9))) ?? '';
const priceIn = (row: string) => Number(/(\d+\.\d{6})[↓↑v^]/.exec(row)?.[1] ?? NaN);

async function marketPrice(s: SimProcess, id: string): Promise<number> {
  const t = (await (await fetch(`${s.url}/api/tasks/${id}`)).json()) as { currentAuctionPrice: string };
  return Number(t.currentAuctionPrice) / 1e6;
}

describe('each task once, whatever the sort (more than 100 tasks)', () => {
  it('sorting by reward or deadline never repeats a row, through several polls', async () => {
    const s = await sim();
    await seed(
      s,
      Array.from({ length: 150 }, (_, i) => ({ description: `task ${i}`, reward: usdc(1 + (i % 7)), mode: 'bounty', duration: 24 + (i % 5), tags: ['paging'] })),
    );
    const p = desk(s);
    await p.waitFor(/1 Feed\s+1\/150\b/, 30_000);
    for (const sort of ['reward', 'deadline', 'reward-asc']) {
      await p.write(`:sort ${sort}\r`);
      await p.waitFor(new RegExp(`sort:${sort}`), 10_000);
      // Two more rounds: a fresh deep sweep and an ordinary one (R polls now).
      for (let i = 0; i < 2; i++) {
        p.write('R');
        await new Promise((r) => setTimeout(r, 1200));
      }
      await p.waitFor(/1 Feed\s+\d+\/150\b/, 10_000);
      const ids = feedIds(p);
      expect(ids.length).toBeGreaterThan(10);
      expect(new Set(ids).size).toBe(ids.length);
      p.write('G');
      await p.waitFor(/1 Feed\s+150\/150\b/, 10_000);
      const bottom = feedIds(p);
      expect(new Set(bottom).size).toBe(bottom.length);
      p.write('g');
    }
  }, 90_000);
});

describe('the selection follows its task', () => {
  it('stays on the highlighted task while new rows arrive above it, and Enter opens that task', async () => {
    const s = await sim();
    const ids = await seed(s, Array.from({ length: 5 }, (_, i) => ({ description: `old ${i}`, reward: usdc(1), mode: 'bounty', duration: 24 })));
    const p = desk(s);
    await p.waitFor(/1 Feed\s+1\/5\b/, 30_000);
    p.write('jj');
    await p.waitFor(/1 Feed\s+3\/5\b/, 10_000);
    const selected = feedBody(p).find((r) => r.trim().startsWith('›'))!;
    const id = /(0x[0-9a-f]{7})/.exec(selected)![1]!;
    await seed(s, Array.from({ length: 4 }, (_, i) => ({ description: `new ${i}`, reward: usdc(2), mode: 'bounty', duration: 24 })));
    p.write('R');
    await p.waitFor(/1 Feed\s+7\/9\b/, 15_000); // four rows arrived above it: its position moved, the task did not
    expect(feedBody(p).find((r) => r.trim().startsWith('›'))).toContain(id);
    p.write('\r');
    await p.waitFor(/Task detail/, 10_000);
    const full = ids.find((x) => x.startsWith(id))!;
    await p.waitFor(full, 10_000);
  }, 60_000);
});

describe('market time', () => {
  const dutch = { description: 'falling clock', reward: usdc(10), maxPrice: usdc(10), mode: 'auction', auctionType: 'dutch', auctionFloorPrice: usdc(0), bidDeadline: 1000 / 3600, duration: 24 };

  it('a laptop clock 2 minutes fast still prices the dutch clock at the market time', async () => {
    const s = await sim();
    const [id] = await seed(s, [dutch]);
    const p = desk(s, { NODE_OPTIONS: `--require=${SKEW_PRELOAD}`, TASKDESK_TEST_SKEW_MS: '120000' });
    await p.waitFor(/market clock -(1m5\ds|2m0\ds)/, 30_000);
    await p.waitFor(() => !Number.isNaN(priceIn(clocksRow(p, id!))), 10_000);
    const shown = priceIn(clocksRow(p, id!));
    const market = await marketPrice(s, id!);
    // 10 USDC over 1000 s: 0.01 USDC per second. Uncorrected, 120 s of skew would be 1.2 USDC off.
    expect(Math.abs(shown - market)).toBeLessThan(0.05);
  }, 60_000);

  it('prices a market running 20 times faster at its own speed', async () => {
    const s = await sim(['--time-scale', '20']);
    const [id] = await seed(s, [{ ...dutch, bidDeadline: 2, duration: 48 }]); // 7200 market-s: 1/720 USDC per market second
    const p = desk(s);
    await p.waitFor(/market time x20/, 30_000);
    await p.waitFor(() => !Number.isNaN(priceIn(clocksRow(p, id!))), 10_000);
    const a = priceIn(clocksRow(p, id!));
    await new Promise((r) => setTimeout(r, 3000));
    const b = priceIn(clocksRow(p, id!));
    const market = await marketPrice(s, id!);
    // 3 s of wall time = 60 market seconds ≈ 0.083 USDC of fall, not the 0.004 a local clock would show.
    expect(a - b).toBeGreaterThan(0.05);
    expect(Math.abs(b - market)).toBeLessThan(0.03);
  }, 60_000);
});

describe('local expiry', () => {
  it('shows a task expired at the instant its expiry passes, without waiting for a poll', async () => {
    const s = await sim();
    const [id] = await seed(s, [
      { description: 'about to expire', reward: usdc(1), mode: 'claim', duration: 12 / 3600 },
      { description: 'stays open', reward: usdc(1), mode: 'claim', duration: 24 },
    ]);
    const p = desk(s);
    await p.waitFor(/1 Feed\s+1\/2\b/, 30_000);
    const row = () => feedBody(p).find((r) => r.includes(id!.slice(0, 9))) ?? '';
    await p.waitFor(() => /exp \d+s/.test(row()), 10_000);
    const expiresAt = Date.now() + Number(/exp (\d+)s/.exec(row())![1]) * 1000;
    await p.waitFor(() => /\bexpired\b/.test(row()), 20_000);
    // Within about a second of the instant, long before the 15 s feed poll.
    expect(Date.now() - expiresAt).toBeLessThan(2500);
    expect(row()).toMatch(/STATUS|expired/);
  }, 60_000);
});

describe('honest polls', () => {
  it('a wrong-shaped 200 leaves the screen intact and the header STALE; the next good poll recovers', async () => {
    const s = await sim();
    await seed(s, Array.from({ length: 3 }, (_, i) => ({ description: `t${i}`, reward: usdc(1), mode: 'bounty', duration: 24 })));
    const p = desk(s);
    await p.waitFor(/1 Feed\s+1\/3\b/, 30_000);
    await p.waitFor(/\bOK\b/, 10_000);
    await fetch(`${s.url}/sim/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: '/api/tasks', method: 'GET', kind: 'wrong-shape', count: null }) });
    p.write('R');
    await p.waitFor(/STALE/, 10_000);
    await p.waitFor(/unexpected shape/, 10_000);
    expect(feedIds(p)).toHaveLength(3);
    await fetch(`${s.url}/sim/faults`, { method: 'DELETE' });
    p.write('R');
    await p.waitFor(/\bOK\b/, 15_000);
    expect(feedIds(p)).toHaveLength(3);
  }, 60_000);
});

describe('keys read together', () => {
  it('three Backspaces in one read delete three characters', async () => {
    const s = await sim();
    await seed(s, [{ description: 't', reward: usdc(1), mode: 'bounty', duration: 24 }]);
    const p = desk(s);
    await p.waitFor(/1 Feed\s+1\/1\b/, 30_000);
    p.write('/');
    await p.waitFor(/fuzzy filter/, 10_000);
    p.write('4538dutch');
    await p.waitFor('/4538dutch', 10_000);
    p.write('\x7f\x7f\x7f');
    await p.waitFor(/\/4538du\b/, 10_000);
    p.write('\x15');
    await p.waitFor(() => !/\/4538/.test(p.screen()), 10_000);
  }, 60_000);
});
