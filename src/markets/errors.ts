// One typed error for everything that can go wrong talking to a market. The desk shows `message`
// (after sanitising) and decides on backoff from `kind` and `status`; it never crashes on one.

export type MarketErrorKind =
  | 'network' // connection refused, reset, DNS, aborted by timeout
  | 'timeout'
  | 'http' // a non-2xx the market answered with a body
  | 'rate_limited' // 429
  | 'server' // 5xx
  | 'schema' // a 2xx whose body did not match the expected shape
  | 'auth' // no keystore, key fetch failed, signature refused
  | 'mismatch'; // wrong network / chain / USDC contract

export class MarketError extends Error {
  override name = 'MarketError';
  constructor(
    readonly kind: MarketErrorKind,
    message: string,
    readonly details: { status?: number; route?: string; retryAfterMs?: number; reason?: string; cause?: unknown } = {},
  ) {
    super(message);
  }

  /** Whether a poller should back off and retry (as opposed to a permanent refusal). */
  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || this.kind === 'rate_limited' || this.kind === 'server';
  }
}
