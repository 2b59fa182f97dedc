// EM wire money: `bounty_usd` is a JSON number (a float on the real server, §3a); the simulator turns it into
// bigint base units once, at the edge, and refuses more than 6 decimals. Out, a bigint becomes the JSON number
// the reference shows (TaskResponse) or a six-decimal string (approve's *_usdc fields, §13.2).
import { formatUsdc, parseUsdc } from '../../core/money.js';

const DECIMAL = /^(0|[1-9][0-9]{0,15})(\.[0-9]{1,6})?$/;

/** A JSON number or numeric string → base units; null when it is not a non-negative amount with ≤ 6 decimals. */
export function usdToUnits(v: number | string): bigint | null {
  const text = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v.trim();
  if (!DECIMAL.test(text)) return null;
  return parseUsdc(text, { allowZero: true });
}

/** Base units → the JSON number form (0.05). Exact for every 6-decimal amount below 2^53 / 1e6. */
export function unitsToUsd(units: bigint): number {
  return Number(formatUsdc(units));
}

/** Base units → "0.043500". */
export function unitsToUsdc(units: bigint): string {
  return formatUsdc(units);
}
