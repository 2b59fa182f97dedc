// The journal: fsync'd JSON Lines that round-trip, partial lines that never break reading or the next
// append, secrets refused before a byte is written, and which actions are still unresolved.
import * as fs from 'node:fs';
import { appendFileSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  intentRecord,
  JournalRecordError,
  JournalSecretError,
  journalError,
  neverSent,
  openJournal,
  readJournal,
  redactSecrets,
  stepRecord,
  type Journal,
} from '../../src/exec/journal.js';
import { journalLockPath, journalPath } from '../../src/exec/journal-paths.js';
import { at, dutchAction, dutchIntent, intentFor, NETWORK, SIM_URL, TASK, tempDir, TX, uuid } from './journal-fixtures.js';

// Record the order of writes and fsyncs the journal makes (a partial mock: the real calls still run).
const calls: string[] = [];
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>();
  return {
    ...real,
    writeSync: (...args: Parameters<typeof real.writeSync>) => {
      calls.push(`write ${String(args[0])}`);
      return (real.writeSync as (...a: unknown[]) => number)(...args);
    },
    fsyncSync: (fd: number) => {
      calls.push(`fsync ${fd}`);
      return real.fsyncSync(fd);
    },
  };
});

let t: ReturnType<typeof tempDir>;
let open: Journal[] = [];
beforeEach(() => {
  t = tempDir();
  calls.length = 0;
});
afterEach(() => {
  for (const j of open) j.close();
  open = [];
  t.cleanup();
});
const openJ = (): Journal => {
  const j = openJournal(t.path);
  open.push(j);
  return j;
};
const fileLines = (): string[] => readFileSync(t.path, 'utf8').split('\n').filter((l) => l !== '');

describe('journal paths', () => {
  it('lives in $XDG_STATE_HOME/taskdesk with its lock next to it', () => {
    const p = journalPath({ XDG_STATE_HOME: '/state', HOME: '/home/u' });
    expect(p).toBe('/state/taskdesk/journal.jsonl');
    expect(journalPath({ HOME: '/home/u' })).toBe('/home/u/.local/state/taskdesk/journal.jsonl');
    expect(journalLockPath(p)).toBe('/state/taskdesk/journal.jsonl.lock');
  });
});

describe('append', () => {
  it('sync:false writes the line at once and leaves its fsync to the next synced record (intent and approved ride on sent\'s)', () => {
    const j = openJ();
    const [intent, approved, sent] = dutchAction(1);
    const before = calls.length;
    j.append(intent!, { sync: false });
    j.append(approved!, { sync: false });
    expect(calls.slice(before).filter((c) => c.startsWith('fsync'))).toEqual([]);
    expect(fileLines()).toHaveLength(2);
    j.append(sent!);
    expect(calls.at(-1)).toMatch(/^fsync \d+$/);
    expect(readJournal(t.path).records).toEqual([intent, approved, sent]);
  });

  it('writes one fsync-ed JSON line per step that reads back as the same records, money as base-unit strings', () => {
    const j = openJ();
    const recs = dutchAction(1);
    for (const r of recs) {
      const before = calls.length;
      j.append(r);
      // Each append: write(s) then an fsync, before append returns.
      const mine = calls.slice(before);
      expect(mine.at(-1)).toMatch(/^fsync \d+$/);
      expect(mine.slice(0, -1).every((c) => c.startsWith('write '))).toBe(true);
      expect(mine.length).toBeGreaterThanOrEqual(2);
    }
    const lines = fileLines();
    expect(lines).toHaveLength(5);
    const first = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(first).toMatchObject({ v: 1, step: 'intent', amount: '1200000', fee: '1000', spend: '1001000', shownPrice: '1200000', params: { minPrice: '1200000' } });
    expect(JSON.parse(lines[3]!)).toMatchObject({ step: 'response', result: { acceptedPrice: '1150000', txHash: TX } });
    const read = readJournal(t.path);
    expect(read.corrupt).toEqual([]);
    expect(read.records).toEqual(recs);
    expect(j.records()).toEqual(recs);
    const [a] = j.actions();
    expect(a?.state).toBe('verified');
    expect(a?.resolved).toBe(true);
  });

  it('creates the journal 0600 in a 0700 state dir', () => {
    const j = openJournal(`${t.dir}/deep/taskdesk/journal.jsonl`);
    open.push(j);
    j.append(intentFor(1));
    expect(statSync(`${t.dir}/deep/taskdesk/journal.jsonl`).mode & 0o777).toBe(0o600);
    expect(statSync(`${t.dir}/deep/taskdesk`).mode & 0o777).toBe(0o700);
  });

  it('refuses a step before its intent, a step whose identity differs from the intent, a skipped attempt and a reused key', () => {
    const j = openJ();
    const i = intentFor(1);
    expect(() => j.append(stepRecord(i, 'sent', { attempt: 1 }))).toThrow(/no intent for action/);
    j.append(i);
    expect(() => j.append({ ...stepRecord(i, 'sent', { attempt: 1 }), wallet: `0x${'1'.repeat(40)}` })).toThrow(/wallet differs/);
    expect(() => j.append({ ...stepRecord(i, 'sent', { attempt: 1 }), network: { name: 'base', chainId: 8453 } })).toThrow(/network differs/);
    expect(() => j.append(stepRecord(i, 'sent', { attempt: 2 }))).toThrow(/next attempt of this action is 1/);
    j.append(stepRecord(i, 'sent', { attempt: 1 }));
    j.append(stepRecord(i, 'sent', { attempt: 2 }));
    expect(() => j.append(i)).toThrow(/already has an intent/);
    expect(() => j.append({ ...intentFor(2), idempotencyKey: i.idempotencyKey })).toThrow(/idempotency key already belongs to action/);
    expect(fileLines()).toHaveLength(3);
  });

  it('refuses records that do not match their strict schema, writing nothing', () => {
    const j = openJ();
    const i = intentFor(1);
    j.append(i);
    const size = statSync(t.path).size;
    expect(() => j.append({ ...i, actionId: uuid(2), idempotencyKey: uuid(2, 'k'), extra: 1 } as never)).toThrow(JournalRecordError);
    expect(() => j.append({ ...intentFor(3), amount: -5n })).toThrow(/amount/);
    expect(() => j.append({ ...intentFor(4), apiUrl: 'javascript:alert(1)' })).toThrow(/apiUrl/);
    expect(() => j.append({ ...stepRecord(i, 'response', { ok: false }) })).toThrow(/ok:false carries one/);
    expect(() => j.append({ ...stepRecord(i, 'sent', { attempt: 1 }), step: 'exploded' } as never)).toThrow(/unknown step "exploded"/);
    expect(statSync(t.path).size).toBe(size);
  });
});

