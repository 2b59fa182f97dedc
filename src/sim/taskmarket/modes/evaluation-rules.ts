// Pure evaluator-flow rules (taskmarket-backend.md §1.9, chain errors §4.3 EvaluatorFacet).
// Texts quoted in §1.9 are exact; the few the reference does not quote are marked "sim wording".
import type { Mode, TaskStatus } from '../../../core/types.js';
import type { RuleError } from './rules.js';

export interface EvalTask {
  mode: Mode;
  status: TaskStatus;
  requester: string;
  reward: bigint;
  claimedBy: string | null;
  evaluator: string | null;
  evaluatorFeeBps: number;
  disputeResolver: string | null;
  evaluatorDeadline: number | null;
  appealDeadline: number | null;
}

export interface AwardInput {
  worker: string;
  amount: bigint;
  rank: number;
}

const fail = (status: number, error: string): RuleError => ({ status, error });
const isContest = (mode: Mode) => mode === 'bounty' || mode === 'benchmark';
const same = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && a.toLowerCase() === b.toLowerCase();

/** reward × evaluatorFeeBps / 10000, truncated. */
export function evaluatorFee(t: EvalTask): bigint {
  return (t.reward * BigInt(t.evaluatorFeeBps)) / 10_000n;
}

/** POST /evaluator: open, unclaimed task; evaluator/resolver must not be the requester (contract rule). */
export function assignEvaluatorRule(t: EvalTask, evaluator: string, disputeResolver: string | null): RuleError | null {
  if (t.status !== 'open') return fail(400, 'Task is not open');
  if (t.claimedBy) return fail(400, 'Task is already claimed'); // sim wording
  if (t.evaluator) return fail(400, 'Evaluator already assigned'); // sim wording (chain EvaluatorAlreadyAssigned)
  if (same(evaluator, t.requester)) return fail(400, 'Evaluator cannot be the task requester'); // sim wording (InvalidEvaluator)
  if (disputeResolver && same(disputeResolver, t.requester)) return fail(400, 'Dispute resolver cannot be the task requester'); // sim wording
  return null;
}

/** POST /evaluate preflight (payer == evaluator is checked by the route first). */
export function evaluateRule(t: EvalTask, awards: AwardInput[]): RuleError | null {
  const contestOpen = isContest(t.mode) && (t.status === 'open' || t.status === 'pending_approval');
  if (t.status !== 'review' && !contestOpen) return fail(400, 'Task is not in an evaluatable state');
  const total = awards.reduce((a, w) => a + w.amount, 0n);
  if (total > t.reward - evaluatorFee(t)) return fail(400, 'Evaluation awards exceed task escrow');
  return null;
}

/** POST /appeal: worker (claimedBy) or, for contests, any past submitter; before the appeal deadline. */
export function appealRule(t: EvalTask, payer: string, isSubmitter: boolean, now: number): RuleError | null {
  if (t.status !== 'appealing') return fail(400, 'Task is not in Appealing state');
  const allowed = same(t.claimedBy, payer) || (isContest(t.mode) && isSubmitter);
  if (!allowed) return fail(403, isContest(t.mode) ? 'Only a task submitter can appeal' : 'Only the task worker can appeal');
  if (t.appealDeadline !== null && now >= t.appealDeadline) return fail(400, 'Appeal deadline has passed');
  return null;
}

/** POST /finalize-verdict: permissionless once the appeal window has elapsed (chain AppealWindowStillOpen ts < deadline). */
export function finalizeRule(t: EvalTask, now: number): RuleError | null {
  if (t.status !== 'appealing') return fail(400, 'Task is not in Appealing state');
  if (t.appealDeadline !== null && now < t.appealDeadline) return fail(400, 'Appeal window not yet expired');
  return null;
}

/** POST /resolve-dispute (payer == disputeResolver checked by the route). */
export function resolveDisputeRule(t: EvalTask, verdict: string, awards: AwardInput[]): RuleError | null {
  if (t.status !== 'disputed') return fail(400, 'Task is not in Disputed state'); // sim wording (NotInDisputedState)
  if (verdict !== 'approve' && verdict !== 'partial') return fail(400, 'Dispute resolution must award workers'); // sim wording
  if (awards.length === 0) return fail(400, 'Awards required'); // sim wording (AwardsRequired)
  const total = awards.reduce((a, w) => a + w.amount, 0n);
  if (total > t.reward - evaluatorFee(t)) return fail(400, 'Evaluation awards exceed task escrow');
  return null;
}

/** POST /evaluator-timeout: review and the evaluator deadline passed (chain: ts > review deadline). */
export function evaluatorTimeoutRule(t: EvalTask, now: number): RuleError | null {
  if (t.status !== 'review') return fail(400, 'Task is not in Review state'); // sim wording (NotInReviewState)
  if (t.evaluatorDeadline === null || now <= t.evaluatorDeadline) return fail(400, 'Evaluator deadline has not yet passed');
  return null;
}
