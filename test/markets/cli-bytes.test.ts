// Byte compatibility with the official CLI 1.13.0 (taskmarket-cli.md §0–§2), part 1: reads, claim and
// create. Same operation, CLI vs this client, against one recording stub.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { compare, startHarness, TASK, type Harness } from './cli-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('same bytes as CLI 1.13.0 (reads, auctions, create)', () => {
  it('task list (read-auth, default filters)', () => compare(h, ['task', 'list'], () => h.ours().read.listTasks({ status: 'open' })));
  it('task list with filters', () =>
    compare(h, ['task', 'list', '--phase', 'active', '--mode', 'auction', '--auction-type', 'dutch', '--tags', 'a,b', '--reward-min', '1.5', '--deadline-hours', '24', '--limit', '50'], () =>
      h.ours().read.listTasks({ status: 'open', phase: 'active', mode: 'auction', auctionType: 'dutch', tags: ['a', 'b'], minReward: 1_500_000n, deadlineHours: 24, limit: 50 }),
    ));
  it('task get (read-auth)', () => compare(h, ['task', 'get', TASK], () => h.ours().read.getTask(TASK)));
  it('task claim (EIP-191 signed, deterministic signature)', () => compare(h, ['task', 'claim', TASK], () => h.ours().write.claim({ taskId: TASK })));
  it('task create (bounty)', () =>
    compare(h, ['task', 'create', '--description', 'Write a haiku', '--reward', '5', '--duration', '24', '--tags', 'poetry,short'], () =>
      h.ours().write.createTask({ description: 'Write a haiku', reward: 5_000_000n, durationHours: 24, tags: ['poetry', 'short'] }),
    ));
  it('task create (dutch auction)', () =>
    compare(h, ['task', 'create', '--description', 'Dutch', '--reward', '4', '--duration', '12', '--mode', 'auction', '--max-price', '4', '--auction-type', 'dutch', '--auction-floor-price', '1', '--bid-deadline', '2'], () =>
      h.ours().write.createTask({ description: 'Dutch', reward: 4_000_000n, durationHours: 12, mode: 'auction', auctionType: 'dutch', auctionFloorPrice: 1_000_000n, bidDeadlineHours: 2 }),
    ));
});
