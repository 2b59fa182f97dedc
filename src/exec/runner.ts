// The act machinery (DESIGN flow 3): an approved Intent → journal `intent` (a fresh idempotency key, chosen
// before anything is sent) → `approved` (what the operator confirmed) → `sent` → the executor, exactly once →
// `response` → re-fetch and verify → `verified` | `mismatch` → the completion report. One confirmation can
// never send twice: an actionId runs once, one action per (task, action) is in flight, and an action whose
// earlier run is unresolved in the journal is refused until reconcile (reconcile.ts) settles it.
// Market-neutral: Taskmarket by default (verify.ts over its reader); another market passes its own verifier.
import { randomUUID } from 'node:crypto';
import type { Intent, MarketId } from '../core/intent.js';
import type { Address, Task } from '../core/types.js';
import { completionReport, type CompletionReport } from './completion-report.js';
import { actionOf, notify, sendAttempt, type StepListener, type Verifier } from './attempt.js';
import type { ExecOutcome, Executor, ExecutorKind } from './executor.js';
import { intentRecord, stepRecord } from './journal-records.js';
import { JournalRecordError, JournalSecretError, type Journal } from './journal.js';
import { capExceeded, spendTotals, type SpendCaps } from './spend.js';
import { needsBalanceBefore, type Verification, type VerifyReader } from './verify.js';

export interface Approval {
  confirmation: 'typed' | 'press';
  /** What the operator typed (an amount, a score, a task id); never a secret. */
  phrase: string;
  /** The gate's checks as shown at confirmation (core/gate GateStatus). */
  checks: { id: string; status: 'pass' | 'warn' | 'fail' | 'na' }[];
}

export interface RunExtra {
  /** The task as fetched for the ticket (with pendingActions); null for create/wallet actions. */
  task: Task | null;
  /** The clock price the ticket showed at confirmation (auction-accept), for the drift caveat. */
  shownPrice?: bigint;
  /** The task's expiry as fetched for the ticket (epoch ms), for the expiry caveat. */
  taskExpiresAt?: number;
  /** Called after each journal step ("intent", "approved", "sent", "response", "verified" | "mismatch"); a promise is awaited. */
  onStep?: StepListener;
  /** The ticket's id for this confirmation: a second run with the same id is refused (double Enter). */
  actionId?: string;
  signal?: AbortSignal;
}

export type RefusalReason = 'in_flight' | 'duplicate_action' | 'unresolved' | 'wallet' | 'market' | 'spend_cap' | 'journal';

export interface RunOutcome {
  /** null when refused before anything was journaled. */
  actionId: string | null;
  idempotencyKey: string | null;
  /** The market answered ok and the expected delta was verified. */
  ok: boolean;
  /** Why the runner refused without journaling or sending anything. */
  refused: { reason: RefusalReason; message: string } | null;
  response: ExecOutcome | null;
  verification: Verification | null;
  report: CompletionReport | null;
  /** `Contract call rejected: <Name>`: never retried. */
  contractError: string | null;
  /** After a contract rejection: the task re-fetched once to show (null when it could not be read). */
  refetched: Task | null;
  /** Shown once, never journaled (set_withdrawal_address's account recovery code). */
  oneTime?: { accountRecoveryCode?: string };
}

export interface ActionRunnerOptions {
  journal: Journal;
  executor: Executor;
  /** Taskmarket reads for verification, the balance before a wallet action and the re-fetch after a revert. */
  reader?: VerifyReader;
  /** The market this runner acts on (default taskmarket); intents of another market are refused. */
  market?: MarketId;
  /** Replaces verify.ts (the Execution Market brings its own); required when there is no reader. */
  verifier?: Verifier;
  network: { name: string; chainId: number };
  apiUrl: string;
  wallet: Address;
  executorKind: ExecutorKind;
  now?: () => number;
  /** Pause before verification's one extra re-fetch (default 1500 ms). */
  verifyWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Checked again here (the gate checks first), counted from the journal. */
  spendCaps?: SpendCaps;
  /** Epoch ms the session started, for the session cap (default: when the runner was made). */
  sessionStart?: number;
}

export interface ActionRunner {
  run(intent: Intent, approval: Approval, extra?: RunExtra): Promise<RunOutcome>;
  /** Why (task, action) cannot be offered now (in flight, or unresolved in the journal), or null. */
  blocked(taskId: string | null, action: Intent['action']): string | null;
  readonly sessionStart: number;
}

const slot = (taskId: string | null, action: string) => `${taskId ?? '-'}\u0000${action}`;

