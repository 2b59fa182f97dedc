// When an armed auction-accept fires: the first whole millisecond at which the local clock (clockPrice,
// the backend's own formula and rounding, taskmarket-backend.md §3.1) satisfies the trigger P — at or
// below P on a falling (dutch) clock, at or above P on a rising (reverse-dutch) one. Pure.
//
// The window a fire may land in is [now, end) with end = min(bidDeadline, expiryTime, the order's own
// expiry): the backend refuses an accept at now ≥ bidDeadline and its preflight one at now ≥ expiryTime
// (§1.3). The clock is monotonic in time, so the first satisfying ms is found by bisection over integer
// ms and is exact, not the float estimate computePriceTimestamp (§3.2) gives.
import { clockPrice } from '../clock.js';
import type { AuctionType, ClockInput } from '../types.js';

export type ClockDirection = 'falling' | 'rising';

/** dutch falls from max to the floor, reverse_dutch rises from the start price to max; other types have no clock. */
export function clockDirection(t: AuctionType | null): ClockDirection | null {
  return t === 'dutch' ? 'falling' : t === 'reverse_dutch' ? 'rising' : null;
}

/** Does `price` satisfy a trigger of `trigger` on a clock moving in `direction`? */
export function triggerMet(direction: ClockDirection, price: bigint, trigger: bigint): boolean {
  return direction === 'falling' ? price <= trigger : price >= trigger;
}

export interface TriggerClock extends ClockInput {
  /** Epoch ms; an accept at or after it is refused (preflight "Auction clock has expired"). */
  expiryTime: number;
}

export type TriggerTiming =
  /** Already satisfied at `now`: fire at once. `price` is the clock price at now. */
  | { kind: 'now'; at: number; price: bigint }
  /** First satisfied at `at` (epoch ms, integer, > now); `price` is the clock price at that ms. */
  | { kind: 'at'; at: number; price: bigint }
  /** Never satisfied inside the window; `reason` says why, in the operator's words. */
  | { kind: 'never'; reason: string };

export interface TriggerQuery {
  clock: TriggerClock;
  trigger: bigint;
  /** Market time now (ms). */
  now: number;
  /** The order's own expiry (market ms), if earlier than the clock's deadline. */
  until?: number | null;
}

/** The last millisecond a fire may land in plus one, and what closes the window there. */
function windowEnd(c: TriggerClock, until: number | null | undefined): { end: number; what: string } {
  let end = c.bidDeadline ?? -Infinity;
  let what = 'the bid deadline';
  if (c.expiryTime < end) {
    end = c.expiryTime;
    what = 'the task expiry';
  }
  if (until !== null && until !== undefined && until < end) {
    end = until;
    what = 'the order expiry';
  }
  return { end: Math.ceil(end), what };
}

/** The exact first ms in [now, end) where the clock satisfies the trigger. */
export function triggerTiming(q: TriggerQuery): TriggerTiming {
  const { clock: c, trigger } = q;
  const direction = clockDirection(c.auctionType);
  if (direction === null) return { kind: 'never', reason: `a ${c.auctionType ?? 'untyped'} auction has no clock` };
  const now = Math.trunc(q.now);
  const atNow = clockPrice(c, now);
  if (atNow === null) return { kind: 'never', reason: 'the clock has no price (no bid deadline or max price, or an empty window)' };
  const { end, what } = windowEnd(c, q.until);
  if (now >= end) return { kind: 'never', reason: `${what} has passed` };
  if (triggerMet(direction, atNow, trigger)) return { kind: 'now', at: now, price: atNow };
  const last = end - 1;
  const atLast = clockPrice(c, last) as bigint;
  if (!triggerMet(direction, atLast, trigger)) return { kind: 'never', reason: neverReason(c, direction, trigger, atLast, what) };
  // Invariant: not met at lo, met at hi (monotonic clock).
  let lo = now;
  let hi = last;
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (triggerMet(direction, clockPrice(c, mid) as bigint, trigger)) hi = mid;
    else lo = mid;
  }
  return { kind: 'at', at: hi, price: clockPrice(c, hi) as bigint };
}

function neverReason(c: TriggerClock, direction: ClockDirection, trigger: bigint, lastPrice: bigint, what: string): string {
  const units = (v: bigint) => `${v} base units`;
  if (direction === 'falling') {
    const floor = c.auctionFloorPrice ?? 0n;
    if (trigger < floor) return `the trigger ${units(trigger)} is below the floor ${units(floor)}: a falling clock never gets there`;
    if (trigger === floor) return `the clock reaches its floor ${units(floor)} only at the bid deadline, when accepting closes`;
  } else {
    const max = c.maxPrice ?? 0n;
    if (trigger > max) return `the trigger ${units(trigger)} is above the max ${units(max)}: a rising clock never gets there`;
    if (trigger === max) return `the clock reaches its max ${units(max)} only at the bid deadline, when accepting closes`;
  }
  return `the clock is at ${units(lastPrice)} when ${what} closes the window: it does not reach ${units(trigger)} in time`;
}

/**
 * The clock's own crossing instant: the first ms of the whole window (from createdAt) at which the trigger
 * holds, or null when it never does. A fire that comes later (a resumed order) is measured against it.
 */
export function crossingInstant(clock: TriggerClock, trigger: bigint, until?: number | null): number | null {
  const t = triggerTiming({ clock, trigger, now: clock.createdAt, until: until ?? null });
  return t.kind === 'never' ? null : t.at;
}
