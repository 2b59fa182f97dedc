// Firing an armed order: read the task fresh, rebuild the Intent from that read, run the full gate on it
// (any failing check suspends the order with its reason, journaled; nothing is sent), journal 'fired',
// then hand the Intent to the runner — the same one send a ticket makes — and record what came of it.
import { randomUUID } from 'node:crypto';
import { ladderBidLimit, nextLadderBid } from '../../core/armed/ladder.js';
import { matchClaimRule } from '../../core/armed/claim-rule.js';
import type { AuctionAcceptSpec, ClaimRuleSpec, LadderSpec, OrderEvent } from '../../core/armed/order.js';
import { crossingInstant, triggerTiming } from '../../core/armed/trigger.js';
import { clockPrice } from '../../core/clock.js';
import type { GateResult } from '../../core/gate.js';
import type { Intent } from '../../core/intent.js';
import type { Task } from '../../core/types.js';
import { actionOf } from '../attempt.js';
import type { Journal } from '../journal.js';
import type { RunOutcome } from '../runner.js';
import { acceptIntent, bidIntent, claimIntent, type BuiltIntent } from './intents.js';
import { fillsOf, type Live } from './live.js';
import { classifyRun, fireReport, type Classified } from './outcome.js';
import { orderStep } from './records.js';
import type { ArmedEngineOptions, EngineEventType, FireView, FreshRead } from './types.js';

/** What fire.ts needs from the engine. */
export interface FireCtx {
  o: Required<Pick<ArmedEngineOptions, 'wallNow' | 'leadMs'>> & ArmedEngineOptions;
  journal: Journal;
  move(l: Live, e: OrderEvent): boolean;
  suspend(l: Live, reason: string, check?: string): void;
  expire(l: Live, reason: string): void;
  plan(l: Live): void;
  emit(type: EngineEventType, l: Live, message: string): void;
}

const msg = (e: unknown): string => (e instanceof Error ? e.message : String(e)).slice(0, 200);
const iso = (ms: number): string => new Date(ms).toISOString();
export const shortId = (id: string): string => (id.length > 12 ? `${id.slice(0, 10)}…` : id);

/** The backend's own wording of why a clock is gone: someone accepted it, or it was cancelled. */
export function closedReason(t: Task): string {
  const who = t.claimedBy ? ` by ${shortId(t.claimedBy)}` : '';
  return t.status === 'claimed' ? `the task was taken${who} before the order fired (status claimed)` : `the task is ${t.status}`;
}

/** How long before a crossing the engine reads the task once more, and how old a read a fire may use (wall ms). */
export const PREREAD_MS = 1_500;
export const FIRE_FRESH_MS = 2_500;

async function freshRead(c: FireCtx, taskId: string): Promise<FreshRead> {
  const task = await c.o.refreshTask(taskId);
  if (task.id.toLowerCase() !== taskId.toLowerCase()) throw new Error(`the read returned task ${shortId(task.id)}, not ${shortId(taskId)}`);
  return { task, fetchedAt: c.o.wallNow() };
}

/** The first failing gate check as a suspension reason, or null when the gate passes. */
function gateFailure(g: GateResult): { reason: string; check: string } | null {
  const f = g.checks.find((x) => x.status === 'fail');
  return f ? { reason: `${f.label}: ${f.reason}`, check: f.id } : null;
}

interface SendInfo {
  target: string;
  marketAt: number;
  crossingAt?: number;
  price?: bigint;
  bidPrice: bigint | null;
}

