// Byte compatibility with the official CLI 1.13.0, part 2: requester decisions and evaluation.
// Same operation, CLI vs this client, against one recording stub.
import { afterAll, beforeAll, describe, it } from 'vitest';
import { compare, startHarness, TASK, type Harness } from './cli-harness.js';

const W = ('0x' + '22'.repeat(20)) as `0x${string}`;
const W2 = ('0x' + '33'.repeat(20)) as `0x${string}`;
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('same bytes as CLI 1.13.0 (requester decisions)', () => {
  it('task accept (the CLI pre-reads the task; the POSTs agree)', () =>
    compare(h, ['task', 'accept', TASK, '--worker', W], () => h.ours().write.accept({ taskId: TASK, worker: W }), { skipCliGets: true }));
  it('task accept-submissions', () =>
    compare(h, ['task', 'accept-submissions', TASK, '--winner', `${W}:6000`, '--winner', `${W2}:4000:sub_2`], () =>
      h.ours().write.acceptSubmissions({ taskId: TASK, winners: [{ worker: W, shareBps: 6000 }, { worker: W2, shareBps: 4000, submissionId: 'sub_2' }] }),
    ));
  it('task rate', () => compare(h, ['task', 'rate', TASK, '--worker', W, '--rating', '90', '--feedback', 'good'], () => h.ours().write.rate({ taskId: TASK, worker: W, rating: 90, feedbackText: 'good' })));
  it('task cancel', () => compare(h, ['task', 'cancel', TASK], () => h.ours().write.cancel({ taskId: TASK })));
  it('task refund-expired', () => compare(h, ['task', 'refund-expired', TASK], () => h.ours().write.refundExpired({ taskId: TASK })));
  it('task update --reward (priced 1000 + increase)', () =>
    compare(h, ['task', 'update', TASK, '--reward', '6', '--description', 'New text'], () =>
      h.ours().write.update({ taskId: TASK, currentReward: 5_000_000n, reward: 6_000_000n, description: 'New text' }),
    ));
  it('task reject-submission', () => compare(h, ['task', 'reject-submission', TASK, '--worker', W], () => h.ours().write.rejectSubmission({ taskId: TASK, worker: W })));
  it('task evaluate', () =>
    compare(h, ['task', 'evaluate', TASK, '--verdict', 'partial', '--score', '700', '--award', `${W}:1.5:1`], () =>
      h.ours().write.evaluate({ taskId: TASK, verdict: 'partial', score: 700, awards: [{ worker: W, amount: 1_500_000n, rank: 1 }] }),
    ));
});
