// The benchmark's pseudo-terminal: `node bin/taskdesk …` in a real pty (CI=false, private HOME),
// every output chunk fed into a headless xterm of the same size, bytes counted as they arrive.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pty from '@lydell/node-pty';
import xterm from '@xterm/headless';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
// BENCH_BIN points the benchmark at another launcher (e.g. a bundled build) for comparisons.
export const BIN = process.env.BENCH_BIN ?? join(REPO_ROOT, 'bin', 'taskdesk');

export function privateEnv(home, extra = {}) {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_CACHE_HOME: join(home, '.cache'),
    TERM: 'xterm-256color',
    COLORTERM: 'truecolor',
    LANG: process.env.LANG ?? 'C.UTF-8',
    // Ink draws nothing until exit when CI is set (ink-engineering.md §3.1).
    CI: 'false',
    ...extra,
  };
}

/** Spawn the desk in a pty. `t0` is taken just before spawn so first-frame time includes process start. */
export function spawnDesk({ args = [], cols = 120, rows = 40, env = {}, nodeArgs = [] } = {}) {
  const home = mkdtempSync(join(tmpdir(), 'taskdesk-bench-'));
  const term = new xterm.Terminal({ cols, rows, allowProposedApi: true, scrollback: 0 });
  const t0 = performance.now();
  const child = pty.spawn(process.execPath, [...nodeArgs, BIN, ...args], {
    name: 'xterm-256color', cols, rows, cwd: REPO_ROOT, env: privateEnv(home, env),
  });
  let bytes = 0;
  let firstByteAt = null;
  let exit = null;
  const listeners = new Set();
  child.onData((chunk) => {
    const at = performance.now();
    firstByteAt ??= at;
    bytes += Buffer.byteLength(chunk);
    term.write(chunk, () => {
      for (const l of listeners) l(chunk, at);
    });
  });
  child.onExit((e) => {
    exit = e;
    // Wake any waiter so a crashed desk fails fast instead of timing out.
    for (const l of listeners) l('', performance.now());
  });

  const lines = () => {
    const buf = term.buffer.active;
    const out = [];
    for (let y = 0; y < term.rows; y++) out.push(buf.getLine(buf.viewportY + y)?.translateToString(true) ?? '');
    return out;
  };
  const screen = () => lines().join('\n');

  /** Resolve with performance.now() of the chunk after which the screen first satisfies pred. */
  const waitFor = (pred, timeoutMs = 20_000) => new Promise((res, rej) => {
    const check = (_chunk, at) => {
      if (!pred(screen())) {
        if (exit) {
          listeners.delete(check);
          clearTimeout(timer);
          rej(new Error(`desk exited ${JSON.stringify(exit)} before the screen condition\n${screen()}`));
        }
        return false;
      }
      listeners.delete(check);
      clearTimeout(timer);
      res(at ?? performance.now());
      return true;
    };
    const timer = setTimeout(() => {
      listeners.delete(check);
      rej(new Error(`timeout waiting for screen condition; exit=${JSON.stringify(exit)}\n${screen()}`));
    }, timeoutMs);
    listeners.add(check);
    term.write('', () => check('', undefined));
  });

  const kill = () => {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { try { child.kill('SIGKILL'); } catch { /* gone */ } }
    try { term.dispose(); } catch { /* already */ }
    rmSync(home, { recursive: true, force: true });
  };

  return {
    t0, child, term, pid: child.pid, home, lines, screen, waitFor, kill,
    bytes: () => bytes,
    firstByteAt: () => firstByteAt,
    get exit() { return exit; },
    write: (d) => child.write(d),
    onFrame: (l) => { listeners.add(l); return () => listeners.delete(l); },
  };
}
