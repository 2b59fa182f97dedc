// On start, before an action can be offered again: every journaled intent without an outcome is settled
// against the market and gets a `reconciled` record (done / not_done / unknown, and how it was told):
//   never sent              → not_done, how none (`sent` is fsync'd before a request leaves)
//   GET /api/intents by key → completed: done · failed: not_done · still in flight: unknown   (how intents)
//   no intent for the key   → the expected delta (verify.ts) on the task / the wallet: done if it holds, else not_done
//   intents not readable    → the expected delta: done if it holds, else unknown (how task / ledger)
// `retry` re-sends an unknown one with the SAME idempotency key and the next attempt number, so a market that
// already did it answers with its stored reply and does nothing twice.
import { z } from 'zod';
import type { Address, Task } from '../core/types.js';
import { MarketError } from '../markets/errors.js';
import type { TaskmarketClient } from '../markets/taskmarket/client.js';
import { actionOf, intentFromRecord, sendAttempt, type JournalSink, type StepListener } from './attempt.js';
import { completionReport } from './completion-report.js';
import type { ExecResult, Executor } from './executor.js';
import { neverSent, nextAttempt, type JournalAction } from './journal-actions.js';
import { redactSecrets } from './journal-guard.js';
import { stepRecord } from './journal-records.js';
import type { IntentRecord, ReconciledRecord } from './journal-schema.js';
import type { RunOutcome } from './runner.js';
import { checkOnce, type VerifyReader } from './verify.js';

export type ReconcileOutcome = ReconciledRecord['outcome'];
export type ReconcileHow = ReconciledRecord['how'];

export interface Reconciled {
  actionId: string;
  action: string;
  taskId: string | null;
  outcome: ReconcileOutcome;
  how: ReconcileHow;
  note: string;
  /** False for an action of another wallet (a fleet desk reconciles each agent with its own signer). */
  written: boolean;
}

/** The journal as reconcile uses it. */
export interface ReconcileJournal extends JournalSink {
  unresolved(): JournalAction[];
}

export interface ReconcileOptions {
  journal: ReconcileJournal;
  reader: VerifyReader;
  /** Read-auth client for GET /api/intents (default: the reader's). */
  client?: TaskmarketClient;
  /** Only this wallet's intents are reconciled (GET /api/intents is initiator-scoped). */
  wallet: Address;
  signal?: AbortSignal;
}

/** GET /api/intents answer (backend §1.10; cli §0.4 intentStatus also lists reserved and held). */
const intentSchema = z.object({
  intentId: z.string().max(200).nullish(),
  idempotencyKey: z.string().max(200).nullish(),
  operation: z.string().max(200).nullish(),
  status: z.enum(['reserved', 'recorded', 'broadcast', 'completed', 'failed', 'held']),
  txHash: z.string().max(200).nullish(),
  terminalReason: z.string().max(300).nullish(),
  taskId: z.string().max(200).nullish(),
});

type IntentAnswer = { kind: 'found'; intent: z.output<typeof intentSchema> } | { kind: 'not_found' } | { kind: 'unavailable'; why: string };

export async function lookupIntent(client: TaskmarketClient | undefined, key: string, signal?: AbortSignal): Promise<IntentAnswer> {
  if (!client) return { kind: 'unavailable', why: 'no market client to ask GET /api/intents' };
  try {
    const body = await client.get('/api/intents', { query: { idempotencyKey: key }, readAuth: true, ...(signal ? { signal } : {}) });
    const parsed = intentSchema.safeParse(body);
    if (!parsed.success) return { kind: 'unavailable', why: 'GET /api/intents returned an unexpected shape' };
    if (parsed.data.idempotencyKey && parsed.data.idempotencyKey !== key) return { kind: 'unavailable', why: 'GET /api/intents answered for another key' };
    return { kind: 'found', intent: parsed.data };
  } catch (e) {
    if (e instanceof MarketError && e.details.status === 404 && e.details.reason === 'intent_not_found') return { kind: 'not_found' };
    return { kind: 'unavailable', why: `GET /api/intents: ${e instanceof Error ? e.message : String(e)}` };
  }
}