describe('secrets', () => {
  const KEY = `0x${'4c'.repeat(32)}`;
  const SIG = `0x${'1b'.repeat(65)}`;

  it('refuses a private key, a signature, a token or a payment header anywhere in a record, before writing', () => {
    const j = openJ();
    const i = intentFor(1);
    j.append(i);
    const size = statSync(t.path).size;
    const tries: [string, () => void][] = [
      ['params.privateKey', () => j.append(intentFor(2, { params: { privateKey: KEY } }))],
      ['params.walletKey', () => j.append(intentFor(3, { params: { walletKey: KEY.slice(2) } }))],
      ['params.proof', () => j.append(intentFor(4, { params: { proof: `sig ${SIG}` } }))],
      ['params.note', () => j.append(intentFor(5, { params: { note: `privateKey=${KEY}` } }))],
      ['params.apiToken', () => j.append(intentFor(6, { params: { apiToken: 'abc' } }))],
      ['params.files[1]', () => j.append(intentFor(7, { params: { files: ['a.txt', `Bearer ${'x'.repeat(20)}`] } }))],
      ['error.message', () => j.append(stepRecord(i, 'response', { ok: false, error: { kind: 'http', message: `bad signature ${SIG}` } }))],
      ['note', () => j.append(stepRecord(i, 'reconciled', { outcome: 'unknown', how: 'none', note: `secret: ${KEY}` }))],
      [
        'params.header',
        () => j.append(intentFor(8, { params: { header: Buffer.from(JSON.stringify({ payload: { signature: SIG, authorization: { nonce: KEY } }, pad: 'x'.repeat(100) })).toString('base64') } })),
      ],
    ];
    for (const [field, attempt] of tries) {
      let err: unknown;
      try {
        attempt();
      } catch (e) {
        err = e;
      }
      expect(err, field).toBeInstanceOf(JournalSecretError);
      expect((err as JournalSecretError).field).toBe(field);
      // The refusal names the field, never the value.
      expect((err as Error).message).not.toContain('4c4c4c4c');
      expect((err as Error).message).not.toContain('1b1b1b1b');
    }
    expect(statSync(t.path).size).toBe(size);
    expect(readFileSync(t.path, 'utf8')).not.toMatch(/4c4c4c4c|1b1b1b1b/);
  });

  it('lets public 32-byte values through: tx hashes, task ids, idempotency keys', () => {
    const j = openJ();
    const i = intentFor(1, { params: { deliverableHash: TX } });
    j.append(i);
    j.append(stepRecord(i, 'response', { ok: true, result: { txHash: TX, taskId: TASK } }));
    expect(readJournal(t.path).records).toHaveLength(2);
  });

  it('journalError redacts what append would refuse and pulls out the contract error name', () => {
    const e = journalError('http', `Contract call rejected: TaskNotOpen (sig ${SIG}, privateKey ${KEY})`);
    expect(e.contractError).toBe('TaskNotOpen');
    expect(e.message).toBe('Contract call rejected: TaskNotOpen (sig [redacted], private[redacted])');
    expect(Array.from(redactSecrets('é'.repeat(400)))).toHaveLength(300);
    const header = Buffer.from(JSON.stringify({ signature: 'x', pad: 'y'.repeat(200) })).toString('base64');
    expect(redactSecrets(`payment ${header} refused`)).toBe('payment [redacted] refused');
    expect(redactSecrets(`id ${'z'.repeat(250)}`, 1000)).toBe(`id ${'z'.repeat(250)}`);
    const j = openJ();
    const i = intentFor(1);
    j.append(i);
    j.append(stepRecord(i, 'response', { ok: false, httpStatus: 400, error: e }));
    expect(j.actions()[0]?.state).toBe('refused');
  });
});

