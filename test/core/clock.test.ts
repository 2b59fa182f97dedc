import { describe, expect, it } from 'vitest';
import { clockMilestones, clockPath, clockPrice, clockProgress, priceReachesAt } from '../../src/core/clock.js';
import type { ClockInput } from '../../src/core/types.js';

const START = 1_700_000_000_000;
const HOUR = 3_600_000;

const dutch = (o: Partial<ClockInput> = {}): ClockInput => ({
  auctionType: 'dutch',
  createdAt: START,
  bidDeadline: START + HOUR,
  maxPrice: 5_000_000n,
  auctionStartPrice: null,
  auctionFloorPrice: 1_000_000n,
  ...o,
});
const reverse = (o: Partial<ClockInput> = {}): ClockInput => ({
  auctionType: 'reverse_dutch',
  createdAt: START,
  bidDeadline: START + HOUR,
  maxPrice: 5_000_000n,
  auctionStartPrice: 500_000n,
  auctionFloorPrice: null,
  ...o,
});

describe('clockPrice (§3.1)', () => {
  it.each([
    ['dutch before start', dutch(), START - 5, 5_000_000n],
    ['dutch at createdAt = max', dutch(), START, 5_000_000n],
    ['dutch quarter way', dutch(), START + HOUR / 4, 4_000_000n],
    ['dutch at 18.75 min (guide example)', dutch(), START + 1_125_000, 3_750_000n],
    ['dutch at bidDeadline = floor', dutch(), START + HOUR, 1_000_000n],
    ['dutch past deadline = floor', dutch(), START + 10 * HOUR, 1_000_000n],
    ['dutch floor null → 0 at deadline', dutch({ auctionFloorPrice: null }), START + HOUR, 0n],
    ['dutch floor = max stays max', dutch({ auctionFloorPrice: 5_000_000n }), START + HOUR / 2, 5_000_000n],
    // 1000 × 1 / 3 = 333 dropped → 667: rounded up toward max.
    ['dutch rounds up', dutch({ bidDeadline: START + 3, maxPrice: 1000n, auctionFloorPrice: 0n }), START + 1, 667n],
    ['dutch 1 base unit left, 1 ms early', dutch({ bidDeadline: START + 1000, maxPrice: 1_000_001n, auctionFloorPrice: 1_000_000n }), START + 999, 1_000_001n],
    ['dutch 1 base unit left, at deadline', dutch({ bidDeadline: START + 1000, maxPrice: 1_000_001n, auctionFloorPrice: 1_000_000n }), START + 1000, 1_000_000n],
    ['dutch $0.000550', dutch({ bidDeadline: START + 1000, maxPrice: 1000n, auctionFloorPrice: 100n }), START + 500, 550n],
    ['dutch millisecond precision', dutch({ bidDeadline: START + 1_000_000, maxPrice: 2_000_000n, auctionFloorPrice: 0n }), START + 1, 1_999_998n],
    ['reverse before start = start', reverse(), START - 1, 500_000n],
    ['reverse at createdAt = start', reverse(), START, 500_000n],
    ['reverse half way', reverse(), START + HOUR / 2, 2_750_000n],
    ['reverse at deadline = max', reverse(), START + HOUR, 5_000_000n],
    ['reverse past deadline = max', reverse(), START + 2 * HOUR, 5_000_000n],
    ['reverse start null → 0', reverse({ auctionStartPrice: null }), START, 0n],
    ['reverse start = max', reverse({ auctionStartPrice: 5_000_000n }), START + 1, 5_000_000n],
    // 1000 × 1 / 3 = 333 risen: rounded down toward start.
    ['reverse rounds down', reverse({ bidDeadline: START + 3, maxPrice: 1000n, auctionStartPrice: 0n }), START + 1, 333n],
    ['reverse 1 base unit left', reverse({ bidDeadline: START + 1000, maxPrice: 1_000_001n, auctionStartPrice: 1_000_000n }), START + 999, 1_000_000n],
  ])('%s', (_name, t, now, price) => {
    expect(clockPrice(t, now)).toBe(price);
  });

  it.each([
    ['no bidDeadline', dutch({ bidDeadline: null })],
    ['no maxPrice', dutch({ maxPrice: null })],
    ['total = 0', dutch({ bidDeadline: START })],
    ['total < 0', reverse({ bidDeadline: START - 1 })],
    ['english', dutch({ auctionType: 'english' })],
    ['reverse_english', dutch({ auctionType: 'reverse_english' })],
    ['untyped', dutch({ auctionType: null })],
  ])('null when %s', (_name, t) => {
    expect(clockPrice(t, START + 1)).toBeNull();
  });

  it('is monotonic: dutch never rises, reverse dutch never falls', () => {
    let lastD = clockPrice(dutch(), START) as bigint;
    let lastR = clockPrice(reverse(), START) as bigint;
    for (let ms = 0; ms <= HOUR; ms += 7_919) {
      const d = clockPrice(dutch(), START + ms) as bigint;
      const r = clockPrice(reverse(), START + ms) as bigint;
      expect(d <= lastD && r >= lastR).toBe(true);
      lastD = d;
      lastR = r;
    }
  });
});

