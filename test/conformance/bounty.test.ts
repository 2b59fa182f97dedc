// Bounty lifecycle with the official CLI: create → list filters → get → submit --file → submissions →
// download → accept → rate → stats/inbox; cancel, update and refund-expired (manual clock) with ledger checks.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDesk, USDC, type Agent, type Desk } from './cli.js';

// Each CLI call is a fresh node process (~0.5 s idle, far more on a loaded 2-core box): generous limits.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

let desk: Desk;
let req: Agent;
let worker: Agent;
let taskId: string;
let submissionId: string;
const deliverable = 'The answer is 42.\nSecond line.\n';

const ids = (list: { tasks: { id: string }[] }) => list.tasks.map((t) => t.id);

beforeAll(async () => {
  desk = await startDesk({ manualClock: true });
  [req, worker] = await Promise.all([desk.agent(20n * USDC), desk.agent(1n * USDC)]);
});
afterAll(() => desk?.close());

describe('bounty: create, discover, submit, accept, rate', () => {
  it('task create escrows the reward (x402 amount = reward)', async () => {
    const out = await req.ok(['task', 'create', '--description', 'Write a haiku about escrow', '--reward', '2', '--duration', '24', '--tags', 'writing,poetry']);
    taskId = out.taskId;
    expect(taskId).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await desk.escrow(taskId)).toBe(2n * USDC);
    expect(await desk.balance(req.address)).toBe(18n * USDC);
  });

  it('task list honours --mode, --tags, --reward-min/max, --deadline-hours and --status', async () => {
    const [byMode, byTag, inRange, tooRich, soon, later, done] = await Promise.all([
      worker.ok(['task', 'list', '--mode', 'bounty']),
      worker.ok(['task', 'list', '--tags', 'poetry']),
      worker.ok(['task', 'list', '--reward-min', '1.5', '--reward-max', '2.5']),
      worker.ok(['task', 'list', '--reward-min', '3']),
      worker.ok(['task', 'list', '--deadline-hours', '1']),
      worker.ok(['task', 'list', '--deadline-hours', '48']),
      worker.ok(['task', 'list', '--status', 'completed']),
    ]);
    expect(ids(byMode)).toContain(taskId);
    expect(ids(byTag)).toContain(taskId);
    expect(ids(inRange)).toContain(taskId);
    expect(ids(tooRich)).not.toContain(taskId);
    expect(ids(soon)).not.toContain(taskId);
    expect(ids(later)).toContain(taskId);
    expect(ids(done)).not.toContain(taskId);
    expect(byMode).toHaveProperty('hasMore', false);
    const none = await worker.ok(['task', 'list', '--mode', 'claim', '--tags', 'poetry']);
    expect(ids(none)).not.toContain(taskId);
  });

  it('task get shows the open bounty with requester management and the worker submit action', async () => {
    const t = await worker.ok(['task', 'get', taskId]);
    expect(t).toMatchObject({ id: taskId, status: 'open', mode: 'bounty', reward: '2000000', tags: ['writing', 'poetry'] });
    expect(t.pendingActions.map((a: { action: string }) => a.action)).toEqual(['cancel', 'update', 'submit']);
  });

  it('task submit --file uploads and records a submission (free for the first five)', async () => {
    const file = join(worker.home, 'haiku.txt');
    await writeFile(file, deliverable);
    const before = await desk.balance(worker.address);
    const out = await worker.ok(['task', 'submit', taskId, '--file', file]);
    submissionId = out.submissionId;
    expect(submissionId).toBeTruthy();
    expect(await desk.balance(worker.address)).toBe(before);
  });

  it('task submissions lists it for the requester, task download returns the bytes', async () => {
    const subs = await req.ok(['task', 'submissions', taskId]);
    expect(Array.isArray(subs)).toBe(true);
    expect(subs).toHaveLength(1);
    expect(subs[0].workerAddress.toLowerCase()).toBe(worker.address.toLowerCase());
    const dl = await req.run(['task', 'download', taskId, '--submission', submissionId]);
    expect(dl.code).toBe(0);
    expect(dl.stdout).toContain('The answer is 42.');
  });

  it('the anonymous detail now offers accept for that worker; cancel is gone', async () => {
    const t = await desk.get(`/api/tasks/${taskId}`);
    const actions = t.body.pendingActions.map((a: { action: string }) => a.action);
    expect(actions).toContain('accept');
    expect(actions).not.toContain('cancel');
    const accept = t.body.pendingActions.find((a: { action: string }) => a.action === 'accept');
    expect(accept.command.toLowerCase()).toContain(worker.address.toLowerCase());
  });

  it('task accept pays the worker reward minus the 5% fee and charges the requester 0.001', async () => {
    const reqBefore = await desk.balance(req.address);
    const wBefore = await desk.balance(worker.address);
    const out = await req.ok(['task', 'accept', taskId, '--worker', worker.address]);
    expect(out).toMatchObject({ accepted: true });
    expect(await desk.balance(req.address)).toBe(reqBefore - 1000n);
    expect(await desk.balance(worker.address)).toBe(wBefore + 1_900_000n);
    expect(await desk.escrow(taskId)).toBe(0n);
    const t = await req.ok(['task', 'get', taskId]);
    expect(t.status).toBe('completed');
    expect(t.pendingActions.map((a: { action: string }) => a.action)).toEqual(['rate']);
  });

  it('task rate records the rating; stats and inbox reflect the completed work', async () => {
    const out = await req.ok(['task', 'rate', taskId, '--worker', worker.address, '--rating', '90', '--feedback', 'crisp']);
    expect(out.feedbackId).toBeTruthy();
    const s = await req.ok(['stats', '--address', worker.address]);
    expect(s).toMatchObject({ completedTasks: 1, ratedTasks: 1, averageRating: 90, totalEarnings: '1900000' });
    const [rin, win] = await Promise.all([req.ok(['inbox']), worker.ok(['inbox'])]);
    expect(rin.asRequester.map((t: { id: string }) => t.id)).toContain(taskId);
    expect(win.asWorker.map((t: { id: string }) => t.id)).toContain(taskId);
    expect(win.pendingBids).toEqual([]);
    expect((await desk.task(taskId)).pendingActions).toEqual([]);
  });
});

