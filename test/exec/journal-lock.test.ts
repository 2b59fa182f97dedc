// One acting desk per journal, across real processes: a second desk is refused with a message naming
// the holder, reading stays allowed, and a SIGKILLed holder's lock is recognised and taken over.
// The child desks import the build (dist/), as bin/taskdesk does: run `npm run build` first.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JournalLockedError, openJournal, readJournal, type Journal } from '../../src/exec/journal.js';
import { acquireJournalLock, readLockHolder, takeoverPath } from '../../src/exec/journal-lock.js';
import { journalLockPath } from '../../src/exec/journal-paths.js';
import { intentFor, tempDir } from './journal-fixtures.js';

const DIST = join(import.meta.dirname, '..', '..', 'dist', 'exec', 'journal.js');
const wire = (o: unknown): string => JSON.stringify(o, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

// A tiny desk: `hold` opens the journal, appends the record given and waits; `try` opens and reports.
const CHILD = `
const [mode, path, record] = process.argv.slice(1);
const { openJournal, JournalLockedError } = await import(${JSON.stringify(pathToFileURL(DIST).href)});
try {
  const j = openJournal(path);
  if (mode === 'hold') {
    j.append(JSON.parse(record));
    process.stdout.write('HELD ' + process.pid + '\\n');
    setInterval(() => {}, 1000);
  } else if (mode === 'exit') {
    process.stdout.write('OPENED\\n');
    process.exit(0);
  } else {
    process.stdout.write('OPENED ' + JSON.stringify(j.takenOver) + '\\n');
    j.close();
  }
} catch (err) {
  process.stdout.write((err instanceof JournalLockedError ? 'REFUSED ' : 'ERROR ') + err.message + '\\n');
  process.exitCode = 3;
}
`;

function startHolder(path: string, record: string): Promise<{ child: ChildProcess; pid: number }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD, '--', 'hold', path, record], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`holder did not start: ${out}`)), 20_000);
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /HELD (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, pid: Number(m[1]) });
      }
    });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('exit', () => reject(new Error(`holder exited: ${out}`)));
  });
}

function runChild(mode: 'try' | 'exit', path: string): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', CHILD, '--', mode, path, ''], { encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

let t: ReturnType<typeof tempDir>;
const children: ChildProcess[] = [];
const journals: Journal[] = [];
beforeAll(() => {
  if (!existsSync(DIST)) throw new Error(`${DIST} is missing: run \`npm run build\` first`);
});
beforeEach(() => {
  t = tempDir('taskdesk-lock-');
});
afterEach(() => {
  for (const j of journals.splice(0)) j.close();
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  t.cleanup();
});

describe('journal lock across processes', () => {
  it('refuses a second desk while the first holds the journal, allows reading, and takes over after SIGKILL', async () => {
    const { child, pid } = await startHolder(t.path, wire(intentFor(1)));
    children.push(child);
    const holder = readLockHolder(journalLockPath(t.path));
    expect(holder).toMatchObject({ pid, hostname: hostname() });

    // Another process is refused, with the holder's pid and start time, and told reading is allowed.
    const other = runChild('try', t.path);
    expect(other.code).toBe(3);
    expect(other.out).toContain(`REFUSED The journal is in use by another desk (pid ${pid}, started ${holder!.startedAt})`);
    expect(other.out).toContain('Reading it is always allowed');
    // So is this process.
    expect(() => openJournal(t.path)).toThrow(JournalLockedError);
    try {
      openJournal(t.path);
    } catch (err) {
      expect((err as JournalLockedError).holder?.pid).toBe(pid);
    }
    // Reading needs no lock.
    expect(readJournal(t.path).records.map((r) => r.actionId)).toEqual([intentFor(1).actionId]);

    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    // The killed desk's lock is still there, and is recognised as dead.
    expect(readLockHolder(journalLockPath(t.path))?.pid).toBe(pid);
    const j = openJournal(t.path);
    journals.push(j);
    expect(j.takenOver).toMatchObject({ pid, startedAt: holder!.startedAt, hostname: hostname() });
    expect(readLockHolder(journalLockPath(t.path))?.pid).toBe(process.pid);
    expect(j.unresolved().map((a) => a.actionId)).toEqual([intentFor(1).actionId]);
    j.append(intentFor(2));
    expect(readJournal(t.path).records).toHaveLength(2);
  });

  it('a child desk takes over a lock left by a killed one and reports it', async () => {
    const { child, pid } = await startHolder(t.path, wire(intentFor(1)));
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const r = runChild('try', t.path);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`^OPENED \\{"pid":${pid},`));
    expect(existsSync(journalLockPath(t.path))).toBe(false);
  });

  it('a desk that exits without closing releases its lock', () => {
    const r = runChild('exit', t.path);
    expect(r.out).toContain('OPENED');
    expect(existsSync(journalLockPath(t.path))).toBe(false);
    const j = openJournal(t.path);
    journals.push(j);
    expect(j.takenOver).toBeNull();
  });
});

