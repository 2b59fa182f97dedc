// Money arithmetic of settlement, all bigint base units. Fees truncate like the contracts (bpsOf), so the
// worker receives gross − floor(gross × bps / 10000). Sources: taskmarket-backend.md §1.1, §1.2, §1.8, §1.9, §3.3, §4.2.
import { bpsOf } from './money.js';
import type { Mode, TaskStatus } from './types.js';
import { STANDARD_ACTION_FEE } from './pending-actions.js';

/** DEFAULT_PLATFORM_FEE_BPS: 500 = 5% (§1.2 create, §8 platform_fee_bps). */
export const DEFAULT_PLATFORM_FEE_BPS = 500;

export interface Payout {
  gross: bigint;
  platformFee: bigint;
  workerPayment: bigint;
}

/** Fee on a gross amount: floor(gross × bps / 10000); the worker keeps the rest. */
export function payout(gross: bigint, platformFeeBps: number = DEFAULT_PLATFORM_FEE_BPS): Payout {
  const platformFee = bpsOf(gross, platformFeeBps);
  return { gross, platformFee, workerPayment: gross - platformFee };
}

/** accept on a bounty/claim/pitch/benchmark task: the whole reward goes to one worker, minus the fee. */
export function acceptSettlement(reward: bigint, platformFeeBps: number = DEFAULT_PLATFORM_FEE_BPS): Payout & { requesterRefund: bigint } {
  return { ...payout(reward, platformFeeBps), requesterRefund: 0n };
}

/**
 * Auction acceptance (§3.3 AcceptanceFacet): the worker is paid the winning price minus the fee and the
 * requester gets maxPrice − price back from the escrow (escrow = reward = maxPrice).
 */
export function auctionSettlement(
  maxPrice: bigint,
  winningPrice: bigint,
  platformFeeBps: number = DEFAULT_PLATFORM_FEE_BPS,
): Payout & { requesterRefund: bigint } {
  if (winningPrice < 0n || winningPrice > maxPrice) throw new RangeError('winning price outside 0..maxPrice');
  return { ...payout(winningPrice, platformFeeBps), requesterRefund: maxPrice - winningPrice };
}

export interface ShareWinner {
  worker: string;
  share: number;
}

export interface ShareAward extends Payout {
  worker: string;
  rank: number;
}

export type SharesResult =
  | { ok: true; awards: ShareAward[]; requesterRefund: bigint }
  | { ok: false; status: number; error: string };

/**
 * accept-submissions (§1.8): award i gets floor(reward × share / 10000) at rank i+1. The truncation dust
 * (at most winners − 1 base units) goes back to the requester: the backend records exactly the per-award
 * amounts, so the escrow's remainder can only be a refund. Router texts for the share checks.
 */
export function splitShares(
  reward: bigint,
  winners: readonly ShareWinner[],
  platformFeeBps: number = DEFAULT_PLATFORM_FEE_BPS,
): SharesResult {
  if (winners.length === 0) return { ok: false, status: 400, error: 'At least one winner is required' };
  for (const w of winners) {
    if (!Number.isInteger(w.share) || w.share < 1 || w.share > 10_000) {
      return { ok: false, status: 400, error: 'Winner share must be an integer between 1 and 10000' };
    }
  }
  const total = winners.reduce((sum, w) => sum + w.share, 0);
  if (total !== 10_000) return { ok: false, status: 400, error: `Winner shares must sum to 10000 basis points (got ${total})` };
  const seen = new Set<string>();
  for (const w of winners) {
    const key = w.worker.toLowerCase();
    if (seen.has(key)) return { ok: false, status: 400, error: 'Duplicate award worker' };
    seen.add(key);
  }
  const awards = winners.map((w, i) => ({ worker: w.worker, rank: i + 1, ...payout((reward * BigInt(w.share)) / 10_000n, platformFeeBps) }));
  // Chain AcceptanceFacet reverts ZeroPayoutPerPair when a share rounds to nothing (§4.3).
  if (awards.some((a) => a.gross === 0n)) return { ok: false, status: 400, error: 'Contract call rejected: ZeroPayoutPerPair' };
  const paid = awards.reduce((sum, a) => sum + a.gross, 0n);
  return { ok: true, awards, requesterRefund: reward - paid };
}

/** What happens to the escrow on cancel or refund-expired. */
export interface RefundSettlement {
  /** Status the task ends in (§4.2). */
  status: Extract<TaskStatus, 'cancelled' | 'expired' | 'completed'>;
  requesterRefund: bigint;
  /** Set only when an expired claimed auction auto-pays its winner. */
  workerPayout: (Payout & { worker: string }) | null;
}

