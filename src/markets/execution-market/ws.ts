// The EM live feed over the `ws` package (execution-market-api.md §6, §13.7): the upgrade to <em>/ws signed
// with ERC-8128 (an unsigned socket joins no room and hears nothing), the user and global rooms joined by the
// server, task rooms subscribed (and re-subscribed after every reconnect), every message parsed with zod,
// ping answered with pong, a 90 s silence treated as a dead socket, reconnects with jittered exponential
// backoff, and a clear `fallback` state — poll instead — when the socket cannot be had.
import WebSocket from 'ws';
import type { EmClient } from './client.js';
import { eventPayloadSchema, serverMessageSchema, welcomeSchema, wsErrorSchema } from './schemas/ws.js';

export type EmFeedStateKind = 'connecting' | 'open' | 'reconnecting' | 'fallback' | 'closed';

export interface EmFeedState {
  kind: EmFeedStateKind;
  /** Epoch ms the state began. */
  since: number;
  /** Consecutive failed connection attempts. */
  failures: number;
  /** Why the last attempt failed / why polling is needed; null when open. */
  reason: string | null;
  /** When the next attempt is due (epoch ms), when one is scheduled. */
  nextAttemptAt: number | null;
}

export interface EmFeedEvent {
  /** TaskCreated, WorkerAssigned, SubmissionReceived, PaymentReleased, … (the snapshot's names, §6). */
  name: string;
  room: string | null;
  taskId: string | null;
  payload: Record<string, unknown>;
  eventId: string | null;
}

export interface EmFeedOptions {
  client: EmClient;
  /** Default: the client's base URL with ws(s):// and /ws. */
  url?: string;
  /** Task ids whose `task:<id>` rooms to join (participants only). */
  tasks?: readonly string[];
  /** Other rooms, e.g. `category:knowledge_access`. */
  rooms?: readonly string[];
  onEvent(e: EmFeedEvent): void;
  onState?(s: EmFeedState): void;
  /** A message that did not parse, or a refusal the server sent: a fault, never an empty result. */
  onFault?(message: string): void;
  backoff?: { initialMs?: number; maxMs?: number; fallbackAfter?: number };
  /** Silence after which the socket is presumed dead (default 90 s, the server's own idle limit). */
  idleMs?: number;
  handshakeTimeoutMs?: number;
}

export interface EmFeed {
  state(): EmFeedState;
  subscribeTask(taskId: string): void;
  unsubscribeTask(taskId: string): void;
  /** Resolves when the socket is open (true) or the feed is in fallback / closed (false). */
  settled(): Promise<boolean>;
  close(): void;
}

/** <base>/ws with the scheme switched (http → ws, https → wss). */
export function feedUrl(client: EmClient): string {
  const u = new URL(`${client.baseUrl}/ws`);
  u.protocol = u.protocol === 'https:' ? 'wss:' : 'ws:';
  return u.toString();
}

// The server allows 100 client messages a minute per connection (§2); stay well under.
const SEND_BUDGET_PER_MIN = 80;
const MAX_MESSAGE_BYTES = 1024 * 1024;

