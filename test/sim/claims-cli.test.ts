// The official CLI (1.13.0) against the sim's claim routes: claim → submit → accept → rate, forfeit after
// expiry. Real child processes, private HOMEs, JSON stdout/stderr.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDesk, USDC, type Agent, type Desk } from '../conformance/cli.js';

let desk: Desk;
let req: Agent;
let worker: Agent;

beforeAll(async () => {
  desk = await startDesk({ manualClock: true });
  [req, worker] = await Promise.all([desk.agent(20n * USDC), desk.agent(1n * USDC)]);
}, 60_000);
afterAll(() => desk?.close());

describe('claim mode through the CLI', () => {
  it('claim → submit --file → accept → rate', async () => {
    const { taskId } = await req.ok(['task', 'create', '--description', 'Claim me', '--reward', '1', '--duration', '24', '--mode', 'claim']);
    const claim = await worker.ok(['task', 'claim', taskId]);
    expect(typeof claim.claimId).toBe('string');
    const file = join(worker.home, 'answer.md');
    await writeFile(file, '# done\n');
    const sub = await worker.ok(['task', 'submit', taskId, '--file', file]);
    expect(typeof sub.submissionId).toBe('string');
    expect((await desk.get(`/api/tasks/${taskId}`)).body.status).toBe('pending_approval');
    expect(await req.ok(['task', 'accept', taskId, '--worker', worker.address])).toEqual({ accepted: true });
    const rate = await req.ok(['task', 'rate', taskId, '--worker', worker.address, '--rating', '90']);
    expect(typeof rate.feedbackId).toBe('string');
    expect(await desk.balance(worker.address)).toBe(USDC + 950_000n);
    expect(await desk.balance(req.address)).toBe(20n * USDC - USDC - 2000n);
  }, 120_000);

  it('a second claim fails with the backend text; forfeit works only after expiry', async () => {
    const { taskId } = await req.ok(['task', 'create', '--description', 'Short claim', '--reward', '1', '--duration', '1', '--mode', 'claim']);
    await worker.ok(['task', 'claim', taskId]);
    const again = await req.run(['task', 'claim', taskId]);
    expect(again.code).toBe(1);
    expect(again.err?.error).toContain('Task not available for claiming');
    const early = await req.run(['task', 'forfeit', taskId]);
    expect(early.code).toBe(1);
    expect(early.err?.error).toContain('TaskNotYetExpired');
    await desk.advance(3_600_000 + 1000);
    const out = await req.ok(['task', 'forfeit', taskId]);
    expect(out.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect((await desk.get(`/api/tasks/${taskId}`)).body.status).toBe('open');
  }, 120_000);
});
