// Parsing what the operator typed into ticket fields, with the CLI's own grammar and messages.
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { MoneyError, parseUsdc } from '../../../core/money.js';
import type { Address } from '../../../core/types.js';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };
const bad = (error: string): Parsed<never> => ({ ok: false, error });

export function usdcField(text: string, opts: { allowZero?: boolean } = {}): Parsed<bigint> {
  try {
    return { ok: true, value: parseUsdc(text, opts) };
  } catch (err) {
    if (err instanceof MoneyError) return bad(err.message);
    throw err;
  }
}

export function intField(text: string, min: number, max: number, what: string): Parsed<number> {
  const t = text.trim();
  if (!/^-?\d{1,12}$/.test(t)) return bad(`${what} must be a whole number from ${min} to ${max}`);
  const n = Number(t);
  if (n < min || n > max) return bad(`${what} must be from ${min} to ${max}`);
  return { ok: true, value: n };
}

/** Hours as the CLI takes them (--duration, --bid-deadline): positive, up to a year, decimals allowed. */
export function hoursField(text: string, what: string): Parsed<number> {
  const t = text.trim();
  if (!/^\d{1,5}(\.\d{1,4})?$/.test(t) || Number(t) <= 0) return bad(`${what} takes hours, e.g. 24 or 0.5`);
  if (Number(t) > 24 * 365) return bad(`${what} is at most a year (8760 h)`);
  return { ok: true, value: Number(t) };
}

export function addressField(text: string): Parsed<Address> {
  const t = text.trim();
  return /^0x[0-9a-fA-F]{40}$/.test(t) ? { ok: true, value: t as Address } : bad('expected a 0x address (40 hex digits)');
}

/** Text the operator typed: one line, no control characters, within a cap. */
export function textField(text: string, what: string, max: number, required = true): Parsed<string> {
  const t = text.trim();
  if (required && t === '') return bad(`${what} is required`);
  if (t.length > max) return bad(`${what} is longer than ${max} characters`);
  if (/[\x00-\x1f\x7f-\x9f]/.test(t)) return bad(`${what} must be one line of plain text`);
  return { ok: true, value: t };
}

/** Comma-separated local files: each must exist and be a regular file (at most 20: cli §1.2; ≤ 32 MiB, see MAX_SUBMIT_FILE_BYTES — the service itself takes 500 MB). */
/** The largest file a submission ticket takes: the native executor reads each one into memory to upload it. */
export const MAX_SUBMIT_FILE_BYTES = 32 * 1024 * 1024;

export function filesField(text: string, cwd: string = process.cwd()): Parsed<string[]> {
  const parts = text.split(',').map((s) => s.trim()).filter(Boolean);
  if (parts.length === 0) return bad('name at least one file (comma-separated paths)');
  if (parts.length > 20) return bad('at most 20 files');
  const out: string[] = [];
  for (const p of parts) {
    const abs = isAbsolute(p) ? p : resolve(cwd, p);
    if (!existsSync(abs)) return bad(`no such file: ${p.slice(0, 80)}`);
    const st = statSync(abs);
    if (!st.isFile()) return bad(`not a regular file: ${p.slice(0, 80)}`);
    if (st.size > MAX_SUBMIT_FILE_BYTES) return bad(`larger than ${MAX_SUBMIT_FILE_BYTES / 1024 / 1024} MiB (the desk holds each file in memory to upload it): ${p.slice(0, 80)}`);
    out.push(abs);
  }
  return { ok: true, value: out };
}

export function choiceField(text: string, choices: readonly { value: string }[], what: string): Parsed<string> {
  const t = text.trim();
  return choices.some((c) => c.value === t) ? { ok: true, value: t } : bad(`choose a ${what}`);
}
