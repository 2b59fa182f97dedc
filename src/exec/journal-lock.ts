// One desk acts on a journal at a time: a lock file next to it, created with O_EXCL, holding who holds
// it. A holder that is provably dead (same host, no such pid, or started before this boot) is taken
// over and the caller is told; a holder on another host is never taken over automatically (we cannot
// see its processes), whatever its age. Reading the journal needs no lock.
import { randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname as osHostname, uptime } from 'node:os';
import { z } from 'zod';

export interface LockHolder {
  pid: number;
  /** ISO time the holder took the lock. */
  startedAt: string;
  hostname: string;
  /** Random per-acquisition id, so a desk only ever removes its own lock. */
  id: string;
}

export interface HeldLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** The dead holder whose lock this one replaced, or null. Show it to the operator. */
  readonly takenOver: LockHolder | null;
  release(): void;
}

export interface LockOptions {
  pid?: number;
  hostname?: string;
  now?: () => Date;
}

export class JournalLockedError extends Error {
  override name = 'JournalLockedError';
  constructor(
    message: string,
    readonly lockPath: string,
    readonly holder: LockHolder | null,
  ) {
    super(message);
  }
}

const holderSchema = z.object({
  pid: z.number().int().positive(),
  startedAt: z.iso.datetime({ offset: true }),
  hostname: z.string().min(1).max(255),
  id: z.string().min(1).max(100),
});

/** A lock file with no readable holder younger than this is someone mid-write (create and write are microseconds apart). */
const PARTIAL_GRACE_MS = 5_000;
/** A takeover mutex older than this belonged to a desk killed mid-takeover. */
const TAKEOVER_GRACE_MS = 10_000;

export const takeoverPath = (lockPath: string): string => `${lockPath}.takeover`;

/** The current holder of a lock file, or null when there is none or it is unreadable. Never throws. */
export function readLockHolder(lockPath: string): LockHolder | null {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(readFileSync(lockPath, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else, so it is alive.
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/** Started before this machine booted: whatever now runs under that pid is not the holder. */
function predatesBoot(holder: LockHolder, now: number): boolean {
  const bootAt = now - uptime() * 1000;
  return Date.parse(holder.startedAt) < bootAt - 60_000;
}

function describe(h: LockHolder, here: string): string {
  return h.hostname === here ? `pid ${h.pid}, started ${h.startedAt}` : `pid ${h.pid} on host ${h.hostname}, started ${h.startedAt}`;
}

const READ_OK = 'Reading it is always allowed (`taskdesk journal`).';

function writeExclusive(path: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

function ageMs(path: string, now: number): number | null {
  try {
    return now - statSync(path).mtimeMs;
  } catch {
    return null;
  }
}

function readRaw(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** Remove `lockPath` only if it still holds exactly `seen`, under a takeover mutex so two desks cannot both do it. */
function removeStale(lockPath: string, seen: string | null, now: number): void {
  const mutex = takeoverPath(lockPath);
  if (!writeExclusive(mutex, String(process.pid))) {
    const age = ageMs(mutex, now);
    if (age !== null && age > TAKEOVER_GRACE_MS) {
      unlinkSync(mutex);
      return removeStale(lockPath, seen, now);
    }
    throw new JournalLockedError(`Another desk is taking over the journal lock ${lockPath} right now; try again. ${READ_OK}`, lockPath, null);
  }
  try {
    if (readRaw(lockPath) === seen) unlinkSync(lockPath);
  } finally {
    unlinkSync(mutex);
  }
}

// Locks this process holds, released on exit (SIGKILL leaves one behind; the next desk takes it over).
const held = new Set<() => void>();
let exitHookInstalled = false;
function onExit(release: () => void): void {
  held.add(release);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const r of [...held]) r();
    });
  }
}

/**
 * Take the lock for a journal. Throws JournalLockedError naming the holder when a live desk (or one on
 * another host) holds it; takes over a dead holder's lock and reports it in `takenOver`.
 */
export function acquireJournalLock(lockPath: string, opts: LockOptions = {}): HeldLock {
  const now = opts.now ?? (() => new Date());
  const here = opts.hostname ?? osHostname();
  const me: LockHolder = { pid: opts.pid ?? process.pid, startedAt: now().toISOString(), hostname: here, id: randomUUID() };
  let takenOver: LockHolder | null = null;

  for (let round = 0; round < 5; round++) {
    if (writeExclusive(lockPath, `${JSON.stringify(me)}\n`)) {
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        held.delete(release);
        // Only our own lock: if someone else's is there now, it is theirs.
        if (readLockHolder(lockPath)?.id === me.id) {
          try {
            unlinkSync(lockPath);
          } catch {
            /* already gone */
          }
        }
      };
      onExit(release);
      return { path: lockPath, holder: me, takenOver, release };
    }
    const raw = readRaw(lockPath);
    if (raw === null) continue; // released between our create and read: try again
    const holder = readLockHolder(lockPath);
    const t = now().getTime();
    if (holder === null) {
      const age = ageMs(lockPath, t);
      if (age !== null && age < PARTIAL_GRACE_MS) {
        throw new JournalLockedError(`The journal lock ${lockPath} is being taken by another desk; try again. ${READ_OK}`, lockPath, null);
      }
      removeStale(lockPath, raw, t); // unreadable and old: a desk died between create and write
      continue;
    }
    if (holder.hostname !== here) {
      throw new JournalLockedError(
        `The journal is locked by a desk on another host (${describe(holder, here)}). taskdesk cannot tell whether a process on ` +
          `another machine is alive, so it never takes such a lock over automatically, however old; if that desk is gone, ` +
          `remove ${lockPath}. ${READ_OK}`,
        lockPath,
        holder,
      );
    }
    if (pidAlive(holder.pid) && !predatesBoot(holder, t)) {
      throw new JournalLockedError(
        `The journal is in use by another desk (${describe(holder, here)}). Only one desk may act on a journal at a time; ` +
          `quit that one first. ${READ_OK}`,
        lockPath,
        holder,
      );
    }
    removeStale(lockPath, raw, t);
    takenOver = holder;
  }
  throw new JournalLockedError(`Could not take the journal lock ${lockPath}: it kept changing hands. ${READ_OK}`, lockPath, readLockHolder(lockPath));
}
