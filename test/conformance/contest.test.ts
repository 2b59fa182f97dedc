// Multi-worker contests with the official CLI (backend §1.6–§1.8): benchmark proofs, reject-submission,
// accept-submissions with shares, my-submissions; plus list --auction-type and --limit/--cursor paging.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDesk, USDC, type Agent, type Desk } from './cli.js';

// Each CLI call is a fresh node process (~0.5 s idle, far more on a loaded 2-core box): generous limits.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

let desk: Desk;
let req: Agent;
let w1: Agent;
let w2: Agent;

beforeAll(async () => {
  desk = await startDesk();
  [req, w1, w2] = await Promise.all([desk.agent(20n * USDC), desk.agent(USDC), desk.agent(USDC)]);
});
afterAll(() => desk?.close());

describe('contests', () => {
  it('benchmark: task proof (0.001) creates a proof and a linked submission', async () => {
    const { taskId } = await req.ok(['task', 'create', '--mode', 'benchmark', '--description', 'Top-1 accuracy on the eval', '--reward', '1', '--duration', '24']);
    const before = await desk.balance(w1.address);
    const out = await w1.ok(['task', 'proof', taskId, '--data', 'https://127.0.0.1/run/1', '--type', 'url', '--metric', '93']);
    expect(out.proofId).toBeTruthy();
    expect(out.submissionId).toBeTruthy();
    expect(await desk.balance(w1.address)).toBe(before - 1000n);
    const proofs = (await desk.get(`/api/tasks/${taskId}/proofs`)).body;
    expect(proofs).toMatchObject([{ proofType: 'url', metricValue: '93' }]);
  });

  it('bounty: reject one worker, split the reward between the rest with accept-submissions', async () => {
    const { taskId } = await req.ok(['task', 'create', '--description', 'Name our product', '--reward', '2', '--duration', '24']);
    for (const w of [w1, w2]) {
      const file = join(w.home, 'names.txt');
      await writeFile(file, `names from ${w.address}`);
      await w.ok(['task', 'submit', taskId, '--file', file]);
    }
    const rejected = await req.ok(['task', 'reject-submission', taskId, '--worker', w2.address]);
    expect(rejected.txHash).toMatch(/^0x/);
    const split = await req.run(['task', 'accept-submissions', taskId, '--winner', `${w2.address}:10000`]);
    expect(split.code).toBe(1);
    expect(split.err?.error).toContain('No active submission');
    const b1 = await desk.balance(w1.address);
    await req.ok(['task', 'accept-submissions', taskId, '--winner', `${w1.address}:10000`]);
    expect(await desk.balance(w1.address)).toBe(b1 + 1_900_000n);
    expect((await desk.task(taskId)).status).toBe('completed');
    const mine = await w2.ok(['task', 'my-submissions']);
    const row = mine.find((s: { taskId: string }) => s.taskId === taskId);
    expect(row.rejectedAt).not.toBeNull();
  });

  it('task list --auction-type and --limit/--cursor paging', async () => {
    const made: string[] = [];
    for (const type of ['english', 'reverse_english']) {
      const { taskId } = await req.ok(['task', 'create', '--description', `Paging ${type}`, '--reward', '1', '--duration', '24',
        '--mode', 'auction', '--auction-type', type, '--max-price', '1', '--bid-deadline', '1']);
      made.push(taskId);
    }
    const eng = await w1.ok(['task', 'list', '--mode', 'auction', '--auction-type', 'english']);
    expect(eng.tasks.map((t: { id: string }) => t.id)).toEqual([made[0]]);
    const page1 = await w1.ok(['task', 'list', '--mode', 'auction', '--limit', '1']);
    expect(page1.tasks.map((t: { id: string }) => t.id)).toEqual([made[1]]);
    expect(page1.hasMore).toBe(true);
    const page2 = await w1.ok(['task', 'list', '--mode', 'auction', '--limit', '1', '--cursor', page1.nextCursor]);
    expect(page2.tasks.map((t: { id: string }) => t.id)).toEqual([made[0]]);
  });
});
