// The armed orders' slice of the desk's state (issue 10): every order the session's engine holds, as the
// engine last reported them, and the handle the UI arms, disarms and resumes through. The engine lives in
// the wallet scope (src/app/armed.ts) and writes here; panes, the Orders view and tickets read from here.
import type { ArmedSpec } from '../core/armed/order.js';
import type { GateStatus } from '../core/gate.js';
import type { Task } from '../core/types.js';
import type { ArmResult, OrderView } from '../core/armed/view.js';

export type { OrderView } from '../core/armed/view.js';

/** What the operator typed once to arm an order (journaled with the armed step). */
export interface ArmApproval {
  confirmation: 'typed';
  phrase: string;
  checks: { id: string; status: GateStatus }[];
}

/** The session's armed-order engine as the UI may use it. */
export interface ArmedControl {
  arm(spec: ArmedSpec, approval: ArmApproval, opts?: { task?: Task }): Promise<ArmResult>;
  /** No confirmation: stops the order at once (journaled). */
  disarm(id: string): boolean;
  /** A paused or suspended order: re-read its task and arm it again (journaled). */
  resume(id: string): Promise<boolean>;
}

export interface ArmedState {
  /** Every order this wallet scope knows (armed, paused, fired, suspended, expired, disarmed, exhausted), oldest first. */
  orders: OrderView[];
  /** null while the desk cannot arm (no journal, read-only, still connecting). */
  control: ArmedControl | null;
}

export const EMPTY_ARMED: ArmedState = { orders: [], control: null };

/** Orders still waiting on their condition (armed) or on the operator (paused, suspended). */
export function liveOrders(a: ArmedState): OrderView[] {
  return a.orders.filter((o) => o.status === 'armed' || o.status === 'firing' || o.status === 'paused' || o.status === 'suspended');
}

/** The live order on a task (clock or ladder), if any. */
export function orderOnTask(a: ArmedState, taskId: string): OrderView | null {
  const id = taskId.toLowerCase();
  return liveOrders(a).find((o) => o.spec.kind !== 'claim' && o.spec.taskId.toLowerCase() === id) ?? null;
}
