// Derived task fields the backend computes on every response (taskmarket-backend.md §2.4–§2.5).
import type { Mode, Phase, TaskStatus } from './types.js';

/** §2.5 computeSubmissionWindowOpen: closed once expiryTime <= now, else by mode × status. */
export function submissionWindowOpen(
  task: { mode: Mode; status: TaskStatus; expiryTime: number },
  now: number,
): boolean {
  if (task.expiryTime <= now) return false;
  switch (task.mode) {
    case 'bounty':
    case 'benchmark':
      return task.status === 'open';
    case 'claim':
    case 'auction':
      return task.status === 'claimed';
    case 'pitch':
      return task.status === 'worker_selected';
    default:
      return false;
  }
}

/** §2.4 computeTaskPhase. Status never changes on a timer, so expiry only moves the phase. */
export function taskPhase(status: TaskStatus, expiryTime: number, now: number): Phase {
  switch (status) {
    case 'review':
    case 'appealing':
    case 'disputed':
      return 'in_review';
    case 'completed':
    case 'cancelled':
    case 'expired':
      return 'resolved';
    case 'open':
    case 'claimed':
    case 'worker_selected':
      return expiryTime <= now ? 'awaiting_settlement' : 'active';
    default:
      return 'active';
  }
}

/** §2.4 computeNetReward: floor(gross × (10000 − platformFeeBps) / 10000); null stays null. */
export function netReward(gross: bigint | null, platformFeeBps: number): bigint | null {
  if (gross === null) return null;
  return (gross * BigInt(10_000 - platformFeeBps)) / 10_000n;
}
