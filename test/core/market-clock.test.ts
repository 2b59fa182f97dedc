import { describe, expect, it } from 'vitest';
import { describeClock, MarketClock, marketTimeAt } from '../../src/core/market-clock.js';

/** A Date header for market time m: whole seconds, truncated. */
const dateOf = (m: number) => Math.floor(m / 1000) * 1000;

describe('MarketClock', () => {
  it('is the local clock until a sample arrives', () => {
    const c = new MarketClock();
    expect(c.now(1_000)).toBe(1_000);
    expect(describeClock(c.state)).toBeNull();
  });

  it('narrows a skewed clock below a second from Date headers at different phases', () => {
    const skew = 30_437; // the market is 30.437 s ahead of this machine
    const c = new MarketClock();
    let local = 1_700_000_000_000;
    for (let i = 0; i < 12; i++) {
      local += 1_337; // requests land at different sub-second phases
      const sentAt = local;
      const receivedAt = local + 20;
      const serverStamp = dateOf(sentAt + 10 + skew);
      c.observe({ sentAt, receivedAt, marketTime: serverStamp, precise: false });
    }
    expect(Math.abs(c.state.offsetMs - skew)).toBeLessThan(100);
    expect(Math.abs(c.now(local) - (local + skew))).toBeLessThan(100);
    expect(describeClock(c.state)).toMatch(/^market clock \+30\.\ds$/);
  });

  it('uses a precise market time at once', () => {
    const c = new MarketClock();
    c.observe({ sentAt: 1000, receivedAt: 1010, marketTime: 1005 - 45_000, precise: true, scale: 1 });
    expect(c.now(2005)).toBe(2005 - 45_000);
    expect(describeClock(c.state)).toBe('market clock -45.0s');
  });

  it('starts over when the clocks jump against each other', () => {
    const c = new MarketClock();
    c.observe({ sentAt: 0, receivedAt: 10, marketTime: 5, precise: true });
    c.observe({ sentAt: 100, receivedAt: 110, marketTime: 105 + 60_000, precise: true });
    expect(c.state.offsetMs).toBe(60_000);
    expect(c.state.samples).toBe(1);
  });

  it('follows a scaled market from its announced rate', () => {
    const c = new MarketClock();
    c.observe({ sentAt: 10_000, receivedAt: 10_010, marketTime: 50_000, precise: true, scale: 20 });
    // 1 s of local time later the scaled market moved 20 s.
    expect(c.now(11_005)).toBe(70_000);
    expect(describeClock(c.state)).toBe('market time x20');
    expect(marketTimeAt(c.state, 10_005)).toBe(50_000);
  });

  it('stands still for a manual (scale 0) clock', () => {
    const c = new MarketClock();
    c.observe({ sentAt: 0, receivedAt: 0, marketTime: 123_456, precise: true, scale: 0 });
    expect(c.now(99_999)).toBe(123_456);
    expect(describeClock(c.state)).toBe('market clock stopped');
  });

  it('ignores a sample whose times make no sense', () => {
    const c = new MarketClock();
    const before = c.state;
    c.observe({ sentAt: 10, receivedAt: 5, marketTime: 0, precise: true });
    c.observe({ sentAt: 0, receivedAt: 5, marketTime: Number.NaN, precise: true });
    expect(c.state).toBe(before);
  });

  it('says nothing while the skew is within a second', () => {
    const c = new MarketClock();
    c.observe({ sentAt: 0, receivedAt: 10, marketTime: 405, precise: true });
    expect(describeClock(c.state)).toBeNull();
  });
});
