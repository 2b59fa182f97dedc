// The one shared 1 s tick: drives every countdown and clock price from local math, aligned to the
// wall-clock second so all panes move together. No request is ever made per tick.
//
// Benchmark aid (bench/desk.mjs soak), inert unless set: TASKDESK_BENCH_TICKS=<n> runs n ticks of one
// virtual second each, every TASKDESK_BENCH_TICK_MS (default 2) real ms, from the real time on, then
// keeps ticking in real time from where it got to; TASKDESK_BENCH_TICK_REPORT=<file> gets "ticks <k>"
// every 500 ticks and "done <n>" at the end. Hours of clock strings in a minute, for the RSS soak.
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
  const report = env.TASKDESK_BENCH_TICK_REPORT;
  const say = (line: string) => {
    if (report) writeFileSync(report, `${line}\n`);
  };
  const start = real();
  let doneAt = 0;
  let ticks = 0;
  return {
    now: () => (ticks < total ? start + ticks * 1000 : start + total * 1000 + (real() - doneAt)),
    next() {
      if (ticks >= total) return null;
      ticks++;
      if (ticks === total) {
        doneAt = real();
        say(`done ${total}`);
      }
      else if (ticks % 500 === 0) say(`ticks ${ticks}`);
      return gap;
    },
  };
}
