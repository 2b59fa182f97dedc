// What a clock row shows, computed from the task's schedule and the shared tick with core's clock
// math (taskmarket-backend.md §3.1) — never a request per tick.
import { clockPrice, clockProgress } from '../core/clock.js';
import type { Task } from '../core/types.js';

export function isClockAuction(t: Task): boolean {
  return t.mode === 'auction' && (t.auctionType === 'dutch' || t.auctionType === 'reverse_dutch');
}

/** The clock price now, or null for anything that is not a dutch/reverse-dutch clock. */
export function clockPriceAt(t: Task, now: number): bigint | null {
  return isClockAuction(t) ? clockPrice(t, now) : null;
}

export interface ClockView {
  price: bigint | null;
  /** dutch: the floor it falls to; reverse dutch: the start it rises from. */
  low: bigint | null;
  high: bigint | null;
  progress: number | null;
  falling: boolean;
}

export function clockView(t: Task, now: number): ClockView {
  const falling = t.auctionType === 'dutch';
  return {
    price: clockPrice(t, now),
    low: falling ? (t.auctionFloorPrice ?? 0n) : (t.auctionStartPrice ?? 0n),
    high: t.maxPrice,
    progress: clockProgress(t, now),
    falling,
  };
}
