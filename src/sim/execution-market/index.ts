// The Execution Market side of `taskdesk sim`: HTTP under <sim>/em (…/em/api/v1/…), the WebSocket at <sim>/em/ws,
// on the same Sim (ledger, clock, --state) as Taskmarket. server.ts mounts it; nothing here listens by itself.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Sim } from '../sim.js';
import { emSettings, type EmOptions } from './config.js';
import { createEmHandler, EM_PREFIX, isEmTarget } from './handler.js';
import { sweep } from './lifecycle.js';
import { scheduleLock } from './routes/assign.js';
import { createRuntime, type EmRuntime } from './runtime.js';
import { createWsHub } from './ws.js';

export { isEmTarget, EM_PREFIX };
export type { EmOptions };

export interface EmServer {
  readonly runtime: EmRuntime;
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
  /** The `upgrade` listener for the HTTP server: /em/ws is ours; anything else is refused. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

/** How often the background sweep looks for expired tasks (wall ms); requests also sweep when one is due. */
const SWEEP_EVERY_MS = 1_000;

export function createEm(sim: Sim, opts: EmOptions = {}): EmServer {
  const rt = createRuntime(sim, emSettings(opts));
  // Resume escrow locks that were in flight when a --state snapshot was taken.
  for (const task of Object.values(sim.state.em?.tasks ?? {})) if (task.status === 'assigning' && task.pendingLock) scheduleLock(rt, task);
  const hub = createWsHub(rt, `${EM_PREFIX}/ws`);
  const handle = createEmHandler(rt);
  const timer = setInterval(() => {
    try {
      sweep(rt);
    } catch {
      // a sweep failure is retried on the next tick or request
    }
  }, SWEEP_EVERY_MS);
  timer.unref();
  return {
    runtime: rt,
    handle,
    upgrade: (req, socket, head) => hub.upgrade(req, socket, head),
    close() {
      rt.closed = true;
      clearInterval(timer);
      for (const t of rt.lockTimers.values()) clearTimeout(t);
      rt.lockTimers.clear();
      hub.close();
    },
  };
}
