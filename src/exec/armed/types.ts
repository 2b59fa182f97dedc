// The armed-order engine's API types: what the desk injects (journal, runner, gate, fresh reads, clocks,
// timers) and the plain data it gets back (order views and events) — no React, no store.
import type { ArmedSpec, OrderStatus } from '../../core/armed/order.js';
import type { GateResult } from '../../core/gate.js';
import type { Intent } from '../../core/intent.js';
import type { Address, Task } from '../../core/types.js';
import type { ArmResult, OrderView } from '../../core/armed/view.js';
import type { Journal } from '../journal.js';
import type { ActionRunner } from '../runner.js';

/** The task as the engine just read it, and when (wall ms). */
export type { ArmResult, FireOutcome, FireView, OrderView } from '../../core/armed/view.js';

export interface FreshRead {
  task: Task;
  fetchedAt: number;
}

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // An armed order must not keep a finished process alive on its own.
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface ArmedEngineOptions {
  journal: Journal;
  /** The session's runner: every fire goes through run() (intent → approved → sent → response → verified). */
  runner: Pick<ActionRunner, 'run'>;
  /**
   * The full side-effect gate on fresh data, with the operator's approval counted as given (it was given
   * when arming). The desk: refreshTask stores the read, then `(intent) => judge(store.getState(), intent, true)`.
   * `fresh` is the read the engine just made, for gates that do not hold state of their own.
   */
  gate: (intent: Intent, fresh: FreshRead) => GateResult;
  /** A fresh read of the task (with pendingActions); throws when the market gives none or a bad one. */
  refreshTask: (taskId: string) => Promise<Task>;
  /** Market time (ms): the desk's market-clock estimate. */
  now: () => number;
  /** This machine's time (ms), for fetch ages and journal stamps; default Date.now. */
  wallNow?: () => number;
  /** Market ms per wall ms (a sped-up simulator); default 1. */
  scale?: () => number;
  timers?: Timers;
  wallet: Address;
  agent?: string | null;
  network: { name: string; chainId: number };
  apiUrl: string;
  /** How often armed clock and ladder tasks are re-read (the guide's 5 s dutch cadence); default 5000. */
  pollMs?: number;
  /** Longest single timer (ms): a long wait is re-planned in steps this long, so it never drifts; default 30000. */
  maxSleepMs?: number;
  /** Fire this many ms ahead of the computed crossing (0 = exactly at it); default 0. */
  leadMs?: number;
  /** Read an auction-accept's task once more this long before its crossing, so the fire needs no read (0: off). */
  preReadMs?: number;
}

export type EngineEventType = 'armed' | 'fired' | 'filled' | 'lost' | 'failed' | 'suspended' | 'resumed' | 'paused' | 'disarmed' | 'expired' | 'exhausted' | 'note';

export interface EngineEvent {
  type: EngineEventType;
  orderId: string;
  /** One line for a notice (may hold market text: sanitise before display). */
  message: string;
}

export type EngineListener = (event: EngineEvent, orders: readonly OrderView[]) => void;


export interface ArmedEngine {
  /** Check, journal 'armed', schedule. `task` = the task as the arming ticket fetched it (else read fresh). */
  arm(spec: ArmedSpec, approval: import('../runner.js').Approval, opts?: { task?: Task }): Promise<ArmResult>;
  /** Journal 'disarmed' and stop (no confirmation). A send already under way still completes. */
  disarm(id: string): boolean;
  /** From paused or suspended: journal 'resumed', read the task fresh, schedule again. */
  resume(id: string): Promise<boolean>;
  /** After a restart: every order armed and not finished comes back paused (past-expiry ones journal 'expired'). */
  restore(source?: Pick<Journal, 'records' | 'actions'>): OrderView[];
  /** A new task from the desk's feed (task.new): armed claim rules that match it fire. */
  onNewTask(task: Task): void;
  /** A read of a task the desk made anyway: re-plans an armed clock, re-checks a ladder. */
  onTaskUpdate(task: Task): void;
  list(): OrderView[];
  get(id: string): OrderView | null;
  subscribe(listener: EngineListener): () => void;
  /** Cancel every timer (the session is closing); orders stay journaled as they are. */
  stop(): void;
}