/** Journal 'fired', run the intent once, and record the fire; null when the journal refused the record. */
async function send(c: FireCtx, l: Live, intent: Intent, gate: GateResult, fresh: FreshRead, info: SendInfo): Promise<Classified | null> {
  const actionId = randomUUID();
  try {
    c.journal.append(
      orderStep(l.armed, 'fired', {
        firedActionId: actionId,
        target: info.target,
        marketAt: iso(info.marketAt),
        ...(info.crossingAt !== undefined ? { crossingAt: iso(info.crossingAt) } : {}),
        ...(info.price !== undefined ? { price: info.price } : {}),
      }, new Date(c.o.wallNow())),
      // Made durable by the runner's `sent` fsync, which precedes the request; one flush on the way out.
      { sync: false },
    );
  } catch (e) {
    c.suspend(l, `the journal refused the fire: ${msg(e)}`, 'journal');
    return null;
  }
  const fire: FireView = { actionId, taskId: info.target, at: info.marketAt, crossingAt: info.crossingAt ?? null, price: info.price ?? null, outcome: 'sending', fillPrice: null, message: null, report: [] };
  l.fires.push(fire);
  c.emit('fired', l, `fired ${l.spec.kind.replace('_', '-')} on ${shortId(info.target)}`);
  let out: RunOutcome;
  try {
    out = await c.o.runner.run(
      intent,
      { confirmation: l.confirmation, phrase: l.phrase, checks: gate.checks.map((x) => ({ id: x.id, status: x.status })) },
      { task: fresh.task, taskExpiresAt: fresh.task.expiryTime, actionId, ...(info.price !== undefined && l.spec.kind === 'auction_accept' ? { shownPrice: info.price } : {}) },
    );
  } catch (e) {
    // The runner throws only when its journal fails mid-action: the send may have happened.
    fire.outcome = 'unresolved';
    fire.message = msg(e);
    return { outcome: 'unresolved', fillPrice: null, message: fire.message };
  }
  const result = classifyRun(out, info.bidPrice);
  fire.outcome = result.outcome;
  fire.fillPrice = result.fillPrice;
  fire.message = result.message;
  let action;
  try {
    action = out.actionId ? actionOf(c.journal, out.actionId) : undefined;
  } catch {
    action = undefined;
  }
  fire.report = fireReport(l.spec, action, result);
  return result;
}

function announce(c: FireCtx, l: Live, r: Classified): void {
  const type: EngineEventType = r.outcome === 'filled' ? 'filled' : r.outcome === 'lost' ? 'lost' : 'failed';
  c.emit(type, l, `${l.spec.kind.replace('_', '-')}: ${r.outcome}${r.message ? ` (${r.message})` : ''}`);
}

/** An armed auction-accept at (or past) its crossing. */
export async function fireAccept(c: FireCtx, l: Live): Promise<void> {
  const spec = l.spec as AuctionAcceptSpec;
  if (!c.move(l, { type: 'fire' })) return;
  let fresh: FreshRead;
  // The engine re-reads the task just before the crossing (PREREAD_MS): a read that recent is the fire's
  // fresh data, and the fire sends at the instant instead of waiting on one more round trip.
  if (l.task && l.readWall > 0 && c.o.wallNow() - l.readWall <= FIRE_FRESH_MS) fresh = { task: l.task, fetchedAt: l.readWall };
  else {
    try {
      fresh = await freshRead(c, spec.taskId);
    } catch (e) {
      return c.suspend(l, `the fresh read failed: ${msg(e)}`, 'fresh');
    }
  }
  if (l.state.status !== 'firing') return; // disarmed while reading
  l.task = fresh.task;
  const now = c.o.now();
  if (fresh.task.status !== 'open') return c.expire(l, closedReason(fresh.task));
  const timing = triggerTiming({ clock: fresh.task, trigger: spec.trigger, now, until: spec.expiresAt });
  l.crossing = timing;
  if (timing.kind === 'never') return now >= spec.expiresAt ? c.expire(l, 'the order expired before the clock crossed') : c.suspend(l, `never fires now: ${timing.reason}`, 'trigger');
  if (timing.kind === 'at' && timing.at - c.o.leadMs > now) {
    // The schedule moved (or the market clock estimate did): wait for the new crossing.
    c.move(l, { type: 'stand_down' });
    return c.plan(l);
  }
  const built = acceptIntent(fresh.task, spec.minPrice, { wallet: spec.wallet, agent: spec.agent, now });
  if (!built.ok) return c.suspend(l, `the backend's rule refuses it now: ${built.error}`, 'guard');
  const gate = c.o.gate(built.intent, fresh);
  const bad = gateFailure(gate);
  if (bad) return c.suspend(l, bad.reason, bad.check);
  const price = clockPrice(fresh.task, now) ?? undefined;
  const crossingAt = crossingInstant(fresh.task, spec.trigger, spec.expiresAt) ?? timing.at;
  const r = await send(c, l, built.intent, gate, fresh, { target: spec.taskId, marketAt: now, crossingAt, ...(price !== undefined ? { price } : {}), bidPrice: null });
  if (r === null) return;
  if (r.outcome === 'not_sent') return c.suspend(l, `not sent: ${r.message ?? 'the runner refused'}`, 'runner');
  c.move(l, { type: 'fired', done: true });
  announce(c, l, r);
}

