// The simulator for the EM pty tests, run inside the test process (the same code `taskdesk sim` runs) so
// the test can watch and break Execution Market from outside it: every request and WebSocket upgrade the
// server receives is logged with its arrival time, a rule can answer an /em route instead of the simulator
// (a wrong-shaped 200, a 503 — /sim/faults never reaches /em), open /em/ws sockets can be cut from the
// server side and new upgrades refused. Nothing here changes the simulator; it wraps its HTTP server.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { startSim, type RunningSim } from '../../src/sim/server.js';

export interface Seen {
  method: string;
  /** The path without its query. */
  path: string;
  query: string;
  /** Date.now() when the request arrived. */
  at: number;
  upgrade: boolean;
  /** The HTTP status answered (set when the response finished). */
  status?: number;
  /** The signing wallet (ERC-8128 keyid), when the request was signed. */
  signer?: string;
}

export interface Override {
  method?: string;
  /** A path prefix, e.g. `/em/api/v1/tasks/available`. */
  path: string;
  status: number;
  body: unknown;
}

export interface EmSim {
  url: string;
  emUrl: string;
  running: RunningSim;
  seen: Seen[];
  /** Answer matching requests with this until cleared (the simulator never sees them). */
  override(o: Override): void;
  clearOverrides(): void;
  /** Cut every open /em/ws socket (the server side goes away, as a load balancer drop does). */
  dropSockets(): number;
  /** While true, every /em/ws upgrade gets 503. */
  refuseUpgrades(on: boolean): void;
  openSockets(): number;
  faucet(address: string, amount: bigint): Promise<void>;
  ledger(): Promise<{ balances: Record<string, string>; escrows: Record<string, string> }>;
  balance(address: string): Promise<bigint>;
  seed(tasks: Record<string, unknown>[]): Promise<string[]>;
  close(): Promise<void>;
}

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;
type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

export async function startEmSim(): Promise<EmSim> {
  const running = await startSim({ port: 0 });
  const { server } = running;
  const seen: Seen[] = [];
  const overrides: Override[] = [];
  const sockets = new Set<Duplex>();
  let refusing = false;

  const [handle] = server.listeners('request') as RequestListener[];
  const [upgrade] = server.listeners('upgrade') as UpgradeListener[];
  if (!handle || !upgrade) throw new Error('the simulator server has no request/upgrade listener to wrap');
  server.removeAllListeners('request');
  server.removeAllListeners('upgrade');

  const split = (url: string | undefined) => {
    const u = url ?? '/';
    const q = u.indexOf('?');
    return q < 0 ? { path: u, query: '' } : { path: u.slice(0, q), query: u.slice(q + 1) };
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const { path, query } = split(req.url);
    const method = (req.method ?? 'GET').toUpperCase();
    const entry: Seen = { method, path, query, at: Date.now(), upgrade: false };
    const keyid = /keyid="erc8128:\d+:(0x[0-9a-fA-F]{40})"/.exec(String(req.headers['signature-input'] ?? ''));
    if (keyid) entry.signer = keyid[1]!.toLowerCase();
    seen.push(entry);
    res.once('finish', () => (entry.status = res.statusCode));
    const o = overrides.find((x) => (!x.method || x.method === method) && path.startsWith(x.path));
    if (o) {
      req.resume();
      const payload = JSON.stringify(o.body);
      res.writeHead(o.status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(payload)) });
      res.end(payload);
      return;
    }
    handle(req, res);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const { path, query } = split(req.url);
    seen.push({ method: 'GET', path, query, at: Date.now(), upgrade: true });
    if (refusing) {
      socket.on('error', () => socket.destroy());
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    upgrade(req, socket, head);
  });

  const url = running.url;
  const get = async <T>(path: string): Promise<T> => {
    const r = await fetch(`${url}${path}`);
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status}`);
    return (await r.json()) as T;
  };
  const post = async (path: string, body: unknown): Promise<any> => {
    const r = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const out = await r.json();
    if (r.status !== 200) throw new Error(`POST ${path}: ${r.status} ${JSON.stringify(out)}`);
    return out;
  };
  const ledger = () => get<{ balances: Record<string, string>; escrows: Record<string, string> }>('/sim/ledger');

  return {
    url,
    emUrl: `${url}/em`,
    running,
    seen,
    override: (o) => void overrides.push(o),
    clearOverrides: () => void overrides.splice(0),
    dropSockets() {
      const n = sockets.size;
      for (const s of [...sockets]) s.destroy();
      return n;
    },
    refuseUpgrades: (on) => void (refusing = on),
    openSockets: () => sockets.size,
    faucet: async (address, amount) => void (await post('/sim/faucet', { address, amount: amount.toString() })),
    ledger,
    balance: async (address) => BigInt((await ledger()).balances[address.toLowerCase()] ?? '0'),
    async seed(tasks) {
      const out = (await post('/sim/seed', { tasks: tasks.map((t) => ({ tags: [], ...t })) })) as { ids: string[] };
      return out.ids;
    },
    close: () => running.close(),
  };
}
