// `node bin/taskdesk` (the built dist/) with pipes, as a script would run it.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const home = mkdtempSync(join(tmpdir(), 'td-cli-'));
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'taskdesk'), ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: home, XDG_CONFIG_HOME: join(home, 'c'), XDG_STATE_HOME: join(home, 's') },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin.end();
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

describe('the launcher', () => {
  it('without a terminal: exit 2 and exactly one line', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('taskdesk: no terminal; for scripts use `taskdesk watch --json`\n');
  });

  it('--version prints the package version', async () => {
    const r = await run(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`taskdesk ${VERSION}\n`);
  });

  it('--help exits 0 and lists the subcommands', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: taskdesk/);
    expect(r.stdout).toContain('taskdesk watch --json');
  });

  it('unknown flags and watch without --json: a clear message, exit 2', async () => {
    const a = await run(['--frobnicate']);
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('unknown option "--frobnicate"');
    const b = await run(['watch']);
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('watch needs --json');
  });
});
