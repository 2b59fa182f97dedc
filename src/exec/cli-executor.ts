// `--executor cli`: a pendingAction's `command` run through the installed official `taskmarket` binary —
// parsed by the command grammar, placeholders filled only from the ticket's typed fields, run as argv
// without a shell (cli-run.ts). Anything outside the grammar is refused before a process exists.
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PendingAction, Task } from '../core/types.js';
import { parseCommand, type CommandInputs } from '../markets/taskmarket/index.js';
import { buildCliArgv, type ArgvResult, type CliExtra } from './cli-argv.js';
import { refusedOutcome, runCli, type CliOutcome, type SpawnFn } from './cli-run.js';
import { buildWalletArgv, type WalletCommand } from './cli-wallet-argv.js';

export { buildCliArgv, usdcArg, type ArgvResult, type CliExtra } from './cli-argv.js';
export { runCli, commandFor, DEFAULT_CLI_TIMEOUT_MS, type CliOutcome, type RunCliOptions, type SpawnFn } from './cli-run.js';
export { parseCliOutput, contractErrorOf, type Envelope } from './cli-envelope.js';
export { buildCreateTaskArgv, buildWithdrawArgv, buildSetWithdrawalAddressArgv, buildWalletArgv, type CreateTaskArgs, type WalletCommand } from './cli-wallet-argv.js';

export interface CliExecutorOptions {
  /** The CLI binary or JS entry (locateCli()). */
  bin: string;
  /** The wallet's CLI HOME: the demo wallet's dir on the built-in simulator; null = the user's real HOME. */
  home: string | null;
  apiUrl: string;
  /** Per run, default 60 s. */
  timeoutMs?: number;
  /** For tests: observe or replace the spawn. */
  spawn?: SpawnFn;
}

export interface RunControl {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Passed as TASKMARKET_IDEMPOTENCY_KEY: the CLI uses it for its FIRST write only (cli §0.2; in submit that is an upload-url call, §10). */
  idempotencyKey?: string;
}

export type CliExecuteExtra = CliExtra & RunControl;

export interface CliExecutor {
  readonly bin: string;
  /** The argv a pendingAction would run, or why it is refused (for the ticket and the journal). */
  prepare(task: Task, action: PendingAction, inputs?: CommandInputs, extra?: CliExtra): ArgvResult;
  execute(task: Task, action: PendingAction, inputs?: CommandInputs, extra?: CliExecuteExtra): Promise<CliOutcome>;
  /** The argv for a wallet write built from typed fields (create_task, withdraw, set_withdrawal_address). */
  prepareCommand(cmd: WalletCommand): ArgvResult;
  executeCommand(cmd: WalletCommand, control?: RunControl): Promise<CliOutcome>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** The official CLI: this package's node_modules/.bin first, then PATH; null when not installed. */
export function locateCli(env: Record<string, string | undefined> = process.env): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const local = join(here, '..', '..', 'node_modules', '.bin', 'taskmarket');
  if (existsSync(local)) return local;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'taskmarket'))) return join(dir, 'taskmarket');
  }
  return null;
}

/** Known ways the CLI fails where the desk can say why. */
function withHint(outcome: CliOutcome): CliOutcome {
  if (!outcome.ok && outcome.status === 402 && outcome.argv[1] === 'select-worker') {
    return { ...outcome, hint: 'CLI 1.13.0 sends select-worker unpaid and the backend asks for x402 payment; use the native executor for this action' };
  }
  return outcome;
}

async function missingFile(files: string[] | undefined): Promise<string | null> {
  for (const f of files ?? []) {
    const s = await stat(f).catch(() => null);
    if (!s?.isFile()) return `--file: ${JSON.stringify(f.slice(0, 200))} is not a readable file`;
  }
  return null;
}

export function createCliExecutor(opts: CliExecutorOptions): CliExecutor {
  const run = (argv: string[], control: RunControl = {}): Promise<CliOutcome> => {
    if (control.idempotencyKey !== undefined && !UUID.test(control.idempotencyKey)) return Promise.resolve(refusedOutcome('idempotency key must be a UUID', argv));
    return runCli({
      bin: opts.bin,
      argv,
      home: opts.home,
      apiUrl: opts.apiUrl,
      timeoutMs: control.timeoutMs ?? opts.timeoutMs,
      signal: control.signal,
      env: control.idempotencyKey ? { TASKMARKET_IDEMPOTENCY_KEY: control.idempotencyKey } : {},
      spawn: opts.spawn,
    }).then(withHint);
  };

  const prepare: CliExecutor['prepare'] = (task, action, inputs = {}, extra = {}) => {
    if (typeof action?.command !== 'string') return { ok: false, reason: 'the action has no command' };
    const parsed = parseCommand(action.command, { taskId: task.id, action: action.action });
    if (!parsed.ok) return { ok: false, reason: `refused by the command grammar: ${parsed.reason}` };
    return buildCliArgv(parsed.value, inputs, extra);
  };

  return {
    bin: opts.bin,
    prepare,
    async execute(task, action, inputs = {}, extra = {}) {
      const { signal, timeoutMs, idempotencyKey, ...guards } = extra;
      const built = prepare(task, action, inputs, guards);
      if (!built.ok) return refusedOutcome(built.reason);
      const noFile = await missingFile(guards.files);
      if (noFile) return refusedOutcome(noFile, built.argv);
      return run(built.argv, { signal, timeoutMs, idempotencyKey });
    },
    prepareCommand: buildWalletArgv,
    async executeCommand(cmd, control = {}) {
      const built = buildWalletArgv(cmd);
      if (!built.ok) return refusedOutcome(built.reason);
      return run(built.argv, control);
    },
  };
}
