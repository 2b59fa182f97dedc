// `--executor cli`: an Intent → the existing cli executor (cli-executor.ts). Task actions run the task's
// pendingActions `command` verbatim through the official binary: the ticket's typed params fill only its
// placeholders (a literal the template fixes must equal the param, or the run is refused), and only the
// guide's guards are added (--min-price, the files and --role, --feedback). create_task / withdraw /
// set_withdrawal_address use the wallet builders. The CLI's outcome becomes an ExecOutcome.
//
// The journaled idempotency key reaches the CLI as TASKMARKET_IDEMPOTENCY_KEY, which it uses for its FIRST
// write only (cli §0.2, §10): for submit that is an upload-url call, not the paid from-keys call.
import { z } from 'zod';
import type { Intent } from '../core/intent.js';
import type { Address, PendingAction, Task } from '../core/types.js';
import { parseCommand, type CommandInputs, type FlagValue, type TaskmarketClient } from '../markets/taskmarket/index.js';
import { getWithdrawalAddress } from '../markets/taskmarket/actions/get-withdrawal-address.js';
import type { CliExecutor, CliOutcome } from './cli-executor.js';
import type { CliExtra } from './cli-argv.js';
import type { CreateTaskArgs, WalletCommand } from './cli-wallet-argv.js';
import { LocalRefusal, failureFrom, localFailure, type ExecContext, type ExecOutcome, type ExecResult, type Executor } from './executor.js';
import { isParamAction, parseAward, parseWinner, readParams } from './params-read.js';

export interface CliBridgeOptions {
  cli: CliExecutor;
  /** When given, withdraw first checks that the registered address is the one the operator confirmed. */
  client?: TaskmarketClient;
  /** Per run (default: the cli executor's). */
  timeoutMs?: number;
}

const same = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

/** The pendingAction this wallet runs for the intent (role, eligibility, and rate's target worker). */
export function pendingActionFor(task: Task, intent: Intent): PendingAction {
  const wallet = intent.wallet;
  const worker = typeof intent.params.worker === 'string' ? intent.params.worker : null;
  const found = (task.pendingActions ?? []).find(
    (a) =>
      a.action === intent.action &&
      (a.eligibleAddress === null || same(a.eligibleAddress, wallet)) &&
      (intent.role === 'wallet' || a.role === intent.role || a.role === 'anyone') &&
      (a.action !== 'rate' || worker === null || same(a.targetWorker, worker)),
  );
  if (!found) throw new LocalRefusal(`the task's pendingActions offer no ${intent.action} for this wallet as ${intent.role}`);
  return found;
}

type Supplied = Record<string, FlagValue | FlagValue[] | undefined>;

/** The ticket's params as the flag values a template's placeholders take (by camelCase flag key). */
function supplied(intent: Intent): Supplied {
  if (!isParamAction(intent.action)) throw new LocalRefusal(`the cli executor does not run ${intent.action}`);
  const p = intent.params;
  switch (intent.action) {
    case 'bid':
      return { price: { kind: 'usdc', value: readParams('bid', p).price } };
    case 'accept':
    case 'reject_submission':
      return { worker: { kind: 'address', value: readParams(intent.action, p).worker } };
    case 'select_worker': {
      const s = readParams('select_worker', p);
      return { pitch: { kind: 'text', value: s.pitchId }, worker: { kind: 'address', value: s.worker } };
    }
    case 'rate': {
      const r = readParams('rate', p);
      return { worker: { kind: 'address', value: r.worker }, rating: { kind: 'int', value: r.rating } };
    }
    case 'pitch': {
      const x = readParams('pitch', p);
      return { text: { kind: 'text', value: x.text }, duration: x.durationHours === null ? undefined : { kind: 'int', value: x.durationHours } };
    }
    case 'submit_proof': {
      const x = readParams('submit_proof', p);
      return { data: { kind: 'text', value: x.data }, type: { kind: 'text', value: x.type }, metric: x.metric === null ? undefined : { kind: 'text', value: x.metric } };
    }
    case 'update': {
      const u = readParams('update', p);
      return {
        extendExpiry: u.extendExpirySeconds === null ? undefined : { kind: 'int', value: u.extendExpirySeconds },
        reward: u.reward === null ? undefined : { kind: 'usdc', value: u.reward },
        bidDeadline: u.bidDeadline === null ? undefined : { kind: 'text', value: new Date(u.bidDeadline).toISOString() },
        pitchDeadline: u.pitchDeadline === null ? undefined : { kind: 'text', value: new Date(u.pitchDeadline).toISOString() },
      };
    }
    case 'accept_submissions':
      return { winner: readParams('accept_submissions', p).winners.map((w) => ({ kind: 'winner' as const, ...parseWinner(w) })) };
    case 'evaluate': {
      const e = readParams('evaluate', p);
      return { verdict: { kind: 'text', value: e.verdict }, award: e.awards.map((a) => ({ kind: 'award' as const, ...parseAward(a) })), score: e.score === null ? undefined : { kind: 'int', value: e.score } };
    }
    case 'resolve_dispute': {
      const e = readParams('resolve_dispute', p);
      return { verdict: { kind: 'text', value: e.verdict }, award: e.awards.map((a) => ({ kind: 'award' as const, ...parseAward(a) })) };
    }
    default:
      readParams(intent.action, p); // claim, cancel, select_winner, … carry nothing; auction_accept/submit go in CliExtra
      return {};
  }
}

