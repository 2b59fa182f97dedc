// EM ticket definitions in the shape of the Taskmarket ones (src/markets/taskmarket/tickets/spec.ts): fields
// with defaults, the server's validation before anything is signed, the Intent they build, and effect lines
// with the escrow and the 87/13 split in base units. The context is the Taskmarket one plus what EM reads.
import type { EmIntentAction, Intent, IntentRole, IntentValue } from '../../../core/intent.js';
import { formatUsdc } from '../../../core/money.js';
import type { Task } from '../../../core/types.js';
import type { BuildResult, EffectLine, TicketContext, TicketField, Values } from '../../taskmarket/tickets/spec.js';
import { emSplit } from '../actions/approve.js';
import { EM_FEE_BPS } from '../constants.js';
import type { EmApplication, EmSubmission } from '../normalize.js';

export type { BuildResult, EffectLine, TicketField, Values };

export interface EmTicketExtras {
  /** The wallet's executor id (registerWorker); null when not registered. */
  executorId: string | null;
  /** Publisher's view of the task's applications (empty when not fetched). */
  applications: readonly EmApplication[];
  /** Publisher's view of the task's submissions. */
  submissions: readonly EmSubmission[];
  /** The config's minimum bounty (GET /config), null when not fetched (0.01 assumed). */
  minBounty: bigint | null;
}

export type EmTicketContext = TicketContext & { em: EmTicketExtras };

export interface EmTicketSpec {
  action: EmIntentAction;
  title: string;
  fields(ctx: EmTicketContext): TicketField[];
  build(ctx: EmTicketContext, values: Values): BuildResult;
  effect?(ctx: EmTicketContext, intent: Intent): EffectLine[];
}

export const fail = (errors: Record<string, string>): BuildResult => ({ ok: false, errors });

export function needTask(ctx: EmTicketContext): Task & { em: NonNullable<Task['em']> } {
  if (!ctx.task?.em) throw new Error('this ticket needs an Execution Market task');
  return ctx.task as Task & { em: NonNullable<Task['em']> };
}

export interface EmIntentParts {
  role: IntentRole;
  amount: bigint | null;
  spend?: bigint;
  payee?: string | null;
  score?: number | null;
  params: Record<string, IntentValue>;
}

/** An EM Intent: no per-call fees (the 13 % comes out of the bounty at release), mode as the task's. */
export function emIntent(ctx: EmTicketContext, action: EmIntentAction, task: Task | null, p: EmIntentParts): Intent {
  return {
    market: 'execution-market',
    action,
    taskId: task?.id ?? null,
    role: p.role,
    wallet: ctx.wallet,
    agent: ctx.agent,
    mode: task ? task.mode : null,
    auctionType: task ? task.auctionType : null,
    amount: p.amount,
    fee: 0n,
    spend: p.spend ?? 0n,
    payee: p.payee ?? null,
    score: p.score ?? null,
    params: p.params,
  };
}

/** "50000 base units (0.050000 USDC)". */
export const units = (v: bigint) => `${v} base units (${formatUsdc(v)} USDC)`;

/** The effect line of a release: 87 % to the worker, 13 % fee, in base units. */
export function splitLine(gross: bigint, worker: string | null): EffectLine {
  const s = emSplit(gross);
  return { label: 'split at release', value: `${s.workerNet} to the worker${worker ? ` ${worker}` : ''} (87 %), ${s.platformFee} platform fee (${EM_FEE_BPS} bps) — of ${gross} base units` };
}

export const short = (a: string) => (a.length > 14 ? `${a.slice(0, 8)}…${a.slice(-4)}` : a);
