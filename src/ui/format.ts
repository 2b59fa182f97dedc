// Small display formatters shared by panes. Pure; no Ink. Money has one rule: every amount shows six
// decimals (the USDC base unit, as the backend's formatUsdcBaseUnits), right-aligned in its column,
// with the unit in the column header or after the figure; a filter's range reads the same everywhere.
import { formatUsdc, formatUsdcShort } from '../core/money.js';

/** An amount for a money column: always six decimals. */
export const usdc = (v: bigint): string => formatUsdc(v);

/** A reward filter's bounds, as the Feed title and the palette both say it. */
export function rewardRange(min: bigint | null, max: bigint | null): string {
  return `${min !== null ? formatUsdcShort(min) : '0'}-${max !== null ? formatUsdcShort(max) : 'any'} USDC`;
}

/** "1 bid", "2 bids". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** A local clock time for a market timestamp, with the day when it is not today: "08:53:17", "Dec 02 08:53". */
export function localTime(at: number, now: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hms = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  const n = new Date(now);
  if (d.getFullYear() === n.getFullYear() && d.getMonth() === n.getMonth() && d.getDate() === n.getDate()) return hms;
  return `${d.toLocaleString('en-US', { month: 'short' })} ${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Countdown to `at` from `now`: "3d04h", "2h03m", "4m05s", "9s"; "ended" once past; "-" when unknown. */
export function countdown(at: number | null | undefined, now: number): string {
  if (at === null || at === undefined) return '-';
  const ms = at - now;
  if (ms <= 0) return 'ended';
  return duration(ms);
}

/** A positive duration in the two largest units. */
export function duration(ms: number): string {
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return `${d}d${String(h).padStart(2, '0')}h`;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m${String(sec).padStart(2, '0')}s`;
  return `${sec}s`;
}

/** Time since `at`: "12s ago", "never". */
export function ago(at: number | null, now: number): string {
  if (at === null) return 'never';
  return `${duration(Math.max(0, now - at))} ago`.replace(/^0s ago$/, 'just now');
}

/** 0x1234…abcd. The input is expected to be sanitised already. */
export function shortAddress(addr: string | null | undefined, ascii = false): string {
  if (!addr) return '-';
  if (addr.length <= 13) return addr;
  return `${addr.slice(0, 6)}${ascii ? '..' : '…'}${addr.slice(-4)}`;
}

/** Pad or cut to exactly `width` columns (inputs are sanitised single-line text). */
export function fit(text: string, width: number, ascii = false): string {
  if (width <= 0) return '';
  if (text.length <= width) return text.padEnd(width);
  if (width === 1) return text.slice(0, 1);
  return `${text.slice(0, width - 1)}${ascii ? '~' : '…'}`;
}

/** Right-align in `width` columns. */
export function fitRight(text: string, width: number): string {
  if (text.length >= width) return text.slice(0, width);
  return text.padStart(width);
}
