// A real pseudo-terminal around `node bin/taskdesk …`, rendered through a headless xterm so tests read
// the screen a user would see. Ink draws nothing until exit when CI is set (ink-engineering.md §3.1
// gotcha 1), so the child always gets CI=false whatever the runner's environment says.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pty from '@lydell/node-pty';
import xterm from '@xterm/headless';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const BIN = join(REPO_ROOT, 'bin', 'taskdesk');

/** Key names for `press`; anything else is written as-is. */
export const KEYS: Record<string, string> = {
  escape: '\x1b',
  esc: '\x1b',
  enter: '\r',
  return: '\r',
  tab: '\t',
  backspace: '\x7f',
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  pageup: '\x1b[5~',
  pagedown: '\x1b[6~',
  home: '\x1b[H',
  end: '\x1b[F',
  'ctrl-c': '\x03',
  'ctrl-l': '\x0c',
};

export interface SpawnPtyOptions {
  /** Arguments after `node bin/taskdesk`. */
  args?: string[];
  /** Run another program instead of the desk (harness self-tests). */
  file?: string;
  cols?: number;
  rows?: number;
  /** Extra environment, applied last. */
  env?: Record<string, string>;
  cwd?: string;
}

export interface ExitInfo {
  exitCode: number;
  signal: number | undefined;
}

export type ScreenMatch = string | RegExp | ((screen: string) => boolean);

export interface PtySession {
  readonly pid: number;
  /** The temp HOME (also holds XDG_CONFIG_HOME / XDG_STATE_HOME); removed by kill(). */
  readonly home: string;
  /** Visible buffer as text, one line per row, trailing spaces trimmed. */
  screen(): string;
  lines(): string[];
  /** The visible buffer cell by cell (a wide character's second cell is ''), for column-exact slicing. */
  grid(): string[][];
  /** Every byte the child wrote, as received (for escape-sequence assertions). */
  raw(): string;
  /** Window titles the child set (OSC 0/2), as the terminal saw them. */
  titles(): string[];
  /** OSC sequences the terminal parsed, by number (52 clipboard, 8 hyperlink, 0/1/2 title, …). */
  oscs(): Array<{ id: number; data: string }>;
  /** Total bytes written by the child so far. */
  bytes(): number;
  /** Resolves with the screen once it matches; rejects with the screen on timeout or early exit. */
  waitFor(match: ScreenMatch, timeoutMs?: number): Promise<string>;
  /** Resolves with the screen once it stops matching. */
  waitForGone(match: ScreenMatch, timeoutMs?: number): Promise<string>;
  /** One key per write (Ink merges keys read together), with a short gap between keys. */
  press(...keys: string[]): Promise<void>;
  write(data: string): void;
  resize(cols: number, rows: number): void;
  waitForExit(timeoutMs?: number): Promise<ExitInfo>;
  readonly exit: ExitInfo | null;
  /** Kill the child (if alive), dispose the terminal and remove the temp HOME. Idempotent. */
  kill(): void;
  /** Subscribe to raw data chunks (after they reached the headless terminal's queue). */
  onData(listener: (chunk: string) => void): () => void;
  /** Resolves once the headless terminal has parsed everything received so far. */
  flush(): Promise<void>;
  /** Which screen buffer the terminal shows: 'alternate' while a full-screen program holds it. */
  bufferType(): 'normal' | 'alternate';
  /** Close the terminal under the child, as an SSH drop or `tmux kill-session` does (SIGHUP, then EIO). */
  hangUp(): void;
}

const live = new Set<PtySession>();

/** Kill every session still alive; call from afterEach/afterAll so a failed test leaves nothing behind. */
export function killAllPtys(): void {
  for (const s of [...live]) s.kill();
}

/** A private environment: temp HOME and XDG dirs, CI=false, a 256-colour TERM, no runner variables. */
export function childEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    TERM: 'xterm-256color',
    COLORTERM: 'truecolor',
    LANG: process.env.LANG ?? 'C.UTF-8',
    CI: 'false',
  };
  if (process.env.TZ) env.TZ = process.env.TZ;
  return { ...env, ...extra };
}

