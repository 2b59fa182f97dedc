// The simulator's HTTP server: node:http on 127.0.0.1 only. JSON in/out, size caps, the backend's error
// envelopes (taskmarket-backend.md §5), unknown routes → 404 {"error":"Not found"}, and no request can
// take the process down (every handler error becomes 500 {"error":"Internal server error"}).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Router, type Method, type SimReply, type SimRequest } from './router.js';
import { allRoutes } from './taskmarket/routes/index.js';
import { actorOf, createSim, idempotencyKeyOf, logRequest, simTimeHeaders, type CreateSimOptions, type Sim } from './sim.js';
import { attachFiles } from './taskmarket/files-store.js';
import { FileStore } from './store-file.js';
import { faultReply, takeFault } from './faults.js';
import { createEm, isEmTarget, type EmOptions, type EmServer } from './execution-market/index.js';

export interface StartSimOptions extends CreateSimOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Persist everything under this directory and load it on start. */
  stateDir?: string;
  /** Debounce for snapshot writes, ms (flushed on close regardless). */
  saveDelayMs?: number;
  /** The Execution Market side under /em (lock delay, rate limits). */
  em?: EmOptions;
}

export interface RunningSim {
  url: string;
  port: number;
  sim: Sim;
  server: Server;
  /** The Execution Market side (<url>/em/api/v1/…, <url>/em/ws). */
  em: EmServer;
  close(): Promise<void>;
}

const METHODS = new Set<Method>(['GET', 'POST', 'PUT', 'DELETE']);

class TooLarge extends Error {}

const EMPTY = Buffer.alloc(0);

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new TooLarge());
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new TooLarge());
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: SimReply): void {
  if (res.headersSent) return;
  const headers: Record<string, string> = { ...reply.headers };
  let payload: Buffer | string;
  if (reply.rawBody !== undefined) {
    payload = reply.rawBody;
    headers['Content-Type'] ??= 'application/octet-stream';
  } else {
    payload = toJson(reply.body === undefined ? null : reply.body);
    headers['Content-Type'] = 'application/json; charset=utf-8';
  }
  headers['Content-Length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

const json = (status: number, body: unknown): SimReply => ({ status, body });

/** JSON without a replacer on the hot path; a stray bigint (a route's slip) still serialises as a string. */
function toJson(body: unknown): string {
  try {
    return JSON.stringify(body);
  } catch {
    return JSON.stringify(body, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
  }
}

/** Build the request handler over a Sim (exported for in-process use without a socket). */
export function createHandler(sim: Sim, router: Router<Sim> = new Router<Sim>().add(...allRoutes)) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // Real wall time (not the market's or an injected clock): comparable with another process's Date.now().
    const receivedAt = performance.timeOrigin + performance.now();
    const method = (req.method ?? 'GET').toUpperCase();
    let path = '/';
    let query = new URLSearchParams();
    let routeName = '';
    let simReq: SimRequest | null = null;
    let reply: SimReply;
    try {
      // Split by hand: `new URL()` would read a leading `//x` as a host and normalise `..` segments.
      const target = req.url ?? '/';
      const q = target.indexOf('?');
      path = q === -1 ? target : target.slice(0, q);
      query = new URLSearchParams(q === -1 ? '' : target.slice(q + 1));
      routeName = path;
      // An armed test fault (POST /sim/faults) answers instead of the route.
      const fault = takeFault(sim, method, path);
      if (fault) {
        const faulted = faultReply(fault, req, res);
        if (faulted === null) return;
        return send(res, { ...faulted, headers: { ...faulted.headers, ...simTimeHeaders(sim) } });
      }
      const match = METHODS.has(method as Method) ? router.match(method, path) : null;
      if (match === null) {
        req.resume();
        reply = json(404, { error: 'Not found' });
      } else if (match === 'method') {
        req.resume();
        reply = json(405, { error: 'Method not allowed' });
      } else {
        routeName = match.route.path;
        const limit = method === 'PUT' ? sim.config.maxUploadBytes : sim.config.maxJsonBytes;
        // GETs without a body skip the read (hot path: polling clients).
        const hasBody = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
        const raw = method === 'GET' && !hasBody ? EMPTY : await readBody(req, limit);
        let body: unknown = undefined;
        let bad = false;
        if (method !== 'PUT' && raw.length > 0) {
          try {
            body = JSON.parse(raw.toString('utf8'));
          } catch {
            bad = true;
          }
        }
        if (bad) {
          reply = json(400, { error: 'Invalid JSON body' });
        } else {
          simReq = {
            method: method as Method,
            path,
            params: match.params,
            query,
            headers: req.headers,
            body,
            raw,
            // Built from the socket, not the (untrusted) Host header: always a reachable 127.0.0.1 URL.
            origin: `http://127.0.0.1:${req.socket.localPort ?? 0}`,
          };
          reply = await match.route.handle(simReq, sim);
        }
      }
    } catch (err) {
      if (err instanceof TooLarge) reply = json(413, { error: 'Request body too large' });
      else {
        if (process.env.TASKDESK_SIM_DEBUG) process.stderr.write(`sim: ${String((err as Error)?.stack ?? err)}\n`);
        reply = json(500, { error: 'Internal server error' });
      }
    }
    if (method !== 'GET' && method !== 'HEAD') {
      logRequest(sim, {
        at: sim.wall.now(),
        marketAt: sim.now(),
        method,
        route: routeName,
        path,
        actor: simReq ? actorOf(simReq) : null,
        idempotencyKey: simReq ? idempotencyKeyOf(simReq) : null,
        status: reply.status,
        receivedAt,
      });
    }
    try {
      // Every reply, errors and 404s included, tells the market time (X-Sim-Time, X-Sim-Time-Scale).
      send(res, { ...reply, headers: { ...reply.headers, ...simTimeHeaders(sim) } });
    } catch {
      res.destroy();
    }
    if (reply.status === 413) res.once('finish', () => req.destroy());
  };
}

/** Start the simulator on 127.0.0.1 (port 0 = any free port). */
export async function startSim(opts: StartSimOptions = {}): Promise<RunningSim> {
  const store = opts.stateDir ? new FileStore(opts.stateDir, opts.saveDelayMs) : null;
  const loaded = store ? await store.load() : null;
  const sim = createSim({ ...opts, state: loaded ?? opts.state });
  if (store && opts.stateDir) {
    store.attach(sim);
    attachFiles(sim, opts.stateDir); // uploaded artifact bytes live beside the snapshot (sim-modes' store)
  }
  const handler = createHandler(sim);
  const em = createEm(sim, opts.em);
  const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    (isEmTarget(req.url) ? em.handle(req, res) : handler(req, res)).catch(() => res.destroy());
  });
  server.on('upgrade', (req, socket, head) => em.upgrade(req, socket, head));
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    sim,
    server,
    em,
    close() {
      em.close();
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).then(async () => {
        if (store) await store.flush();
      });
      return closing;
    },
  };
}
