// The official CLI (1.13.0) against the sim's pitch and proof routes. Real child processes, private HOMEs.
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

describe('pitch and benchmark through the CLI', () => {
  it('pitch is paid and listed; select-worker unpaid gets the 402 the backend answers', async () => {
    const { taskId } = await req.ok(['task', 'create', '--description', 'Pitch me', '--reward', '1', '--duration', '24', '--mode', 'pitch']);
    const before = await desk.balance(worker.address);
    const p = await worker.ok(['task', 'pitch', taskId, '--text', 'my plan', '--duration', '2']);
    expect(typeof p.pitchId).toBe('string');
    expect(await desk.balance(worker.address)).toBe(before - 1000n);
    const list = await req.ok(['task', 'pitches', taskId]);
    expect(list.map((x: any) => [x.pitchText, x.estimatedDuration, x.status])).toEqual([['my plan', 2, 'pending']]);
    // CLI 1.13.0 sends select-worker without x402 (apiPost); the backend prices it at 1000 (§1.1, §1.5).
    const sel = await req.run(['task', 'select-worker', taskId, '--pitch', p.pitchId, '--worker', worker.address]);
    expect(sel.code).toBe(1);
    expect(sel.err?.error).toContain(`POST /api/tasks/${taskId}/pitches/select failed (402)`);
  }, 120_000);

  it('proof is paid and lists with its linked submission', async () => {
    const { taskId } = await req.ok(['task', 'create', '--description', 'Bench me', '--reward', '1', '--duration', '24', '--mode', 'benchmark']);
    const out = await worker.ok(['task', 'proof', taskId, '--data', 'https://example.test/run', '--type', 'url', '--metric', '42']);
    expect(typeof out.proofId).toBe('string');
    const proofs = await req.ok(['task', 'proofs', taskId]);
    expect(proofs).toHaveLength(1);
    expect(proofs[0]).toMatchObject({ metricValue: '42', proofType: 'url', submissionId: out.submissionId });
    const bad = await worker.run(['task', 'proof', taskId, '--data', 'x', '--type', 'url', '--metric', '4.2']);
    expect(bad.code).toBe(1);
    expect(bad.err?.error).toContain('metricValue must be a non-negative integer');
  }, 120_000);
});
