// One run of the official `taskmarket` binary: argv only (shell: false), stdin closed, a minimal environment
// (PATH, HOME of the wallet's CLI keystore, TASKMARKET_API_URL — nothing else of the desk's), output capped,
// killed on timeout or abort, and its envelope read with zod (cli-envelope.ts).
import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { checkHttpUrl } from '../markets/taskmarket/index.js';
import { parseCliOutput, type Envelope } from './cli-envelope.js';

export type SpawnFn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export interface RunCliOptions {
  /** The CLI: a JS entry (run with this Node) or an executable such as node_modules/.bin/taskmarket. */
  bin: string;
  /** Arguments after the binary, e.g. from buildCliArgv. */
  argv: string[];
  /** HOME holding `.taskmarket/keystore.json`; null = the user's real HOME. */
  home: string | null;
  apiUrl: string;
  /** Default 60 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Extra variables the caller chooses (e.g. TASKMARKET_IDEMPOTENCY_KEY); may not replace PATH, HOME or the API URL. */
  env?: Record<string, string>;
  /** For tests: observe or replace the spawn. */
  spawn?: SpawnFn;
}

interface CliRun {
  argv: string[];
  pid: number | null;
  /** performance.now() just before spawn, and when the child exited (null if it never started). */
  spawnedAt: number | null;
  exitedAt: number | null;
}

export type CliOutcome =
  | ({ ok: true; data: unknown; exitCode: 0; idempotencyKey: string | null } & CliRun)
  | ({
      ok: false;
      error: string;
      contractError: string | null;
      /** The process's exit code; -1 when it was refused, never started, or died by a signal. */
      exitCode: number;
      status?: number;
      idempotencyKey: string | null;
      reason?: string;
      pending?: boolean;
      /** Refused before anything was spawned. */
      refused?: true;
      /** Why the desk killed it. */
      killed?: 'timeout' | 'abort' | 'output';
      /** A known cause, in the desk's words. */
      hint?: string;
    } & CliRun);

export const DEFAULT_CLI_TIMEOUT_MS = 60_000;
const MAX_STDOUT = 4 * 1024 * 1024;
const MAX_STDERR = 1024 * 1024;
const KILL_GRACE_MS = 2000;
const RESERVED_ENV = new Set(['PATH', 'HOME', 'TASKMARKET_API_URL']);
const ENV_NAME = /^[A-Z][A-Z0-9_]{0,63}$/;

/** A failure that never reached a process. */
export function refusedOutcome(error: string, argv: string[] = []): CliOutcome {
  return { ok: false, error, contractError: null, exitCode: -1, idempotencyKey: null, refused: true, argv, pid: null, spawnedAt: null, exitedAt: null };
}

/** Run a JS entry with this Node directly (no `/usr/bin/env node` lookup); anything else as an executable. */
export function commandFor(bin: string): { command: string; prefix: string[] } {
  let real = bin;
  try {
    real = realpathSync(bin);
  } catch {
    /* spawn reports it */
  }
  return /\.(c|m)?js$/.test(real) ? { command: process.execPath, prefix: [real] } : { command: bin, prefix: [] };
}

function childEnv(opts: RunCliOptions, apiUrl: string): Record<string, string> | string {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    HOME: opts.home ?? homedir(),
    TASKMARKET_API_URL: apiUrl,
  };
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (RESERVED_ENV.has(k) || !ENV_NAME.test(k)) return `environment variable ${JSON.stringify(k.slice(0, 40))} may not be set`;
    if (typeof v !== 'string' || v.includes('\u0000')) return `environment variable ${k} has a bad value`;
    env[k] = v;
  }
  return env;
}

