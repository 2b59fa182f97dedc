// Fault injection for tests and demos (simulator-only, under /sim/faults): make the next N requests to
// a route fail the way real markets fail — an HTTP status (500, 429 with Retry-After), a 200 whose body
// has the wrong shape or is not JSON, a request that hangs, a reset connection. Never persisted.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { errorReply, ok, type Route, type SimReply } from './router.js';
import type { Sim } from './sim.js';

export const faultSchema = z
  .object({
    method: z.enum(['GET', 'POST', 'PUT', 'DELETE']).optional(),
    /** A path prefix, e.g. "/api/tasks" (every task route) or "/trpc/network.info". */
    path: z.string().startsWith('/').max(300),
    kind: z.enum(['status', 'wrong-shape', 'not-json', 'hang', 'reset']),
    status: z.number().int().min(100).max(599).optional(),
    retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
    /** The 200 body for wrong-shape (default: an object the route never returns). */
    body: z.unknown().optional(),
    /** How many matching requests fail (default 1); null = until cleared. */
    count: z.number().int().min(1).max(1_000_000).nullable().optional(),
  })
  .strict();

export type FaultSpec = z.infer<typeof faultSchema>;
interface Fault extends FaultSpec {
  id: number;
  hits: number;
}

const bySim = new WeakMap<Sim, { next: number; list: Fault[] }>();
const table = (sim: Sim) => {
  let t = bySim.get(sim);
  if (!t) bySim.set(sim, (t = { next: 1, list: [] }));
  return t;
};

/** The fault for this request, if one is armed (consumes one of its count). /sim/* is never faulted. */
export function takeFault(sim: Sim, method: string, path: string): Fault | null {
  if (path.startsWith('/sim/')) return null;
  const t = bySim.get(sim);
  if (!t || t.list.length === 0) return null;
  const f = t.list.find((x) => (!x.method || x.method === method) && path.startsWith(x.path));
  if (!f) return null;
  f.hits += 1;
  const count = f.count === undefined ? 1 : f.count;
  if (count !== null && f.hits >= count) t.list = t.list.filter((x) => x !== f);
  return f;
}

/** Answer a faulted request. Returns null when the reply is "no reply" (hang, reset). */
export function faultReply(f: Fault, req: IncomingMessage, res: ServerResponse): SimReply | null {
  switch (f.kind) {
    case 'status': {
      const status = f.status ?? 500;
      const headers: Record<string, string> = f.retryAfterSeconds !== undefined ? { 'Retry-After': String(f.retryAfterSeconds) } : {};
      return { status, body: { error: status === 429 ? 'Too many requests (injected fault)' : 'Injected fault' }, headers };
    }
    case 'wrong-shape':
      return { status: 200, body: f.body === undefined ? { unexpected: 'shape', injected: true } : f.body };
    case 'not-json':
      return { status: 200, rawBody: '<html><body>502 Bad Gateway</body></html>', headers: { 'Content-Type': 'text/html' } };
    case 'hang':
      // Hold the request open until the client gives up; the socket closes with the server.
      req.resume();
      res.on('close', () => {});
      return null;
    case 'reset':
      req.socket.destroy();
      return null;
  }
}

export const routes: Route<Sim>[] = [
  {
    method: 'POST',
    path: '/sim/faults',
    handle(req, sim) {
      const parsed = faultSchema.safeParse(req.body);
      if (!parsed.success) return errorReply(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
      const t = table(sim);
      const fault: Fault = { ...parsed.data, id: t.next++, hits: 0 };
      t.list.push(fault);
      return ok({ id: fault.id });
    },
  },
  { method: 'GET', path: '/sim/faults', handle: (_req, sim) => ok(table(sim).list) },
  {
    method: 'DELETE',
    path: '/sim/faults',
    handle(_req, sim) {
      table(sim).list = [];
      return ok({ cleared: true });
    },
  },
];
