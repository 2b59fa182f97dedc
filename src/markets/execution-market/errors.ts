// The EM client's one error: a MarketError that also carries the server's detail.code / detail.retryable /
// detail.message (execution-market-api.md §13.3: "branch only on these"). Callers branch on `code` and
// `retryable`; `message` is shown (sanitised) and never parsed.
import { MarketError, type MarketErrorKind } from '../errors.js';
import type { EmErrorDetail, FieldProblem } from './schemas/error.js';

export class EmError extends MarketError {
  override name = 'EmError';
  readonly code: string | null;
  readonly serverRetryable: boolean | null;
  readonly serverMessage: string | null;
  readonly fields: FieldProblem[];

  constructor(kind: MarketErrorKind, message: string, details: MarketError['details'] & { detail?: EmErrorDetail } = {}) {
    const { detail, ...rest } = details;
    super(kind, message, { ...rest, ...(detail?.code && rest.reason === undefined ? { reason: detail.code } : {}) });
    this.code = detail?.code ?? null;
    this.serverRetryable = detail?.retryable ?? null;
    this.serverMessage = detail?.message ?? null;
    this.fields = detail?.fields ?? [];
  }

  /** The server's word when it gave one (detail.retryable), else by kind (transport, 429, 5xx). */
  override get retryable(): boolean {
    return this.serverRetryable ?? super.retryable;
  }

  get status(): number | undefined {
    return this.details.status;
  }
}

/** Is `err` an EM answer with this detail.code? */
export const hasCode = (err: unknown, ...codes: string[]): err is EmError => err instanceof EmError && err.code !== null && codes.includes(err.code);

/** A failure where the request may or may not have taken effect (timeout, dropped connection, 504). */
export function isAmbiguous(err: unknown): boolean {
  if (!(err instanceof MarketError)) return false;
  if (err.kind === 'timeout') return true;
  if (err.kind === 'network') return err.details.reason !== 'aborted' && err.details.reason !== 'not_sent';
  const s = err.details.status;
  // 504 comes from the load balancer: the app may have acted (§13.3). A 502 is the app saying "not paid".
  return s === 504;
}
