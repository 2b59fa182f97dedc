// The Intent each fire sends, built by the same ticket specs the desk's order tickets use
// (markets/taskmarket/tickets): the auction-accept with its --min-price guard, the claim, the bid — so a
// fire is journaled and executed exactly like a ticket's, from the task as just fetched.
import { formatUsdc } from '../../core/money.js';
import type { Intent } from '../../core/intent.js';
import type { Address, Task } from '../../core/types.js';
import { ticketSpecFor, type TicketContext } from '../../markets/taskmarket/tickets/index.js';

export type BuiltIntent = { ok: true; intent: Intent } | { ok: false; error: string };

export interface FireContext {
  wallet: Address;
  agent: string | null;
  /** Market time (ms) the intent is built at: the backend's rules are checked at this instant. */
  now: number;
}

function ticketContext(task: Task, c: FireContext): TicketContext {
  return { task, bids: [], submissions: [], pitches: [], wallet: c.wallet, agent: c.agent, now: c.now, balance: null, guardLeadMs: 0 };
}

function build(action: 'auction_accept' | 'claim' | 'bid', task: Task, c: FireContext, values: Record<string, string>): BuiltIntent {
  const spec = ticketSpecFor(action);
  if (!spec) return { ok: false, error: `no ticket for ${action}` };
  const r = spec.build(ticketContext(task, c), values);
  if (r.ok) return r;
  return { ok: false, error: Object.values(r.errors)[0] ?? `${action} cannot be built on this task` };
}

/** auction-accept with the guard; refused by the backend's own preflight rule (clock expired, price below the guard, …). */
export function acceptIntent(task: Task, minPrice: bigint, c: FireContext): BuiltIntent {
  return build('auction_accept', task, c, { minPrice: formatUsdc(minPrice) });
}

export function claimIntent(task: Task, c: FireContext): BuiltIntent {
  return build('claim', task, c, {});
}

/** A bid at `price`; the ticket checks it against the English lowest on the task as fetched. */
export function bidIntent(task: Task, price: bigint, c: FireContext): BuiltIntent {
  return build('bid', task, c, { price: formatUsdc(price) });
}
