// The one shared 1 s tick: drives every countdown and clock price from local math, aligned to the
// wall-clock second so all panes move together. No request is ever made per tick.
//
// Benchmark aid (bench/desk.mjs soak), inert unless set: after TASKDESK_BENCH_TICK_DELAY ms (default 0)
// of real ticks, TASKDESK_BENCH_TICKS=<n> runs n ticks of one virtual second each, every
// TASKDESK_BENCH_TICK_MS (default 2) real ms, then keeps ticking in real time from where it got to.
// TASKDESK_BENCH_TICK_REPORT=<file> gets a JSON line of progress, and the heap and RSS after a full GC
// (when node runs with --expose-gc) as the fast phase starts and as it ends. Hours of clock strings in
// a minute or two, for the memory soak.
import { writeFileSync } from 'node:fs';
import type { DeskStore } from './desk-store.js';

export interface Ticker {
  stop(): void;
}

export interface TickerOptions {
  intervalMs?: number;
  now?: () => number;
  env?: Record<string, string | undefined>;
}

export function startTicker(store: DeskStore, opts: TickerOptions = {}): Ticker {
  const every = opts.intervalMs ?? 1000;
  const fast = fastTicks(opts.env ?? process.env, opts.now ?? Date.now);
  const now = fast?.now ?? opts.now ?? Date.now;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const step = () => {
    if (stopped) return;
    const t = now();
    store.getState().tick(t);
    const wait = fast?.next() ?? (every - (t % every) || every);
    timer = setTimeout(step, wait);
    (timer as { unref?: () => void }).unref?.();
  };
  step();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/** The benchmark's fast clock (see the note at the top), or null when TASKDESK_BENCH_TICKS is unset. */
function fastTicks(env: Record<string, string | undefined>, real: () => number): { now(): number; next(): number | null } | null {
  const total = Number(env.TASKDESK_BENCH_TICKS);
  if (!Number.isInteger(total) || total <= 0) return null;
  const gap = Number(env.TASKDESK_BENCH_TICK_MS ?? 2) || 2;
  const delay = Number(env.TASKDESK_BENCH_TICK_DELAY ?? 0) || 0;
  const path = env.TASKDESK_BENCH_TICK_REPORT;
  const report: { ticks: number; done: boolean; start?: Memory; end?: Memory } = { ticks: 0, done: false };
  const say = () => {
    if (path) writeFileSync(path, `${JSON.stringify(report)}\n`);
  };
  const begun = real();
  let start = 0;
  let doneAt = 0;
  let ticks = -1; // -1: still in the real-time delay
  return {
    now() {
      if (ticks < 0) return real();
      return ticks < total ? start + ticks * 1000 : start + total * 1000 + (real() - doneAt);
    },
    next() {
      if (ticks < 0) {
        if (real() - begun < delay) return null;
        report.start = memoryAfterGc();
        start = real();
        ticks = 0;
        say();
        return gap;
      }
      if (ticks >= total) return null;
      ticks++;
      report.ticks = ticks;
      if (ticks === total) {
        doneAt = real();
        report.done = true;
        report.end = memoryAfterGc();
        say();
      } else if (ticks % 500 === 0) say();
      return gap;
    },
  };
}

interface Memory {
  heapUsed: number;
  rss: number;
}

function memoryAfterGc(): Memory {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, rss: m.rss };
}
