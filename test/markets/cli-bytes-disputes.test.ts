// Byte compatibility with the official CLI 1.13.0, part 3: disputes, proofs and the free permissionless
// writes. Same operation, CLI vs this client, against one recording stub.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { compare, startHarness, TASK, type Harness } from './cli-harness.js';

const W = ('0x' + '22'.repeat(20)) as `0x${string}`;
const W2 = ('0x' + '33'.repeat(20)) as `0x${string}`;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('same bytes as CLI 1.13.0 (disputes, proofs, permissionless writes)', () => {
  it('task resolve-dispute', () =>
    compare(h, ['task', 'resolve-dispute', TASK, '--verdict', 'approve', '--award', `${W}:2:1`], () =>
      h.ours().write.resolveDispute({ taskId: TASK, verdict: 'approve', awards: [{ worker: W, amount: 2_000_000n, rank: 1 }] }),
    ));
  it('task proof', () =>
    compare(h, ['task', 'proof', TASK, '--data', 'https://x.test/1', '--type', 'url', '--metric', '42'], () =>
      h.ours().write.submitProof({ taskId: TASK, proofData: 'https://x.test/1', proofType: 'url', metricValue: '42' }),
    ));
  it('task appeal', () => compare(h, ['task', 'appeal', TASK], () => h.ours().write.appeal({ taskId: TASK })));
  it('task evaluator-timeout', () => compare(h, ['task', 'evaluator-timeout', TASK], () => h.ours().write.evaluatorTimeout({ taskId: TASK })));
  it('task finalize-verdict (free)', () => compare(h, ['task', 'finalize-verdict', TASK], () => h.ours().write.finalizeVerdict({ taskId: TASK })));
  it('task select-winner (free)', () => compare(h, ['task', 'select-winner', TASK], () => h.ours().write.selectWinner({ taskId: TASK })));
  it('task forfeit (free, signed)', () => compare(h, ['task', 'forfeit', TASK], () => h.ours().write.forfeit({ taskId: TASK })));
  it('task select-worker (signed; unpaid in CLI 1.13.0)', () =>
    compare(h, ['task', 'select-worker', TASK, '--pitch', 'p1', '--worker', W], () => h.ours().write.selectWorker({ taskId: TASK, pitchId: 'p1', worker: W })));
});
