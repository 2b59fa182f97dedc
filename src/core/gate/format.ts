// Text helpers for gate reasons: one plain line each, with every untrusted value cleaned here, so a
// reason is safe to print even if a caller forgets (the UI sanitises again; cleaning is idempotent).
import { CAPS, sanitize, sanitizeAddress, truncateMiddle } from '../text/sanitize.js';

export const HEX_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** A positive duration in its two largest units ("12m04s", "3h02m", "45s"), as the desk shows countdowns. */
export function span(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return `${d}d${String(h).padStart(2, '0')}h`;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m${String(sec).padStart(2, '0')}s`;
  return `${sec}s`;
}

/** "0x1234…abcd" for a real address; a "?"-marked cleaned stub for anything else. */
export function addr(value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '(none)';
  const clean = sanitizeAddress(value);
  // Same shape as the desk's shortAddress (0x + 4 … 4); anything else keeps its "?" mark.
  return HEX_ADDRESS.test(clean) ? `${clean.slice(0, 6)}…${clean.slice(-4)}` : truncateMiddle(clean, 13);
}

/** A task id for a reason line: "0xabababab…abab". */
export function taskRef(id: string | null): string {
  if (id === null) return '(no task)';
  return truncateMiddle(sanitize(id, { maxLength: CAPS.id }), 16);
}

/** Caller-supplied fault or mismatch text, cleaned and capped to one line. */
export function safeText(text: string, max: number = CAPS.error): string {
  return sanitize(text, { maxLength: max });
}

export const sameAddress = (a: string | null | undefined, b: string | null | undefined): boolean =>
  typeof a === 'string' && typeof b === 'string' && a.toLowerCase() === b.toLowerCase();
