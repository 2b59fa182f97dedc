// Arming tickets (issue 10): an armed auction-accept on a dutch / reverse-dutch clock, an English bid
// ladder, an armed claim rule from the Feed's filters. The same ticket stages as an order ticket
// (network → edit → confirm → done); the inputs become an ArmedSpec, the checks are the desk's gate judged
// now on the Intent the order would send (run again in full at fire time), and the phrase typed once is the
// trigger P, the number of claims N, or the ladder's floor (core/armed/validate.ts armingPhrase).
import { randomUUID } from 'node:crypto';
import { actionCost } from '../../core/action-cost.js';
import { ladderMaxFees, nextLadderBid } from '../../core/armed/ladder.js';
import type { ArmedKind, ArmedSpec } from '../../core/armed/order.js';
import { triggerTiming, type TriggerTiming } from '../../core/armed/trigger.js';
import { armingPhrase, checkSpec, fireLimit } from '../../core/armed/validate.js';
import { clockPrice } from '../../core/clock.js';
import type { GateResult } from '../../core/gate.js';
import type { Intent } from '../../core/intent.js';
import { formatUsdc } from '../../core/money.js';
import type { Address, Task } from '../../core/types.js';
import { intField, usdcField } from '../../markets/taskmarket/tickets/fields.js';
import type { TicketField } from '../../markets/taskmarket/tickets/spec.js';
import { ticketSpecFor } from '../../markets/taskmarket/tickets/index.js';
import { judge } from '../../store/gate-state.js';
import type { DeskState } from '../../store/state.js';
import { ticketContext, type TicketState } from './model.js';

export const ARM_TITLES: Record<ArmedKind, string> = {
  auction_accept: 'Arm an auction-accept',
  ladder: 'Arm a bid ladder',
  claim: 'Arm a claim rule',
};

/** The chooser's label for an arm entry (its first word is what the e2e driver picks by). */
export const ARM_LABELS: Record<ArmedKind, string> = {
  auction_accept: 'arm-auction-accept  (fires when the clock crosses your trigger)',
  ladder: 'arm-bid-ladder  (undercuts by a step, never below your floor)',
  claim: 'arm-claim-rule  (claims the first new tasks matching the Feed filters)',
};

/** Which arm entry goes beside a chooser action on this task, if any. */
export function armFor(action: string, task: Task): ArmedKind | null {
  if (action === 'auction_accept' && (task.auctionType === 'dutch' || task.auctionType === 'reverse_dutch')) return 'auction_accept';
  if (action === 'bid' && (task.auctionType === 'english' || task.auctionType === 'reverse_english')) return 'ladder';
  return null;
}

const EXPIRY: TicketField = { key: 'expiry', label: 'expires after (minutes, optional)', kind: 'text', initial: '', required: false, hint: 'blank: at the bid deadline; an earlier time stops the order then' };

export function armFields(s: DeskState, kind: ArmedKind, task: Task | null, preset: Record<string, string> = {}): TicketField[] {
  if (kind === 'claim') {
    return [
      { key: 'minReward', label: 'minimum reward (USDC)', kind: 'usdc', initial: preset.minReward ?? '', required: true, hint: "with the Feed's filters: claim only tasks paying at least this" },
      { key: 'maxFills', label: 'claim at most N tasks', kind: 'text', initial: preset.maxFills ?? '1', required: true, hint: 'a whole number from 1 to 100; you confirm by typing it' },
      { key: 'expiry', label: 'expires after (minutes, optional)', kind: 'text', initial: '', required: false, hint: 'blank: until you disarm it' },
    ];
  }
  if (kind === 'auction_accept') {
    const price = task ? clockPrice(task, s.now) : null;
    const falling = task?.auctionType === 'dutch';
    return [
      { key: 'trigger', label: 'trigger price P (USDC)', kind: 'usdc', initial: '', required: true, hint: `fires when the clock is ${falling ? 'at or below' : 'at or above'} P${price !== null ? ` (now ${formatUsdc(price)})` : ''}; you confirm by typing P` },
      { key: 'minPrice', label: '--min-price guard (USDC, optional)', kind: 'usdc', initial: '', required: false, hint: falling ? "blank: the clock's price one guard lead after the crossing" : 'blank: P itself (a rising clock only goes up)' },
      EXPIRY,
    ];
  }
  return [
    { key: 'step', label: 'undercut step (USDC)', kind: 'usdc', initial: '0.100000', required: true, hint: 'each bid: the current lowest minus this' },
    { key: 'floor', label: 'floor (USDC)', kind: 'usdc', initial: '', required: true, hint: 'never bid below it; you confirm by typing it' },
    { key: 'maxBids', label: 'at most N bids', kind: 'text', initial: '3', required: true, hint: task?.auctionType === 'reverse_english' ? 'sealed auction: one bid at the floor' : 'each bid pays the bid fee' },
    EXPIRY,
  ];
}