/** A claim rule firing on one new task. */
export async function fireClaim(c: FireCtx, l: Live, taskId: string): Promise<void> {
  const spec = l.spec as ClaimRuleSpec;
  if (!c.move(l, { type: 'fire' })) return;
  let fresh: FreshRead;
  try {
    fresh = await freshRead(c, taskId);
  } catch (e) {
    return c.suspend(l, `the fresh read of ${shortId(taskId)} failed: ${msg(e)}`, 'fresh');
  }
  if (l.state.status !== 'firing') return;
  const now = c.o.now();
  const match = matchClaimRule(fresh.task, { filter: spec.filter, minReward: spec.minReward, wallet: spec.wallet, now });
  const built: BuiltIntent = match.ok ? claimIntent(fresh.task, { wallet: spec.wallet, agent: spec.agent, now }) : { ok: false, error: match.reason };
  if (!built.ok) {
    // This task moved on (someone claimed it first, its reward changed): the rule stays armed for the next.
    l.note = `missed ${shortId(taskId)}: ${built.error}`;
    c.move(l, { type: 'stand_down' });
    c.emit('note', l, l.note);
    return;
  }
  const gate = c.o.gate(built.intent, fresh);
  const bad = gateFailure(gate);
  if (bad) return c.suspend(l, bad.reason, bad.check);
  const r = await send(c, l, built.intent, gate, fresh, { target: taskId, marketAt: now, bidPrice: null });
  if (r === null) return;
  if (r.outcome === 'not_sent') return c.suspend(l, `not sent: ${r.message ?? 'the runner refused'}`, 'runner');
  const done = fillsOf(l) >= spec.maxFills;
  c.move(l, { type: 'fired', done, reason: `all ${spec.maxFills} claims filled` });
  announce(c, l, r);
  if (done) c.emit('exhausted', l, `claim rule: all ${spec.maxFills} claims filled`);
}

/** A ladder's decision on a fresh read: bid again (someone undercut), hold, or end. */
export async function ladderStep(c: FireCtx, l: Live, fresh: FreshRead): Promise<void> {
  const spec = l.spec as LadderSpec;
  if (l.state.status !== 'armed') return;
  const now = c.o.now();
  const d = nextLadderBid({ task: fresh.task, step: spec.step, floor: spec.floor, maxBids: spec.maxBids, bidsSoFar: fillsOf(l), ownBid: l.ownBid, wallet: spec.wallet, now });
  if (d.kind === 'hold') {
    if (l.note !== d.reason) {
      l.note = d.reason;
      c.emit('note', l, d.reason);
    }
    return c.plan(l);
  }
  if (d.kind === 'done') {
    if (d.end === 'closed' || d.end === 'deadline') return c.expire(l, d.reason);
    if (c.move(l, { type: 'exhaust', reason: d.reason })) c.emit('exhausted', l, `ladder: ${d.reason}`);
    return c.plan(l);
  }
  if (!c.move(l, { type: 'fire' })) return;
  const built = bidIntent(fresh.task, d.price, { wallet: spec.wallet, agent: spec.agent, now });
  if (!built.ok) return c.suspend(l, `the backend's rule refuses the bid: ${built.error}`, 'rule');
  const gate = c.o.gate(built.intent, fresh);
  const bad = gateFailure(gate);
  if (bad) return c.suspend(l, bad.reason, bad.check);
  const r = await send(c, l, built.intent, gate, fresh, { target: spec.taskId, marketAt: now, price: d.price, bidPrice: d.price });
  if (r === null) return;
  if (r.outcome === 'not_sent') return c.suspend(l, `not sent: ${r.message ?? 'the runner refused'}`, 'runner');
  if (r.outcome === 'filled') l.ownBid = d.price;
  const limit = ladderBidLimit(spec.auctionType, spec.maxBids);
  const done = fillsOf(l) >= limit;
  c.move(l, { type: 'fired', done, reason: `all ${limit} bids used` });
  announce(c, l, r);
  if (done) c.emit('exhausted', l, `ladder: all ${limit} bids used`);
  // Read again soon: the next undercut is answered on the next fresh read.
  c.plan(l);
}
