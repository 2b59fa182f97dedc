// Signatures are dated by the market's clock when it runs at real speed, by this machine's otherwise.
import { describe, expect, it } from 'vitest';
import { signingTime } from '../../src/app/session.js';
import { MarketClock } from '../../src/core/market-clock.js';

describe('signingTime', () => {
  const local = 1_800_000_000_000;

  it("is this machine's time before the market answered", () => {
    expect(signingTime(new MarketClock(), local)).toBe(local);
  });

  it("follows a real market's Date header: a laptop 10 minutes slow signs at the market's time", () => {
    const clock = new MarketClock();
    const market = local + 600_000;
    clock.observe({ sentAt: local - 20, receivedAt: local + 20, marketTime: Math.floor(market / 1000) * 1000, precise: false });
    expect(Math.abs(signingTime(clock, local) - market)).toBeLessThan(1_100);
  });

  it('stays on real time for a sped-up simulator (it checks payments against real time)', () => {
    const clock = new MarketClock();
    clock.observe({ sentAt: local, receivedAt: local + 2, marketTime: local + 86_400_000, precise: true, scale: 60 });
    expect(signingTime(clock, local)).toBe(local);
  });
});