export interface ArmBuilt {
  spec: ArmedSpec;
  /** The Intent a fire would send, built now (for the checks shown). */
  intent: Intent;
  timing: TriggerTiming | null;
  fee: bigint;
  /** The most the order can spend in fees. */
  maxFees: bigint;
  phrase: string;
  task: Task | null;
}

export type ArmBuild = { ok: true; built: ArmBuilt } | { ok: false; errors: Record<string, string> };

const minutes = (text: string, now: number): { ok: true; at: number | null } | { ok: false; error: string } => {
  if (text.trim() === '') return { ok: true, at: null };
  const n = Number(text.trim());
  if (!Number.isFinite(n) || n <= 0 || n > 60 * 24 * 30) return { ok: false, error: 'minutes from now: a positive number' };
  return { ok: true, at: Math.round(now + n * 60_000) };
};

/** The arming ticket's inputs as an ArmedSpec, checked against the task as the desk holds it now. */
export function buildArm(s: DeskState, t: TicketState, wallet: Address): ArmBuild {
  const kind = t.arm!;
  const v = t.values;
  const errors: Record<string, string> = {};
  const exp = minutes(v.expiry ?? '', s.now);
  if (!exp.ok) errors.expiry = exp.error;
  const ctx = ticketContext(s, t.taskId, wallet);
  const task = kind === 'claim' ? null : ctx.task;
  if (kind !== 'claim' && !task) return { ok: false, errors: { '': 'the task is not loaded yet' } };
  const base = { id: t.armId ?? randomUUID(), wallet, agent: s.conn.agent ?? null };
  let spec: ArmedSpec;
  if (kind === 'claim') {
    const min = usdcField(v.minReward ?? '', { allowZero: true });
    const n = intField(v.maxFills ?? '', 1, 100, 'N');
    if (!min.ok) errors.minReward = min.error;
    if (!n.ok) errors.maxFills = n.error;
    if (!min.ok || !n.ok || !exp.ok) return { ok: false, errors };
    const f = s.filter;
    spec = { ...base, kind: 'claim', expiresAt: exp.at, filter: { tags: f.tags, skill: f.skill, minReward: f.minReward, maxReward: f.maxReward, deadlineHours: f.deadlineHours, text: f.text }, minReward: min.value, maxFills: n.value };
  } else if (kind === 'auction_accept') {
    const tk = task!;
    const end = tk.bidDeadline ?? tk.expiryTime;
    const trig = usdcField(v.trigger ?? '');
    if (!trig.ok) errors.trigger = trig.error;
    const guardText = (v.minPrice ?? '').trim();
    const guard = guardText === '' ? null : usdcField(guardText, { allowZero: true });
    if (guard && !guard.ok) errors.minPrice = guard.error;
    if (!trig.ok || (guard && !guard.ok) || !exp.ok) return { ok: false, errors };
    const expiresAt = exp.at !== null && exp.at < end ? exp.at : end;
    const timing = triggerTiming({ clock: tk, trigger: trig.value, now: s.now, until: expiresAt });
    let minPrice = guard?.ok ? guard.value : trig.value;
    if (!guard && tk.auctionType === 'dutch' && timing.kind !== 'never') {
      // The default guard: where the falling clock is one guard lead after the crossing (never above P).
      const later = clockPrice(tk, Math.min(end - 1, timing.at + s.act.guardLeadMs));
      if (later !== null && later < minPrice) minPrice = later;
    }
    spec = { ...base, kind: 'auction_accept', taskId: tk.id, auctionType: tk.auctionType as 'dutch' | 'reverse_dutch', trigger: trig.value, minPrice, expiresAt };
  } else {
    const tk = task!;
    const end = tk.bidDeadline ?? tk.expiryTime;
    const step = usdcField(v.step ?? '');
    const floor = usdcField(v.floor ?? '');
    const n = intField(v.maxBids ?? '', 1, 100, 'N');
    if (!step.ok) errors.step = step.error;
    if (!floor.ok) errors.floor = floor.error;
    if (!n.ok) errors.maxBids = n.error;
    if (!step.ok || !floor.ok || !n.ok || !exp.ok) return { ok: false, errors };
    spec = { ...base, kind: 'ladder', taskId: tk.id, auctionType: tk.auctionType as 'english' | 'reverse_english', step: step.value, floor: floor.value, maxBids: n.value, expiresAt: exp.at !== null && exp.at < end ? exp.at : end };
  }
  const check = checkSpec(spec, task, s.now);
  if (!check.ok) return { ok: false, errors: check.errors };
  const fee = spec.kind === 'claim' ? actionCost('claim') : actionCost(spec.kind === 'ladder' ? 'bid' : 'auction_accept', { mode: 'auction' });
  const maxFees = spec.kind === 'ladder' ? ladderMaxFees(spec.auctionType, spec.maxBids, fee) : fee * BigInt(fireLimit(spec));
  const intent = fireIntent(s, spec, task, wallet, maxFees);
  if (!intent.ok) return { ok: false, errors: intent.errors };
  return { ok: true, built: { spec, intent: intent.intent, timing: check.timing, fee, maxFees, phrase: armingPhrase(spec), task } };
}