/** cancel: the whole escrow goes back to the requester. */
export function cancelSettlement(reward: bigint): RefundSettlement {
  return { status: 'cancelled', requesterRefund: reward, workerPayout: null };
}

/**
 * refund-expired: the requester gets the escrow back (→ expired), except a claimed auction, which
 * auto-pays the winner its price minus the fee and refunds maxPrice − price (→ completed; §3.3, §4.2).
 */
export function refundExpiredSettlement(
  task: { mode: Mode; status: TaskStatus; reward: bigint; maxPrice: bigint | null; claimedBy: string | null; platformFeeBps: number },
  winningPrice: bigint | null,
): RefundSettlement {
  const claimedAuction =
    task.mode === 'auction' && (task.status === 'claimed' || task.status === 'pending_approval') && task.claimedBy !== null;
  if (claimedAuction && winningPrice !== null) {
    const s = auctionSettlement(task.maxPrice ?? task.reward, winningPrice, task.platformFeeBps);
    return {
      status: 'completed',
      requesterRefund: s.requesterRefund,
      workerPayout: { worker: task.claimedBy as string, gross: s.gross, platformFee: s.platformFee, workerPayment: s.workerPayment },
    };
  }
  return { status: 'expired', requesterRefund: task.reward, workerPayout: null };
}

/** x402 price of POST /update (§1.1 computeUpdatePaymentAmount): 1000 + max(0, newReward − currentReward). */
export function updatePaymentAmount(currentReward: bigint, newReward?: bigint | null): bigint {
  if (newReward === undefined || newReward === null) return STANDARD_ACTION_FEE;
  const increase = newReward - currentReward;
  return STANDARD_ACTION_FEE + (increase > 0n ? increase : 0n);
}

export interface RewardChange {
  /** Escrow the requester adds (paid inside the update's x402 amount). */
  increase: bigint;
  /** Escrow refunded to the requester by the chain on a decrease. */
  refund: bigint;
  /** What goes to chain updateTask: 0 = unchanged, incl. a restated equal reward (§1.2 update). */
  chainReward: bigint;
}

/** Escrow deltas of an update (§1.2): increases are charged, decreases refunded. */
export function rewardChange(currentReward: bigint, newReward?: bigint | null): RewardChange {
  if (newReward === undefined || newReward === null || newReward === currentReward) {
    return { increase: 0n, refund: 0n, chainReward: 0n };
  }
  return newReward > currentReward
    ? { increase: newReward - currentReward, refund: 0n, chainReward: newReward }
    : { increase: 0n, refund: currentReward - newReward, chainReward: newReward };
}

/** Evaluator fee and the escrow left for awards: reward − floor(reward × evaluatorFeeBps / 10000) (§1.9). */
export function evaluationBudget(reward: bigint, evaluatorFeeBps: number): { evaluatorFee: bigint; awardable: bigint } {
  const evaluatorFee = bpsOf(reward, evaluatorFeeBps);
  return { evaluatorFee, awardable: reward - evaluatorFee };
}

export type Verdict = 'approve' | 'reject' | 'partial';

export interface VerdictSettlement {
  status: Extract<TaskStatus, 'completed' | 'cancelled'>;
  evaluatorFee: bigint;
  payouts: (Payout & { worker: string; rank: number })[];
  requesterRefund: bigint;
}

/**
 * finalize-verdict / resolve-dispute (§1.9, §4.3 EvaluatorFacet): REJECT cancels and refunds the reward
 * minus the evaluator fee; otherwise each award is paid (platform fee taken from it, as task_awards
 * record workerPayment + platformFee) and the unawarded escrow goes back to the requester.
 */
export function verdictSettlement(
  reward: bigint,
  evaluatorFeeBps: number,
  verdict: Verdict,
  awards: readonly { worker: string; amount: bigint; rank: number }[],
  platformFeeBps: number = DEFAULT_PLATFORM_FEE_BPS,
): VerdictSettlement {
  const { evaluatorFee, awardable } = evaluationBudget(reward, evaluatorFeeBps);
  if (verdict === 'reject') return { status: 'cancelled', evaluatorFee, payouts: [], requesterRefund: awardable };
  const total = awards.reduce((sum, a) => sum + a.amount, 0n);
  if (total > awardable) throw new RangeError('Evaluation awards exceed task escrow');
  return {
    status: 'completed',
    evaluatorFee,
    payouts: awards.map((a) => ({ worker: a.worker, rank: a.rank, ...payout(a.amount, platformFeeBps) })),
    requesterRefund: awardable - total,
  };
}
