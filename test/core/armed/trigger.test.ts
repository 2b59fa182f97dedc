// Trigger timing against the backend's own clock formula: the instant triggerTiming returns is checked
// by brute force — every millisecond of small windows scanned with clockPrice — on both clock
// directions, and at the floor, the max, the bid deadline, the task expiry and the order's own expiry.
import { describe, expect, it } from 'vitest';
import { clockDirection, triggerMet, triggerTiming, type TriggerClock, type TriggerTiming } from '../../../src/core/armed/trigger.js';
import { clockPrice } from '../../../src/core/clock.js';

const START = 1_700_000_000_000;
const HOUR = 3_600_000;

const dutch = (o: Partial<TriggerClock> = {}): TriggerClock => ({
  auctionType: 'dutch',
  createdAt: START,
  bidDeadline: START + HOUR,
  expiryTime: START + 24 * HOUR,
  maxPrice: 5_000_000n,
  auctionStartPrice: null,
  auctionFloorPrice: 1_000_000n,
  ...o,
});
const rising = (o: Partial<TriggerClock> = {}): TriggerClock => ({
  auctionType: 'reverse_dutch',
  createdAt: START,
  bidDeadline: START + HOUR,
  expiryTime: START + 24 * HOUR,
  maxPrice: 5_000_000n,
  auctionStartPrice: 500_000n,
  auctionFloorPrice: null,
  ...o,
});

/** The first ms in [now, end) where clockPrice satisfies the trigger, by scanning every ms. */
function scan(c: TriggerClock, trigger: bigint, now: number, until: number | null = null): number | null {
  const direction = clockDirection(c.auctionType)!;
  const end = Math.min(c.bidDeadline!, c.expiryTime, until ?? Infinity);
  for (let t = now; t < end; t++) if (triggerMet(direction, clockPrice(c, t)!, trigger)) return t;
  return null;
}

function firstMs(r: TriggerTiming): number | null {
  return r.kind === 'never' ? null : r.at;
}

