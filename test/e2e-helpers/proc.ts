// Plain child processes (no terminal): `taskdesk` with piped stdio, and a separately started
// `taskdesk sim --port 0` whose first stdout line names the URL it listens on.
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { BIN, REPO_ROOT, childEnv, makeTempHome } from './pty.js';

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Run `node bin/taskdesk …` with pipes (so stdin/stdout are not TTYs) and collect its output. */
export function runPiped(args: string[], opts: { env?: Record<string, string>; timeoutMs?: number; input?: string } = {}): Promise<RunResult> {
  const home = makeTempHome();
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    env: childEnv(home, opts.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  child.stdin.end(opts.input ?? '');
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`taskdesk ${args.join(' ')} did not exit within ${opts.timeoutMs ?? 15_000} ms\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, opts.timeoutMs ?? 15_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(t);
      rmSync(home, { recursive: true, force: true });
      resolve({ code, signal, stdout, stderr });
    });
  });
}

export interface SimProcess {
  url: string;
  firstLine: string;
  child: ChildProcess;
  /** Everything the sim wrote to stdout/stderr so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

const LISTEN_RE = /^taskdesk sim listening on (http:\/\/127\.0\.0\.1:\d+)$/;

/** Start `taskdesk sim --port 0 …` and resolve once its first stdout line announces the URL. */
export function startSimProcess(extraArgs: string[] = [], timeoutMs = 20_000): Promise<SimProcess> {
  const home = makeTempHome('taskdesk-e2e-sim-');
  const child = spawn(process.execPath, [BIN, 'sim', '--port', '0', ...extraArgs], {
    cwd: REPO_ROOT,
    env: childEnv(home),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let firstLine: string | null = null;
  const stop = (): Promise<void> =>
    new Promise((res) => {
      const done = (): void => {
        rmSync(home, { recursive: true, force: true });
        res();
      };
      if (child.exitCode !== null || child.signalCode !== null) return done();
      child.once('exit', done);
      child.kill('SIGKILL');
    });
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      void stop();
      reject(new Error(`sim printed no first line within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (firstLine !== null) return;
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      firstLine = out.slice(0, nl).replace(/\r$/, '');
      clearTimeout(t);
      const m = LISTEN_RE.exec(firstLine);
      if (!m?.[1]) {
        void stop();
        reject(new Error(`unexpected first line from sim: ${JSON.stringify(firstLine)}\n${out}`));
        return;
      }
      resolve({ url: m[1], firstLine, child, output: () => out, stop });
    });
    child.on('exit', (code) => {
      if (firstLine === null) {
        clearTimeout(t);
        rmSync(home, { recursive: true, force: true });
        reject(new Error(`sim exited with ${code} before printing its URL:\n${out}`));
      }
    });
  });
}

export { LISTEN_RE };
