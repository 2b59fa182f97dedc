// Byte compatibility with the official CLI 1.13.0 (taskmarket-cli.md §0–§2), part 4: bids, auction-accept,
// pitch and submit. Same operation, CLI vs this client, against one recording stub.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compare, startHarness, TASK, type Harness } from './cli-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('same bytes as CLI 1.13.0 (worker writes)', () => {
  it('task bid', () => compare(h, ['task', 'bid', TASK, '--price', '2'], () => h.ours().write.bid({ taskId: TASK, price: 2_000_000n })));
  it('task auction-accept', () => compare(h, ['task', 'auction-accept', TASK, '--min-price', '1'], () => h.ours().write.auctionAccept({ taskId: TASK, minPrice: 1_000_000n })));
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

describe('legal receipt (keystore accepted the legal bundle for this origin)', () => {
  let legal: Harness;
  beforeAll(async () => {
    legal = await startHarness({ legalReceipt: 'receipt-abc.123' });
  });
  afterAll(() => legal.close());

  it('writes carry X-Taskmarket-Legal-Receipt like the CLI; reads do not', async () => {
    const { mine } = await compare(legal, ['task', 'bid', TASK, '--price', '2'], () => legal.ours().write.bid({ taskId: TASK, price: 2_000_000n }));
    expect(mine.map((s) => s.headers['x-taskmarket-legal-receipt'])).toEqual(['receipt-abc.123', 'receipt-abc.123']);
    const reads = await compare(legal, ['task', 'get', TASK], () => legal.ours().read.getTask(TASK));
    expect(reads.mine[0]!.headers['x-taskmarket-legal-receipt']).toBeUndefined();
  });
});
