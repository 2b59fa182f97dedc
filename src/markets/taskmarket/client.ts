// The HTTP edge to Taskmarket, byte-compatible with what CLI 1.13.0 sends (taskmarket-cli.md §0.1–§0.2):
// Content-Type: application/json on every request, redirect:'error', a UUID X-Taskmarket-Idempotency-Key on
// every write, optional read-auth headers. Every failure becomes a MarketError; URLs with secrets in the
// query (email device creds) never appear in messages, only "METHOD /path".
import { randomUUID } from 'node:crypto';
import { MarketError } from '../errors.js';
import { readErrorBody } from './schemas/error.js';
import type { TaskmarketSigner } from './signer.js';

export const IDEMPOTENCY_HEADER = 'X-Taskmarket-Idempotency-Key';
export const CALLER_ADDRESS_HEADER = 'X-Taskmarket-Caller-Address';
export const CALLER_SIGNATURE_HEADER = 'X-Taskmarket-Caller-Signature';
export const LEGAL_RECEIPT_HEADER = 'X-Taskmarket-Legal-Receipt';
const DEFAULT_TIMEOUT_MS = 15_000;
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface CreateTaskmarketClientOptions {
  apiUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  signer?: TaskmarketSigner;
  /** Epoch ms for payment authorizations' validity window (the desk passes the market's clock). */
  now?: () => number;
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
  /** True when the body was present but not JSON. */
  notJson: boolean;
  text: string;
}

export interface TaskmarketClient {
  readonly apiUrl: string;
  readonly timeoutMs: number;
  readonly signer: TaskmarketSigner | undefined;
  readonly fetch: typeof fetch;
  /** The time payment authorizations are valid from (this machine's, unless the market's clock was given). */
  readonly now: () => number;
  /** One HTTP exchange; never throws for an HTTP status, only for transport failures. */
  send(opts: RequestOptions): Promise<RawResponse>;
  /** GET and return the JSON body of a 2xx; anything else → MarketError. */
  get(path: string, opts?: { query?: Query; signal?: AbortSignal; readAuth?: boolean }): Promise<unknown>;
  /** POST a JSON body with an idempotency key (fresh unless given); 2xx JSON body or MarketError. */
  post(path: string, body: unknown, opts?: { signal?: AbortSignal; idempotencyKey?: string; readAuth?: boolean }): Promise<unknown>;
  /** Read-auth headers (§6.3), or {} without a signer. The signature is over a constant message, so it is reused. */
  readAuthHeaders(): Promise<Record<string, string>>;
}

/** Accept only http(s) URLs without credentials; returns the URL without a trailing slash. */
export function checkHttpUrl(raw: string, what = 'API URL'): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new MarketError('http', `Refusing ${what}: not a URL`, { reason: 'bad_url' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new MarketError('http', `Refusing ${what}: only http(s) is allowed, got ${url.protocol}`, { reason: 'bad_url' });
  }
  if (url.username || url.password) throw new MarketError('http', `Refusing ${what}: credentials in the URL`, { reason: 'bad_url' });
  if (url.search || url.hash) throw new MarketError('http', `Refusing ${what}: query or fragment in the URL`, { reason: 'bad_url' });
  return url.toString().replace(/\/+$/, '');
}

