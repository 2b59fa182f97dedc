// The auction clock exactly as the backend computes it (taskmarket-backend.md §3.1–§3.2):
// continuous per millisecond, bigint truncating division, dutch rounds toward max, reverse dutch toward start.
import type { ClockInput } from './types.js';

/** The clock window in whole ms, or null where the backend gives null (§3.1). */
function clockWindow(t: ClockInput): { start: bigint; total: bigint; max: bigint } | null {
  if (t.bidDeadline === null || t.maxPrice === null) return null;
  const total = BigInt(Math.trunc(t.bidDeadline)) - BigInt(Math.trunc(t.createdAt));
  if (total <= 0n) return null;
  return { start: BigInt(Math.trunc(t.createdAt)), total, max: t.maxPrice };
}

/** The clock price at `now` in base units; null without bidDeadline/maxPrice, total ≤ 0 or a non-clock subtype. */
export function clockPrice(t: ClockInput, now: number): bigint | null {
  const w = clockWindow(t);
  if (w === null) return null;
  let elapsed = BigInt(Math.trunc(now)) - w.start;
  if (elapsed < 0n) elapsed = 0n;
  if (elapsed > w.total) elapsed = w.total;
  if (t.auctionType === 'dutch') {
    const floor = t.auctionFloorPrice ?? 0n;
    const price = w.max - ((w.max - floor) * elapsed) / w.total;
    return price < floor ? floor : price;
  }
  if (t.auctionType === 'reverse_dutch') {
    const start = t.auctionStartPrice ?? 0n;
    const price = start + ((w.max - start) * elapsed) / w.total;
    return price > w.max ? w.max : price;
  }
  return null;
}

/**
 * When the clock reaches `target` (epoch ms), §3.2 computePriceTimestamp: boundary targets map to
 * createdAt/bidDeadline, the rest use the backend's floating-point fraction and Math.round.
 */
export function priceReachesAt(t: ClockInput, target: bigint): number | null {
  const w = clockWindow(t);
  if (w === null || t.bidDeadline === null) return null;
  const total = Number(w.total);
  if (t.auctionType === 'dutch') {
    const floor = t.auctionFloorPrice ?? 0n;
    if (target <= floor) return t.bidDeadline;
    if (target >= w.max) return t.createdAt;
    const range = w.max - floor;
    if (range === 0n) return null;
    return t.createdAt + Math.round((Number(w.max - target) / Number(range)) * total);
  }
  if (t.auctionType === 'reverse_dutch') {
    const start = t.auctionStartPrice ?? 0n;
    if (target >= w.max) return t.bidDeadline;
    if (target <= start) return t.createdAt;
    const range = w.max - start;
    if (range === 0n) return null;
    return t.createdAt + Math.round((Number(target - start) / Number(range)) * total);
  }
  return null;
}

/** dutch → auctionPriceReachesFloorAt, reverse_dutch → auctionPriceReachesMaxAt; the other is null (§3.2). */
export function clockMilestones(t: ClockInput): { reachesFloorAt: number | null; reachesMaxAt: number | null } {
  return {
    reachesFloorAt: t.auctionType === 'dutch' ? priceReachesAt(t, t.auctionFloorPrice ?? 0n) : null,
    reachesMaxAt: t.auctionType === 'reverse_dutch' && t.maxPrice !== null ? priceReachesAt(t, t.maxPrice) : null,
  };
}

/**
 * Elapsed fraction of the bid window (createdAt → bidDeadline), clamped to 0..1. Works for any
 * auction with a bid deadline (english windows too); null without one or when the window is empty.
 */
export function clockProgress(t: Pick<ClockInput, 'createdAt' | 'bidDeadline'>, now: number): number | null {
  if (t.bidDeadline === null) return null;
  const total = t.bidDeadline - t.createdAt;
  if (!(total > 0)) return null;
  const fraction = (now - t.createdAt) / total;
  return fraction < 0 ? 0 : fraction > 1 ? 1 : fraction;
}

/** `points` clock prices sampled evenly from `from` to `to` inclusive (for a sparkline); [] if no clock. */
export function clockPath(t: ClockInput, from: number, to: number, points: number): bigint[] {
  const n = Math.floor(points);
  if (n < 1 || clockPrice(t, from) === null) return [];
  if (n === 1) return [clockPrice(t, from) as bigint];
  const out: bigint[] = [];
  for (let i = 0; i < n; i++) {
    const at = i === n - 1 ? to : from + Math.floor(((to - from) * i) / (n - 1));
    out.push(clockPrice(t, at) as bigint);
  }
  return out;
}
