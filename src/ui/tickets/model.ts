// An open order ticket, as plain data in the UI store, and the pure steps on it: open one for an
// action, the context its spec reads from the desk's state, the snapshot it is bound to, and what
// changed since. The key router (keys/router-ticket.ts) drives it; tickets/ticket-view.tsx draws it.
import type { IntentAction, IntentRole, Intent } from '../../core/intent.js';
import { clockPrice } from '../../core/clock.js';
import { liveActions } from '../../core/live-task.js';
import { formatUsdc } from '../../core/money.js';
import type { Address, Task } from '../../core/types.js';
import { ticketSpecFor as taskmarketSpecFor, type TicketField, type TicketSpec } from '../../markets/taskmarket/tickets/index.js';
import { emTicketSpecFor, type EmTicketContext } from '../../markets/execution-market/tickets/index.js';
import type { EmIntentAction } from '../../core/intent.js';
import type { ArmedKind } from '../../core/armed/order.js';
import { ARM_LABELS, armFor } from './arm-model.js';

/** Any market's ticket spec, read with the shared context (Taskmarket specs ignore the EM extras). */
type AnySpec = Omit<TicketSpec, 'fields' | 'build' | 'effect'> & {
  fields(ctx: EmTicketContext): TicketField[];
  build: TicketSpec['build'];
  effect?: (ctx: EmTicketContext, intent: Intent) => ReturnType<NonNullable<TicketSpec['effect']>>;
};

/** The ticket for an action on either market. */
export function ticketSpecFor(action: IntentAction): AnySpec | null {
  if (action.startsWith('em_')) return emTicketSpecFor(action as EmIntentAction) as AnySpec | null;
  return taskmarketSpecFor(action);
}
import type { DeskState } from '../../store/state.js';
import type { LineState } from '../keys/line-edit.js';

export type TicketStage = 'choose' | 'network' | 'edit' | 'confirm' | 'submitting' | 'done';

export interface TicketChoice {
  action: IntentAction;
  role: IntentRole;
  label: string;
  /** An "arm" entry (issue 10): opens the arming ticket for this action instead of its order ticket. */
  arm?: ArmedKind;
}

export interface TicketOutcome {
  ok: boolean;
  title: string;
  /** Plain lines (the completion report); sanitised when drawn. */
  lines: string[];
}

/** What the ticket was opened (or last confirmed) against: if any of it changes, it asks again. */
export interface Bound {
  status: string | null;
  /** The pendingActions entry it acts on is still there (and its window end). */
  entry: string | null;
  lowestBid: string | null;
  amount: string | null;
}

/** The chooser's lines, read live from the store: null while the task's detail is still loading. */
export function liveChoices(s: DeskState, t: TicketState, wallet: Address): TicketChoice[] | null {
  if (!t.taskId) return null;
  const em = s.tasks[t.taskId]?.market === 'execution-market';
  if (em ? !s.em.details[t.taskId] : !s.details[t.taskId]) return null;
  const task = em ? s.tasks[t.taskId]! : s.details[t.taskId]!.task;
  return actionChoices(s, task, wallet);
}

export interface TicketState {
  /** Unique per opening: one confirmation belongs to one ticket and can be sent once. */
  seq: number;
  action: IntentAction | null;
  taskId: string | null;
  stage: TicketStage;
  /** Where to go after the network is confirmed. */
  next: TicketStage;
  choice: number;
  fields: TicketField[];
  values: Record<string, string>;
  carets: Record<string, number>;
  focus: number;
  errors: Record<string, string>;
  /** The line being typed: the confirmation phrase, or the network's name. */
  line: LineState;
  bound: Bound | null;
  notice: { text: string; level: 'info' | 'warn' | 'error' } | null;
  outcome: TicketOutcome | null;
  scroll: number;
  /** An arming ticket (tickets/arm-model.ts): the kind of armed order, and its id (one per ticket). */
  arm?: ArmedKind;
  armId?: string;
}

let seq = 0;

/** A new ticket's seq (arming tickets are opened outside this file). */
export function nextTicketSeq(): number {
  return ++seq;
}

export function ticketContext(s: DeskState, taskId: string | null, wallet: Address): EmTicketContext {
  const d = taskId ? s.details[taskId] : undefined;
  const task = taskId ? (d?.task ?? s.tasks[taskId] ?? null) : null;
  const emd = taskId ? s.em.details[taskId] : undefined;
  return {
    em: { executorId: s.em.executorId, applications: emd?.applications ?? [], submissions: emd?.submissions ?? [], minBounty: s.em.minBounty },
    task: task && task.pendingActions ? { ...task, pendingActions: liveActions(task.pendingActions, task, s.now) } : task,
    bids: d?.bids ?? [],
    submissions: d?.submissions ?? [],
    pitches: d?.pitches ?? [],
    wallet,
    agent: s.conn.agent ?? null,
    now: s.now,
    balance: s.conn.balance,
    withdrawalAddress: s.act.withdrawalAddress,
    guardLeadMs: s.act.guardLeadMs,
  };
}

