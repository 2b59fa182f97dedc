// A complete core Task with overridable fields, for store and poller tests.
import type { PendingAction, Task } from '../../src/core/types.js';

export const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);

export function makeTask(over: Partial<Task> & { id: string }): Task {
  return {
    referenceCode: null,
    requester: '0x1111111111111111111111111111111111111111',
    description: `task ${over.id}`,
    reward: 1_000_000n,
    expiryTime: T0 + 3_600_000,
    status: 'open',
    tags: [],
    mode: 'bounty',
    taskVisibility: 'public',
    submissionVisibility: 'public',
    pitchDeadline: null,
    claimedBy: null,
    claimedAt: null,
    platformFeeBps: 500,
    metricDescription: null,
    metricTarget: null,
    evaluator: null,
    disputeResolver: null,
    evaluatorDeadline: null,
    appealDeadline: null,
    submissionCount: 0,
    pitchCount: 0,
    auctionBidCount: null,
    currentLowestBid: null,
    currentAuctionPrice: null,
    submissionWindowOpen: true,
    phase: 'active',
    netReward: 950_000n,
    auctionType: null,
    createdAt: T0,
    bidDeadline: null,
    maxPrice: null,
    auctionStartPrice: null,
    auctionFloorPrice: null,
    ...over,
  };
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
