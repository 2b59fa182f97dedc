// Entry point: argument parsing and subcommand dispatch. Each subcommand lives in its own module and
// is imported lazily, so `--help`, `--version` and the no-terminal refusal never load viem, Ink or the sim.
import { readFileSync } from 'node:fs';
import { HELP, parseArgs, UsageError, type DeskArgs } from './app/args.js';

const NO_TERMINAL = 'taskdesk: no terminal; for scripts use `taskdesk watch --json`';

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

function usageFail(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`taskdesk: ${message}\nRun \`taskdesk --help\` for usage.\n`);
  process.exitCode = 2;
}

export async function main(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'sim') {
    const { runSimCommand } = await import('./sim/main.js');
    await runSimCommand(rest);
    return;
  }
  const watch = sub === 'watch';
  let args: DeskArgs;
  try {
    args = parseArgs(watch ? rest : argv, { watch });
  } catch (err) {
    if (err instanceof UsageError) return usageFail(err);
    throw err;
  }
  if (args.help) {
    process.stdout.write(HELP);
    return;
  }
  if (args.version) {
    process.stdout.write(`taskdesk ${version()}\n`);
    return;
  }
  if (watch) {
    if (!args.json) return usageFail(new UsageError('watch needs --json (the only output format)'));
    const { runWatch } = await import('./watch/run.js');
    process.exitCode = await runWatch(args);
    return;
  }
  if (!process.stdout.isTTY || !process.stdin.isTTY) {
    process.stderr.write(`${NO_TERMINAL}\n`);
    process.exitCode = 2;
    return;
  }
  // The desk reads keys from stdin, so XMTP lines cannot come from there too.
  if (args.xmtpFile === '-') return usageFail(new UsageError('--xmtp-file - (stdin) is for `taskdesk watch`; give the desk a file'));
  const { runDesk } = await import('./app/desk.js');
  process.exitCode = await runDesk(args);
}
