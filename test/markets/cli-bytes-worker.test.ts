// Byte compatibility with the official CLI 1.13.0 (taskmarket-cli.md §0–§2), part 4: bids, auction-accept,
// pitch and submit. Same operation, CLI vs this client, against one recording stub.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
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