export function makeTempHome(prefix = 'taskdesk-e2e-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

function matches(screen: string, m: ScreenMatch): boolean {
  if (typeof m === 'string') return screen.includes(m);
  if (m instanceof RegExp) return m.test(screen);
  return m(screen);
}

function describe(m: ScreenMatch): string {
  return typeof m === 'function' ? 'predicate' : String(m);
}

export function spawnPty(opts: SpawnPtyOptions = {}): PtySession {
  const cols = opts.cols ?? 120;
  const rows = opts.rows ?? 40;
  const home = makeTempHome();
  const env = childEnv(home, opts.env);
  const file = opts.file ?? process.execPath;
  const args = opts.file ? (opts.args ?? []) : [BIN, ...(opts.args ?? [])];

  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  const child = pty.spawn(file, args, { name: 'xterm-256color', cols, rows, cwd: opts.cwd ?? REPO_ROOT, env });

  // Record what a real terminal would act on; returning false lets xterm's own handling continue.
  const oscLog: Array<{ id: number; data: string }> = [];
  const titleLog: string[] = [];
  for (const id of [0, 1, 2, 4, 7, 8, 9, 10, 11, 12, 52, 104, 777, 1337]) {
    term.parser.registerOscHandler(id, (data) => {
      oscLog.push({ id, data });
      return false;
    });
  }
  term.onTitleChange((t) => titleLog.push(t));

  let rawOut = '';
  let byteCount = 0;
  let exit: ExitInfo | null = null;
  let disposed = false;
  const listeners = new Set<(chunk: string) => void>();
  const exitWaiters: Array<(e: ExitInfo) => void> = [];

  const dataSub = child.onData((chunk) => {
    rawOut += chunk;
    byteCount += Buffer.byteLength(chunk);
    if (!disposed) term.write(chunk);
    for (const l of listeners) l(chunk);
  });
  const exitSub = child.onExit(({ exitCode, signal }) => {
    exit = { exitCode, signal };
    for (const w of exitWaiters.splice(0)) w(exit);
  });

  const lines = (): string[] => {
    const buf = term.buffer.active;
    const out: string[] = [];
    for (let y = 0; y < term.rows; y++) out.push(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '');
    return out;
  };
  const screen = (): string => lines().join('\n');
  const grid = (): string[][] => {
    const buf = term.buffer.active;
    const out: string[][] = [];
    for (let y = 0; y < term.rows; y++) {
      const line = buf.getLine(buf.viewportY + y);
      const row: string[] = [];
      for (let x = 0; x < term.cols; x++) {
        const cell = line?.getCell(x);
        row.push(cell ? (cell.getWidth() === 0 ? '' : cell.getChars() || ' ') : ' ');
      }
      out.push(row);
    }
    return out;
  };

  const flush = (): Promise<void> =>
    disposed ? Promise.resolve() : new Promise((r) => term.write('', () => r()));

  const poll = async (pred: () => boolean, what: string, timeoutMs: number): Promise<string> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await flush();
      if (pred()) return screen();
      if (exit && !pred()) {
        // Give the terminal one more parse in case the final frame arrived with the exit.
        await flush();
        if (pred()) return screen();
        throw new Error(`process exited (${JSON.stringify(exit)}) before ${what}\n--- screen ---\n${screen()}`);
      }
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n--- screen ---\n${screen()}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  const session: PtySession = {
    pid: child.pid,
    home,
    screen,
    lines,
    grid,
    raw: () => rawOut,
    titles: () => [...titleLog],
    oscs: () => [...oscLog],
    bytes: () => byteCount,
    waitFor: (m, timeoutMs = 15_000) => poll(() => matches(screen(), m), describe(m), timeoutMs),
    waitForGone: (m, timeoutMs = 15_000) => poll(() => !matches(screen(), m), `${describe(m)} to disappear`, timeoutMs),
    async press(...keys) {
      for (const k of keys) {
        child.write(KEYS[k.toLowerCase()] ?? k);
        // A gap so Ink's stdin reader sees each key in its own read (§3.1 gotcha 2).
        await new Promise((r) => setTimeout(r, 80));
      }
    },
    write: (data) => child.write(data),
    resize(c, r) {
      child.resize(c, r);
      term.resize(c, r);
    },
    waitForExit(timeoutMs = 15_000) {
      if (exit) return Promise.resolve(exit);
      return new Promise((res, rej) => {
        const t = setTimeout(() => rej(new Error(`no exit after ${timeoutMs} ms\n--- screen ---\n${screen()}`)), timeoutMs);
        exitWaiters.push((e) => {
          clearTimeout(t);
          res(e);
        });
      });
    },
    get exit() {
      return exit;
    },
    kill() {
      if (disposed) return;
      disposed = true;
      live.delete(session);
      if (!exit) {
        // node-pty makes the child a session leader; kill its whole group so nothing it started survives.
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          try {
            child.kill('SIGKILL');
          } catch {
            // already gone
          }
        }
      }
      dataSub.dispose();
      exitSub.dispose();
      listeners.clear();
      term.dispose();
      rmSync(home, { recursive: true, force: true });
    },
    onData(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    flush,
    bufferType: () => term.buffer.active.type,
    hangUp() {
      (child as unknown as { destroy(): void }).destroy();
    },
  };
  live.add(session);
  return session;
}
