// The one shared 1 s tick: drives every countdown and clock price from local math, aligned to the
// wall-clock second so all panes move together. No request is ever made per tick.
import type { DeskStore } from './desk-store.js';

export interface Ticker {
  stop(): void;
}

export function startTicker(store: DeskStore, opts: { intervalMs?: number; now?: () => number } = {}): Ticker {
  const every = opts.intervalMs ?? 1000;
  const now = opts.now ?? Date.now;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const step = () => {
    if (stopped) return;
    const t = now();
    store.getState().tick(t);
    timer = setTimeout(step, every - (t % every) || every);
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
