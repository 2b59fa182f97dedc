// What a clock row shows, computed from the task's schedule and the shared tick with core's clock
// math (taskmarket-backend.md §3.1) — never a request per tick.
import { clockPath, clockPrice, clockProgress } from '../core/clock.js';
import type { Task } from '../core/types.js';

export function isClockAuction(t: Task): boolean {
  return t.mode === 'auction' && (t.auctionType === 'dutch' || t.auctionType === 'reverse_dutch');
}

export function isAuction(t: Task): boolean {
  return t.mode === 'auction' && t.auctionType !== null;
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
  /** The whole schedule sampled for a sparkline. */
  path: bigint[];
  falling: boolean;
}

export function clockView(t: Task, now: number, points: number): ClockView {
  const falling = t.auctionType === 'dutch';
  const low = falling ? (t.auctionFloorPrice ?? 0n) : (t.auctionStartPrice ?? 0n);
  const end = t.bidDeadline ?? t.createdAt;
  return {
    price: clockPrice(t, now),
    low,
    high: t.maxPrice,
    progress: clockProgress(t, now),
    path: points > 0 ? clockPath(t, t.createdAt, end, points) : [],
    falling,
  };
}

/** Whether a target has been reached at this price: a falling clock at or below it, a rising one at or above. */
export function targetReached(t: Task, price: bigint, target: bigint): boolean {
  return t.auctionType === 'dutch' ? price <= target : price >= target;
}
