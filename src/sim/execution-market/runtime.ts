// One EM instance over a Sim: settings, the event bus, escrow-lock timers and the per-request call context
// every route receives. Everything money-related goes through sim.ledger (the shared USDC ledger).
import type { SimRequest } from '../router.js';
import type { Sim } from '../sim.js';
import type { EmSettings } from './config.js';
import { EventBus, type EmEventName } from './events.js';
import { emState, type EmState, type EmTask } from './state.js';

export interface EmRuntime {
  readonly sim: Sim;
  readonly settings: EmSettings;
  readonly events: EventBus;
  /** Escrow locks waiting for --em-lock-delay, by task id. */
  readonly lockTimers: Map<string, NodeJS.Timeout>;
  /** Idempotency keys being processed right now. */
  readonly inFlight: Set<string>;
  /** Market time at which the next expiry/auto-settle is due (a sweep runs only then). */
  nextSweepAt: number;
  closed: boolean;
  /** Room name → subscriber count, set by the WebSocket hub (GET /ws/rooms, /ws/stats). */
  wsRooms: () => Record<string, number>;
  wsConnections: () => { total: number; authenticated: number };
}

/** One request as a route sees it. */
export interface EmCall {
  rt: EmRuntime;
  req: SimRequest;
  /** The verified ERC-8128 signer (lower-case), or null for an unsigned request. */
  caller: string | null;
  requestId: string;
}

export function createRuntime(sim: Sim, settings: EmSettings): EmRuntime {
  return {
    sim,
    settings,
    events: new EventBus(),
    lockTimers: new Map(),
    inFlight: new Set(),
    nextSweepAt: 0,
    closed: false,
    wsRooms: () => ({}),
    wsConnections: () => ({ total: 0, authenticated: 0 }),
  };
}

export const stateOf = (rt: EmRuntime): EmState => emState(rt.sim);

/** The shared-ledger escrow key of an EM task (kept apart from Taskmarket's 0x task ids). */
export const escrowKey = (taskId: string) => `em:${taskId}`;

/** The executor's wallet (lower-case), if the executor exists. */
export function walletOf(rt: EmRuntime, executorId: string | null): string | null {
  if (!executorId) return null;
  return stateOf(rt).executors[executorId]?.wallet ?? null;
}

/** The simulated ERC-8004 agent id of a wallet, assigned on first use. */
export function agentIdOf(rt: EmRuntime, wallet: string): number {
  const s = stateOf(rt);
  const w = wallet.toLowerCase();
  let id = s.agentIds[w];
  if (id === undefined) {
    id = s.nextAgentId++;
    s.agentIds[w] = id;
  }
  return id;
}

/** Emit an event about a task to its room, its publisher and assignee, plus any extra rooms. */
export function emitTask(
  rt: EmRuntime,
  name: EmEventName,
  task: EmTask,
  payload: Record<string, unknown>,
  extra: { global?: boolean; users?: (string | null)[]; category?: boolean } = {},
): void {
  const rooms = new Set<string>([`task:${task.id}`, `user:${task.agentId}`]);
  const worker = walletOf(rt, task.executorId);
  if (worker) rooms.add(`user:${worker}`);
  for (const u of extra.users ?? []) if (u) rooms.add(`user:${u.toLowerCase()}`);
  if (extra.category) rooms.add(`category:${task.category}`);
  if (extra.global) rooms.add('global');
  rt.events.emit({ id: rt.sim.uuid(), name, payload: { task_id: task.id, ...payload }, rooms: [...rooms], at: rt.sim.wall.now() });
}

/** Mark a task changed (updated_at, persistence, sweep schedule). */
export function touch(rt: EmRuntime, task: EmTask): void {
  task.updatedAt = rt.sim.now();
  rt.nextSweepAt = Math.min(rt.nextSweepAt, task.deadlineAt);
  rt.sim.changed();
}