/** Retry-After as seconds or an HTTP date → ms (≥ 0), or undefined. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^[0-9]{1,9}$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

class BodyTooLarge extends Error {}

async function readCapped(res: Response): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge('response body too large');
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function describeTransport(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : 'request failed');
}

/** Turn a non-2xx reply into a MarketError (cli §0.4 message form: "<METHOD> <path> failed (<status>): …"). */
export function httpError(route: string, res: RawResponse, suffix = ''): MarketError {
  const { message, envelope } = readErrorBody(res.body);
  const text = (message ?? (res.notJson ? res.text : JSON.stringify(res.body ?? ''))).slice(0, 300);
  const full = `${route} failed${suffix} (${res.status}): ${text}`;
  const details = { status: res.status, route, ...(envelope ? { reason: envelope.reason } : {}) };
  if (res.status === 429) {
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
    return new MarketError('rate_limited', full, { ...details, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
  }
  if (res.status >= 500) return new MarketError('server', full, details);
  if (res.status === 401) return new MarketError('auth', full, details); // "Caller authentication required", bad signature or device token
  return new MarketError('http', full, details);
}

export function createTaskmarketClient(opts: CreateTaskmarketClientOptions): TaskmarketClient {
  const apiUrl = checkHttpUrl(opts.apiUrl);
  const doFetch = opts.fetch ?? globalThis.fetch;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const signer = opts.signer;
  const apiOrigin = new URL(apiUrl).origin;
  let readAuth: Promise<Record<string, string>> | null = null;

  async function send(req: RequestOptions): Promise<RawResponse> {
    if (!req.path.startsWith('/') || req.path.startsWith('//')) {
      throw new MarketError('http', `Refusing request path ${JSON.stringify(req.path.slice(0, 80))}`, { reason: 'bad_path' });
    }
    const route = `${req.method} ${req.path}`;
    const url = new URL(apiUrl + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = req.signal ? AbortSignal.any([timeout, req.signal]) : timeout;
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ...req.headers };
    // The CLI adds its legal receipt to writes (DELETE counts as POST) when the receipt was issued for this origin (cli §0.2).
    const legal = signer?.legalReceipt;
    if (legal && (req.method === 'POST' || req.method === 'DELETE') && legal.apiOrigin === apiOrigin) headers[LEGAL_RECEIPT_HEADER] = legal.receipt;
    let res: Response;
    let text: string;
    try {
      res = await doFetch(url, {
        method: req.method,
        headers,
        redirect: 'error',
        signal,
        ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
      });
      text = await readCapped(res);
    } catch (err) {
      if (err instanceof BodyTooLarge) throw new MarketError('schema', `${route} returned a body over ${MAX_BODY_BYTES} bytes`, { route });
      if (timeout.aborted) throw new MarketError('timeout', `${route} timed out after ${timeoutMs} ms`, { route });
      if (req.signal?.aborted) throw new MarketError('network', `${route} aborted`, { route, reason: 'aborted' });
      const why = describeTransport(err);
      if (/redirect/i.test(why)) throw new MarketError('http', `${route} answered with a redirect, which is refused`, { route, reason: 'redirect' });
      throw new MarketError('network', `${route} failed: ${why}`.slice(0, 300), { route });
    }
    let body: unknown;
    let notJson = false;
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        notJson = true;
      }
    }
    return { status: res.status, headers: res.headers, body, notJson, text };
  }

  function okBody(route: string, res: RawResponse): unknown {
    if (res.status < 200 || res.status > 299) throw httpError(route, res);
    if (res.notJson) throw new MarketError('schema', `${route} returned a body that is not JSON`, { route, status: res.status });
    return res.body;
  }

  async function readAuthHeaders(): Promise<Record<string, string>> {
    if (!signer) return {};
    readAuth ??= signer
      .withAccount(async (account) => {
        const signature = await account.signMessage({ message: `taskmarket:read:${account.address.toLowerCase()}` });
        return { [CALLER_ADDRESS_HEADER]: account.address, [CALLER_SIGNATURE_HEADER]: signature };
      })
      .catch(() => {
        readAuth = null; // the CLI swallows read-auth failures and reads anonymously (cli §0.2)
        return {};
      });
    return readAuth;
  }

  return {
    apiUrl,
    timeoutMs,
    signer,
    fetch: doFetch,
    now: opts.now ?? (() => Date.now()),
    send,
    readAuthHeaders,
    async get(path, o = {}) {
      const headers = o.readAuth ? await readAuthHeaders() : {};
      const res = await send({ method: 'GET', path, headers, ...(o.query ? { query: o.query } : {}), ...(o.signal ? { signal: o.signal } : {}) });
      return okBody(`GET ${path}`, res);
    },
    async post(path, body, o = {}) {
      const headers: Record<string, string> = { ...(o.readAuth ? await readAuthHeaders() : {}), [IDEMPOTENCY_HEADER]: o.idempotencyKey ?? randomUUID() };
      const res = await send({ method: 'POST', path, body, headers, ...(o.signal ? { signal: o.signal } : {}) });
      return okBody(`POST ${path}`, res);
    },
  };
}
