// What an armed order looks like from outside the engine (issue 10): plain data the engine (src/exec/armed)
// reports and the store and UI hold. Here in core so the store depends on no exec code.
import type { ArmedSpec, OrderStatus } from './order.js';

export type FireOutcome =
  /** Journaled 'fired' but the runner refused before sending (nothing left the desk). */
  | 'not_sent'
  | 'sending'
  /** Sent and verified: the market did it. */
  | 'filled'
  /** Refused because someone else was first (the task is no longer open). */
  | 'lost'
  /** Refused for another reason (guard, deadline, …): nothing happened. */
  | 'refused'
  /** Sent, answered ok, but the re-fetch disagrees. */
  | 'mismatch'
  /** No definite answer yet (timeout, 5xx): reconcile settles it. */
  | 'unresolved';

export interface FireView {
  /** The runner's actionId (its journal records and completion report). */
  actionId: string;
  taskId: string;
  /** Market ms of the fire, and the crossing instant it was scheduled for (auction-accept). */
  at: number;
  crossingAt: number | null;
  /** The local clock price at the fire (auction-accept) or the bid price (ladder). */
  price: bigint | null;
  outcome: FireOutcome;
  /** What the market filled at (acceptedPrice, the bid price); null when nothing filled. */
  fillPrice: bigint | null;
  /** The market's or runner's one-line answer (untrusted: sanitise before display). */
  message: string | null;
  /** The completion report lines plus the fill price against the trigger (untrusted text: sanitise). */
  report: string[];
}

export interface OrderView {
  id: string;
  kind: ArmedSpec['kind'];
  spec: ArmedSpec;
  status: OrderStatus;
  /** Why it is suspended, expired or exhausted. */
  reason: string | null;
  /** What the operator typed to arm it. */
  phrase: string;
  /** auction-accept: market ms the clock reaches the trigger (null: unknown, or it never will). */
  crossingAt: number | null;
  /** Fills (auction-accept, claim) or bids sent (ladder), and the most there can be. */
  fills: number;
  fireLimit: number;
  fires: FireView[];
  /** The last thing worth saying that changed no state ("missed 0xab…: claimed by someone else"). */
  note: string | null;
  /** The wall ms the order was armed. */
  armedAt: number;
}

export type ArmResult = { ok: true; order: OrderView } | { ok: false; errors: Record<string, string> };