const WALLET_ACTIONS = new Set(['withdraw', 'set_withdrawal_address']);

/** The last ok answer's ids (what the check compares with), if one was journaled. */
function lastResult(a: JournalAction): ExecResult | null {
  const ok = [...a.responses].reverse().find((r) => r.ok);
  return ok?.result ? (ok.result as ExecResult) : null;
}

/** A create whose answer was lost: find the task by what was asked (description, reward, after the intent). */
async function findCreated(reader: VerifyReader, intent: IntentRecord, signal?: AbortSignal): Promise<Task | null> {
  const p = intent.params;
  const since = Date.parse(intent.at) - 60_000;
  const inbox = await reader.inbox(intent.wallet as Address, signal);
  return inbox.asRequester.find((t) => t.description === p.description && String(t.reward) === String(p.reward) && t.createdAt >= since) ?? null;
}

interface Told {
  outcome: ReconcileOutcome;
  how: ReconcileHow;
  note: string;
}

/** Ask the market's state: does the expected delta hold? (true / false / null = cannot tell). */
async function stateSays(o: ReconcileOptions, a: JournalAction, intent: IntentRecord): Promise<{ holds: boolean | null; how: ReconcileHow; note: string }> {
  const how: ReconcileHow = WALLET_ACTIONS.has(intent.action) ? 'ledger' : 'task';
  let result = lastResult(a);
  if (intent.action === 'create_task' && !result?.taskId) {
    let found: Awaited<ReturnType<typeof findCreated>>;
    try {
      found = await findCreated(o.reader, intent, o.signal);
    } catch (e) {
      return { holds: null, how, note: `the task list could not be read: ${(e as Error).message}` };
    }
    // The list was read and holds no such task: the create did not happen (with no intent, it is not done).
    if (!found) return { holds: false, how, note: 'no task with this description and reward was created after the intent' };
    result = { ...result, taskId: found.id };
  }
  const check = await checkOnce({ reader: o.reader, subject: intent, result, before: null, ...(o.signal ? { signal: o.signal } : {}) });
  return { holds: check.holds, how, note: check.note ?? (check.holds ? 'the expected state holds' : 'the expected state does not hold') };
}

async function tell(o: ReconcileOptions, a: JournalAction, intent: IntentRecord): Promise<Told> {
  if (neverSent(a)) return { outcome: 'not_done', how: 'none', note: 'never sent: no sent record, so no request left the desk' };
  const answer = await lookupIntent(o.client ?? o.reader.client, intent.idempotencyKey, o.signal);
  if (answer.kind === 'found') {
    const i = answer.intent;
    const ids = [i.intentId ? `intent ${i.intentId}` : null, i.txHash ? `tx ${i.txHash}` : null].filter(Boolean).join(', ');
    if (i.status === 'completed') return { outcome: 'done', how: 'intents', note: `the market completed it${ids ? ` (${ids})` : ''}` };
    if (i.status === 'failed') return { outcome: 'not_done', how: 'intents', note: `the market's intent failed${i.terminalReason ? `: ${i.terminalReason}` : ''}` };
    return { outcome: 'unknown', how: 'intents', note: `the market's intent is ${i.status}; ask again later` };
  }
  const state = await stateSays(o, a, intent);
  if (state.holds === true) return { outcome: 'done', how: state.how, note: state.note };
  if (answer.kind === 'not_found' && state.holds === false) {
    return { outcome: 'not_done', how: 'intents', note: `the market has no intent for this key and the ${state.how === 'ledger' ? 'wallet' : 'task'} does not show the effect (${state.note})` };
  }
  const why = answer.kind === 'unavailable' ? answer.why : 'no intent for this key';
  return { outcome: 'unknown', how: state.holds === null ? 'none' : state.how, note: `${why}; ${state.note}` };
}

