// A complete Task with plain defaults; tests override only what they exercise.
import type { Task } from '../../src/core/types.js';

export const REQUESTER = '0xRequester000000000000000000000000000000a';
export const WORKER = '0xWorker00000000000000000000000000000000b';
export const TASK_ID = '0x' + 'ab'.repeat(32);

export function makeTask(overrides: Partial<Task> = {}): Task {
  return {
    id: TASK_ID,
    referenceCode: null,
    requester: REQUESTER,
    description: 'test task',
    reward: 5_000_000n,
    expiryTime: 2_000_000_000_000,
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
    netReward: null,
    auctionType: null,
    createdAt: 1_000_000_000_000,
    bidDeadline: null,
    maxPrice: null,
    auctionStartPrice: null,
    auctionFloorPrice: null,
    ...overrides,
  };
}
