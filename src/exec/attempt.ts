// One send of a journaled action, shared by the runner (attempt 1) and reconcile's retry (attempt n, same
// idempotency key): `sent` is fsync'd before the request leaves, the executor runs exactly once, its answer
// is journaled as `response`, and an ok answer is verified (`verified` / `mismatch`).
import type { Intent } from '../core/intent.js';
import type { Task } from '../core/types.js';
import { failureFrom, type ExecOutcome, type ExecResult, type Executor } from './executor.js';
import { groupActions, type JournalAction } from './journal-actions.js';
import { journalError, stepRecord } from './journal-records.js';
import type { IntentRecord, JournalRecord, ResponseResult } from './journal-schema.js';
import { verify, type Before, type Verification, type VerifyReader } from './verify.js';

/** The part of Journal an attempt writes through. */
export interface JournalSink {
  append(record: JournalRecord): void;
  records(): readonly JournalRecord[];
}

export type StepListener = (step: string) => void | Promise<void>;

/** Tell the UI; a listener that fails never stops a journaled action half-way. */
export async function notify(onStep: StepListener | undefined, step: string): Promise<void> {
  if (!onStep) return;
  try {
    await onStep(step);
  } catch {
    /* the listener's problem, not the action's */
  }
}

const ID = /^.{1,200}$/s;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const ID_KEYS = ['txHash', 'taskId', 'submissionId', 'bidId', 'claimId', 'pitchId', 'feedbackId', 'intentId'] as const;

/** The result as the journal's strict schema takes it: known keys only, ids capped, the price a bigint. */
export function journalResult(r: ExecResult): ResponseResult {
  const out: ResponseResult = {};
  for (const k of ID_KEYS) {
    const v = r[k];
    if (typeof v === 'string' && ID.test(v)) out[k] = v;
  }
  if (typeof r.acceptedPrice === 'bigint' && r.acceptedPrice >= 0n) out.acceptedPrice = r.acceptedPrice;
  if (typeof r.workerAddress === 'string' && ADDRESS.test(r.workerAddress)) out.workerAddress = r.workerAddress;
  return out;
}

function responseRecord(intent: IntentRecord, o: ExecOutcome, minimal = false) {
  const status = o.httpStatus !== undefined && o.httpStatus >= 100 && o.httpStatus <= 599 ? { httpStatus: o.httpStatus } : {};
  if (o.ok) return stepRecord(intent, 'response', { ok: true, ...status, result: minimal ? {} : journalResult(o.result) });
  const e = o.error;
  const extra = minimal ? {} : { ...(e.contractError ? { contractError: e.contractError } : {}), ...(e.reason ? { reason: e.reason } : {}) };
  return stepRecord(intent, 'response', { ok: false, ...status, error: journalError(e.kind, minimal ? 'the market\'s answer could not be journaled' : e.message, extra) });
}

/** Append, and if the full record is refused (schema or secret guard), a minimal one: the step must be on disk. */
function appendResponse(journal: JournalSink, intent: IntentRecord, o: ExecOutcome): void {
  try {
    journal.append(responseRecord(intent, o));
  } catch {
    journal.append(responseRecord(intent, o, true));
  }
}

function appendVerification(journal: JournalSink, intent: IntentRecord, v: Verification): void {
  if (v.outcome === 'unverifiable') return;
  const step = v.outcome === 'verified' ? 'verified' : 'mismatch';
  try {
    journal.append(stepRecord(intent, step, { expected: v.expected, observed: v.observed, ...(v.note ? { note: v.note } : {}) }));
  } catch (e) {
    journal.append(stepRecord(intent, step, { expected: {}, observed: {}, note: `observation not journaled: ${(e as Error).message}`.slice(0, 300) }));
  }
}

/** Rebuild the Intent a journal record was written from (params stay in their journal form; executors read both). */
export function intentFromRecord(r: IntentRecord): Intent {
  return {
    market: r.market,
    action: r.action,
    taskId: r.taskId,
    role: r.role,
    wallet: r.wallet as Intent['wallet'],
    agent: r.agent,
    mode: r.mode,
    auctionType: r.auctionType,
    amount: r.amount,
    fee: r.fee,
    spend: r.spend,
    payee: r.payee,
    score: r.score,
    params: r.params,
  };
}

export function actionOf(journal: JournalSink, actionId: string): JournalAction {
  const a = groupActions(journal.records().filter((r) => r.actionId === actionId))[0];
  if (!a) throw new Error(`no journal records for action ${actionId}`);
  return a;
}

/** How an ok answer is checked; the default is verify.ts over a Taskmarket reader (another market brings its own). */
export type Verifier = (input: { intent: Intent; record: IntentRecord; outcome: Extract<ExecOutcome, { ok: true }>; before: Before; signal?: AbortSignal }) => Promise<Verification>;

export interface AttemptInput {
  journal: JournalSink;
  executor: Executor;
  /** For the default verifier. */
  reader?: VerifyReader;
  verifier?: Verifier;
  record: IntentRecord;
  intent: Intent;
  attempt: number;
  task: Task | null;
  before: Before;
  signal?: AbortSignal;
  onStep?: StepListener;
  verifyWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface AttemptResult {
  response: ExecOutcome;
  verification: Verification | null;
}

/** sent → execute once → response → verify. Journal failures throw (nothing is sent without `sent` on disk). */
export async function sendAttempt(a: AttemptInput): Promise<AttemptResult> {
  a.journal.append(stepRecord(a.record, 'sent', { attempt: a.attempt }));
  await notify(a.onStep, 'sent');
  let response: ExecOutcome;
  try {
    response = await a.executor.execute(a.intent, {
      task: a.task,
      idempotencyKey: a.record.idempotencyKey,
      issuedAt: Date.parse(a.record.at),
      ...(a.signal ? { signal: a.signal } : {}),
    });
  } catch (e) {
    response = failureFrom(e);
  }
  appendResponse(a.journal, a.record, response);
  await notify(a.onStep, 'response');
  if (!response.ok) return { response, verification: null };
  let verification: Verification;
  try {
    verification = a.verifier
      ? await a.verifier({ intent: a.intent, record: a.record, outcome: response, before: a.before, ...(a.signal ? { signal: a.signal } : {}) })
      : a.reader
        ? await verify({
            reader: a.reader,
            subject: a.record,
            result: response.result,
            before: a.before,
            ...(a.signal ? { signal: a.signal } : {}),
            ...(a.verifyWaitMs !== undefined ? { waitMs: a.verifyWaitMs } : {}),
            ...(a.sleep ? { sleep: a.sleep } : {}),
          })
        : { outcome: 'unverifiable', expected: {}, observed: {}, note: 'no reader to verify with', fetches: 0, task: null };
  } catch (e) {
    verification = { outcome: 'unverifiable', expected: {}, observed: {}, note: `verification failed: ${(e as Error).message}`.slice(0, 300), fetches: 0, task: null };
  }
  appendVerification(a.journal, a.record, verification);
  if (verification.outcome !== 'unverifiable') await notify(a.onStep, verification.outcome);
  return { response, verification };
}