/** This wallet's live pendingActions on a task, as chooser lines (by role), with the ticketable ones first. */
export function actionChoices(s: DeskState, task: Task, wallet: Address): TicketChoice[] {
  if (task.market === 'execution-market') {
    // EM has no pendingActions: the adapter derived them for this wallet.
    return (s.em.details[task.id]?.actions ?? []).map((a) => ({ action: a.action, role: a.role, label: `${a.action.replace(/^em_/, '').replace(/_/g, '-')}  (${a.reason})` }));
  }
  const me = wallet.toLowerCase();
  const mineAs = task.requester.toLowerCase() === me ? 'requester' : 'worker';
  const actions = liveActions(s.details[task.id]?.task.pendingActions ?? task.pendingActions ?? [], task, s.now);
  const out: TicketChoice[] = [];
  for (const a of actions) {
    if (a.eligibleAddress && a.eligibleAddress.toLowerCase() !== me) continue;
    if (a.role !== 'anyone' && a.role !== mineAs) continue;
    if (!ticketSpecFor(a.action)) continue;
    const opens = a.availableAfter !== null && a.availableAfter > s.now;
    out.push({ action: a.action, role: a.role, label: `${a.action.replace(/_/g, '-')}${a.requiresPayment ? '  (paid)' : ''}${opens ? '  (not yet open)' : ''}` });
    const arm = armFor(a.action, task);
    if (arm && !out.some((c) => c.arm === arm)) out.push({ action: a.action, role: a.role, label: ARM_LABELS[arm], arm });
  }
  return out;
}

/** A fresh ticket for `action` on `taskId`: its fields with their defaults, at the right first stage. */
export function openTicket(s: DeskState, action: IntentAction, taskId: string | null, wallet: Address): TicketState | null {
  const spec = ticketSpecFor(action);
  if (!spec) return null;
  const ctx = ticketContext(s, taskId, wallet);
  const fields = spec.fields(ctx);
  const values = Object.fromEntries(fields.map((f) => [f.key, f.initial]));
  const carets = Object.fromEntries(fields.map((f) => [f.key, Array.from(f.initial).length]));
  const first: TicketStage = fields.length > 0 ? 'edit' : 'confirm';
  const t: TicketState = {
    seq: ++seq,
    action,
    taskId,
    stage: s.act.confirmed ? first : 'network',
    next: first,
    choice: 0,
    fields,
    values,
    carets,
    focus: 0,
    errors: {},
    line: { value: '', caret: 0 },
    bound: null,
    notice: null,
    outcome: null,
    scroll: 0,
  };
  // A ticket with nothing to fill in goes straight to its confirmation, bound to the task as it is now.
  if (t.stage === 'confirm') {
    const built = buildIntent(s, t, wallet);
    t.bound = boundOf(s, t, built.ok ? built.intent : null);
  }
  return t;
}

export function openChooser(taskId: string): TicketState {
  return {
    seq: ++seq,
    action: null,
    taskId,
    stage: 'choose',
    next: 'edit',
    choice: 0,
    fields: [],
    values: {},
    carets: {},
    focus: 0,
    errors: {},
    line: { value: '', caret: 0 },
    bound: null,
    notice: null,
    outcome: null,
    scroll: 0,
  };
}

export function specOf(t: TicketState): AnySpec | null {
  return t.action ? ticketSpecFor(t.action) : null;
}

/** Build the ticket's Intent from its values against the desk's state now (or say why not). */
export function buildIntent(s: DeskState, t: TicketState, wallet: Address): { ok: true; intent: Intent } | { ok: false; errors: Record<string, string> } {
  const spec = specOf(t);
  if (!spec) return { ok: false, errors: { '': 'this action has no ticket' } };
  const ctx = ticketContext(s, t.taskId, wallet);
  if (t.taskId && !ctx.task) return { ok: false, errors: { '': 'the task is not loaded yet' } };
  try {
    return spec.build(ctx, t.values);
  } catch (err) {
    return { ok: false, errors: { '': err instanceof Error ? err.message : String(err) } };
  }
}

export function boundOf(s: DeskState, t: TicketState, intent: Intent | null): Bound {
  const task = t.taskId ? (s.details[t.taskId]?.task ?? s.tasks[t.taskId] ?? null) : null;
  const entry = task?.pendingActions ? liveActions(task.pendingActions, task, s.now).find((a) => a.action === t.action) : undefined;
  return {
    status: task?.status ?? null,
    entry: entry ? `${entry.role}:${entry.action}:${entry.eligibleAddress ?? ''}` : null,
    lowestBid: task?.currentLowestBid?.toString() ?? null,
    amount: intent?.amount?.toString() ?? null,
  };
}

/**
 * What changed since the ticket was bound, in words, or null. A clock moving away from its guard is not
 * a change (the guard protects it); a falling clock passing below the guard is.
 */
export function changedSince(s: DeskState, t: TicketState, intent: Intent | null): string | null {
  if (!t.bound) return null;
  const now = boundOf(s, t, intent);
  if (now.status !== t.bound.status) return `the task is ${now.status ?? 'gone'} now (was ${t.bound.status ?? '?'})`;
  if (now.entry !== t.bound.entry) return now.entry === null ? `the market no longer offers ${t.action ?? 'this action'}` : 'the pendingActions entry changed';
  if (now.lowestBid !== t.bound.lowestBid) return 'the lowest bid changed';
  if (now.amount !== t.bound.amount) return 'the amount it would move changed';
  if (t.action === 'auction_accept' && intent && t.taskId) {
    const task = s.details[t.taskId]?.task ?? s.tasks[t.taskId];
    const price = task ? clockPrice(task, s.now) : null;
    const guard = intent.amount;
    if (price !== null && guard !== null && price < guard) return `the clock (${formatUsdc(price)}) has fallen below your guard (${formatUsdc(guard)}); set the guard again`;
  }
  return null;
}