/** A comparable text form of a flag value (addresses case-insensitive). */
function textOf(v: FlagValue): string {
  switch (v.kind) {
    case 'address':
      return v.value.toLowerCase();
    case 'usdc':
      return `usdc:${v.value}`;
    case 'int':
      return `int:${v.value}`;
    case 'text':
      return `text:${v.value}`;
    case 'winner':
      return `winner:${v.worker.toLowerCase()}:${v.shareBps}:${v.submissionId ?? ''}`;
    case 'award':
      return `award:${v.worker.toLowerCase()}:${v.amount}:${v.rank}`;
    case 'input':
      return `input:${v.placeholder}`;
  }
}

/** Fill the template's placeholders from the params; refuse where a literal disagrees or a param has no place. */
export function inputsFor(task: Task, pa: PendingAction, intent: Intent): CommandInputs {
  const parsed = parseCommand(pa.command, { taskId: task.id, action: pa.action });
  if (!parsed.ok) throw new LocalRefusal(`refused by the command grammar: ${parsed.reason}`);
  const give = supplied(intent);
  const inputs: CommandInputs = {};
  for (const [key, val] of Object.entries(parsed.value.flags)) {
    const want = give[key];
    if (Array.isArray(val)) {
      const list = Array.isArray(want) ? want : [];
      if (want !== undefined && list.length !== val.length) throw new LocalRefusal(`the command takes ${val.length} --${key}; the ticket has ${list.length}`);
      val.forEach((v, i) => {
        const mine = list[i];
        if (v.kind === 'input') {
          if (mine) inputs[`${key}[${i}]`] = mine;
        } else if (mine && textOf(mine) !== textOf(v)) throw new LocalRefusal(`the command fixes --${key} ${i + 1}; the ticket asks for another value`);
      });
      continue;
    }
    const mine = Array.isArray(want) ? undefined : want;
    if (val.kind === 'input') {
      if (mine) inputs[key] = mine;
    } else if (mine && textOf(mine) !== textOf(val)) {
      throw new LocalRefusal(`the command fixes --${key}; the ticket asks for another value`);
    }
  }
  for (const [key, v] of Object.entries(give)) {
    if (v !== undefined && !(key in parsed.value.flags)) throw new LocalRefusal(`the pendingAction command has no --${key}; run this ticket with the native executor`);
  }
  return inputs;
}

/** The guards the guide allows, from the params. */
function extraFor(intent: Intent): CliExtra {
  switch (intent.action) {
    case 'auction_accept': {
      const { minPrice } = readParams('auction_accept', intent.params);
      return minPrice === null ? {} : { minPrice };
    }
    case 'submit': {
      const s = readParams('submit', intent.params);
      return { files: [...s.files], ...(s.role ? { role: s.role } : {}) };
    }
    case 'rate': {
      const { feedback } = readParams('rate', intent.params);
      return feedback ? { feedback } : {};
    }
    default:
      return {};
  }
}

function walletCommand(intent: Intent): WalletCommand {
  switch (intent.action) {
    case 'withdraw':
      return { action: 'withdraw', amount: readParams('withdraw', intent.params).amount };
    case 'set_withdrawal_address':
      return { action: 'set_withdrawal_address', address: readParams('set_withdrawal_address', intent.params).address };
    case 'create_task': {
      const p = readParams('create_task', intent.params);
      if (p.maxPrice !== null && p.maxPrice !== p.reward) throw new LocalRefusal('maxPrice must equal reward for auction mode');
      if (p.metricDescription !== null || p.metricTarget !== null) throw new LocalRefusal('task create has no metric options in CLI 1.13.0; use the native executor');
      const args: CreateTaskArgs = { description: p.description, reward: p.reward, durationHours: p.durationHours, mode: p.mode, tags: [...p.tags] };
      if (p.auctionType) args.auctionType = p.auctionType;
      if (p.auctionStartPrice !== null) args.auctionStartPrice = p.auctionStartPrice;
      if (p.auctionFloorPrice !== null) args.auctionFloorPrice = p.auctionFloorPrice;
      if (p.bidDeadlineHours !== null) args.bidDeadlineHours = p.bidDeadlineHours;
      if (p.pitchDeadlineHours !== null) args.pitchDeadlineHours = p.pitchDeadlineHours;
      return { action: 'create_task', params: args };
    }
    default:
      throw new LocalRefusal(`${intent.action} is not a wallet command`);
  }
}

