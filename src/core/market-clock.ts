// The market's clock as seen from this machine. Every clock price and countdown must use the market's
// time, not the laptop's: a skewed local clock would misprice every dutch clock. Samples come from
// responses: the HTTP Date header (whole seconds) and, where a market gives one, its own millisecond
// time (the simulator's X-Sim-Time, with X-Sim-Time-Scale for a sped-up market).
//
// A Date-header sample bounds the offset: the server stamped a second s while the request was in
// flight, so market − local lies in [s − receivedAt, s + 1000 − sentAt]. Intersecting the bounds of
// recent samples narrows the offset well below a second; the estimate is the middle of what is left.
// An empty intersection means a clock jumped: start over from the newest sample.

export interface ClockSample {
  /** Local (wall) time the request left and the response arrived, ms. */
  sentAt: number;
  receivedAt: number;
  /** The market's time: ms precision (`precise`) or a Date header's whole second. */
  marketTime: number;
  precise: boolean;
  /** Market ms per local ms (1 for a real market); only precise samples carry it. */
  scale?: number;
}

export interface MarketClockState {
  /** market − local at scale 1 (ms), the middle of the current bounds. */
  offsetMs: number;
  /** ± half-width of the bounds (ms): how sure the estimate is. */
  uncertaintyMs: number;
  /** Market ms per local ms. */
  scale: number;
  /** For scale ≠ 1: the market time at `anchorLocal`. */
  anchorLocal: number;
  anchorMarket: number;
  /** Number of samples behind the estimate (0 = none yet: market time is local time). */
  samples: number;
}

export const LOCAL_CLOCK: MarketClockState = { offsetMs: 0, uncertaintyMs: Infinity, scale: 1, anchorLocal: 0, anchorMarket: 0, samples: 0 };

/** Samples older than this no longer bound the offset (local clocks drift, NTP steps). */
const WINDOW_MS = 10 * 60_000;

export class MarketClock {
  private bounds: { at: number; lo: number; hi: number }[] = [];
  private st: MarketClockState = LOCAL_CLOCK;

  get state(): MarketClockState {
    return this.st;
  }

  /** Market time at local time `local`. */
  now(local: number = Date.now()): number {
    return marketTimeAt(this.st, local);
  }

  /** Feed one response; returns the new state (the same object when nothing changed). */
  observe(s: ClockSample): MarketClockState {
    if (!(s.receivedAt >= s.sentAt) || !Number.isFinite(s.marketTime)) return this.st;
    const scale = s.precise && s.scale !== undefined && Number.isFinite(s.scale) && s.scale >= 0 ? s.scale : 1;
    if (scale !== 1) {
      // A scaled (or frozen) market: anchor at the newest precise sample's midpoint.
      const mid = (s.sentAt + s.receivedAt) / 2;
      return this.set({ offsetMs: s.marketTime - mid, uncertaintyMs: (s.receivedAt - s.sentAt) / 2, scale, anchorLocal: mid, anchorMarket: s.marketTime, samples: this.st.samples + 1 });
    }
    if (this.st.scale !== 1) this.reset();
    const lo = s.marketTime - s.receivedAt;
    const hi = s.marketTime + (s.precise ? 0 : 1000) - s.sentAt;
    this.bounds.push({ at: s.receivedAt, lo, hi });
    this.bounds = this.bounds.filter((b) => s.receivedAt - b.at <= WINDOW_MS).slice(-64);
    let L = -Infinity;
    let H = Infinity;
    for (const b of this.bounds) {
      L = Math.max(L, b.lo);
      H = Math.min(H, b.hi);
    }
    if (L > H) {
      // The clocks jumped relative to each other: only the newest sample is true now.
      this.bounds = [{ at: s.receivedAt, lo, hi }];
      L = lo;
      H = hi;
    }
    const offsetMs = Math.round((L + H) / 2);
    return this.set({ offsetMs, uncertaintyMs: (H - L) / 2, scale: 1, anchorLocal: 0, anchorMarket: 0, samples: this.bounds.length });
  }

  reset(): void {
    this.bounds = [];
    this.st = LOCAL_CLOCK;
  }

  private set(next: MarketClockState): MarketClockState {
    const p = this.st;
    if (p.offsetMs === next.offsetMs && p.scale === next.scale && p.anchorMarket === next.anchorMarket && p.samples === next.samples && p.uncertaintyMs === next.uncertaintyMs) return p;
    this.st = next;
    return next;
  }
}

/** Market time at local time `local` under `s` (pure; the store's tick uses it). */
export function marketTimeAt(s: MarketClockState, local: number): number {
  if (s.scale !== 1) return Math.floor(s.anchorMarket + (local - s.anchorLocal) * s.scale);
  return local + s.offsetMs;
}

/** What the header says about the market clock: null while it agrees with this machine within a second. */
export function describeClock(s: MarketClockState): string | null {
  if (s.samples === 0) return null;
  if (s.scale !== 1) return s.scale === 0 ? 'market clock stopped' : `market time x${formatScale(s.scale)}`;
  if (Math.abs(s.offsetMs) <= 1000) return null;
  const sign = s.offsetMs > 0 ? '+' : '-';
  const abs = Math.abs(s.offsetMs);
  const text = abs >= 60_000 ? `${Math.floor(abs / 60_000)}m${String(Math.round((abs % 60_000) / 1000)).padStart(2, '0')}s` : `${(abs / 1000).toFixed(1)}s`;
  return `market clock ${sign}${text}`;
}

function formatScale(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2).replace(/0+$/, '');
}
