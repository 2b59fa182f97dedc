// What EM routes share: the route shape (access level per route), path/body parsing into the 422 shape, and
// the lookups every write starts with (task, owner, executor, "signed by the executor's own wallet").
import { z } from 'zod';
import type { Method, Route, SimReply } from '../../router.js';
import { AUTH_REQUIRED } from '../auth.js';
import { fail, notFound } from '../errors.js';
import { stateOf, type EmCall } from '../runtime.js';
import type { EmExecutor, EmTask } from '../state.js';
import { parseWith, type Parsed } from '../validate.js';

/** pub: no auth · read: ERC-8128 optional (unsigned = the anonymous platform agent) · write: ERC-8128 required. */
export type Access = 'pub' | 'read' | 'write';

export interface EmRoute extends Route<EmCall> {
  access: Access;
  /** Not rate limited (§2's exempt list: health, config, …). */
  rateExempt?: boolean;
}

export function route(method: Method, path: string, access: Access, handle: Route<EmCall>['handle'], opts: { rateExempt?: boolean } = {}): EmRoute {
  return { method, path, access, handle, ...opts };
}

/** UUIDv4 as the server checks path parameters: lower-case only (§3). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const uuid = () => z.string().regex(UUID);
export const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

export function pathId(call: EmCall, name: string): Parsed<string> {
  const r = parseWith(z.object({ [name]: uuid() }), call.req.params, 'path');
  if (!r.ok) return r;
  return { ok: true, value: call.req.params[name] as string };
}

/** The JSON body (undefined → {} for routes whose body is optional). */
export function parseBody<T>(call: EmCall, schema: z.ZodType<T>, optional = false): Parsed<T> {
  const body = call.req.body === undefined && optional ? {} : call.req.body;
  return parseWith(schema, body, 'body');
}

export function findTask(call: EmCall, id: string): EmTask | SimReply {
  return stateOf(call.rt).tasks[id] ?? notFound('Task');
}

/** A SimReply (numeric status) rather than a row (an EmTask's status is a string). */
export const isReply = (x: unknown): x is SimReply => typeof x === 'object' && x !== null && typeof (x as { status?: unknown }).status === 'number';

/** The signed caller, or the 401 an unsigned request gets. */
export function signer(call: EmCall): string | SimReply {
  return call.caller ?? AUTH_REQUIRED();
}

export function ownerOnly(call: EmCall, task: EmTask): SimReply | null {
  if (call.caller === task.agentId) return null;
  return fail(403, 'not_task_owner', 'Only the agent that published this task can do this');
}

export function findExecutor(call: EmCall, id: string): EmExecutor | SimReply {
  return stateOf(call.rt).executors[id] ?? fail(404, 'executor_not_found', 'Executor not found');
}

/**
 * A worker write must be signed by the executor's own wallet (the rule; §1b's production setting), or
 * by the publisher acting for the task's assigned executor (§1b). Anything else is 403.
 */
export function actsForExecutor(call: EmCall, executor: EmExecutor, task: EmTask | null): SimReply | null {
  if (call.caller === executor.wallet) return null;
  if (task && call.caller === task.agentId && task.executorId === executor.id) return null;
  return fail(403, 'executor_identity_mismatch', 'Agent is not authorized to act for this worker: sign with the executor’s own wallet');
}

/** Is `wallet` the publisher, the assignee or an applicant of `task`? */
export function isParticipant(call: EmCall, task: EmTask, wallet: string | null): boolean {
  if (!wallet) return false;
  if (wallet === task.agentId) return true;
  const s = stateOf(call.rt);
  if (task.executorId && s.executors[task.executorId]?.wallet === wallet) return true;
  return (s.applications[task.id] ?? []).some((a) => s.executors[a.executorId]?.wallet === wallet);
}

/** limit 1–100 (default 20) and offset ≥ 0 from a query, as strings. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).default(0),
};

/** X-Total-Count and a Link header with rel=next/prev that keeps the other query parameters (§6 pagination). */
export function pageHeaders(call: EmCall, total: number, limit: number, offset: number): Record<string, string> {
  const base = `${call.req.origin}${call.req.path}`;
  const at = (o: number) => {
    const q = new URLSearchParams(call.req.query);
    q.set('limit', String(limit));
    q.set('offset', String(o));
    return `<${base}?${q.toString()}>`;
  };
  const links: string[] = [];
  if (offset + limit < total) links.push(`${at(offset + limit)}; rel="next"`);
  if (offset > 0) links.push(`${at(Math.max(0, offset - limit))}; rel="prev"`);
  const h: Record<string, string> = { 'X-Total-Count': String(total) };
  if (links.length) h.Link = links.join(', ');
  return h;
}