const id = z.union([z.string().min(1).max(200), z.number()]).transform(String);
const cliData = z
  .object({
    taskId: id.optional(),
    claimId: id.optional(),
    bidId: id.optional(),
    pitchId: id.optional(),
    submissionId: id.optional(),
    feedbackId: id.optional(),
    intentId: id.optional(),
    txHash: z.string().max(200).optional(),
    acceptedPrice: z.union([z.string().regex(/^[0-9]{1,78}$/), z.number().int().nonnegative()]).transform((v) => BigInt(v)).optional(),
    workerAddress: z.string().regex(/^0x[0-9a-fA-F]{40}$/).optional(),
  })
  .partial();

/** The ids a successful CLI run printed (fields it did not print are simply absent). */
export function resultOf(data: unknown): ExecResult {
  const parsed = cliData.safeParse(data ?? {});
  if (!parsed.success) return {};
  const out: ExecResult = {};
  for (const [k, v] of Object.entries(parsed.data)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  if (out.workerAddress) out.workerAddress = out.workerAddress as Address;
  return out;
}

/** CliOutcome → ExecOutcome: refusals are local, a status decides http/server/rate_limited, a kill is a timeout. */
export function outcomeOfCli(o: CliOutcome): ExecOutcome {
  if (o.ok) {
    // set-withdrawal-address prints the one-time recovery code: hand it to the operator, never to the journal.
    const code = (o.data as { accountRecoveryCode?: unknown } | null)?.accountRecoveryCode;
    const oneTime = typeof code === 'string' && /^[0-9A-Za-z-]{1,64}$/.test(code) ? { oneTime: { accountRecoveryCode: code } } : {};
    return { ok: true, result: resultOf(o.data), ...oneTime };
  }
  if (o.refused) return localFailure(o.error);
  const status = o.status;
  const kind = o.killed === 'timeout' ? 'timeout' : o.killed ? 'cli' : status === undefined ? 'cli' : status === 429 ? 'rate_limited' : status >= 500 ? 'server' : status === 401 ? 'auth' : 'http';
  const reason = o.reason && /^[a-z][a-z0-9_]{0,63}$/.test(o.reason) ? o.reason : undefined;
  const message = o.hint ? `${o.error} (${o.hint})` : o.error;
  const retryable = o.contractError === null && (o.pending === true || o.killed === 'timeout' || kind === 'server' || kind === 'rate_limited');
  return {
    ok: false,
    ...(status !== undefined && status >= 100 && status <= 599 ? { httpStatus: status } : {}),
    error: { kind, message: message.slice(0, 2000), contractError: o.contractError, ...(reason ? { reason } : {}) },
    retryable,
  };
}

async function perform(o: CliBridgeOptions, intent: Intent, ctx: ExecContext): Promise<ExecOutcome> {
  if (intent.market !== 'taskmarket') throw new LocalRefusal('the cli executor acts on Taskmarket only');
  const control = { idempotencyKey: ctx.idempotencyKey, ...(ctx.signal ? { signal: ctx.signal } : {}), ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}) };
  if (intent.action === 'create_task' || intent.action === 'withdraw' || intent.action === 'set_withdrawal_address') {
    const cmd = walletCommand(intent);
    // The CLI withdraws to whatever is registered; refuse before spawning if that is not the confirmed address.
    if (cmd.action === 'withdraw' && o.client) {
      const { to } = readParams('withdraw', intent.params);
      const { withdrawalAddress } = await getWithdrawalAddress(o.client, { address: intent.wallet, ...(ctx.signal ? { signal: ctx.signal } : {}) });
      if (!same(withdrawalAddress, to)) throw new LocalRefusal(`the registered withdrawal address ${withdrawalAddress ?? '(none)'} is not the confirmed ${to}`);
    }
    return outcomeOfCli(await o.cli.executeCommand(cmd, control));
  }
  const task = ctx.task;
  if (!task || task.id !== intent.taskId) throw new LocalRefusal('the cli executor needs the intent\'s task with its pendingActions');
  const pa = pendingActionFor(task, intent);
  const inputs = inputsFor(task, pa, intent);
  return outcomeOfCli(await o.cli.execute(task, pa, inputs, { ...extraFor(intent), ...control }));
}

export function createCliBridge(o: CliBridgeOptions): Executor {
  return {
    kind: 'cli',
    async execute(intent, ctx) {
      try {
        return await perform(o, intent, ctx);
      } catch (err) {
        return failureFrom(err);
      }
    },
  };
}
