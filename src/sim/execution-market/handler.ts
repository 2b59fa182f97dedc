// The EM HTTP pipeline under <sim>/em (execution-market-api.md §1, §2, §13.3), in this order: route match
// (FastAPI 404/405) → API key refused (403) → body ≤ 1 MiB (413) → ERC-8128 verification (401) → rate limit by
// signing wallet (429) → write needs a signature (401) → JSON body (422) → expiry sweep → Idempotency-Key
// (replay / 409) → the route. Every response carries x-request-id; coded errors carry it as detail.ref.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Router, type Method, type SimReply, type SimRequest } from '../router.js';
import { logRequest, noteActor, simTimeHeaders } from '../sim.js';
import { API_KEYS_DISABLED, AUTH_REQUIRED, authenticate, bodyHash, carriesApiKey } from './auth.js';
import { MAX_BODY_BYTES } from './config.js';
import { fail, validationFailed } from './errors.js';
import { sweep } from './lifecycle.js';
import { SlidingWindow, tooMany } from './rate-limit.js';
import { allEmRoutes } from './routes/index.js';
import type { EmRoute } from './routes/common.js';
import { stateOf, type EmCall, type EmRuntime } from './runtime.js';

export const EM_PREFIX = '/em';
const METHODS = new Set<string>(['GET', 'POST', 'PUT', 'DELETE']);
const IDEMPOTENT_PREFIXES = ['/api/v1/tasks', '/api/v1/submissions', '/api/v1/escrow/refund'];
const NONCE_PATHS = new Set(['/api/v1/auth/nonce', '/api/v1/auth/erc8128/nonce']);
const IDEMPOTENCY_CAP = 50_000;

class TooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      req.resume();
      reject(new TooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.resume();
        reject(new TooLarge());
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Is this request target for the EM side? (`/em` or `/em/…`) */
export function isEmTarget(url: string | undefined): boolean {
  const u = url ?? '/';
  return u === EM_PREFIX || u.startsWith(`${EM_PREFIX}/`) || u.startsWith(`${EM_PREFIX}?`);
}

export function createEmHandler(rt: EmRuntime) {
  const router = new Router<EmCall>().add(...allEmRoutes);
  const limit = rt.settings.rateLimitPerMinute;
  const limiter = limit > 0 ? new SlidingWindow(limit, () => rt.sim.wall.now()) : null;
  const nonceLimit = rt.settings.nonceLimitPerMinute;
  const nonceLimiter = nonceLimit > 0 ? new SlidingWindow(nonceLimit, () => rt.sim.wall.now()) : null;

  async function pipeline(req: IncomingMessage, requestId: string, target: string): Promise<{ reply: SimReply; caller: string | null; route: string }> {
    const method = (req.method ?? 'GET').toUpperCase();
    const q = target.indexOf('?');
    const fullPath = q === -1 ? target : target.slice(0, q);
    const rawQuery = q === -1 ? '' : target.slice(q + 1);
    const path = fullPath.slice(EM_PREFIX.length) || '/';
    const match = METHODS.has(method) ? router.match(method, path) : null;
    if (match === null || match === 'method') {
      req.resume();
      return { reply: match === null ? { status: 404, body: { detail: 'Not Found' } } : { status: 405, body: { detail: 'Method Not Allowed' } }, caller: null, route: path };
    }
    const route = match.route as EmRoute;
    if (carriesApiKey(req.headers)) {
      req.resume();
      return { reply: fail(403, 'api_keys_disabled', API_KEYS_DISABLED), caller: null, route: route.path };
    }
    const hasBody = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
    const raw = hasBody ? await readBody(req, MAX_BODY_BYTES) : Buffer.alloc(0);
    const auth = await authenticate(rt, { method, path: fullPath, query: rawQuery, headers: req.headers, body: raw, localPort: req.socket.localPort ?? 0 });
    if (auth.kind === 'refused') return { reply: auth.reply, caller: null, route: route.path };
    const caller = auth.kind === 'signed' ? auth.wallet : null;
    const extra: Record<string, string> = {};
    if (NONCE_PATHS.has(path) && nonceLimiter) {
      const v = nonceLimiter.hit('127.0.0.1');
      if (!v.allowed) return { reply: tooMany(v, 'nonce', nonceLimit), caller, route: route.path };
    } else if (!route.rateExempt && caller && limiter) {
      const v = limiter.hit(caller);
      if (!v.allowed) return { reply: tooMany(v, 'agent', limit), caller, route: route.path };
      extra['X-RateLimit-Remaining'] = String(v.remaining);
      extra['X-RateLimit-Tier'] = 'starter';
    }
    if (route.access === 'write' && !caller) return { reply: AUTH_REQUIRED(), caller, route: route.path };
    let body: unknown = undefined;
    if (raw.length > 0) {
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return { reply: validationFailed([{ field: 'body', message: 'JSON decode error', type: 'json_invalid' }]), caller, route: route.path };
      }
    }
    const simReq: SimRequest = { method: method as Method, path: fullPath, params: match.params, query: new URLSearchParams(rawQuery), headers: req.headers, body, raw, origin: `http://127.0.0.1:${req.socket.localPort ?? 0}` };
    if (caller) noteActor(simReq, caller);
    sweep(rt);
    const call: EmCall = { rt, req: simReq, caller, requestId };
    const reply = await withIdempotency(call, method, path, () => route.handle(simReq, call));
    return { reply: { ...reply, headers: { ...extra, ...reply.headers } }, caller, route: route.path };
  }

  /** The `Idempotency-Key` middleware (§1d): only 2xx are stored; a replay says Idempotency-Replay: true. */
  async function withIdempotency(call: EmCall, method: string, path: string, run: () => Promise<SimReply> | SimReply): Promise<SimReply> {
    const raw = call.req.headers['idempotency-key'];
    if (method !== 'POST' || raw === undefined || !IDEMPOTENT_PREFIXES.some((p) => path.startsWith(p))) return run();
    const key = (Array.isArray(raw) ? raw[0] : raw) ?? '';
    if (key.trim() === '' || key.length > 255) return fail(400, 'invalid_idempotency_key', 'Idempotency-Key must be 1–255 characters');
    const scoped = `${call.caller ?? 'anonymous'}:${key}`;
    const hash = bodyHash(method, path, call.req.raw);
    const store = stateOf(rt).idempotency;
    const seen = store[scoped];
    if (seen) {
      if (seen.hash !== hash) return fail(409, 'idempotency_key_conflict', 'This Idempotency-Key was used with a different request body');
      return { status: seen.status, body: seen.body, headers: { ...seen.headers, 'Idempotency-Replay': 'true' } };
    }
    if (rt.inFlight.has(scoped)) return fail(409, 'idempotency_key_in_use', 'A request with this Idempotency-Key is still being processed', {}, true);
    rt.inFlight.add(scoped);
    try {
      const reply = await run();
      if (reply.status >= 200 && reply.status < 300) {
        store[scoped] = { hash, status: reply.status, body: reply.body ?? null, headers: reply.headers ?? {}, at: rt.sim.wall.now() };
        const keys = Object.keys(store);
        if (keys.length > IDEMPOTENCY_CAP) for (const k of keys.slice(0, keys.length - IDEMPOTENCY_CAP)) delete store[k];
        rt.sim.changed();
      }
      return reply;
    } finally {
      rt.inFlight.delete(scoped);
    }
  }

  return async function handleEm(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const target = req.url ?? '/';
    let out: { reply: SimReply; caller: string | null; route: string };
    try {
      out = await pipeline(req, requestId, target);
    } catch (err) {
      if (err instanceof TooLarge) out = { reply: fail(413, 'request_body_too_large', `Request body exceeds ${MAX_BODY_BYTES} bytes`), caller: null, route: target };
      else {
        if (process.env.TASKDESK_SIM_DEBUG) process.stderr.write(`sim em: ${String((err as Error)?.stack ?? err)}\n`);
        out = { reply: { status: 500, body: { detail: 'Internal server error', request_id: requestId, type: 'internal_error' } }, caller: null, route: target };
      }
    }
    const { reply } = out;
    const detail = (reply.body as { detail?: unknown } | undefined)?.detail;
    if (reply.status >= 400 && detail && typeof detail === 'object' && !Array.isArray(detail) && !('ref' in detail)) (detail as Record<string, unknown>).ref = requestId;
    const method = (req.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') {
      logRequest(rt.sim, { at: rt.sim.wall.now(), marketAt: rt.sim.now(), method, route: `${EM_PREFIX}${out.route}`, path: target.split('?')[0] ?? target, actor: out.caller, idempotencyKey: headerOf(req, 'idempotency-key') ?? headerOf(req, 'x-idempotency-key'), status: reply.status });
    }
    const payload = toJson(reply.body ?? null);
    const headers: Record<string, string> = { ...simTimeHeaders(rt.sim), ...reply.headers, 'x-request-id': requestId, 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(payload)) };
    try {
      if (!res.headersSent) {
        res.writeHead(reply.status, headers);
        res.end(payload);
      }
    } catch {
      res.destroy();
    }
    if (reply.status === 413) res.once('finish', () => req.destroy());
  };
}

/** JSON without a replacer on the hot path; a stray bigint still serialises as a string. */
function toJson(body: unknown): string {
  try {
    return JSON.stringify(body);
  } catch {
    return JSON.stringify(body, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  }
}

function headerOf(req: IncomingMessage, name: string): string | null {
  const v = req.headers[name];
  return typeof v === 'string' ? v : Array.isArray(v) ? (v[0] ?? null) : null;
}