export function createEmFeed(o: EmFeedOptions): EmFeed {
  const url = o.url ?? feedUrl(o.client);
  const initial = o.backoff?.initialMs ?? 500;
  const max = o.backoff?.maxMs ?? 30_000;
  const fallbackAfter = o.backoff?.fallbackAfter ?? 3;
  const idleMs = o.idleMs ?? 90_000;
  const taskRooms = new Set((o.tasks ?? []).map((t) => `task:${t}`));
  const extraRooms = new Set(o.rooms ?? []);
  const now = () => o.client.now();
  let st: EmFeedState = { kind: 'connecting', since: now(), failures: 0, reason: null, nextAttemptAt: null };
  let ws: WebSocket | null = null;
  let closed = false;
  let retryTimer: NodeJS.Timeout | null = null;
  let idleTimer: NodeJS.Timeout | null = null;
  let sendTimes: number[] = [];
  const queue: string[] = [];
  let drainTimer: NodeJS.Timeout | null = null;
  const waiters: Array<(open: boolean) => void> = [];
  /** Set when the server accepted the socket but will not deliver to it (unauthenticated welcome). */
  let refused: string | null = null;

  const setState = (kind: EmFeedStateKind, patch: Partial<EmFeedState> = {}) => {
    st = { ...st, kind, since: kind === st.kind ? st.since : now(), ...patch };
    o.onState?.(st);
    if (kind === 'open' || kind === 'fallback' || kind === 'closed') for (const w of waiters.splice(0)) w(kind === 'open');
  };
  const fault = (m: string) => o.onFault?.(m.slice(0, 300));

  function drain(): void {
    drainTimer = null;
    const t = Date.now();
    sendTimes = sendTimes.filter((x) => x > t - 60_000);
    while (queue.length && sendTimes.length < SEND_BUDGET_PER_MIN && ws?.readyState === WebSocket.OPEN) {
      ws.send(queue.shift() as string);
      sendTimes.push(t);
    }
    if (queue.length && ws?.readyState === WebSocket.OPEN) drainTimer = setTimeout(drain, Math.max(50, (sendTimes[0] ?? t) + 60_000 - t)).unref();
  }
  const send = (type: string, payload: Record<string, unknown> = {}) => {
    queue.push(JSON.stringify({ type, payload }));
    if (!drainTimer) drain();
  };

  const armIdle = () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      fault(`no message for ${Math.round(idleMs / 1000)} s: reconnecting`);
      ws?.terminate();
    }, idleMs);
    idleTimer.unref();
  };

  function schedule(reason: string, permanent: boolean): void {
    if (closed) return;
    const failures = st.failures + 1;
    const base = Math.min(max, initial * 2 ** Math.min(20, failures - 1));
    const delay = permanent ? max : Math.round(base * (0.8 + Math.random() * 0.4));
    const kind: EmFeedStateKind = permanent || failures >= fallbackAfter ? 'fallback' : 'reconnecting';
    setState(kind, { failures, reason: kind === 'fallback' ? `${reason}: polling instead` : reason, nextAttemptAt: now() + delay });
    retryTimer = setTimeout(() => void connect(), delay);
    retryTimer.unref();
  }

  function onMessage(data: WebSocket.RawData): void {
    armIdle();
    let json: unknown;
    try {
      json = JSON.parse(data.toString());
    } catch {
      return fault('a /ws message that is not JSON');
    }
    const m = serverMessageSchema.safeParse(json);
    if (!m.success) return fault(`a /ws message of an unknown shape (${m.error.issues[0]?.path.join('.') || 'type'})`);
    const msg = m.data;
    switch (msg.type) {
      case 'ping':
        return send('pong');
      case 'welcome': {
        const w = welcomeSchema.safeParse(msg.payload);
        if (!w.success) return fault('a welcome of an unknown shape');
        if (!w.data.authenticated) {
          // An unsigned socket hears nothing (§13.7): that is not a live feed.
          refused = 'the server did not authenticate the socket';
          ws?.close(1000, 'unauthenticated');
          return;
        }
        setState('open', { failures: 0, reason: null, nextAttemptAt: null });
        // user:<wallet> and global are joined by the server; ask for any it did not join, then the task rooms.
        const joined = new Set(w.data.rooms);
        const own = [`user:${(w.data.wallet ?? o.client.signer?.address ?? '').toLowerCase()}`, 'global'].filter((r) => !joined.has(r));
        for (const r of [...own, ...taskRooms, ...extraRooms]) send('subscribe', { room: r });
        return;
      }
      case 'event': {
        const e = eventPayloadSchema.safeParse(msg.payload);
        if (!e.success) return fault(`an event of an unknown shape (${e.error.issues[0]?.path.join('.') || 'event'})`);
        const taskId = typeof e.data.payload.task_id === 'string' ? e.data.payload.task_id : null;
        o.onEvent({ name: e.data.event, room: e.data.room, taskId, payload: e.data.payload as Record<string, unknown>, eventId: e.data.metadata?.event_id ?? null });
        return;
      }
      case 'error': {
        const err = wsErrorSchema.safeParse(msg.payload);
        const why = err.success ? `${err.data.code ?? 'error'}${err.data.room ? ` (${err.data.room})` : ''}` : 'error';
        if (err.success && err.data.room) taskRooms.delete(err.data.room); // refused rooms are not retried on reconnect
        return fault(`/ws refused: ${why}`);
      }
      default:
        return;
    }
  }

  async function connect(): Promise<void> {
    retryTimer = null;
    if (closed) return;
    if (st.failures > 0) setState(st.kind === 'fallback' ? 'fallback' : 'reconnecting', { nextAttemptAt: null });
    if (!o.client.signer) return schedule('no wallet: an unsigned socket receives no events', true);
    let headers: Record<string, string>;
    try {
      headers = { ...(await o.client.signUpgrade(url)) };
    } catch (err) {
      return schedule(`signing the upgrade failed (${err instanceof Error ? err.message.slice(0, 80) : 'error'})`, true);
    }
    if (closed) return;
    const sock = new WebSocket(url, { headers, handshakeTimeout: o.handshakeTimeoutMs ?? 10_000, maxPayload: MAX_MESSAGE_BYTES, followRedirects: false });
    ws = sock;
    let failed = false;
    let opened = false;
    const fail = (reason: string, permanent: boolean) => {
      if (failed || closed) return;
      failed = true;
      if (idleTimer) clearTimeout(idleTimer);
      schedule(reason, permanent);
    };
    sock.on('unexpected-response', (_req, res) => {
      const code = res.statusCode ?? 0;
      res.resume();
      sock.terminate();
      // 401/403/404: the server refuses this socket; retrying quickly will not change that.
      fail(`upgrade refused with HTTP ${code}`, code >= 400 && code < 500 && code !== 429);
    });
    sock.on('open', () => {
      opened = true;
      armIdle();
    });
    sock.on('message', onMessage);
    sock.on('error', (err) => fail(`socket error (${(err as NodeJS.ErrnoException).code ?? err.message.slice(0, 60)})`, false));
    sock.on('close', (code) => {
      if (ws === sock) ws = null;
      if (closed) return;
      const why = refused;
      refused = null;
      if (why) fail(why, true);
      else fail(opened ? `socket closed (${code})` : 'socket closed before opening', false);
    });
  }

  void connect();

  return {
    state: () => st,
    subscribeTask(taskId) {
      const room = `task:${taskId}`;
      if (taskRooms.has(room)) return;
      taskRooms.add(room);
      if (st.kind === 'open') send('subscribe', { room });
    },
    unsubscribeTask(taskId) {
      const room = `task:${taskId}`;
      if (!taskRooms.delete(room)) return;
      if (st.kind === 'open') send('unsubscribe', { room });
    },
    settled: () => (st.kind === 'open' ? Promise.resolve(true) : st.kind === 'fallback' || st.kind === 'closed' ? Promise.resolve(false) : new Promise((r) => waiters.push(r))),
    close() {
      closed = true;
      for (const t of [retryTimer, idleTimer, drainTimer]) if (t) clearTimeout(t);
      ws?.terminate();
      ws = null;
      setState('closed', { nextAttemptAt: null });
    },
  };
}
