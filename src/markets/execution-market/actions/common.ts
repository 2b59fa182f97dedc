// What EM actions share: the zod edge, path ids checked before anything is signed, the idempotency headers,
// honouring a 429's wait, and `mutate` — a write that, when its outcome is unknown (timeout, dropped
// connection, 504), is reconciled by a signed read before it is ever sent again (§13.3: "a timed-out mutation
// has not failed: reconcile first").
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { MarketError } from '../../errors.js';
import { parseWire } from '../../taskmarket/parse.js';
import type { EmClient } from '../client.js';
import { UUID_RE } from '../constants.js';
import { EmError, isAmbiguous } from '../errors.js';

/** The zod edge: a body that does not match is an EmError('schema') naming the route and field. */
export function parse<S extends z.ZodType>(schema: S, body: unknown, route: string): z.output<S> {
  try {
    return parseWire(schema, body, route);
  } catch (err) {
    if (err instanceof MarketError && !(err instanceof EmError)) throw new EmError(err.kind, err.message, err.details);
    throw err;
  }
}

/** A local refusal: nothing was sent. */
export const invalid = (message: string) => new EmError('http', message, { reason: 'invalid_params' });

/** A path id, checked as the server checks it (lower-case UUIDv4, §3) so no odd text reaches a URL. */
export function idPath(id: string, what = 'task id'): string {
  if (!UUID_RE.test(id)) throw invalid(`${what} must be a lower-case UUID`);
  return id;
}

export function requireSigner(client: EmClient) {
  if (!client.signer) throw new EmError('auth', 'No wallet: this Execution Market action must be signed', { reason: 'no_signer' });
  return client.signer;
}

export interface WriteOptions {
  signal?: AbortSignal;
  /** The journalled key; a fresh UUID when absent. Sent as Idempotency-Key (§1d) on every send of this write. */
  idempotencyKey?: string;
  /** Longest single wait a 429 may ask for before the action gives up (default 65 s). */
  maxRateWaitMs?: number;
}

export interface WriteMeta {
  idempotencyKey: string;
  /** True when the result came from reconciling an unknown outcome (not from the write's own reply). */
  reconciled: boolean;
  /** How many times the write was sent (a 429 re-send counts). */
  sends: number;
}

export const keyOf = (o: WriteOptions) => {
  const k = o.idempotencyKey ?? randomUUID();
  if (k.trim() === '' || k.length > 255) throw invalid('the idempotency key must be 1–255 characters');
  return k;
};

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new EmError('network', 'aborted', { reason: 'aborted' }));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new EmError('network', 'aborted', { reason: 'aborted' }));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
export { sleep };

const RATE_RETRIES = 3;
const DEFAULT_RATE_WAIT_MS = 1_000;

/** Run `fn`; on a 429 wait what Retry-After / X-RateLimit-Reset asked (≤ maxWaitMs) and run it again (a 429 did nothing). */
export async function honouringRateLimit<T>(fn: () => Promise<T>, o: { signal?: AbortSignal; maxWaitMs?: number; onWait?: (ms: number) => void } = {}): Promise<T> {
  const cap = o.maxWaitMs ?? 65_000;
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof EmError) || err.kind !== 'rate_limited' || i >= RATE_RETRIES) throw err;
      const wait = err.details.retryAfterMs ?? DEFAULT_RATE_WAIT_MS;
      if (wait > cap) throw err;
      o.onWait?.(wait);
      await sleep(wait + 50, o.signal);
    }
  }
}

export interface MutateOptions<T> {
  /** One send of the write (fresh signature and nonce each time). */
  send: () => Promise<T>;
  /** A signed read: the write's effect if it landed, else null. */
  reconcile: () => Promise<T | null>;
  /** May the write be sent again when reconciling found no effect? (false: give the unknown outcome back) */
  resend?: boolean;
  signal?: AbortSignal;
  maxRateWaitMs?: number;
}

/** A write whose unknown outcome is reconciled before any re-send; a 429 is waited out and re-sent. */
export async function mutate<T>(o: MutateOptions<T>): Promise<{ value: T; reconciled: boolean; sends: number }> {
  let sends = 0;
  const limited = <R>(fn: () => Promise<R>) => honouringRateLimit(fn, { ...(o.signal ? { signal: o.signal } : {}), ...(o.maxRateWaitMs !== undefined ? { maxWaitMs: o.maxRateWaitMs } : {}) });
  for (let round = 0; ; round++) {
    try {
      return {
        value: await limited(() => {
          sends++;
          return o.send();
        }),
        reconciled: false,
        sends,
      };
    } catch (err) {
      if (!isAmbiguous(err)) throw err;
      let found: T | null;
      try {
        found = await limited(o.reconcile);
      } catch (readErr) {
        const why = readErr instanceof Error ? readErr.message : String(readErr);
        throw new EmError((err as EmError).kind, `${(err as Error).message}; reconciling failed too (${why.slice(0, 160)}): the outcome is unknown`, {
          ...(err as EmError).details,
          reason: 'outcome_unknown',
        });
      }
      if (found !== null) return { value: found, reconciled: true, sends };
      if (!(o.resend ?? true) || round >= 1) throw err;
    }
  }
}

/** Headers of a write under /tasks or /submissions: the Idempotency-Key middleware replays a stored 2xx (§1d). */
export const idempotencyHeaders = (key: string): Record<string, string> => ({ 'Idempotency-Key': key });
