// X-Taskmarket-Idempotency-Key handling (taskmarket-backend.md §5.3 producer 2 and 3): a UUID is required
// on writes; the same key + same payload replays the first 2xx response with no second effect; a different
// payload → 409 idempotency_key_payload_mismatch; a key still being processed → 409 intent_in_flight.
// Only 2xx responses are stored, so the 402 leg of an x402 exchange never consumes the key.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { trpcError, type Route, type SimReply, type SimRequest } from '../router.js';
import { actorOf, noteIdempotencyKey, type Sim } from '../sim.js';

export const IDEMPOTENCY_HEADER = 'x-taskmarket-idempotency-key';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STORE_CAP = 50_000;

export const KEY_REQUIRED_TEXT =
  'This request requires an X-Taskmarket-Idempotency-Key header carrying a UUID you generate for this operation. Send the same value when retrying it, and a fresh one for a new operation.';

/** Keys currently being processed (not persisted: a restart ends every in-flight request). */
const inFlight = new WeakMap<Sim, Set<string>>();

function flying(sim: Sim): Set<string> {
  let s = inFlight.get(sim);
  if (!s) inFlight.set(sim, (s = new Set()));
  return s;
}

/** The intent id a write's idempotency key maps to (uuid-shaped, stable across restarts). */
export function intentIdFor(key: string): string {
  const h = createHash('sha256').update(`intent:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function payloadHash(req: SimRequest): string {
  return createHash('sha256')
    .update(`${req.method} ${req.path}\n`)
    .update(JSON.stringify(req.body ?? null))
    .digest('hex');
}

function envelope(status: number, error: string, reason: string, key?: string): SimReply {
  return { status, body: { error, taskmarket: key ? { reason, idempotencyKey: key } : { reason } } };
}

export type KeyCheck =
  | { kind: 'fresh'; key: string; hash: string }
  | { kind: 'reply'; reply: SimReply };

/** Read and check the key: a fresh key to proceed with, or the reply to send (error or stored replay). */
export function checkIdempotency(req: SimRequest, sim: Sim): KeyCheck {
  const raw = req.headers[IDEMPOTENCY_HEADER];
  const key = Array.isArray(raw) ? raw[0] : raw;
  if (typeof key !== 'string' || !UUID.test(key)) {
    return { kind: 'reply', reply: envelope(400, KEY_REQUIRED_TEXT, 'idempotency_key_required') };
  }
  noteIdempotencyKey(req, key);
  const hash = payloadHash(req);
  const stored = sim.state.idempotency[key];
  if (stored) {
    if (stored.payloadHash !== hash) {
      return {
        kind: 'reply',
        reply: envelope(
          409,
          'This idempotency key was already used for a different request payload. Use a fresh key for a new operation.',
          'idempotency_key_payload_mismatch',
          key,
        ),
      };
    }
    return { kind: 'reply', reply: { status: stored.status, body: stored.body, headers: { ...stored.headers } } };
  }
  if (flying(sim).has(key)) {
    return {
      kind: 'reply',
      reply: envelope(409, 'An operation with this idempotency key is still in progress.', 'intent_in_flight', key),
    };
  }
  return { kind: 'fresh', key, hash };
}

/** Mark a key in flight; returns the release function. */
export function claimKey(sim: Sim, key: string): () => void {
  flying(sim).add(key);
  return () => flying(sim).delete(key);
}

/** Store a 2xx reply under the key (anything else leaves the key reusable). */
export function rememberReply(sim: Sim, req: SimRequest, key: string, hash: string, reply: SimReply): void {
  if (reply.status < 200 || reply.status >= 300) return;
  const ids = sim.state.idempotency;
  ids[key] = {
    key,
    payloadHash: hash,
    route: `${req.method} ${req.path}`,
    status: reply.status,
    body: reply.body ?? null,
    headers: reply.headers ?? {},
    at: sim.wall.now(),
    actor: actorOf(req),
  };
  const all = Object.keys(ids);
  if (all.length > STORE_CAP) for (const k of all.slice(0, all.length - STORE_CAP)) delete ids[k];
  sim.changed();
}

/** Parse `{...body, ...params}` with a zod schema; the zod issue messages joined by '; ' on failure. */
export function parseInput<T>(
  schema: z.ZodType<T>,
  req: SimRequest,
): { ok: true; value: T } | { ok: false; message: string; issues: unknown[] } {
  const base = req.body !== null && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : {};
  const result = schema.safeParse({ ...(base as object), ...req.params });
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues;
  return { ok: false, message: issues.map((i) => i.message).join('; '), issues };
}

export interface WriteRouteSpec<B> {
  method?: 'POST' | 'PUT' | 'DELETE';
  path: string;
  /** Input schema over `{...body, ...params}`; failure → tRPC-style 400 (§5.3 producer 3). */
  schema: z.ZodType<B>;
  /** Default true. False for the routes the CLI sends raw (POST /api/devices, /api/devices/:id/key, §0.2). */
  requireKey?: boolean;
  handle(body: B, req: SimRequest, sim: Sim): SimReply | Promise<SimReply>;
}

/** A free (unpaid) write with input validation and idempotency. */
export function writeRoute<B>(spec: WriteRouteSpec<B>): Route<Sim> {
  return {
    method: spec.method ?? 'POST',
    path: spec.path,
    async handle(req, sim) {
      const input = parseInput(spec.schema, req);
      if (!input.ok) {
        return { status: 400, body: { message: input.message || 'Input validation failed', code: 'BAD_REQUEST', issues: input.issues } };
      }
      if (spec.requireKey === false) {
        const reply = await spec.handle(input.value, req, sim);
        sim.changed(); // a write may have changed state; the snapshot write is debounced
        return reply;
      }
      const check = checkIdempotency(req, sim);
      if (check.kind === 'reply') return check.reply;
      const release = claimKey(sim, check.key);
      try {
        const reply = await spec.handle(input.value, req, sim);
        rememberReply(sim, req, check.key, check.hash, reply);
        sim.changed();
        return reply;
      } finally {
        release();
      }
    },
  };
}

export { trpcError };