// A seeded LCG: the brute-force cases are the same on every run.
function rng(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

describe('triggerTiming agrees with clockPrice, millisecond by millisecond', () => {
  it('falling (dutch) clocks: every trigger across the range and past both ends', () => {
    const r = rng(7);
    let cases = 0;
    for (let k = 0; k < 40; k++) {
      const total = 200 + r(2800);
      const floor = BigInt(r(3_000_000));
      // Ranges both smaller and larger than the window: plateaus of many ms, and jumps of many units.
      const max = floor + 1n + BigInt(r(k % 2 === 0 ? total : 5_000_000));
      const c = dutch({ bidDeadline: START + total, maxPrice: max, auctionFloorPrice: floor });
      const triggers = [floor - 1n, floor, floor + 1n, max - 1n, max, max + 1n, floor + BigInt(r(Number(max - floor) + 1)), floor + BigInt(r(Number(max - floor) + 1))];
      for (const trigger of triggers) {
        for (const now of [START - 50, START, START + r(total), START + total - 1]) {
          const got = triggerTiming({ clock: c, trigger, now });
          const want = scan(c, trigger, now);
          expect(firstMs(got), `total ${total} floor ${floor} max ${max} trigger ${trigger} now ${now - START}`).toBe(want);
          if (got.kind !== 'never') expect(got.price).toBe(clockPrice(c, got.at));
          if (want === now) expect(got.kind).toBe('now');
          cases++;
        }
      }
    }
    expect(cases).toBe(40 * 8 * 4);
  });

  it('rising (reverse-dutch) clocks, with small ranges where the price steps slower than the ms', () => {
    const r = rng(11);
    for (let k = 0; k < 40; k++) {
      const total = 200 + r(2800);
      const start = BigInt(r(2_000_000));
      // Ranges both smaller and larger than the window: plateaus of many ms, and jumps of many units.
      const max = start + BigInt(k % 2 === 0 ? 1 + r(total) : 1 + r(4_000_000));
      const c = rising({ bidDeadline: START + total, maxPrice: max, auctionStartPrice: start });
      for (const trigger of [start - 1n, start, start + 1n, max - 1n, max, max + 1n, start + BigInt(r(Number(max - start) + 1))]) {
        for (const now of [START - 1, START, START + r(total), START + total - 1]) {
          const got = triggerTiming({ clock: c, trigger, now });
          expect(firstMs(got), `total ${total} start ${start} max ${max} trigger ${trigger} now ${now - START}`).toBe(scan(c, trigger, now));
        }
      }
    }
  });

  it('an hour-long clock: the instant is the first ms that satisfies (the one before does not)', () => {
    const r = rng(3);
    for (const c of [dutch(), rising()]) {
      const direction = clockDirection(c.auctionType)!;
      for (let k = 0; k < 200; k++) {
        const trigger = 500_000n + BigInt(r(4_500_000));
        const now = START + r(HOUR / 2);
        const got = triggerTiming({ clock: c, trigger, now });
        if (got.kind === 'never') {
          expect(triggerMet(direction, clockPrice(c, START + HOUR - 1)!, trigger)).toBe(false);
          continue;
        }
        expect(triggerMet(direction, clockPrice(c, got.at)!, trigger)).toBe(true);
        if (got.kind === 'at') {
          expect(got.at).toBeGreaterThan(now);
          expect(triggerMet(direction, clockPrice(c, got.at - 1)!, trigger)).toBe(false);
        }
        expect(got.at).toBeLessThan(START + HOUR);
      }
    }
  });
});

describe('boundaries', () => {
  it('falling: a trigger at or above the max fires at once; below the floor never', () => {
    expect(triggerTiming({ clock: dutch(), trigger: 5_000_000n, now: START + 10 })).toMatchObject({ kind: 'now', at: START + 10 });
    expect(triggerTiming({ clock: dutch(), trigger: 9_000_000n, now: START })).toMatchObject({ kind: 'now', price: 5_000_000n });
    const below = triggerTiming({ clock: dutch(), trigger: 999_999n, now: START });
    expect(below).toMatchObject({ kind: 'never' });
    expect(below.kind === 'never' && below.reason).toMatch(/below the floor/);
  });

  it('falling: the floor itself is reached only at the deadline, when accepting has closed', () => {
    const r = triggerTiming({ clock: dutch(), trigger: 1_000_000n, now: START });
    expect(r.kind === 'never' && r.reason).toMatch(/only at the bid deadline/);
    // 4.0 over 3.6e6 ms falls ~1.1 units a ms: the last ms before the deadline shows floor + 2, so floor + 1
    // is never reached in the window either, and floor + 2 is reached exactly at deadline − 1.
    const one = triggerTiming({ clock: dutch(), trigger: 1_000_001n, now: START });
    expect(one.kind === 'never' && one.reason).toMatch(/is at 1000002 base units when the bid deadline closes/);
    const two = triggerTiming({ clock: dutch(), trigger: 1_000_002n, now: START });
    expect(two).toEqual({ kind: 'at', at: START + HOUR - 1, price: 1_000_002n });
    expect(firstMs(two)).toBe(scanLast(dutch(), 1_000_002n));
  });

  it('rising: a trigger at or below the start fires at once; the max only at the deadline; above it never', () => {
    expect(triggerTiming({ clock: rising(), trigger: 500_000n, now: START })).toMatchObject({ kind: 'now' });
    expect(triggerTiming({ clock: rising(), trigger: 1n, now: START + 5 })).toMatchObject({ kind: 'now' });
    const atMax = triggerTiming({ clock: rising(), trigger: 5_000_000n, now: START });
    expect(atMax.kind === 'never' && atMax.reason).toMatch(/only at the bid deadline/);
    const above = triggerTiming({ clock: rising(), trigger: 5_000_001n, now: START });
    expect(above.kind === 'never' && above.reason).toMatch(/above the max/);
    // 4.5 over 3.6e6 ms rises 1.25 units a ms: the last ms before the deadline shows max − 2.
    expect(triggerTiming({ clock: rising(), trigger: 4_999_999n, now: START }).kind).toBe('never');
    expect(triggerTiming({ clock: rising(), trigger: 4_999_998n, now: START })).toEqual({ kind: 'at', at: START + HOUR - 1, price: 4_999_998n });
  });

  it('never after the deadline: at or past it nothing fires, even a trigger the price already meets', () => {
    for (const now of [START + HOUR, START + HOUR + 1, START + 2 * HOUR]) {
      const r = triggerTiming({ clock: dutch(), trigger: 5_000_000n, now });
      expect(r.kind === 'never' && r.reason).toMatch(/bid deadline has passed/);
    }
    // The last ms of the window still fires.
    expect(triggerTiming({ clock: dutch(), trigger: 5_000_000n, now: START + HOUR - 1 })).toMatchObject({ kind: 'now', at: START + HOUR - 1 });
  });

  it('an earlier task expiry or order expiry closes the window first', () => {
    const c = dutch({ expiryTime: START + HOUR / 2 });
    // 2.0 is reached at 45 min: after the expiry.
    const late = triggerTiming({ clock: c, trigger: 2_000_000n, now: START });
    expect(late.kind === 'never' && late.reason).toMatch(/task expiry/);
    const mine = triggerTiming({ clock: dutch(), trigger: 2_000_000n, now: START, until: START + HOUR / 4 });
    expect(mine.kind === 'never' && mine.reason).toMatch(/order expiry/);
    // 3.0 at 30 min: inside an order expiry of 40 min, outside one of exactly 30 min.
    expect(triggerTiming({ clock: dutch(), trigger: 3_000_000n, now: START, until: START + 40 * 60_000 })).toMatchObject({ kind: 'at', at: START + 30 * 60_000 });
    expect(triggerTiming({ clock: dutch(), trigger: 3_000_000n, now: START, until: START + 30 * 60_000 }).kind).toBe('never');
    expect(triggerTiming({ clock: dutch(), trigger: 3_000_000n, now: START, until: START + 30 * 60_000 + 1 }).kind).toBe('at');
  });

  it('agrees with the exact halfway point and a fractional now', () => {
    // 5.0 → 1.0 over an hour: 3.0 at exactly 30 min (drop 2.0 = 4.0 × elapsed / total).
    expect(triggerTiming({ clock: dutch(), trigger: 3_000_000n, now: START })).toEqual({ kind: 'at', at: START + 30 * 60_000, price: 3_000_000n });
    expect(triggerTiming({ clock: dutch(), trigger: 3_000_000n, now: START + 30 * 60_000 + 0.7 })).toMatchObject({ kind: 'now', at: START + 30 * 60_000 });
  });

  it('no clock: english, a null deadline or max, an empty window', () => {
    expect(triggerTiming({ clock: dutch({ auctionType: 'english' }), trigger: 1n, now: START }).kind).toBe('never');
    expect(triggerTiming({ clock: dutch({ bidDeadline: null }), trigger: 1n, now: START }).kind).toBe('never');
    expect(triggerTiming({ clock: dutch({ maxPrice: null }), trigger: 1n, now: START }).kind).toBe('never');
    expect(triggerTiming({ clock: dutch({ bidDeadline: START }), trigger: 1n, now: START }).kind).toBe('never');
  });

  it('a flat clock (max = floor) is met at once or never', () => {
    const flat = dutch({ auctionFloorPrice: 5_000_000n });
    expect(triggerTiming({ clock: flat, trigger: 5_000_000n, now: START + 5 }).kind).toBe('now');
    expect(triggerTiming({ clock: flat, trigger: 4_999_999n, now: START + 5 }).kind).toBe('never');
  });
});

/** For the hour-long clock: the first ms satisfying `trigger`, scanning only the last minute (where it lies). */
function scanLast(c: TriggerClock, trigger: bigint): number | null {
  return scan(c, trigger, c.bidDeadline! - 60_000);
}
