// Journal records grouped into actions, and what each action's last step says about it. Pure.
//
// Terminal (the action is settled and will not be reconciled again): `verified`, `mismatch`,
// `reconciled` with outcome done or not_done, and a `response` that is a definite refusal (see
// isDefiniteRefusal). Not terminal: `reconciled` unknown (asked again on the next start) and any other
// response, including ok:true before its verification and every ambiguous failure (timeout, 5xx, 409).
import {
  isOrderRecord,
  type ActionRecord,
  type ApprovedRecord,
  type IntentRecord,
  type JournalRecord,
  type MismatchRecord,
  type OtherRecord,
  type ReconciledRecord,
  type ResponseRecord,
  type SentRecord,
  type VerifiedRecord,
} from './journal-schema.js';

export type ActionState =
  | 'intent'
  | 'approved'
  | 'sent'
  | 'answered'
  | 'uncertain'
  | 'refused'
  | 'verified'
  | 'mismatch'
  | 'reconciled_done'
  | 'reconciled_not_done'
  | 'reconciled_unknown';

export const TERMINAL_STATES: ReadonlySet<ActionState> = new Set<ActionState>(['refused', 'verified', 'mismatch', 'reconciled_done', 'reconciled_not_done']);

export interface JournalAction {
  actionId: string;
  /** null when the journal holds steps of this action but no readable intent. */
  intent: IntentRecord | null;
  /** The latest of each step. */
  approved: ApprovedRecord | null;
  sent: SentRecord[];
  responses: ResponseRecord[];
  verification: VerifiedRecord | MismatchRecord | null;
  reconciled: ReconciledRecord | null;
  /** Steps this version cannot type (future steps such as armed orders), in file order. */
  others: OtherRecord[];
  /** Every typed record of the action, in file order. */
  records: JournalRecord[];
  state: ActionState;
  resolved: boolean;
  firstAt: string;
  lastAt: string;
}

// 4xx answers that prove the request had no effect. 408/425/429 may be retried by the market's edge;
// 409 means the idempotency key was already used or is in flight: the first attempt may have landed.
const AMBIGUOUS_4XX = new Set([408, 409, 425, 429]);
const EM_AMBIGUOUS_409 = new Set(['idempotency_key_conflict', 'idempotency_key_in_use', 'escrow_not_assignable', 'escrow_not_funded']);

/**
 * A response that proves nothing happened: an on-chain revert (`Contract call rejected: <Name>`), a
 * 4xx validation/authorisation refusal other than 408/409/425/429, or a local refusal before anything
 * was paid (kind `local`/`mismatch`, e.g. the payer refusing a wrong-chain challenge).
 */
export function isDefiniteRefusal(r: ResponseRecord): boolean {
  if (r.ok || !r.error) return false;
  if (r.error.contractError) return true;
  if (r.error.kind === 'local' || r.error.kind === 'mismatch') return true;
  const s = r.httpStatus;
  // Execution Market says why in detail.code: a 409 about the task's status (not published, already final)
  // proves nothing happened; only its idempotency conflict and the escrow's "retried too soon" do not.
  if (s === 409 && r.market === 'execution-market' && r.error.reason && !EM_AMBIGUOUS_409.has(r.error.reason)) return true;
  return (r.error.kind === 'http' || r.error.kind === 'auth') && s !== undefined && s >= 400 && s < 500 && !AMBIGUOUS_4XX.has(s);
}

function stateAfter(r: ActionRecord): ActionState {
  switch (r.step) {
    case 'intent':
      return 'intent';
    case 'approved':
      return 'approved';
    case 'sent':
      return 'sent';
    case 'response':
      return r.ok ? 'answered' : isDefiniteRefusal(r) ? 'refused' : 'uncertain';
    case 'verified':
      return 'verified';
    case 'mismatch':
      return 'mismatch';
    case 'reconciled':
      return r.outcome === 'done' ? 'reconciled_done' : r.outcome === 'not_done' ? 'reconciled_not_done' : 'reconciled_unknown';
  }
}

/** Group records by actionId, ordered by each action's first record. Armed orders' records are not actions: left out. */
export function groupActions(records: readonly JournalRecord[], others: readonly OtherRecord[] = []): JournalAction[] {
  const byId = new Map<string, JournalAction>();
  const get = (actionId: string, at: string): JournalAction => {
    let a = byId.get(actionId);
    if (!a) {
      a = { actionId, intent: null, approved: null, sent: [], responses: [], verification: null, reconciled: null, others: [], records: [], state: 'intent', resolved: false, firstAt: at, lastAt: at };
      byId.set(actionId, a);
    }
    return a;
  };
  for (const r of records) {
    if (isOrderRecord(r)) continue;
    const a = get(r.actionId, r.at);
    a.records.push(r);
    a.lastAt = r.at;
    a.state = stateAfter(r);
    if (r.step === 'intent') a.intent ??= r;
    else if (r.step === 'approved') a.approved = r;
    else if (r.step === 'sent') a.sent.push(r);
    else if (r.step === 'response') a.responses.push(r);
    else if (r.step === 'verified' || r.step === 'mismatch') a.verification = r;
    else a.reconciled = r;
  }
  for (const o of others) get(o.actionId, o.at).others.push(o);
  for (const a of byId.values()) a.resolved = a.records.length > 0 && TERMINAL_STATES.has(a.state);
  return [...byId.values()];
}

/** Intents without a terminal step: reconcile each against the market before offering the action again. */
export function unresolvedActions(actions: readonly JournalAction[]): JournalAction[] {
  return actions.filter((a) => a.intent !== null && !a.resolved);
}

/**
 * True when no request can have left: `sent` is journaled (fsync'd) before the request goes out, so an
 * action without one was never sent and reconciles as not_done with how 'none', without asking.
 */
export function neverSent(a: JournalAction): boolean {
  return a.sent.length === 0 && a.responses.length === 0;
}

/** The attempt number the next send of this action must carry (it reuses the intent's idempotencyKey). */
export function nextAttempt(a: JournalAction): number {
  return a.sent.reduce((m, s) => Math.max(m, s.attempt), 0) + 1;
}

/** A short outcome label for lists: "verified", "refused TaskNotOpen", "unresolved (sent)". */
export function outcomeLabel(a: JournalAction): string {
  if (!a.intent) return 'no intent';
  const last = a.responses.at(-1);
  switch (a.state) {
    case 'verified':
      return 'verified';
    case 'mismatch':
      return 'MISMATCH';
    case 'refused':
      return last?.error?.contractError ? `refused ${last.error.contractError}` : `refused${last?.httpStatus ? ` ${last.httpStatus}` : ''}`;
    case 'reconciled_done':
      return 'reconciled: done';
    case 'reconciled_not_done':
      return 'reconciled: not done';
    case 'reconciled_unknown':
      return 'unresolved (reconciled: unknown)';
    case 'answered':
      return 'unresolved (answered, not verified)';
    case 'uncertain':
      return `unresolved (${last?.error?.kind ?? 'error'})`;
    default:
      return `unresolved (${a.state})`;
  }
}