/** Settle every unresolved intent of `wallet`; writes one `reconciled` record each. */
export async function reconcile(o: ReconcileOptions): Promise<Reconciled[]> {
  const out: Reconciled[] = [];
  const me = o.wallet.toLowerCase();
  for (const a of o.journal.unresolved()) {
    const intent = a.intent;
    if (!intent) continue;
    const base = { actionId: a.actionId, action: intent.action, taskId: intent.taskId };
    if (intent.wallet.toLowerCase() !== me) {
      out.push({ ...base, outcome: 'unknown', how: 'none', note: `wallet ${intent.wallet} is not this desk's signer`, written: false });
      continue;
    }
    let told: Told;
    try {
      told = await tell(o, a, intent);
    } catch (e) {
      told = { outcome: 'unknown', how: 'none', note: `reconcile failed: ${(e as Error).message}` };
    }
    const note = redactSecrets(told.note, 300);
    o.journal.append(stepRecord(intent, 'reconciled', { outcome: told.outcome, how: told.how, note }));
    out.push({ ...base, outcome: told.outcome, how: told.how, note, written: true });
  }
  return out;
}

export interface RetryOptions {
  journal: JournalSink;
  executor: Executor;
  reader: VerifyReader;
  wallet: Address;
  /** The action to re-send (its state is read again from the journal). */
  actionId: string;
  /** The task to act on (default: re-fetched; the cli executor needs its pendingActions). */
  task?: Task | null;
  onStep?: StepListener;
  signal?: AbortSignal;
  verifyWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** States a retry may follow: an ambiguous failure, or a reconcile that could not tell. */
const RETRYABLE = new Set(['uncertain', 'reconciled_unknown']);

/** Re-send an unresolved, unknown action with its journaled idempotency key as the next attempt. */
export async function retry(o: RetryOptions): Promise<RunOutcome> {
  const a = actionOf(o.journal, o.actionId);
  const intent = a.intent;
  const refused = (message: string): RunOutcome => ({
    actionId: a.actionId,
    idempotencyKey: intent?.idempotencyKey ?? null,
    ok: false,
    refused: { reason: 'unresolved', message },
    response: null,
    verification: null,
    report: completionReport(a),
    contractError: null,
    refetched: null,
  });
  if (!intent) return refused('the journal holds no intent for this action');
  if (intent.wallet.toLowerCase() !== o.wallet.toLowerCase()) return refused(`the action belongs to wallet ${intent.wallet}`);
  if (a.resolved) return refused(`the action is settled (${a.state}); a new action needs a new confirmation`);
  if (a.sent.length === 0) return refused('the action was never sent: reconcile marks it not done; confirm a new one');
  if (!RETRYABLE.has(a.state)) return refused(`the action is ${a.state}: reconcile it before a retry`);
  const task = o.task !== undefined ? o.task : intent.taskId ? await o.reader.getTask(intent.taskId, o.signal).catch(() => null) : null;
  const { response, verification } = await sendAttempt({
    journal: o.journal,
    executor: o.executor,
    reader: o.reader,
    record: intent,
    intent: intentFromRecord(intent),
    attempt: nextAttempt(a),
    task,
    // The first attempt may have landed: compare ownership, not counts against a "before" that may already include it.
    before: { task: null, balance: null },
    ...(o.onStep ? { onStep: o.onStep } : {}),
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.verifyWaitMs !== undefined ? { verifyWaitMs: o.verifyWaitMs } : {}),
    ...(o.sleep ? { sleep: o.sleep } : {}),
  });
  return {
    actionId: a.actionId,
    idempotencyKey: intent.idempotencyKey,
    ok: response.ok && verification?.outcome === 'verified',
    refused: null,
    response,
    verification,
    report: completionReport(actionOf(o.journal, a.actionId)),
    contractError: response.ok ? null : response.error.contractError,
    refetched: null,
  };
}
