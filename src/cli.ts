// Entry point: argument parsing and subcommand dispatch. Each subcommand lives in its own module and
// is imported lazily, so `--help`, `--version` and the no-terminal refusal never load viem, Ink or the sim.
import { readFileSync } from 'node:fs';
import { HELP, parseArgs, UsageError, WATCH_HELP, type DeskArgs } from './app/args.js';

const NO_TERMINAL = 'taskdesk: no terminal; for scripts use `taskdesk watch --json`';

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** One line naming the problem, one pointing at the help (`taskdesk sim` uses the same form); exit 2. */
function usageFail(err: unknown, command = 'taskdesk'): void {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`${command}: ${message}\nRun \`${command} --help\` for usage.\n`);
  process.exitCode = 2;
}

export async function main(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'journal') {
    const { runJournalCommand } = await import('./exec/journal-command.js');
    process.exitCode = await runJournalCommand(rest, process);
    return;
  }
  if (sub === 'help') {
    // `taskdesk help [watch|sim|journal]`: the same text as --help of that command.
    const [topic, ...extra] = rest;
    if (extra.length > 0 || (topic !== undefined && topic !== 'watch' && topic !== 'sim' && topic !== 'journal')) {
      return usageFail(new UsageError(`help takes one of watch, sim or journal, not ${JSON.stringify(rest.join(' ').slice(0, 60))}`));
    }
    if (topic === 'sim' || topic === 'journal') return main([topic, '--help']);
    process.stdout.write(topic === 'watch' ? WATCH_HELP : HELP);
    return;
  }
  if (sub === 'sim') {
    const { runSimCommand } = await import('./sim/main.js');
    await runSimCommand(rest, { version: version() });
    return;
  }
  const watch = sub === 'watch';
  let args: DeskArgs;
  try {
    args = parseArgs(watch ? rest : argv, { watch });
  } catch (err) {
    if (err instanceof UsageError) return usageFail(err, watch ? 'taskdesk watch' : 'taskdesk');
    throw err;
  }
  if (args.help) {
    process.stdout.write(watch ? WATCH_HELP : HELP);
    return;
  }
  if (args.version) {
    process.stdout.write(`taskdesk ${version()}\n`);
    return;
  }
  if (watch) {
    if (!args.json) return usageFail(new UsageError('watch needs --json (the only output format)'), 'taskdesk watch');
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
