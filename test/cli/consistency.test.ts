// One command-line grammar for `taskdesk`, `taskdesk watch` and `taskdesk sim` (finding 29), through
// the built launcher with pipes: version aliases, `help`, per-command help, and usage errors of one form
// (`<command>: <message>` + ``Run `<command> --help` for usage.``, exit 2) with the same number wording.
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

const usage = (command: string, message: string) => `${command}: ${message}\nRun \`${command} --help\` for usage.\n`;

describe('versions', () => {
  for (const args of [['-v'], ['-V'], ['--version'], ['sim', '--version'], ['sim', '-V'], ['sim', '-v'], ['watch', '-v']]) {
    it(`taskdesk ${args.join(' ')} prints the version`, async () => {
      const r = await run(args);
      expect(r).toEqual({ code: 0, stdout: `taskdesk ${VERSION}\n`, stderr: '' });
    });
  }
});

describe('help', () => {
  it('`taskdesk help` is `taskdesk --help`', async () => {
    const a = await run(['help']);
    const b = await run(['--help']);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/^usage: taskdesk \[options\]/);
    expect(a.stdout).toBe(b.stdout);
  });

  it('`taskdesk watch --help` (and `help watch`) prints the watch help, not the general one', async () => {
    const a = await run(['watch', '--help']);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/^usage: taskdesk watch --json \[options\]/);
    expect(a.stdout).toContain('--task-interval');
    expect(a.stdout).toContain('watch.ready');
    expect(a.stdout).not.toContain('--theme');
    expect((await run(['help', 'watch'])).stdout).toBe(a.stdout);
  });

  it('`taskdesk sim --help` (and `help sim`) prints the sim help in the same style', async () => {
    const a = await run(['sim', '--help']);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/^usage: taskdesk sim \[options\]\n/);
    expect(a.stdout).toContain('\noptions:\n');
    expect(a.stdout).toContain('-V, -v, --version');
    expect((await run(['help', 'sim'])).stdout).toBe(a.stdout);
  });

  it('`taskdesk help journal` prints what `taskdesk journal --help` prints', async () => {
    const a = await run(['journal', '--help']);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/taskdesk journal/);
    expect((await run(['help', 'journal'])).stdout).toBe(a.stdout);
  });

  it('`taskdesk help nonsense` is a usage error', async () => {
    const r = await run(['help', 'nonsense']);
    expect(r).toEqual({ code: 2, stdout: '', stderr: usage('taskdesk', 'help takes one of watch, sim or journal, not "nonsense"') });
  });
});

describe('usage errors: two lines, exit 2, the same wording everywhere', () => {
  const cases: Array<[string[], string, string]> = [
    [['--bogus'], 'taskdesk', 'unknown option "--bogus"'],
    [['--bots', 'abc'], 'taskdesk', '--bots: a whole number from 0 to 64'],
    [['watch', '--json', '--bogus'], 'taskdesk watch', 'unknown option "--bogus"'],
    [['watch'], 'taskdesk watch', 'watch needs --json (the only output format)'],
    [['watch', '--json', '--bots', '65'], 'taskdesk watch', '--bots: a whole number from 0 to 64'],
    [['sim', '--bogus'], 'taskdesk sim', 'unknown option "--bogus"'],
    [['sim', 'stray'], 'taskdesk sim', 'unexpected argument "stray"'],
    [['sim', '--port', 'abc'], 'taskdesk sim', '--port: a whole number from 0 to 65535'],
    [['sim', '--port', '70000'], 'taskdesk sim', '--port: a whole number from 0 to 65535'],
    [['sim', '--bots', '65'], 'taskdesk sim', '--bots: a whole number from 0 to 64'],
    [['sim', '--time-scale', '0'], 'taskdesk sim', '--time-scale: a number above 0, at most 1000000'],
    [['sim', '--port'], 'taskdesk sim', '--port needs a value'],
    [['sim', '--manual-clock=yes'], 'taskdesk sim', '--manual-clock takes no value'],
  ];
  for (const [args, command, message] of cases) {
    it(`taskdesk ${args.join(' ')}`, async () => {
      const r = await run(args);
      expect(r).toEqual({ code: 2, stdout: '', stderr: usage(command, message) });
    });
  }
});
