// The ticker's benchmark fast clock (src/store/ticker.ts, used by the soak in bench/desk.mjs): inert
// unless TASKDESK_BENCH_TICKS is set; when set, n ticks one virtual second apart, then real time again,
// with a JSON progress report that carries the memory readings.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeskStore } from '../../src/store/desk-store.js';
import { startTicker, type Ticker } from '../../src/store/ticker.js';

const fakeStore = (seen: number[]) => ({ getState: () => ({ tick: (t: number) => void seen.push(t) }) }) as unknown as DeskStore;
let ticker: Ticker | null = null;
const dirs: string[] = [];
afterEach(() => {
  ticker?.stop();
  ticker = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const until = async (pred: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('the ticker', () => {
  it('ticks in real time when no benchmark variable is set', async () => {
    const seen: number[] = [];
    ticker = startTicker(fakeStore(seen), { env: {}, now: () => 5_000 });
    expect(seen).toEqual([5_000]);
  });

  it('TASKDESK_BENCH_TICKS runs that many virtual seconds fast, reports them, then ticks in real time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'td-ticker-'));
    dirs.push(dir);
    const report = join(dir, 'r');
    const seen: number[] = [];
    const t0 = Date.now();
    ticker = startTicker(fakeStore(seen), { env: { TASKDESK_BENCH_TICKS: '600', TASKDESK_BENCH_TICK_MS: '1', TASKDESK_BENCH_TICK_REPORT: report } });
    const read = () => {
      try {
        return JSON.parse(readFileSync(report, 'utf8')) as { ticks: number; done: boolean; start?: { rss: number; heapUsed: number }; end?: { rss: number } };
      } catch {
        return null;
      }
    };
    await until(() => read()?.done === true);
    const r = read()!;
    expect(r.ticks).toBe(600);
    expect(r.start!.rss).toBeGreaterThan(0);
    expect(r.start!.heapUsed).toBeGreaterThan(0);
    expect(r.end!.rss).toBeGreaterThan(0);
    // 600 virtual seconds went by in far less real time, one second per tick.
    expect(Date.now() - t0).toBeLessThan(600_000);
    const fast = seen.slice(1, 601);
    for (let i = 1; i < fast.length; i++) expect(fast[i]! - fast[i - 1]!).toBe(1000);
    expect(fast.length).toBe(600);
    expect(fast.at(-1)! - fast[0]!).toBe(599_000);
  });
});
