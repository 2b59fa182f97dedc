// The EM WebSocket at <sim>/em/ws (execution-market-api.md §6, §13.7). The capture leaves auth open (§13.9); the
// simulator's choice: sign the HTTP upgrade request with ERC-8128 (GET, @authority, @path /em/ws, @query if any).
// A bad signature is refused before the upgrade (401; an API key 403). An unsigned socket opens, gets `welcome`,
// joins no room and receives no events. A signed one is in `user:<wallet>` and `global` at once and may subscribe
// to `task:<uuid>` (publisher, assignee or applicant) and `category:<category>`.
// Messages are the snapshot's: {type, payload, id, timestamp}; client types subscribe | unsubscribe | ping | pong.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { z } from 'zod';
import { authenticate, carriesApiKey, API_KEYS_DISABLED, WWW_AUTHENTICATE } from './auth.js';
import { CATEGORIES } from './config.js';
import type { EmEvent } from './events.js';
import { stateOf, type EmRuntime } from './runtime.js';

const HEARTBEAT_MS = 30_000;
const IDLE_LIMIT_MS = 90_000;
const MSGS_PER_MINUTE = 100;
const PER_WALLET = 5;
const TOTAL = 500;
const MAX_MESSAGE_BYTES = 16 * 1024;

/** {type, payload?: {room?}}, other payload fields ignored. */
const clientMessage = z.object({ type: z.string().max(40), payload: z.looseObject({ room: z.string().max(200).optional() }).optional() });

interface Conn {
  ws: WebSocket;
  wallet: string | null;
  rooms: Set<string>;
  msgTimes: number[];
  lastSeen: number;
}

