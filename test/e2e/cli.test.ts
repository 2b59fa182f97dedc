// The launcher without a terminal: no-TTY refusal, --help, --version, and the sim's first stdout line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../e2e-helpers/pty.js';
import { runPiped, startSimProcess, type SimProcess } from '../e2e-helpers/proc.js';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
const nonEmptyLines = (s: string): string[] => s.split('\n').filter((l) => l.trim() !== '');

describe('taskdesk without a terminal', () => {
  it('exits 2 with one line pointing at `taskdesk watch --json`', async () => {
    const r = await runPiped([]);
    expect(r.code).toBe(2);
    const lines = nonEmptyLines(r.stdout + r.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('taskdesk watch --json');
    // No escape sequences: nothing was drawn for a terminal that is not there.
    expect(r.stdout + r.stderr).not.toMatch(/\x1b/);
  });

  it('--help prints usage naming the subcommands and exits 0', async () => {
    const r = await runPiped(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/usage/i);
    for (const word of ['sim', 'watch', '--api', '--help', '--version']) expect(r.stdout).toContain(word);
    expect(r.stdout).not.toMatch(/\x1b/);
  });

  it('--version prints the package version on one line and exits 0', async () => {
    const r = await runPiped(['--version']);
    expect(r.code).toBe(0);
    const lines = nonEmptyLines(r.stdout);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`(^|\\s|v)${pkg.version.replace(/\./g, '\\.')}$`));
  });
});

describe('taskdesk sim --port 0', () => {
  let sim: SimProcess | undefined;
  afterAll(async () => {
    await sim?.stop();
  });

  it('prints `taskdesk sim listening on http://127.0.0.1:PORT` first and serves the task list there', async () => {
    sim = await startSimProcess();
    expect(sim.firstLine).toMatch(/^taskdesk sim listening on http:\/\/127\.0\.0\.1:[1-9]\d*$/);
    const port = Number(new URL(sim.url).port);
    expect(port).toBeGreaterThan(0);
    const r = await fetch(`${sim.url}/api/tasks?limit=1`);
    expect(r.status).toBe(200);
    const body = (await r.json()) as { tasks: unknown[]; hasMore: boolean };
    expect(Array.isArray(body.tasks)).toBe(true);
    expect(typeof body.hasMore).toBe('boolean');
  });
});
