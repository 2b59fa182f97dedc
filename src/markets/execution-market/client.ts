// The HTTP edge to Execution Market (execution-market-api.md §1a, §2, §13.3, §13.5): every request signed with
// ERC-8128 through core/erc8128 and the caller's signer (a fresh random nonce each time, ≤ 300 s validity,
// Content-Digest on bodies, @query when there is one), a timeout, redirect:'error', size caps both ways, and
// every non-2xx turned into an EmError carrying the server's detail.code / retryable / message. A 429's wait
// comes from Retry-After, else X-RateLimit-Reset. The client never sleeps or retries by itself.
import { randomBytes } from 'node:crypto';
import type { LocalAccount } from 'viem';
import { MAX_VALIDITY_SECONDS, signRequest, type SignedHeaders } from '../../core/erc8128.js';
import type { Address } from '../../core/types.js';
import { MarketError } from '../errors.js';
import { checkHttpUrl, parseRetryAfter } from '../taskmarket/client.js';
import { DEFAULT_EM_CHAIN_ID, MAX_REQUEST_BYTES } from './constants.js';
import { EmError } from './errors.js';
import { readEmError } from './schemas/error.js';

/** Any wallet the desk has: v3 keystores, the operator's Taskmarket keystore, a test account. */
export interface EmSigner {
  readonly address: Address;
  /** Run `fn` with the account; the key is not kept after `fn` settles. */
  withAccount<T>(fn: (account: LocalAccount) => Promise<T>): Promise<T>;
}

export interface CreateEmClientOptions {
  /** The EM root: the simulator's `<sim>/em`, or `https://api.execution.market`. The API is under /api/v1. */
  baseUrl: string;
  signer?: EmSigner;
  /** The chain of the keyid `erc8128:<chainId>:<address>` (default Base Sepolia, 84532). */
  chainId?: number;
  fetch?: typeof fetch;
  /** Per request, default 15 s. */
  timeoutMs?: number;
  /** Epoch ms for the signature's `created` (tests skew it). */
  now?: () => number;
  /** expires − created, default 60 s, at most 300. */
  signatureTtlSeconds?: number;
  /** Largest response body read, default 4 MiB. */
  maxResponseBytes?: number;
}

export type Query = Record<string, string | number | boolean | readonly string[] | undefined | null>;

export interface EmRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Relative to the API root (/api/v1), e.g. `/tasks/available`. */
  path: string;
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sign with ERC-8128 (default: whenever the client has a signer). Public routes pass false. */
  signed?: boolean;
  signal?: AbortSignal;
  /** How the route is named in messages (default `METHOD path`). */
  route?: string;
}

export interface EmResponse {
  status: number;
  headers: Headers;
  body: unknown;
  route: string;
}

export interface EmClient {
  readonly baseUrl: string;
  readonly apiUrl: string;
  readonly chainId: number;
  readonly signer: EmSigner | undefined;
  readonly timeoutMs: number;
  /** Epoch ms, the clock signatures and 429 waits use. */
  now(): number;
  /** One exchange; throws only for transport failures (and local refusals), never for an HTTP status. */
  send(req: EmRequest): Promise<EmResponse>;
  /** send(), then the 2xx body or an EmError. */
  call(req: EmRequest): Promise<EmResponse>;
  /** The ERC-8128 headers for a WebSocket upgrade to `url` (ws:// or wss://). */
  signUpgrade(url: string): Promise<SignedHeaders>;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_RESPONSE = 4 * 1024 * 1024;
const DEFAULT_TTL_S = 60;

class BodyTooLarge extends Error {}

async function readCapped(res: Response, cap: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > cap) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function transportCode(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : 'request failed');
}

/** Wait before retrying a 429: Retry-After (seconds or a date), else X-RateLimit-Reset (epoch s or seconds), else the body's retry_after. */
export function retryAfterMsOf(headers: Headers, body: unknown, now: number): number | undefined {
  const ra = parseRetryAfter(headers.get('retry-after'), now);
  if (ra !== undefined) return ra;
  const reset = headers.get('x-ratelimit-reset')?.trim();
  if (reset && /^[0-9]{1,12}$/.test(reset)) {
    const n = Number(reset);
    // Epoch seconds when it is a date, else a delta in seconds.
    return n > 1_000_000_000 ? Math.max(0, n * 1000 - now) : n * 1000;
  }
  const detail = (body as { detail?: { retry_after?: unknown }; retry_after?: unknown } | null) ?? null;
  const inBody = detail?.detail && typeof detail.detail === 'object' ? detail.detail.retry_after : detail?.retry_after;
  return typeof inBody === 'number' && Number.isFinite(inBody) && inBody >= 0 ? inBody * 1000 : undefined;
}

