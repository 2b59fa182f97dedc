// The simulator's tiny router contract. Route modules under src/sim/taskmarket/routes/ export `routes: Route[]`;
// the server matches method + path pattern (`:name` segments), parses the body, and calls `handle`.
import type { IncomingHttpHeaders } from 'node:http';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface SimRequest {
  method: Method;
  /** Path without the query string, exactly as received (not decoded beyond URL parsing). */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (undefined when empty); PUT uploads get `raw` instead. */
  body: unknown;
  raw: Buffer;
  /** Full origin the request arrived on, e.g. http://127.0.0.1:4010 — used to build upload/download URLs. */
  origin: string;
}

export interface SimReply {
  status: number;
  /** Serialised as JSON unless `rawBody` is given. `null` is a valid JSON body (unknown task). */
  body?: unknown;
  rawBody?: Buffer | string;
  headers?: Record<string, string>;
}

export type Handler<S> = (req: SimRequest, sim: S) => Promise<SimReply> | SimReply;

export interface Route<S> {
  method: Method;
  /** e.g. '/api/tasks/:taskId/bids' */
  path: string;
  handle: Handler<S>;
}

interface Compiled<S> {
  route: Route<S>;
  re: RegExp;
  names: string[];
}

export class Router<S> {
  private compiled: Compiled<S>[] = [];

  add(...routes: Route<S>[]): this {
    for (const route of routes) {
      const names: string[] = [];
      const pattern = route.path
        .split('/')
        .map((seg) => {
          if (seg.startsWith(':')) {
            names.push(seg.slice(1));
            return '([^/]+)';
          }
          return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        })
        .join('/');
      this.compiled.push({ route, re: new RegExp(`^${pattern}$`), names });
    }
    return this;
  }

  /** The route for this request, or 'method' when the path exists under another method, or null. */
  match(method: string, path: string): { route: Route<S>; params: Record<string, string> } | 'method' | null {
    let pathSeen = false;
    for (const c of this.compiled) {
      const m = c.re.exec(path);
      if (!m) continue;
      pathSeen = true;
      if (c.route.method !== method) continue;
      const params: Record<string, string> = {};
      c.names.forEach((n, i) => {
        const v = m[i + 1] ?? '';
        try {
          params[n] = decodeURIComponent(v);
        } catch {
          params[n] = v;
        }
      });
      return { route: c.route, params };
    }
    return pathSeen ? 'method' : null;
  }
}

/** The backend's plain error body: `{"error": message}` (taskmarket-backend.md §5.3 producer 1). */
export function errorReply(status: number, message: string, reason?: string): SimReply {
  return { status, body: reason ? { error: message, taskmarket: { reason } } : { error: message } };
}

/** The tRPC-style error body (§5.3 producer 3): `{message, code}`. */
export function trpcError(status: number, message: string): SimReply {
  const code =
    ({ 400: 'BAD_REQUEST', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT', 412: 'PRECONDITION_FAILED', 429: 'TOO_MANY_REQUESTS' } as Record<number, string>)[status] ??
    'INTERNAL_SERVER_ERROR';
  return { status, body: { message, code } };
}

export function ok(body: unknown, headers?: Record<string, string>): SimReply {
  return headers ? { status: 200, body, headers } : { status: 200, body };
}
