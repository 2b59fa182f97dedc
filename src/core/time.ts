// Time sources. Core rules take `now` as a plain epoch-ms number; these clocks produce it, so the
// simulator and tests can run market time manually or faster than real time.

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that moves only when told to (tests, deterministic simulations). */
export class ManualClock implements Clock {
  private current: number;

  constructor(start = 0) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  advance(ms: number): number {
    this.current += ms;
    return this.current;
  }

  set(ms: number): number {
    this.current = ms;
    return this.current;
  }
}

/**
 * Market time = start + (real − start) × scale, where real comes from `base`. Changing the scale
 * re-anchors at the current market time so the clock never jumps. `marketStart` (default `start`)
 * resumes a persisted market time: market = marketStart + (real − start) × scale.
 */
export class ScaledClock implements Clock {
  private anchorReal: number;
  private anchorMarket: number;
  private factor: number;

  constructor(
    scale: number,
    private readonly base: Clock = systemClock,
    start: number = base.now(),
    marketStart: number = start,
  ) {
    if (!Number.isFinite(scale) || scale < 0) throw new RangeError(`Invalid clock scale: ${scale}`);
    this.factor = scale;
    this.anchorReal = start;
    this.anchorMarket = marketStart;
  }

  get scale(): number {
    return this.factor;
  }

  now(): number {
    return Math.floor(this.anchorMarket + (this.base.now() - this.anchorReal) * this.factor);
  }

  /** New speed from now on; market time stays continuous. */
  setScale(scale: number): void {
    if (!Number.isFinite(scale) || scale < 0) throw new RangeError(`Invalid clock scale: ${scale}`);
    this.anchorMarket = this.now();
    this.anchorReal = this.base.now();
    this.factor = scale;
  }

  /** Jump market time forward (never backward), e.g. to skip to a deadline in the simulator. */
  skip(ms: number): void {
    if (ms < 0) throw new RangeError('Cannot skip backwards');
    this.anchorMarket = this.now() + ms;
    this.anchorReal = this.base.now();
  }
}
