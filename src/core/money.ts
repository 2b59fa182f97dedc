// USDC amounts as bigint base units (6 decimals). No floats anywhere money flows.

export const USDC_DECIMALS = 6;
const UNIT = 10n ** BigInt(USDC_DECIMALS);
const USDC_TEXT = /^(0|[1-9]\d*)(\.\d{1,6})?$/;
const BASE_UNITS_TEXT = /^[0-9]+$/;

export class MoneyError extends Error {
  override name = 'MoneyError';
}

/** "1.5" → 1500000n. Same grammar as the official CLI's usdcToBaseUnits: no sign, ≤ 6 decimals. */
export function parseUsdc(text: string, opts: { allowZero?: boolean } = {}): bigint {
  const trimmed = text.trim();
  if (!USDC_TEXT.test(trimmed)) throw new MoneyError(`Invalid USDC amount: ${JSON.stringify(text)}`);
  const [whole = '0', frac = ''] = trimmed.split('.');
  const value = BigInt(whole) * UNIT + BigInt(frac.padEnd(USDC_DECIMALS, '0'));
  if (value === 0n && !opts.allowZero) throw new MoneyError('Amount must be greater than zero');
  return value;
}

/** "1500000" (a wire base-unit string) → 1500000n. */
export function parseBaseUnits(text: string): bigint {
  if (!BASE_UNITS_TEXT.test(text)) throw new MoneyError(`Invalid base-unit amount: ${JSON.stringify(text)}`);
  return BigInt(text);
}

/** 1500000n → "1.500000", always six decimals, like the backend's formatUsdcBaseUnits. */
export function formatUsdc(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  const whole = abs / UNIT;
  const frac = (abs % UNIT).toString().padStart(USDC_DECIMALS, '0');
  return `${negative ? '-' : ''}${whole}.${frac}`;
}

/** Shorter display form: trailing zeros trimmed to at least two decimals ("1.50", "0.000550"). */
export function formatUsdcShort(units: bigint): string {
  const full = formatUsdc(units);
  const [whole, frac = ''] = full.split('.');
  const trimmed = frac.replace(/0+$/, '').padEnd(2, '0');
  return `${whole}.${trimmed}`;
}

/** amount × bps / 10000, truncated (fee arithmetic as the contracts do it). */
export function bpsOf(amount: bigint, bps: number): bigint {
  return (amount * BigInt(bps)) / 10_000n;
}