describe('partial lines', () => {
  it('skips and counts a truncated last line; the next append starts on a fresh line', () => {
    const j = openJournal(t.path);
    const recs = dutchAction(1);
    for (const r of recs.slice(0, 3)) j.append(r);
    j.close();
    // A desk killed mid-write: half a record, no newline.
    const half = JSON.stringify(recs[3], (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)).slice(0, 57);
    appendFileSync(t.path, half);

    const read = readJournal(t.path);
    expect(read.records).toHaveLength(3);
    expect(read.corrupt).toEqual([{ line: 4, reason: 'not JSON (a truncated or partial write)' }]);

    const j2 = openJ();
    expect(j2.corrupt).toHaveLength(1);
    j2.append(recs[3]!);
    j2.append(recs[4]!);
    const lines = readFileSync(t.path, 'utf8').split('\n');
    expect(lines[3]).toBe(half);
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(4, -1).map((l) => JSON.parse(l).step)).toEqual(['response', 'verified']);
    const again = readJournal(t.path);
    expect(again.records.map((r) => r.step)).toEqual(['intent', 'approved', 'sent', 'response', 'verified']);
    expect(again.corrupt.map((c) => c.line)).toEqual([4]);
  });

  it('a complete last record without its newline is read and the next append is separated from it', () => {
    const [i, ap] = dutchAction(1);
    writeFileSync(t.path, JSON.stringify({ ...i, amount: '1200000', fee: '1000', spend: '1001000', shownPrice: '1200000', params: { minPrice: '1200000' } }));
    const j = openJ();
    expect(j.records()).toHaveLength(1);
    j.append(ap!);
    expect(fileLines().map((l) => JSON.parse(l).step)).toEqual(['intent', 'approved']);
  });

  it('keeps records of steps it does not know (armed orders) and of newer versions, and counts garbage', () => {
    const i = intentFor(1);
    const wire = (o: unknown) => JSON.stringify(o, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    const armed = { v: 1, actionId: uuid(9), step: 'armed', at: at(9).toISOString(), trigger: { below: '900000' } };
    const v2 = { v: 2, actionId: uuid(1), step: 'sent', at: at(2).toISOString(), attempt: 1, via: 'relay' };
    writeFileSync(t.path, [wire(i), JSON.stringify(armed), JSON.stringify(v2), '[1,2]', 'null', '{"v":1}', ''].join('\n'));
    const read = readJournal(t.path);
    expect(read.records).toHaveLength(1);
    expect(read.others.map((o) => [o.step, o.line])).toEqual([
      ['armed', 2],
      ['sent', 3],
    ]);
    expect(read.others[0]?.raw).toEqual(armed);
    expect(read.corrupt.map((c) => c.line)).toEqual([4, 5, 6]);
    const j = openJ();
    const acts = j.actions();
    expect(acts.map((a) => a.actionId)).toEqual([uuid(1), uuid(9)]);
    expect(acts[0]?.others.map((o) => o.step)).toEqual(['sent']);
    // The orphan armed order has no intent: it is listed, never reconciled.
    expect(j.unresolved().map((a) => a.actionId)).toEqual([uuid(1)]);
  });
});

