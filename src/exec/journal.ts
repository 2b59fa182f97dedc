// The desk's durable action journal: JSON Lines, one fsync'd record per step (DESIGN flow 3 "Act").
// openJournal takes the lock (one acting desk per journal); readJournal needs none. Every record is
// checked against its strict schema and the secret deny-list before a byte is written, and append()
// returns only once the line is on disk.
import { closeSync, fstatSync, fsyncSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { groupActions, nextAttempt, unresolvedActions, type JournalAction } from './journal-actions.js';
import { assertNoSecrets } from './journal-guard.js';
import { acquireJournalLock, type HeldLock, type LockHolder, type LockOptions } from './journal-lock.js';
import { journalLockPath } from './journal-paths.js';
import { readJournal, type CorruptLine } from './journal-read.js';
import { toWire } from './journal-records.js';
import { BASE_KEYS, isKnownStep, isOrderRecord, STEP_SCHEMAS, type ArmedRecord, type IntentRecord, type JournalRecord, type OtherRecord } from './journal-schema.js';

export * from './journal-schema.js';
export { JournalSecretError, redactSecrets } from './journal-guard.js';
export { JournalLockedError, type LockHolder } from './journal-lock.js';
export { readJournal, parseJournalText, type CorruptLine, type JournalRead } from './journal-read.js';
export { intentRecord, stepRecord, journalError, baseOf, type IntentContext, type StepFields } from './journal-records.js';
export { groupActions, isDefiniteRefusal, neverSent, nextAttempt, outcomeLabel, TERMINAL_STATES, type ActionState, type JournalAction } from './journal-actions.js';
export { journalPath, journalLockPath } from './journal-paths.js';

/** A record the journal will not take (wrong shape, or inconsistent with the action so far). */
export class JournalRecordError extends Error {
  override name = 'JournalRecordError';
}

/** One line may not exceed this (a record is a few hundred bytes; this bounds a runaway params object). */
const MAX_LINE_BYTES = 64 * 1024;

export interface OpenJournalOptions extends LockOptions {
  /** Lock file path; defaults to the journal path + ".lock". */
  lockPath?: string;
}

export interface Journal {
  readonly path: string;
  /** The dead desk whose lock was taken over on open, or null: tell the operator. */
  readonly takenOver: LockHolder | null;
  /** Lines skipped as unreadable when the journal was opened. */
  readonly corrupt: readonly CorruptLine[];
  /**
   * Validate, refuse secrets, write one line, fsync. Throws (and writes nothing) on a bad record.
   * `sync: false` writes without the fsync: for a record the next fsync'd one makes durable before it matters
   * (the runner's intent and approved, made durable by `sent`'s fsync, which precedes any request).
   */
  append(record: JournalRecord, opts?: { sync?: boolean }): void;
  records(): readonly JournalRecord[];
  /** Records of steps this version does not know, kept as read. */
  others(): readonly OtherRecord[];
  actions(): JournalAction[];
  /** Intents without a terminal step (journal-actions.ts says which steps are terminal). */
  unresolved(): JournalAction[];
  close(): void;
}

function lastByte(fd: number): number | null {
  const size = fstatSync(fd).size;
  if (size === 0) return null;
  const b = Buffer.alloc(1);
  readSync(fd, b, 0, 1, size - 1);
  return b[0] ?? null;
}

function writeAll(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}

function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* not supported on every filesystem; the file's own fsync still holds */
  }
}