describe('bounty management: cancel, update, refund-expired', () => {
  it('task cancel refunds the escrow to the requester', async () => {
    const { taskId: id } = await req.ok(['task', 'create', '--description', 'Cancel me', '--reward', '1', '--duration', '24']);
    const before = await desk.balance(req.address);
    await req.ok(['task', 'cancel', id]);
    expect(await desk.escrow(id)).toBe(0n);
    expect(await desk.balance(req.address)).toBe(before - 1000n + USDC);
    expect((await desk.task(id)).status).toBe('cancelled');
    const again = await req.run(['task', 'cancel', id]);
    expect(again.code).toBe(1);
    expect(again.err?.error).toContain('not open');
  });

  it('task update raises the reward (pays 1000 + increase) and extends expiry', async () => {
    const { taskId: id } = await req.ok(['task', 'create', '--description', 'Update me', '--reward', '1', '--duration', '24', '--tags', 'a']);
    const t0 = await desk.task(id);
    const before = await desk.balance(req.address);
    await req.ok(['task', 'update', id, '--reward', '1.5', '--extend-expiry', '3600', '--tags', 'a,b']);
    const t1 = await desk.task(id);
    expect(t1.reward).toBe('1500000');
    expect(t1.tags).toEqual(['a', 'b']);
    // The CLI sends absolute unix seconds (current expiry, truncated, + delta) (cli §1.2 update, backend §0).
    expect(Date.parse(t1.expiryTime)).toBe(Math.floor(Date.parse(t0.expiryTime) / 1000) * 1000 + 3_600_000);
    expect(await desk.balance(req.address)).toBe(before - 1000n - 500_000n);
    expect(await desk.escrow(id)).toBe(1_500_000n);
  });

  it('task refund-expired works only after expiry and returns the escrow', async () => {
    const { taskId: id } = await req.ok(['task', 'create', '--description', 'Expire me', '--reward', '1', '--duration', '1']);
    const early = await worker.run(['task', 'refund-expired', id]);
    expect(early.code).toBe(1);
    expect(early.err?.error).toContain('has not expired');
    await desk.advance(2 * 3_600_000);
    const t = await req.ok(['task', 'get', id]);
    expect(t.pendingActions.map((a: { action: string }) => a.action)).toContain('refund_expired');
    const before = await desk.balance(req.address);
    await worker.ok(['task', 'refund-expired', id]); // anyone may call (ADR-0026)
    expect(await desk.balance(req.address)).toBe(before + USDC);
    expect((await desk.task(id)).status).toBe('expired');
  });
});
