// A complete core Task with overridable fields, for store and poller tests.
import type { PendingAction, Task } from '../../src/core/types.js';
import { taskWith } from '../fixtures/task.js';

export const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

export function makeTask(over: Partial<Task> & { id: string }): Task {
  return taskWith({ description: `task ${over.id}`, expiryTime: T0 + 3_600_000, netReward: 950_000n, createdAt: T0 }, over);
}

export function dutch(id: string, over: Partial<Task> = {}): Task {
  return makeTask({
    id,
    mode: 'auction',
    auctionType: 'dutch',
    reward: 10_000_000n,
    maxPrice: 10_000_000n,
    auctionFloorPrice: 0n,
    bidDeadline: T0 + 100_000,
    ...over,
  });
}

export function action(over: Partial<PendingAction> & Pick<PendingAction, 'role' | 'action'>): PendingAction {
  return {
    command: `taskmarket task ${over.action}`,
    eligibleAddress: null,
    requiresPayment: false,
    paymentAmount: null,
    availableAfter: null,
    availableUntil: null,
    targetWorker: null,
    ...over,
  };
}
