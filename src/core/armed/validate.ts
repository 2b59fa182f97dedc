// Arming-time checks of an order against the task as fetched, and the phrase the operator types once to
// arm it: the trigger P for an auction-accept, N for a claim rule, the floor for a ladder. Pure.
import { formatUsdc } from '../money.js';
import type { Task } from '../types.js';
import { ladderBidLimit } from './ladder.js';
import type { ArmedSpec } from './order.js';
import { triggerTiming, type TriggerTiming } from './trigger.js';

export const MAX_CLAIM_FILLS = 100;
export const MAX_LADDER_BIDS = 100;

export type SpecCheck = { ok: true; timing: TriggerTiming | null } | { ok: false; errors: Record<string, string> };

/** Whether `spec` can be armed now on `task` (null for a claim rule); errors name the field. */
export function checkSpec(spec: ArmedSpec, task: Task | null, now: number): SpecCheck {
  const errors: Record<string, string> = {};
  if (spec.expiresAt !== null && spec.expiresAt <= now) errors.expiresAt = 'the expiry is already past';
  if (spec.kind === 'claim') {
    if (!Number.isInteger(spec.maxFills) || spec.maxFills < 1 || spec.maxFills > MAX_CLAIM_FILLS) errors.maxFills = `a whole number from 1 to ${MAX_CLAIM_FILLS}`;
    if (spec.minReward < 0n) errors.minReward = 'not negative';
    return Object.keys(errors).length ? { ok: false, errors } : { ok: true, timing: null };
  }
  if (task === null) return { ok: false, errors: { task: 'the task has not been fetched' } };
  if (task.id.toLowerCase() !== spec.taskId.toLowerCase()) return { ok: false, errors: { task: 'the task fetched is not the order\'s task' } };
  if (task.status !== 'open') errors.task = `the task is ${task.status}`;
  if (task.mode !== 'auction' || task.auctionType !== spec.auctionType) errors.task = `the task is ${task.mode}${task.auctionType ? `/${task.auctionType}` : ''}, not auction/${spec.auctionType}`;
  if (task.bidDeadline !== null && spec.expiresAt > task.bidDeadline) errors.expiresAt = 'after the bid deadline';
  if (spec.kind === 'auction_accept') {
    if (spec.trigger <= 0n) errors.trigger = 'a positive price';
    if (spec.minPrice > spec.trigger) errors.minPrice = 'above the trigger: the guard would refuse the price the order fires at';
    if (Object.keys(errors).length) return { ok: false, errors };
    const timing = triggerTiming({ clock: task, trigger: spec.trigger, now, until: spec.expiresAt });
    if (timing.kind === 'never') return { ok: false, errors: { trigger: `never fires: ${timing.reason}` } };
    return { ok: true, timing };
  }
  if (spec.step <= 0n) errors.step = 'a positive step';
  if (spec.floor <= 0n) errors.floor = 'a positive floor';
  if (task.maxPrice !== null && spec.floor > task.maxPrice) errors.floor = 'above the max price';
  if (!Number.isInteger(spec.maxBids) || spec.maxBids < 1 || spec.maxBids > MAX_LADDER_BIDS) errors.maxBids = `a whole number from 1 to ${MAX_LADDER_BIDS}`;
  if (task.bidDeadline !== null && task.bidDeadline <= now) errors.task = 'the bid deadline has passed';
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, timing: null };
}

/** What the operator types once to arm: `Type <phrase> to confirm · Esc cancels`. */
export function armingPhrase(spec: ArmedSpec): string {
  if (spec.kind === 'auction_accept') return formatUsdc(spec.trigger);
  if (spec.kind === 'claim') return String(spec.maxFills);
  return formatUsdc(spec.floor);
}

/** How many times the order can fire at most. */
export function fireLimit(spec: ArmedSpec): number {
  if (spec.kind === 'auction_accept') return 1;
  if (spec.kind === 'claim') return spec.maxFills;
  return ladderBidLimit(spec.auctionType, spec.maxBids);
}