describe('priceReachesAt (§3.2)', () => {
  it.each([
    ['dutch floor → bidDeadline', dutch(), 1_000_000n, START + HOUR],
    ['dutch below floor → bidDeadline', dutch(), 1n, START + HOUR],
    ['dutch max → createdAt', dutch(), 5_000_000n, START],
    ['dutch above max → createdAt', dutch(), 9_000_000n, START],
    ['dutch midpoint', dutch(), 3_000_000n, START + HOUR / 2],
    // (3−1)/3 × 1000 = 666.67 → Math.round → 667.
    ['dutch float rounding', dutch({ bidDeadline: START + 1000, maxPrice: 3n, auctionFloorPrice: 0n }), 1n, START + 667],
    // (4−3)/4 × 2 = 0.5 → Math.round rounds half up → 1.
    ['dutch half rounds up', dutch({ bidDeadline: START + 2, maxPrice: 4n, auctionFloorPrice: 0n }), 3n, START + 1],
    ['reverse max → bidDeadline', reverse(), 5_000_000n, START + HOUR],
    ['reverse start → createdAt', reverse(), 500_000n, START],
    ['reverse below start → createdAt', reverse(), 1n, START],
    ['reverse midpoint', reverse(), 2_750_000n, START + HOUR / 2],
    ['reverse half rounds up', reverse({ bidDeadline: START + 2, maxPrice: 4n, auctionStartPrice: 0n }), 1n, START + 1],
  ])('%s', (_name, t, target, at) => {
    expect(priceReachesAt(t, target)).toBe(at);
  });

  it.each([
    ['no bidDeadline', dutch({ bidDeadline: null })],
    ['no maxPrice', reverse({ maxPrice: null })],
    ['total = 0', dutch({ bidDeadline: START })],
    ['english', dutch({ auctionType: 'english' })],
  ])('null when %s', (_name, t) => {
    expect(priceReachesAt(t, 2_000_000n)).toBeNull();
  });

  it('milestones: dutch gives floorAt, reverse gives maxAt, both = bidDeadline', () => {
    expect(clockMilestones(dutch())).toEqual({ reachesFloorAt: START + HOUR, reachesMaxAt: null });
    expect(clockMilestones(reverse())).toEqual({ reachesFloorAt: null, reachesMaxAt: START + HOUR });
    expect(clockMilestones(dutch({ auctionType: 'english' }))).toEqual({ reachesFloorAt: null, reachesMaxAt: null });
  });
});

describe('clockProgress', () => {
  it.each([
    [START - 10, 0],
    [START, 0],
    [START + HOUR / 4, 0.25],
    [START + HOUR, 1],
    [START + 3 * HOUR, 1],
  ])('at %s → %s', (now, p) => {
    expect(clockProgress(dutch(), now)).toBe(p);
  });
  it('works for bid windows of english auctions and is null without a window', () => {
    expect(clockProgress(dutch({ auctionType: 'english' }), START + HOUR / 2)).toBe(0.5);
    expect(clockProgress(dutch({ bidDeadline: null }), START)).toBeNull();
    expect(clockProgress(dutch({ bidDeadline: START }), START)).toBeNull();
  });
});

describe('clockPath', () => {
  it('samples evenly, both ends included', () => {
    expect(clockPath(dutch(), START, START + HOUR, 5)).toEqual([5_000_000n, 4_000_000n, 3_000_000n, 2_000_000n, 1_000_000n]);
    expect(clockPath(reverse(), START, START + HOUR, 3)).toEqual([500_000n, 2_750_000n, 5_000_000n]);
  });
  it('handles degenerate requests', () => {
    expect(clockPath(dutch(), START, START + HOUR, 0)).toEqual([]);
    expect(clockPath(dutch(), START, START + HOUR, 1)).toEqual([5_000_000n]);
    expect(clockPath(dutch({ auctionType: 'english' }), START, START + HOUR, 5)).toEqual([]);
  });
});
