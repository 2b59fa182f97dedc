// The one interface both executors implement (native HTTP + x402, verbatim CLI): an approved Intent in,
// exactly one side effect attempted, an ExecOutcome out. Executors never throw for a market answer; the
// runner (runner.ts) journals around them and the verifier (verify.ts) checks what they claim.
import type { Intent } from '../core/intent.js';
import type { Address, Task } from '../core/types.js';
import { MarketError } from '../markets/errors.js';
import { redactSecrets } from './journal-guard.js';
import { ERROR_KINDS, type ResponseErrorKind } from './journal-schema.js';

export interface ExecContext {
  /** The task as fetched for the ticket (pendingActions for the cli executor, reward/expiry for update); null for wallet actions. */
  task: Task | null;
  /** Journaled before anything was sent; every send of this action carries it. */
  idempotencyKey: string;
  signal?: AbortSignal;
  /** Epoch ms the intent was journaled: signed authorizations derive their window from it, so a retry sends the same bytes. */
  issuedAt?: number;
}

/** What a successful write returned: the ids and hashes verification and the completion report use. */
export interface ExecResult {
  txHash?: string;
  taskId?: string;
  submissionId?: string;
  bidId?: string;
  acceptedPrice?: bigint;
  feedbackId?: string;
  claimId?: string;
  pitchId?: string;
  intentId?: string;
  workerAddress?: Address;
}

export interface ExecError {
  kind: ResponseErrorKind;
  /** The market's or CLI's text (untrusted; sanitised on display, redacted before the journal). */
  message: string;
  /** <Name> of `Contract call rejected: <Name>`: an on-chain revert, never retried. */
  contractError: string | null;
  /** The backend's machine reason (taskmarket envelope), e.g. idempotency_key_reused. */
  reason?: string;
}

export type ExecOutcome =
  | {
      ok: true;
      httpStatus?: number;
      result: ExecResult;
      /**
       * Shown to the operator once and never journaled (set-withdrawal-address's account recovery code: the
       * backend never shows it again, so dropping it would lock the withdrawal address forever).
       */
      oneTime?: { accountRecoveryCode?: string };
    }
  | { ok: false; httpStatus?: number; error: ExecError; retryable: boolean };

export type ExecutorKind = 'native' | 'cli';

export interface Executor {
  readonly kind: ExecutorKind;
  execute(intent: Intent, ctx: ExecContext): Promise<ExecOutcome>;
}

/** A refusal before anything left the desk (bad params, missing file, no pendingAction): definite, nothing happened. */
export class LocalRefusal extends Error {
  override name = 'LocalRefusal';
}

const CONTRACT_ERROR = /Contract call rejected: ([A-Za-z_][A-Za-z0-9_]{0,63})/;
const REASON = /^[a-z][a-z0-9_]{0,63}$/;

export function contractErrorIn(message: string): string | null {
  return CONTRACT_ERROR.exec(message)?.[1] ?? null;
}

/** A failed outcome that never reached the market. */
export function localFailure(message: string): ExecOutcome {
  return { ok: false, error: { kind: 'local', message: redactSecrets(message, 300), contractError: null }, retryable: false };
}

// Reasons the client sets before any request could take effect (writer checks, missing signer, bad URLs).
const NOTHING_SENT_REASONS = new Set(['invalid_params', 'no_signer', 'bad_url', 'bad_path', 'bad_upload_url', 'sign_failed', 'wrong_key']);
// Backend reasons that say "the first attempt may still land": keep the same key and reconcile.
const PENDING_REASONS = new Set(['intent_in_flight', 'intent_completion_deferred', 'idempotency_check_unavailable']);

/** Map anything an executor caught to an ExecOutcome: MarketError by kind and status, the rest as local/unknown. */
export function failureFrom(err: unknown): ExecOutcome {
  if (err instanceof LocalRefusal) return localFailure(err.message);
  if (err instanceof MarketError) {
    const status = err.details.status;
    const reason = err.details.reason && REASON.test(err.details.reason) ? err.details.reason : undefined;
    const contractError = contractErrorIn(err.message);
    // A client-side refusal with no HTTP status (params, signing): nothing took effect.
    const kind: ResponseErrorKind = status === undefined && (err.kind === 'auth' || (reason !== undefined && NOTHING_SENT_REASONS.has(reason))) ? 'local' : err.kind;
    const error: ExecError = { kind, message: redactSecrets(err.message, 300), contractError, ...(reason ? { reason } : {}) };
    const retryable = contractError === null && (err.retryable || (reason !== undefined && PENDING_REASONS.has(reason)));
    return { ok: false, ...(status !== undefined && status >= 100 && status <= 599 ? { httpStatus: status } : {}), error, retryable };
  }
  const message = err instanceof Error ? err.message : String(err);
  return { ok: false, error: { kind: 'unknown', message: redactSecrets(message || 'executor failed', 300), contractError: contractErrorIn(message) }, retryable: false };
}

export const isErrorKind = (k: string): k is ResponseErrorKind => (ERROR_KINDS as readonly string[]).includes(k);
