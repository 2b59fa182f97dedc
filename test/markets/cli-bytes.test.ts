// Byte compatibility with the official CLI 1.13.0 (taskmarket-cli.md §0–§2), part 1: reads, claim, the
// auction writes, create and pitch. Same operation, CLI vs this client, against one recording stub.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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
  it('task bid', () => compare(h, ['task', 'bid', TASK, '--price', '2'], () => h.ours().write.bid({ taskId: TASK, price: 2_000_000n })));
  it('task auction-accept', () => compare(h, ['task', 'auction-accept', TASK, '--min-price', '1'], () => h.ours().write.auctionAccept({ taskId: TASK, minPrice: 1_000_000n })));
  it('task create (bounty)', () =>
    compare(h, ['task', 'create', '--description', 'Write a haiku', '--reward', '5', '--duration', '24', '--tags', 'poetry,short'], () =>
      h.ours().write.createTask({ description: 'Write a haiku', reward: 5_000_000n, durationHours: 24, tags: ['poetry', 'short'] }),
    ));
  it('task create (dutch auction)', () =>
    compare(h, ['task', 'create', '--description', 'Dutch', '--reward', '4', '--duration', '12', '--mode', 'auction', '--max-price', '4', '--auction-type', 'dutch', '--auction-floor-price', '1', '--bid-deadline', '2'], () =>
      h.ours().write.createTask({ description: 'Dutch', reward: 4_000_000n, durationHours: 12, mode: 'auction', auctionType: 'dutch', auctionFloorPrice: 1_000_000n, bidDeadlineHours: 2 }),
    ));
  it('task pitch (signed + x402)', () => compare(h, ['task', 'pitch', TASK, '--text', 'I can do it', '--duration', '3'], () => h.ours().write.pitch({ taskId: TASK, text: 'I can do it', durationHours: 3 })));
  it('task submit (upload-url → PUT → from-keys through x402)', async () => {
    const data = new TextEncoder().encode('the deliverable\n');
    const path = join(h.home, 'answer.txt');
    await writeFile(path, data);
    await compare(h, ['task', 'submit', TASK, '--file', path], () =>
      h.ours().write.submit({ taskId: TASK, files: [{ fileName: 'answer.txt', mimeType: 'text/plain', data }] }),
    );
  });
});