/** A non-2xx reply as an EmError: kind by status, the server's code/retryable/message, 422 field problems. */
export function emHttpError(res: EmResponse, now: number): EmError {
  const detail = readEmError(res.body);
  const fields = detail.fields.slice(0, 5).map((f) => `${f.field}: ${f.message}`).join('; ');
  const said = [detail.code && detail.code !== 'validation_error' ? detail.code : null, detail.message, fields || null].filter(Boolean).join(': ');
  const text = (said || (typeof res.body === 'string' ? res.body : JSON.stringify(res.body ?? ''))).slice(0, 400);
  const message = `${res.route} failed (${res.status}): ${text}`;
  const base = { status: res.status, route: res.route, detail };
  if (res.status === 429) {
    const retryAfterMs = retryAfterMsOf(res.headers, res.body, now);
    return new EmError('rate_limited', message, { ...base, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
  }
  if (res.status >= 500) {
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), now);
    return new EmError('server', message, { ...base, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
  }
  if (res.status === 401) return new EmError('auth', message, base);
  return new EmError('http', message, base);
}

function setQuery(url: URL, q: Query | undefined): void {
  for (const [k, v] of Object.entries(q ?? {})) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v)) for (const item of v) url.searchParams.append(k, String(item));
    else url.searchParams.set(k, String(v));
  }
}

export function createEmClient(o: CreateEmClientOptions): EmClient {
  const baseUrl = checkHttpUrl(o.baseUrl, 'Execution Market URL');
  const apiUrl = `${baseUrl}/api/v1`;
  const doFetch = o.fetch ?? globalThis.fetch;
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const chainId = o.chainId ?? DEFAULT_EM_CHAIN_ID;
  const now = o.now ?? (() => Date.now());
  const ttl = o.signatureTtlSeconds ?? DEFAULT_TTL_S;
  if (!(ttl > 0 && ttl <= MAX_VALIDITY_SECONDS)) throw new MarketError('auth', `signatureTtlSeconds must be 1..${MAX_VALIDITY_SECONDS}`, { reason: 'invalid_params' });
  const cap = o.maxResponseBytes ?? DEFAULT_MAX_RESPONSE;
  const signer = o.signer;

  async function sign(method: string, url: string, body: string | null): Promise<SignedHeaders> {
    if (!signer) throw new EmError('auth', 'No wallet: this Execution Market call must be signed', { reason: 'no_signer' });
    try {
      return await signer.withAccount(async (account) => {
        if (account.address.toLowerCase() !== signer.address.toLowerCase()) throw new EmError('auth', 'The key does not belong to the signer’s address', { reason: 'wrong_key' });
        const r = await signRequest({ method, url, body, chainId, signer: account, now: Math.floor(now() / 1000), nonce: randomBytes(16).toString('hex'), ttlSeconds: ttl });
        return r.headers;
      });
    } catch (err) {
      if (err instanceof MarketError) throw err;
      throw new EmError('auth', 'Signing the request failed', { reason: 'sign_failed' });
    }
  }

  async function send(req: EmRequest): Promise<EmResponse> {
    if (!req.path.startsWith('/') || req.path.startsWith('//') || req.path.includes('..')) {
      throw new EmError('http', `Refusing request path ${JSON.stringify(req.path.slice(0, 80))}`, { reason: 'bad_path' });
    }
    const route = req.route ?? `${req.method} ${req.path}`;
    const url = new URL(apiUrl + req.path);
    setQuery(url, req.query);
    const text = req.body === undefined ? null : JSON.stringify(req.body);
    if (text !== null && Buffer.byteLength(text) > MAX_REQUEST_BYTES) {
      throw new EmError('http', `${route}: the body is over ${MAX_REQUEST_BYTES} bytes (the server answers 413); upload large evidence and send its URL`, { route, reason: 'request_body_too_large' });
    }
    const headers: Record<string, string> = { Accept: 'application/json', ...(text !== null ? { 'Content-Type': 'application/json' } : {}), ...req.headers };
    if (req.signed ?? signer !== undefined) Object.assign(headers, await sign(req.method, url.toString(), text));
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = req.signal ? AbortSignal.any([timeout, req.signal]) : timeout;
    let res: Response;
    let raw: string;
    try {
      res = await doFetch(url, { method: req.method, headers, redirect: 'error', signal, ...(text !== null ? { body: text } : {}) });
      raw = await readCapped(res, cap);
    } catch (err) {
      if (err instanceof BodyTooLarge) throw new EmError('schema', `${route} returned a body over ${cap} bytes`, { route });
      if (req.signal?.aborted) throw new EmError('network', `${route} aborted`, { route, reason: 'aborted' });
      if (timeout.aborted) throw new EmError('timeout', `${route} timed out after ${timeoutMs} ms`, { route });
      const code = transportCode(err);
      if (/redirect/i.test(code)) throw new EmError('http', `${route} answered with a redirect, which is refused`, { route, reason: 'redirect' });
      // A refused connection never reached the server: nothing can have happened.
      throw new EmError('network', `${route} failed: ${code}`.slice(0, 300), { route, ...(code === 'ECONNREFUSED' ? { reason: 'not_sent' } : {}) });
    }
    let body: unknown = undefined;
    if (raw.trim() !== '') {
      try {
        body = JSON.parse(raw);
      } catch {
        if (res.status >= 200 && res.status < 300) throw new EmError('schema', `${route} returned a body that is not JSON`, { route, status: res.status });
        body = raw.slice(0, 500);
      }
    }
    return { status: res.status, headers: res.headers, body, route };
  }

  return {
    baseUrl,
    apiUrl,
    chainId,
    signer,
    timeoutMs,
    now,
    send,
    async call(req) {
      const res = await send(req);
      if (res.status < 200 || res.status > 299) throw emHttpError(res, now());
      return res;
    },
    signUpgrade: (url) => sign('GET', url, null),
  };
}