export function createActionRunner(o: ActionRunnerOptions): ActionRunner {
  if (!o.reader && !o.verifier) throw new Error('createActionRunner needs a reader or a verifier');
  const market = o.market ?? 'taskmarket';
  const now = o.now ?? Date.now;
  const sessionStart = o.sessionStart ?? now();
  const inFlight = new Set<string>();
  const seen = new Set<string>();
  const wallet = o.wallet.toLowerCase();

  const unresolvedFor = (taskId: string | null, action: string) =>
    o.journal.unresolved().find((a) => a.intent && a.intent.taskId === taskId && a.intent.action === action && a.intent.wallet.toLowerCase() === wallet);

  const blocked: ActionRunner['blocked'] = (taskId, action) => {
    if (inFlight.has(slot(taskId, action))) return `${action} is already being submitted for this task`;
    const open = unresolvedFor(taskId, action);
    return open ? `an earlier ${action} (action ${open.actionId}) has no outcome yet: reconcile it first` : null;
  };

  const refuse = (reason: RefusalReason, message: string): RunOutcome => ({
    actionId: null,
    idempotencyKey: null,
    ok: false,
    refused: { reason, message },
    response: null,
    verification: null,
    report: null,
    contractError: null,
    refetched: null,
  });

  async function run(intent: Intent, approval: Approval, extra: RunExtra = { task: null }): Promise<RunOutcome> {
    if (intent.market !== market) return refuse('market', `this runner acts on ${market}, the intent is for ${intent.market}`);
    if (intent.wallet.toLowerCase() !== wallet) return refuse('wallet', `the intent is for wallet ${intent.wallet}, this runner signs as ${o.wallet}`);
    const actionId = extra.actionId ?? randomUUID();
    if (seen.has(actionId) || o.journal.records().some((r) => r.actionId === actionId)) return refuse('duplicate_action', `action ${actionId} has already run`);
    const key = slot(intent.taskId, intent.action);
    const why = blocked(intent.taskId, intent.action);
    if (why) return refuse(inFlight.has(key) ? 'in_flight' : 'unresolved', why);
    if (o.spendCaps) {
      const totals = spendTotals(o.journal.actions(), { sessionStart, now: now(), wallet: o.wallet });
      const cap = capExceeded(totals, intent.spend, o.spendCaps);
      if (cap) return refuse('spend_cap', `the ${cap} would be exceeded`);
    }
    seen.add(actionId);
    inFlight.add(key);
    try {
      const balance = o.reader && !o.verifier && needsBalanceBefore(intent.action) ? await o.reader.balance(o.wallet, extra.signal).catch(() => null) : null;
      const record = intentRecord(intent, {
        network: o.network,
        apiUrl: o.apiUrl,
        executor: o.executorKind,
        actionId,
        idempotencyKey: randomUUID(),
        ...(extra.shownPrice !== undefined ? { shownPrice: extra.shownPrice } : {}),
        ...(extra.taskExpiresAt !== undefined ? { taskExpiresAt: extra.taskExpiresAt } : {}),
        at: new Date(now()),
      });
      try {
        // Written now, made durable by the fsync of `sent` (attempt.ts) before any request leaves: one disk
        // flush on the way to the market instead of three. A kill in between still finds them (page cache).
        o.journal.append(record, { sync: false });
      } catch (e) {
        // Nothing is on disk and nothing was sent: a refusal, not a crash (e.g. a param longer than the journal keeps).
        if (e instanceof JournalRecordError || e instanceof JournalSecretError) return refuse('journal', e.message);
        throw e;
      }
      await notify(extra.onStep, 'intent');
      const checks = approval.checks.slice(0, 60).map((c) => ({ id: c.id.slice(0, 60) || '?', status: c.status }));
      o.journal.append(stepRecord(record, 'approved', { confirmation: approval.confirmation, phrase: approval.phrase.slice(0, 100), checks }, new Date(now())), { sync: false });
      await notify(extra.onStep, 'approved');
      const { response, verification } = await sendAttempt({
        journal: o.journal,
        executor: o.executor,
        ...(o.reader ? { reader: o.reader } : {}),
        ...(o.verifier ? { verifier: o.verifier } : {}),
        record,
        intent,
        attempt: 1,
        task: extra.task,
        before: { task: extra.task, balance },
        ...(extra.signal ? { signal: extra.signal } : {}),
        ...(extra.onStep ? { onStep: extra.onStep } : {}),
        ...(o.verifyWaitMs !== undefined ? { verifyWaitMs: o.verifyWaitMs } : {}),
        ...(o.sleep ? { sleep: o.sleep } : {}),
      });
      const contractError = response.ok ? null : response.error.contractError;
      // An on-chain rejection is never retried: re-fetch once so the operator sees the state, then stop.
      const refetched = contractError && intent.taskId && o.reader ? await o.reader.getTask(intent.taskId, extra.signal).catch(() => null) : null;
      return {
        actionId,
        idempotencyKey: record.idempotencyKey,
        ok: response.ok && verification?.outcome === 'verified',
        refused: null,
        response,
        verification,
        report: completionReport(actionOf(o.journal, actionId)),
        contractError,
        refetched,
        ...(response.ok && response.oneTime ? { oneTime: response.oneTime } : {}),
      };
    } finally {
      inFlight.delete(key);
    }
  }

  return { run, blocked, sessionStart };
}