describe('unresolved()', () => {
  it('finds every intent without a terminal step, and only those', () => {
    const j = openJ();
    const steps: Record<string, (i: ReturnType<typeof intentFor>) => void> = {
      verified: (i) => {
        for (const r of dutchAction(1).slice(1)) j.append({ ...r, actionId: i.actionId });
      },
      intentOnly: () => {},
      approvedOnly: (i) => j.append(stepRecord(i, 'approved', { confirmation: 'typed', phrase: '1.2', checks: [] })),
      sentNoAnswer: (i) => j.append(stepRecord(i, 'sent', { attempt: 1 })),
      answeredNotVerified: (i) => {
        j.append(stepRecord(i, 'sent', { attempt: 1 }));
        j.append(stepRecord(i, 'response', { ok: true, result: { txHash: TX } }));
      },
      timeout: (i) => {
        j.append(stepRecord(i, 'sent', { attempt: 1 }));
        j.append(stepRecord(i, 'response', { ok: false, error: { kind: 'timeout', message: 'no answer in 30 s' } }));
      },
      keyInFlight409: (i) => {
        j.append(stepRecord(i, 'sent', { attempt: 1 }));
        j.append(stepRecord(i, 'response', { ok: false, httpStatus: 409, error: { kind: 'http', message: 'in flight', reason: 'intent_in_flight' } }));
      },
      refused400: (i) => {
        j.append(stepRecord(i, 'sent', { attempt: 1 }));
        j.append(stepRecord(i, 'response', { ok: false, httpStatus: 400, error: { kind: 'http', message: 'Task is not open' } }));
      },
      contractRevert: (i) => {
        j.append(stepRecord(i, 'sent', { attempt: 1 }));
        j.append(stepRecord(i, 'response', { ok: false, httpStatus: 500, error: journalError('server', 'Contract call rejected: TaskNotOpen') }));
      },
      mismatch: (i) => {
        j.append(stepRecord(i, 'sent', { attempt: 1 }));
        j.append(stepRecord(i, 'mismatch', { expected: { status: 'claimed' }, observed: { status: 'open' } }));
      },
      reconciledDone: (i) => j.append(stepRecord(i, 'reconciled', { outcome: 'done', how: 'intents', note: 'completed' })),
      reconciledUnknown: (i) => j.append(stepRecord(i, 'reconciled', { outcome: 'unknown', how: 'none', note: 'market unreachable' })),
      retriedThenVerified: (i) => {
        j.append(stepRecord(i, 'sent', { attempt: 1 }));
        j.append(stepRecord(i, 'response', { ok: false, error: { kind: 'network', message: 'ECONNRESET' } }));
        j.append(stepRecord(i, 'reconciled', { outcome: 'unknown', how: 'none', note: '' }));
        j.append(stepRecord(i, 'sent', { attempt: 2 }));
        j.append(stepRecord(i, 'response', { ok: true, result: { bidId: '7' } }));
        j.append(stepRecord(i, 'verified', { expected: { countDelta: { auctionBidCount: 1 } }, observed: { countDelta: { auctionBidCount: 1 } } }));
      },
    };
    const ids = new Map<string, string>();
    Object.entries(steps).forEach(([name, fill], n) => {
      const i = intentFor(n + 1);
      ids.set(i.actionId, name);
      j.append(i);
      fill(i);
    });
    const names = (acts: { actionId: string }[]) => acts.map((a) => ids.get(a.actionId));
    const expected = ['intentOnly', 'approvedOnly', 'sentNoAnswer', 'answeredNotVerified', 'timeout', 'keyInFlight409', 'reconciledUnknown'];
    expect(names(j.unresolved())).toEqual(expected);
    // The same answer from a fresh read of the file.
    const j2Read = readJournal(t.path);
    expect(j2Read.records.length).toBe(j.records().length);
    const byName = new Map(j.actions().map((a) => [ids.get(a.actionId), a]));
    expect(byName.get('refused400')?.state).toBe('refused');
    expect(byName.get('contractRevert')?.state).toBe('refused');
    expect(byName.get('mismatch')?.resolved).toBe(true);
    expect(neverSent(byName.get('intentOnly')!)).toBe(true);
    expect(neverSent(byName.get('approvedOnly')!)).toBe(true);
    expect(neverSent(byName.get('sentNoAnswer')!)).toBe(false);
  });

  it('survives a reopen: what was unresolved is still unresolved', () => {
    const j = openJournal(t.path);
    const i = intentRecord(dutchIntent(), { network: NETWORK, apiUrl: SIM_URL, executor: 'cli' });
    j.append(i);
    j.append(stepRecord(i, 'sent', { attempt: 1 }));
    j.close();
    const j2 = openJ();
    expect(j2.unresolved().map((a) => a.intent?.idempotencyKey)).toEqual([i.idempotencyKey]);
    // The retry reuses the key: attempt 2 of the same action.
    j2.append(stepRecord(i, 'sent', { attempt: 2 }));
    expect(() => j2.append(stepRecord(i, 'sent', { attempt: 2 }))).toThrow(/next attempt of this action is 3/);
  });

  it('refuses appends after close and releases the lock', () => {
    const j = openJournal(t.path);
    j.close();
    expect(() => j.append(intentFor(1))).toThrow(/closed/);
    expect(fs.existsSync(journalLockPath(t.path))).toBe(false);
  });
});
