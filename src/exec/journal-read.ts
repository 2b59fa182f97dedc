// Reading the journal: no lock, never throws on content. A line that is not a JSON object (a desk
// killed mid-write leaves a partial last line) is skipped and counted; a record this version cannot
// type (a future step, a newer version) is kept as an OtherRecord.
import { readFileSync } from 'node:fs';
import { isKnownStep, JOURNAL_VERSION, looseRecordSchema, STEP_SCHEMAS, type JournalRecord, type OtherRecord } from './journal-schema.js';

export interface CorruptLine {
  /** 1-based line number. */
  line: number;
  reason: string;
}

export interface JournalContents {
  records: JournalRecord[];
  others: OtherRecord[];
  corrupt: CorruptLine[];
  /** Non-empty lines seen. */
  lines: number;
}

export interface JournalRead extends JournalContents {
  path: string;
  /** False when there is no journal file yet (nothing has been done). */
  exists: boolean;
}

function summarise(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  const first = issues[0];
  if (!first) return 'invalid record';
  const where = first.path.map(String).join('.') || 'record';
  return `${where}: ${first.message}${issues.length > 1 ? ` (+${issues.length - 1} more)` : ''}`.slice(0, 200);
}

export type ParsedLine = { kind: 'record'; record: JournalRecord } | { kind: 'other'; other: OtherRecord } | { kind: 'corrupt'; reason: string };

/** Classify one line: a typed record, a kept OtherRecord, or a corrupt line. */
export function parseJournalLine(text: string, line: number): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: 'corrupt', reason: 'not JSON (a truncated or partial write)' };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { kind: 'corrupt', reason: 'not a JSON object' };
  const loose = looseRecordSchema.safeParse(value);
  if (!loose.success) return { kind: 'corrupt', reason: `not a journal record (${summarise(loose.error.issues)})` };
  const { step, v, actionId, at } = loose.data;
  const other = (reason: string): ParsedLine => ({ kind: 'other', other: { line, actionId, step, at, reason, raw: value as Record<string, unknown> } });
  if (v !== JOURNAL_VERSION) return other(`record version ${v}; this desk reads version ${JOURNAL_VERSION}`);
  if (!isKnownStep(step)) return other(`step "${step}" is not one this version knows`);
  const parsed = STEP_SCHEMAS[step].safeParse(value);
  return parsed.success ? { kind: 'record', record: parsed.data } : other(`unreadable ${step} record: ${summarise(parsed.error.issues)}`);
}

/** Parse a whole journal text. */
export function parseJournalText(text: string): JournalContents {
  const out: JournalContents = { records: [], others: [], corrupt: [], lines: 0 };
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    out.lines++;
    const r = parseJournalLine(raw, i + 1);
    if (r.kind === 'record') out.records.push(r.record);
    else if (r.kind === 'other') out.others.push(r.other);
    else out.corrupt.push({ line: i + 1, reason: r.reason });
  });
  return out;
}

/** Read a journal without taking its lock (always allowed, also while a desk acts on it). */
export function readJournal(path: string): JournalRead {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { path, exists: false, records: [], others: [], corrupt: [], lines: 0 };
    throw err;
  }
  return { path, exists: true, ...parseJournalText(text) };
}