/** Open a journal for acting: takes the lock (throws JournalLockedError naming a live holder). */
export function openJournal(path: string, opts: OpenJournalOptions = {}): Journal {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const lock: HeldLock = acquireJournalLock(opts.lockPath ?? journalLockPath(path), opts);
  let fd: number;
  let contents: ReturnType<typeof readJournal>;
  try {
    contents = readJournal(path);
    fd = openSync(path, 'a+', 0o600); // a+: appends, and lets us read the last byte
    if (!contents.exists) fsyncDir(dirname(path));
  } catch (err) {
    lock.release();
    throw err;
  }
  const records: JournalRecord[] = contents.records;
  const others: OtherRecord[] = contents.others;
  // A desk killed mid-write leaves a partial last line: start the next record on a fresh line.
  const tail = lastByte(fd);
  let needsNewline = tail !== null && tail !== 0x0a;
  let closed = false;

  const intents = new Map<string, IntentRecord>();
  const keys = new Map<string, string>();
  // An armed order's records start with `armed` (its own first record) instead of an intent.
  const orders = new Map<string, ArmedRecord>();
  const remember = (r: JournalRecord): void => {
    if (r.step === 'armed' && !orders.has(r.actionId)) orders.set(r.actionId, r);
    if (r.step !== 'intent' || intents.has(r.actionId)) return;
    intents.set(r.actionId, r);
    keys.set(r.idempotencyKey, r.actionId);
  };
  records.forEach(remember);

  const check = (r: JournalRecord): void => {
    if (r.step === 'armed' && (orders.has(r.actionId) || intents.has(r.actionId))) throw new JournalRecordError(`${r.actionId} is already journaled`);
    if (r.step === 'intent') {
      if (intents.has(r.actionId) || orders.has(r.actionId)) throw new JournalRecordError(`action ${r.actionId} already has an intent`);
      const owner = keys.get(r.idempotencyKey);
      if (owner) throw new JournalRecordError(`idempotency key already belongs to action ${owner}; a new action needs a fresh key`);
      return;
    }
    if (r.step === 'armed') return;
    const intent = isOrderRecord(r) ? orders.get(r.actionId) : intents.get(r.actionId);
    if (!intent) throw new JournalRecordError(isOrderRecord(r) ? `no armed record for order ${r.actionId}` : `no intent for action ${r.actionId}: journal the intent before any other step`);
    for (const k of BASE_KEYS) {
      if (k === 'at') continue;
      if (JSON.stringify(toWire(r[k])) !== JSON.stringify(toWire(intent[k]))) throw new JournalRecordError(`${r.step} record's ${k} differs from its intent's`);
    }
    if (r.step === 'sent') {
      const expected = nextAttempt(groupActions(records.filter((x) => x.actionId === r.actionId))[0]!);
      if (r.attempt !== expected) throw new JournalRecordError(`sent attempt ${r.attempt}; the next attempt of this action is ${expected}`);
    }
  };

  return {
    path,
    takenOver: lock.takenOver,
    corrupt: contents.corrupt,
    append(record: JournalRecord, opts: { sync?: boolean } = {}): void {
      if (closed) throw new JournalRecordError('the journal is closed');
      const wire = toWire(record);
      assertNoSecrets(wire);
      const step = String(wire.step);
      if (!isKnownStep(step)) throw new JournalRecordError(`unknown step "${step}"`);
      const parsed = STEP_SCHEMAS[step].safeParse(wire);
      if (!parsed.success) {
        const i = parsed.error.issues[0];
        throw new JournalRecordError(`invalid ${step} record: ${i ? `${i.path.join('.') || 'record'}: ${i.message}` : 'schema'}`);
      }
      const typed = parsed.data as JournalRecord;
      check(typed);
      const buf = Buffer.from(`${needsNewline ? '\n' : ''}${JSON.stringify(wire)}\n`, 'utf8');
      if (buf.length > MAX_LINE_BYTES) throw new JournalRecordError(`record is ${buf.length} bytes; the limit is ${MAX_LINE_BYTES}`);
      needsNewline = true; // until the write completes, a failure leaves a partial line behind
      writeAll(fd, buf);
      if (opts.sync !== false) fsyncSync(fd);
      needsNewline = false;
      records.push(typed);
      remember(typed);
    },
    records: () => records,
    others: () => others,
    actions: () => groupActions(records, others),
    unresolved: () => unresolvedActions(groupActions(records, others)),
    close(): void {
      if (closed) return;
      closed = true;
      try {
        closeSync(fd);
      } finally {
        lock.release();
      }
    },
  };
}