export interface WsHub {
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

function refuse(socket: Duplex, status: number, text: string, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  const lines = [`HTTP/1.1 ${status} ${text}`, 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(payload)}`, 'Connection: close', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  if (socket.writable) socket.end(`${lines.join('\r\n')}\r\n\r\n${payload}`);
  else socket.destroy();
}

export function createWsHub(rt: EmRuntime, path: string): WsHub {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const conns = new Set<Conn>();
  const rooms = new Map<string, Set<Conn>>();
  const now = () => rt.sim.wall.now();

  const send = (c: Conn, type: string, payload: Record<string, unknown>) => {
    if (c.ws.readyState !== c.ws.OPEN) return;
    c.ws.send(JSON.stringify({ type, payload, id: randomUUID(), timestamp: new Date(now()).toISOString() }));
  };
  const join = (c: Conn, room: string) => {
    c.rooms.add(room);
    let set = rooms.get(room);
    if (!set) rooms.set(room, (set = new Set()));
    set.add(c);
  };
  const leave = (c: Conn, room: string) => {
    c.rooms.delete(room);
    const set = rooms.get(room);
    set?.delete(c);
    if (set && set.size === 0) rooms.delete(room);
  };

  rt.wsRooms = () => Object.fromEntries([...rooms].map(([k, v]) => [k, v.size]));
  rt.wsConnections = () => ({ total: conns.size, authenticated: [...conns].filter((c) => c.wallet).length });

  /** May `c` subscribe to `room`? null = yes, else the reason. */
  function mayJoin(c: Conn, room: string): string | null {
    if (!c.wallet) return 'not_authenticated';
    if (room === 'global' || room === `user:${c.wallet}`) return null;
    if (room.startsWith('category:')) return (CATEGORIES as readonly string[]).includes(room.slice(9)) ? null : 'unknown_room';
    if (room.startsWith('task:')) {
      const s = stateOf(rt);
      const task = s.tasks[room.slice(5)];
      if (!task) return 'unknown_room';
      const w = c.wallet;
      const ok =
        task.agentId === w ||
        (task.executorId !== null && s.executors[task.executorId]?.wallet === w) ||
        (s.applications[task.id] ?? []).some((a) => s.executors[a.executorId]?.wallet === w);
      return ok ? null : 'forbidden';
    }
    return 'forbidden';
  }

  function onMessage(c: Conn, data: Buffer): void {
    const t = now();
    c.lastSeen = t;
    c.msgTimes = c.msgTimes.filter((x) => x > t - 60_000);
    c.msgTimes.push(t);
    if (c.msgTimes.length > MSGS_PER_MINUTE) {
      send(c, 'error', { code: 'rate_limited', message: `More than ${MSGS_PER_MINUTE} messages a minute` });
      c.ws.close(1008, 'rate limited');
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(data.toString('utf8'));
    } catch {
      json = null;
    }
    const parsed = clientMessage.safeParse(json);
    if (!parsed.success) {
      send(c, 'error', { code: 'invalid_message', message: 'Messages are JSON {type, payload}' });
      return;
    }
    const msg = parsed.data;
    const room = msg.payload?.room ?? null;
    switch (msg.type) {
      case 'ping':
        send(c, 'pong', {});
        return;
      case 'pong':
        return;
      case 'subscribe': {
        if (!room) return send(c, 'error', { code: 'invalid_message', message: 'subscribe needs payload.room' });
        const why = mayJoin(c, room);
        if (why) return send(c, 'error', { code: why, room, message: why === 'not_authenticated' ? 'Sign the upgrade request with ERC-8128 to join rooms' : `Cannot join ${room}` });
        join(c, room);
        return send(c, 'subscribed', { room });
      }
      case 'unsubscribe':
        if (room) leave(c, room);
        return send(c, 'unsubscribed', { room });
      case 'auth':
        return send(c, 'auth_failed', { code: 'not_supported', message: 'Authenticate by signing the upgrade request with ERC-8128' });
      default:
        return send(c, 'error', { code: 'unknown_type', message: 'Known types: subscribe, unsubscribe, ping, pong' });
    }
  }

  const off = rt.events.on((e: EmEvent) => {
    // One delivery per socket, naming the first of the event's rooms it is in.
    const seen = new Set<Conn>();
    for (const room of e.rooms) {
      for (const c of rooms.get(room) ?? []) {
        if (seen.has(c)) continue;
        seen.add(c);
        send(c, 'event', { event: e.name, payload: e.payload, room, metadata: { event_id: e.id, timestamp: new Date(e.at).toISOString() } });
      }
    }
  });

  const heartbeat = setInterval(() => {
    const t = now();
    for (const c of conns) {
      if (t - c.lastSeen > IDLE_LIMIT_MS) c.ws.terminate();
      else send(c, 'ping', {});
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  function accept(req: IncomingMessage, socket: Duplex, head: Buffer, wallet: string | null): void {
    wss.handleUpgrade(req, socket, head, (ws) => {
      const c: Conn = { ws, wallet, rooms: new Set(), msgTimes: [], lastSeen: now() };
      const tooMany = conns.size >= TOTAL || (wallet !== null && [...conns].filter((x) => x.wallet === wallet).length >= PER_WALLET);
      conns.add(c);
      if (tooMany) {
        send(c, 'error', { code: 'connection_limit', message: `At most ${PER_WALLET} connections per wallet and ${TOTAL} in total` });
        ws.close(1008, 'connection limit');
      } else if (wallet) {
        join(c, `user:${wallet}`);
        join(c, 'global');
      }
      send(c, 'welcome', { authenticated: wallet !== null, wallet, rooms: [...c.rooms] });
      ws.on('message', (data: Buffer) => onMessage(c, data));
      ws.on('close', () => {
        for (const r of [...c.rooms]) leave(c, r);
        conns.delete(c);
      });
      ws.on('error', () => ws.terminate());
    });
  }

  return {
    upgrade(req, socket, head) {
      socket.on('error', () => socket.destroy());
      const target = req.url ?? '/';
      const q = target.indexOf('?');
      const p = q === -1 ? target : target.slice(0, q);
      if (p !== path || rt.closed) return refuse(socket, 404, 'Not Found', { detail: 'Not Found' });
      if (carriesApiKey(req.headers)) return refuse(socket, 403, 'Forbidden', { detail: { code: 'api_keys_disabled', retryable: false, message: API_KEYS_DISABLED } });
      void authenticate(rt, { method: 'GET', path: p, query: q === -1 ? '' : target.slice(q + 1), headers: req.headers, body: Buffer.alloc(0), localPort: req.socket.localPort ?? 0 })
        .then((auth) => {
          if (auth.kind === 'refused') return refuse(socket, 401, 'Unauthorized', auth.reply.body, { 'WWW-Authenticate': WWW_AUTHENTICATE });
          accept(req, socket, head, auth.kind === 'signed' ? auth.wallet : null);
        })
        .catch(() => socket.destroy());
    },
    close() {
      off();
      clearInterval(heartbeat);
      for (const c of conns) c.ws.terminate();
      conns.clear();
      rooms.clear();
      wss.close();
    },
  };
}
