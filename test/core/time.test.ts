import { describe, expect, it } from 'vitest';
import { ManualClock, ScaledClock, systemClock } from '../../src/core/time.js';

describe('clocks', () => {
  it('systemClock reads Date.now', () => {
    const before = Date.now();
    const t = systemClock.now();
    expect(t >= before && t <= Date.now()).toBe(true);
  });

  it('ManualClock moves only when told', () => {
    const c = new ManualClock(1000);
    expect(c.now()).toBe(1000);
    expect(c.advance(500)).toBe(1500);
    expect(c.now()).toBe(1500);
    expect(c.set(42)).toBe(42);
    expect(c.now()).toBe(42);
  });

  it('ScaledClock: market = start + (real − start) × scale', () => {
    const real = new ManualClock(10_000);
    const c = new ScaledClock(60, real);
    expect(c.now()).toBe(10_000);
    real.advance(1000);
    expect(c.now()).toBe(10_000 + 60_000);
    c.setScale(1);
    expect(c.now()).toBe(70_000);
    real.advance(1000);
    expect(c.now()).toBe(71_000);
    c.skip(5000);
    expect(c.now()).toBe(76_000);
    expect(c.scale).toBe(1);
  });

  it('ScaledClock with an explicit start and a paused scale', () => {
    const real = new ManualClock(5000);
    const c = new ScaledClock(2, real, 1000);
    expect(c.now()).toBe(1000 + (5000 - 1000) * 2);
    c.setScale(0);
    real.advance(10_000);
    expect(c.now()).toBe(9000);
  });

  it('ScaledClock resumes a persisted market time ahead of the wall clock', () => {
    const real = new ManualClock(5000);
    const c = new ScaledClock(10, real, real.now(), 50_000);
    expect(c.now()).toBe(50_000);
    real.advance(100);
    expect(c.now()).toBe(51_000);
  });

  it('rejects bad scales and backward skips', () => {
    expect(() => new ScaledClock(-1)).toThrow(RangeError);
    expect(() => new ScaledClock(Number.NaN)).toThrow(RangeError);
    expect(() => new ScaledClock(1).skip(-1)).toThrow(RangeError);
  });
});