describe('journal lock files', () => {
  const lockFile = (): string => journalLockPath(t.path);
  const writeLock = (h: Record<string, unknown>): void => writeFileSync(lockFile(), JSON.stringify({ id: 'x', ...h }));

  it('never takes over a lock from another host, however old, and says so', () => {
    writeLock({ pid: 4242, startedAt: '2020-01-01T00:00:00.000Z', hostname: 'other-box' });
    expect(() => openJournal(t.path)).toThrow(/desk on another host \(pid 4242 on host other-box, started 2020-01-01T00:00:00.000Z\).*never takes such a lock over automatically.*remove .*journal\.jsonl\.lock.*Reading it is always allowed/);
    expect(readLockHolder(lockFile())?.hostname).toBe('other-box');
  });

  it('takes over a same-host lock whose pid is gone', () => {
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const pid = Number(gone.stdout);
    writeLock({ pid, startedAt: new Date().toISOString(), hostname: hostname() });
    const j = openJournal(t.path);
    journals.push(j);
    expect(j.takenOver?.pid).toBe(pid);
  });

  it('takes over a lock whose holder started before this boot, even if its pid now runs something else', () => {
    writeLock({ pid: process.ppid, startedAt: '2001-01-01T00:00:00.000Z', hostname: hostname() });
    const j = openJournal(t.path);
    journals.push(j);
    expect(j.takenOver?.pid).toBe(process.ppid);
  });

  it('treats a fresh unreadable lock as being written and an old one as left by a killed desk', () => {
    writeFileSync(lockFile(), '');
    expect(() => openJournal(t.path)).toThrow(/is being taken by another desk; try again/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lockFile(), old, old);
    const j = openJournal(t.path);
    journals.push(j);
    expect(j.takenOver).toBeNull();
    expect(readLockHolder(lockFile())?.pid).toBe(process.pid);
  });

  it('does not race a takeover already under way, and clears a takeover mutex a killed desk left', () => {
    writeLock({ pid: 999_999_999, startedAt: new Date().toISOString(), hostname: hostname() });
    writeFileSync(takeoverPath(lockFile()), '1');
    expect(() => openJournal(t.path)).toThrow(/taking over the journal lock .* right now/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(takeoverPath(lockFile()), old, old);
    const j = openJournal(t.path);
    journals.push(j);
    expect(j.takenOver?.pid).toBe(999_999_999);
    expect(existsSync(takeoverPath(lockFile()))).toBe(false);
  });

  it('close releases only its own lock', () => {
    const lock = acquireJournalLock(lockFile());
    writeLock({ pid: 1, startedAt: new Date().toISOString(), hostname: 'someone-else' });
    lock.release();
    expect(JSON.parse(readFileSync(lockFile(), 'utf8')).hostname).toBe('someone-else');
  });
});
