import { describe, expect, it } from 'vitest';
import { bpsOf, formatUsdc, formatUsdcShort, MoneyError, parseBaseUnits, parseUsdc } from '../../src/core/money.js';

describe('parseUsdc', () => {
  it.each([
    ['0.000001', 1n],
    ['1', 1_000_000n],
    ['1.5', 1_500_000n],
    ['0.5', 500_000n],
    ['1.123456', 1_123_456n],
    ['10.000000', 10_000_000n],
    [' 2.25 ', 2_250_000n],
    ['123456789012345678901234567890', 123456789012345678901234567890_000000n],
  ])('%j → %s', (text, units) => {
    expect(parseUsdc(text)).toBe(units);
  });

  it.each(['1.1234567', '01', '00.5', '-1', '+1', '.5', '1.', '1e6', '1,5', '', 'abc', '0x10', '1.2.3', '١'])(
    'rejects %j',
    (text) => {
      expect(() => parseUsdc(text)).toThrow(MoneyError);
    },
  );

  it('rejects zero unless allowed', () => {
    expect(() => parseUsdc('0')).toThrow('greater than zero');
    expect(() => parseUsdc('0.000000')).toThrow('greater than zero');
    expect(parseUsdc('0', { allowZero: true })).toBe(0n);
  });
});

describe('parseBaseUnits', () => {
  it('accepts digit strings of any size', () => {
    expect(parseBaseUnits('0')).toBe(0n);
    expect(parseBaseUnits('1000')).toBe(1000n);
    expect(parseBaseUnits('9'.repeat(78))).toBe(10n ** 78n - 1n);
  });
  it.each(['', '-1', '1.0', ' 1', '1e3', '0x1'])('rejects %j', (text) => {
    expect(() => parseBaseUnits(text)).toThrow(MoneyError);
  });
});

describe('formatUsdc', () => {
  it.each([
    [0n, '0.000000', '0.00'],
    [1n, '0.000001', '0.000001'],
    [550n, '0.000550', '0.00055'],
    [1_500_000n, '1.500000', '1.50'],
    [-1_500_000n, '-1.500000', '-1.50'],
    [10n ** 30n, '1000000000000000000000000.000000', '1000000000000000000000000.00'],
  ])('%s → %s / %s', (units, full, short) => {
    expect(formatUsdc(units)).toBe(full);
    expect(formatUsdcShort(units)).toBe(short);
  });

  it('round-trips parse ∘ format', () => {
    for (const units of [1n, 999_999n, 1_000_000n, 1_000_001n, 123_456_789n]) {
      expect(parseUsdc(formatUsdc(units))).toBe(units);
    }
  });
});

describe('bpsOf', () => {
  it('truncates', () => {
    expect(bpsOf(1_000_000n, 500)).toBe(50_000n);
    expect(bpsOf(19n, 500)).toBe(0n);
    expect(bpsOf(20n, 500)).toBe(1n);
    expect(bpsOf(1_000_000n, 10_000)).toBe(1_000_000n);
    expect(bpsOf(1_000_000n, 0)).toBe(0n);
  });
});