/** The Intent the order's first fire would send, as the checks judge it now; its spend is the most the order can spend. */
function fireIntent(s: DeskState, spec: ArmedSpec, task: Task | null, wallet: Address, maxSpend: bigint): { ok: true; intent: Intent } | { ok: false; errors: Record<string, string> } {
  if (spec.kind === 'claim') {
    return {
      ok: true,
      intent: { market: 'taskmarket', action: 'claim', taskId: null, role: 'worker', wallet, agent: spec.agent, mode: 'claim', auctionType: null, amount: null, fee: actionCost('claim'), spend: maxSpend, payee: null, score: null, params: {} },
    };
  }
  const ctx = ticketContext(s, spec.taskId, wallet);
  let values: Record<string, string>;
  if (spec.kind === 'auction_accept') values = { minPrice: '0' };
  else {
    const d = nextLadderBid({ task: task!, step: spec.step, floor: spec.floor, maxBids: spec.maxBids, bidsSoFar: 0, ownBid: null, wallet, now: s.now });
    if (d.kind === 'done') return { ok: false, errors: { floor: `the ladder would not bid: ${d.reason}` } };
    values = { price: formatUsdc(d.kind === 'bid' ? d.price : spec.floor) };
  }
  const built = ticketSpecFor(spec.kind === 'auction_accept' ? 'auction_accept' : 'bid')!.build(ctx, values);
  if (!built.ok) return { ok: false, errors: { '': Object.values(built.errors)[0] ?? 'the market would refuse it now' } };
  return { ok: true, intent: { ...built.intent, spend: maxSpend } };
}

// Checks that are about one task: a claim rule has none yet, each new task is judged when it fires.
const PER_TASK = new Set(['fresh', 'window', 'pending_action', 'mode', 'worker', 'credentials', 'contract_rejected', 'state_disagrees']);

/** The desk's gate on the order's Intent now (approval counted as given once `approved`). */
export function armChecks(s: DeskState, built: ArmBuilt, approved: boolean): GateResult {
  const g = judge(s, built.intent, approved);
  if (built.spec.kind !== 'claim') return g;
  const checks = g.checks.map((c) => (PER_TASK.has(c.id) ? { ...c, status: 'na' as const, reason: 'judged on each matching task, fresh, when the rule fires' } : c));
  return { ok: checks.every((c) => c.status !== 'fail'), checks };
}

/** A fresh arming ticket (the network stage first when the session has not confirmed it). */
export function openArmTicket(s: DeskState, kind: ArmedKind, taskId: string | null, wallet: Address, seq: number, preset: Record<string, string> = {}): TicketState {
  const ctx = ticketContext(s, taskId, wallet);
  const fields = armFields(s, kind, ctx.task, preset);
  return {
    seq,
    action: null,
    arm: kind,
    armId: randomUUID(),
    taskId,
    stage: s.act.confirmed ? 'edit' : 'network',
    next: 'edit',
    choice: 0,
    fields,
    values: Object.fromEntries(fields.map((f) => [f.key, f.initial])),
    carets: Object.fromEntries(fields.map((f) => [f.key, Array.from(f.initial).length])),
    focus: 0,
    errors: {},
    line: { value: '', caret: 0 },
    bound: null,
    notice: null,
    outcome: null,
    scroll: 0,
  };
}

