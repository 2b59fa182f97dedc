import { afterEach, describe, expect, it } from 'vitest';
import { clockPrice } from '../../src/core/clock.js';
import { formatUsdc } from '../../src/core/money.js';
import { KEY, makeStore, makeTask, mount, settle, T0, type Mounted } from './harness.js';

let m: Mounted | null = null;
afterEach(() => {
  m?.unmount();
  m = null;
});

// A dutch clock falling 10 → 1 USDC over 1000 s: 9 000 base units per second.
const dutch = makeTask({
  id: 'T00100',
  mode: 'auction',
  auctionType: 'dutch',
  reward: 10_000_000n,
  maxPrice: 10_000_000n,
  auctionFloorPrice: 1_000_000n,
  createdAt: T0 - 100_000,
  bidDeadline: T0 + 900_000,
});
const reverse = makeTask({
  id: 'T00101',
  mode: 'auction',
  auctionType: 'reverse_dutch',
  reward: 5_000_000n,
  maxPrice: 5_000_000n,
  auctionStartPrice: 0n,
  createdAt: T0 - 333_333,
  bidDeadline: T0 + 666_667,
});
const english = makeTask({ id: 'T00102', mode: 'auction', auctionType: 'english', maxPrice: 4_000_000n, currentLowestBid: 2_500_000n, auctionBidCount: 4, bidDeadline: T0 + 60_000 });
const sealed = makeTask({ id: 'T00103', mode: 'auction', auctionType: 'reverse_english', maxPrice: 4_000_000n, auctionBidCount: 7, bidDeadline: T0 + 120_000 });

function clockRow(frame: string, id: string): string {
  const lines = frame.split('\n');
  const start = lines.findIndex((l) => l.includes('2 Clocks'));
  return lines.slice(start).find((l) => l.includes(id)) ?? '';
}

describe('Clocks', () => {
  it('every clock ticks from its schedule with the shared now, matching core clockPrice', async () => {
    const store = makeStore([dutch, reverse, english, sealed]);
    m = await mount(store);
    const before = clockRow(m.frame(), 'T00100');
    expect(before).toContain(formatUsdc(clockPrice(dutch, T0)!));
    expect(clockRow(m.frame(), 'T00101')).toContain(formatUsdc(clockPrice(reverse, T0)!));
    expect(before).toMatch(/1\.00-10\.00/); // floor–max
    expect(before).toMatch(/15m00s/);

    store.getState().tick(T0 + 1_000);
    await settle();
    const after = clockRow(m.frame(), 'T00100');
    expect(after).not.toBe(before);
    expect(after).toContain(formatUsdc(clockPrice(dutch, T0 + 1_000)!));
    expect(clockPrice(dutch, T0 + 1_000)).toBeLessThan(clockPrice(dutch, T0)!);
    expect(after).toMatch(/14m59s/);
    expect(clockRow(m.frame(), 'T00101')).toContain(formatUsdc(clockPrice(reverse, T0 + 1_000)!));
  });

  it('english shows the lowest bid and count; reverse english stays sealed', async () => {
    m = await mount(makeStore([english, sealed]));
    expect(clockRow(m.frame(), 'T00102')).toMatch(/low 2\.50\s+4 bids/);
    const s = clockRow(m.frame(), 'T00103');
    expect(s).toMatch(/sealed\s+7 bids/);
  });

  it('t sets a target; crossing it flashes the row and rings the bell once', async () => {
    const store = makeStore([dutch]);
    let bells = 0;
    m = await mount(store, { actions: { bell: () => bells++ } });
    await m.press('2', 't');
    expect(m.frame()).toContain('target for T00100');
    // 9.1 USDC is reached 100 s in (10 − 9 000 units/s × 100 s); now is already there + ~0.
    const target = clockPrice(dutch, T0 + 5_000)!;
    await m.type(formatUsdc(target));
    await m.press(KEY.enter);
    expect(store.getState().targets.T00100).toBe(target);
    expect(clockRow(m.frame(), 'T00100')).toContain(`tgt ${formatUsdc(target).replace(/0+$/, '').replace(/\.(\d)$/, '.$10')}`);
    expect(bells).toBe(0);

    store.getState().tick(T0 + 1_000);
    await settle();
    expect(bells).toBe(0);
    expect(store.getState().alerts).toEqual([]);

    store.getState().tick(T0 + 6_000);
    await settle();
    expect(store.getState().alerts).toEqual(['T00100']);
    expect(bells).toBe(1);
    expect(clockRow(m.frame(), 'T00100')).toMatch(/^.\s*.!/);
    expect(m.frame()).toContain('1 alert');

    store.getState().tick(T0 + 7_000);
    await settle();
    expect(bells).toBe(1); // once per crossing, not per tick

    await m.press('a');
    expect(store.getState().alerts).toEqual([]);
    expect(m.frame()).not.toContain('1 alert');
  });

  it('a bad target is refused with the money parser message; empty clears', async () => {
    const store = makeStore([dutch]);
    m = await mount(store);
    await m.press('2', 't');
    await m.type('1.2345678');
    await m.press(KEY.enter);
    expect(m.frame()).toContain('Invalid USDC amount');
    expect(store.getState().targets).toEqual({});
    await m.press('t');
    await m.type('2');
    await m.press(KEY.enter);
    expect(store.getState().targets.T00100).toBe(2_000_000n);
    await m.press('t');
    for (let i = 0; i < 10; i++) await m.press(KEY.backspace);
    await m.press(KEY.enter);
    expect(store.getState().targets).toEqual({});
  });
});

describe('Clocks at the minimum width', () => {
  it('keeps price, countdown and target visible at 80 columns, shrinking the sparkline', async () => {
    const store = makeStore([dutch]);
    store.getState().setTarget('T00100', 5_000_000n);
    m = await mount(store, { columns: 80, rows: 24 });
    const row = clockRow(m.frame(), 'T00100');
    expect(row).toContain(formatUsdc(clockPrice(dutch, T0)!));
    expect(row).toContain('15m00s');
    expect(row).toContain('tgt 5.00');
    expect(row).toMatch(/[▁▂▃▄▅▆▇█]{2,}/);
    expect(row).not.toContain('…');
  });
});
