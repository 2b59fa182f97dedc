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
    expect(before).toMatch(/1\.000000-10\.000000/); // floor–max, six decimals like every money column
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
    expect(clockRow(m.frame(), 'T00102')).toMatch(/2\.500000 max 4\.000000\s+4 /);
    const s = clockRow(m.frame(), 'T00103');
    expect(s).toMatch(/sealed max 4\.000000\s+7 /);
    expect(m.frame()).toMatch(/PRICE USDC FLOOR-MAX\s+BIDS\s+CLOSES/);
  });

  it('keeps its own scope: a Feed filter does not empty it, and ended clocks sink, dimmed', async () => {
    const ended = makeTask({ id: 'T00109', mode: 'auction', auctionType: 'dutch', maxPrice: 3_000_000n, auctionFloorPrice: 1_000_000n, createdAt: T0 - 600_000, bidDeadline: T0 - 60_000 });
    const store = makeStore([ended, dutch, english]);
    m = await mount(store);
    store.getState().setFilter({ mode: 'pitch' });
    await settle();
    const lines = m.frame().split('\n');
    const order = ['T00100', 'T00102', 'T00109'].map((id) => lines.findIndex((l) => l.includes(id) && l.includes('│')));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(clockRow(m.frame(), 'T00109')).toContain('ended');
    expect(m.frame()).toContain('all open auctions, 2 live');
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
    expect(clockRow(m.frame(), 'T00100')).toContain(`${formatUsdc(target)} in 5s`);
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

  it('a bad target is refused with the money parser message and keeps its text; empty clears', async () => {
    const store = makeStore([dutch]);
    m = await mount(store);
    await m.press('2', 't');
    await m.type('1.2345678');
    await m.press(KEY.enter);
    expect(m.frame()).toContain('Invalid USDC amount');
    expect(m.ui.getState().input?.value).toBe('1.2345678'); // still open, text kept
    expect(store.getState().targets).toEqual({});
    await m.press(KEY.backspace, KEY.enter);
    expect(store.getState().targets.T00100).toBe(1_234_567n);
    // A second t opens prefilled and selected: typing replaces it.
    await m.press('t');
    expect(m.ui.getState().input?.value).toBe('1.234567');
    await m.type('2');
    await m.press(KEY.enter);
    expect(store.getState().targets.T00100).toBe(2_000_000n);
    await m.press('t', '\x15', KEY.enter); // Ctrl-U empties the line; an empty target clears
    expect(store.getState().targets).toEqual({});
  });

  it('refuses a target outside the clock range and warns when it is already crossed', async () => {
    const store = makeStore([dutch]);
    m = await mount(store);
    await m.press('2', 't');
    await m.type('50');
    await m.press(KEY.enter);
    expect(m.frame()).toMatch(/outside this clock's range 1\.000000-10\.000000/);
    expect(store.getState().targets).toEqual({});
    await m.press('\x15');
    await m.type('9.5');
    await m.press(KEY.enter);
    expect(store.getState().targets.T00100).toBe(9_500_000n);
    expect(m.frame()).toMatch(/already at or below it/);
  });
});

describe('Clocks at the minimum width', () => {
  it('keeps price, countdown and target visible at 80 columns, dropping the window bar first', async () => {
    const store = makeStore([dutch]);
    store.getState().setTarget('T00100', 5_000_000n);
    m = await mount(store, { columns: 80, rows: 24 });
    const row = clockRow(m.frame(), 'T00100');
    expect(row).toContain(formatUsdc(clockPrice(dutch, T0)!));
    expect(row).toContain('15m00s');
    expect(row).toContain('5.000000 in 7m35s');
    expect(row).not.toContain('…');
  });

  it('shows the whole row (range, bids, window bar, target) at 140 columns', async () => {
    const store = makeStore([dutch]);
    store.getState().setTarget('T00100', 5_000_000n);
    m = await mount(store, { columns: 140, rows: 40 });
    const row = clockRow(m.frame(), 'T00100');
    expect(row).toMatch(/1\.000000-10\.000000/);
    expect(row).toMatch(/[█░]{10}/);
    expect(row).toContain('5.000000 in 7m35s');
  });
});