/** Spawn the CLI once and read its outcome. Never throws; never a shell. */
export function runCli(opts: RunCliOptions): Promise<CliOutcome> {
  const argv = opts.argv;
  if (!Array.isArray(argv) || argv.some((a) => typeof a !== 'string' || a.includes('\u0000'))) return Promise.resolve(refusedOutcome('argv must be strings without NUL'));
  let apiUrl: string;
  try {
    apiUrl = checkHttpUrl(opts.apiUrl);
  } catch (e) {
    return Promise.resolve(refusedOutcome((e as Error).message, argv));
  }
  const env = childEnv(opts, apiUrl);
  if (typeof env === 'string') return Promise.resolve(refusedOutcome(env, argv));
  if (opts.signal?.aborted) return Promise.resolve(refusedOutcome('aborted before start', argv));
  const { command, prefix } = commandFor(opts.bin);
  const spawn = opts.spawn ?? nodeSpawn;

  return new Promise((done) => {
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    let killed: 'timeout' | 'abort' | 'output' | undefined;
    let settled = false;
    let exitedAt: number | null = null;
    let graceTimer: NodeJS.Timeout | undefined;
    const spawnedAt = performance.now();
    let child: ChildProcess;
    try {
      child = spawn(command, [...prefix, ...argv], { shell: false, stdio: ['ignore', 'pipe', 'pipe'], env, windowsHide: true });
    } catch (e) {
      done({ ok: false, error: `could not start the CLI (${opts.bin}): ${(e as Error).message}`, contractError: null, exitCode: -1, idempotencyKey: null, argv, pid: null, spawnedAt: null, exitedAt: null });
      return;
    }
    const pid = child.pid ?? null;
    const kill = (why: 'timeout' | 'abort' | 'output') => {
      if (killed || exitedAt !== null) return;
      killed = why;
      child.kill('SIGTERM');
      graceTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
      graceTimer.unref();
    };
    const timer = setTimeout(() => kill('timeout'), opts.timeoutMs ?? DEFAULT_CLI_TIMEOUT_MS);
    const onAbort = () => kill('abort');
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (outcome: CliOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (graceTimer) clearTimeout(graceTimer);
      opts.signal?.removeEventListener('abort', onAbort);
      done(outcome);
    };
    child.stdout?.on('data', (b: Buffer) => {
      outBytes += b.length;
      if (outBytes > MAX_STDOUT) kill('output');
      else out.push(b);
    });
    child.stderr?.on('data', (b: Buffer) => {
      errBytes += b.length;
      if (errBytes > MAX_STDERR) kill('output');
      else err.push(b);
    });
    child.once('error', (e) => {
      exitedAt ??= performance.now();
      finish({ ok: false, error: `could not start the CLI (${opts.bin}): ${e.message}`, contractError: null, exitCode: -1, idempotencyKey: null, argv, pid, spawnedAt: pid === null ? null : spawnedAt, exitedAt: pid === null ? null : exitedAt });
    });
    child.once('exit', () => {
      exitedAt ??= performance.now();
    });
    child.once('close', (code, signal) => {
      exitedAt ??= performance.now();
      const run: CliRun = { argv, pid, spawnedAt, exitedAt };
      const exitCode = typeof code === 'number' ? code : -1;
      if (killed) {
        const what = killed === 'timeout' ? `timed out after ${opts.timeoutMs ?? DEFAULT_CLI_TIMEOUT_MS} ms` : killed === 'abort' ? 'was cancelled' : 'printed more output than the desk reads';
        finish({ ok: false, error: `the CLI ${what} and was killed (${signal ?? `exit ${exitCode}`}); the action may or may not have happened — re-check the task`, contractError: null, exitCode, idempotencyKey: null, killed, ...run });
        return;
      }
      const envelope: Envelope = parseCliOutput(exitCode, Buffer.concat(out).toString('utf8'), Buffer.concat(err).toString('utf8'));
      if (envelope.ok && exitCode === 0) {
        finish({ ok: true, data: envelope.data, exitCode: 0, idempotencyKey: envelope.idempotencyKey, ...run });
        return;
      }
      const failed = envelope.ok ? { error: 'the CLI exited non-zero', contractError: null, idempotencyKey: null } : envelope;
      finish({ ...failed, ok: false, exitCode, error: signal ? `${failed.error} (signal ${signal})` : failed.error, ...run });
    });
  });
}
