// How often to re-fetch a task's detail, from the operator guide's "Polling Strategy" table
// (seed 003): dutch clocks 5 s, waiting for accept 15 s, open bounty/pitch/auction deadline 60 s.
import type { Task } from '../core/types.js';

export const CADENCE = {
  dutchClock: 5_000,
  awaitingAccept: 15_000,
  open: 60_000,
  resolved: 300_000,
  feed: 15_000,
  inbox: 60_000,
  email: 60_000,
  balance: 60_000,
  network: 120_000,
} as const;

export function detailInterval(task: Task): number {
  switch (task.status) {
    case 'open':
      // Another agent can accept a moving clock first: poll it often (guide: 5–15 s).
      if (task.mode === 'auction' && (task.auctionType === 'dutch' || task.auctionType === 'reverse_dutch')) {
        return CADENCE.dutchClock;
      }
      return CADENCE.open;
    case 'claimed':
    case 'worker_selected':
    case 'pending_approval':
    case 'review':
    case 'appealing':
    case 'disputed':
      return CADENCE.awaitingAccept;
    default:
      return CADENCE.resolved;
  }
}
