// EM wire → the core model (src/core/types.ts): bigint money, epoch-ms times, EM statuses mapped onto the
// core TaskStatus as closely as they go, with EM's own status and fields kept in `task.em`.
import { bpsOf } from '../../core/money.js';
import type { EmTaskInfo, Phase, Task, TaskStatus } from '../../core/types.js';
import { EM_FEE_BPS, type EmStatus } from './constants.js';
import type { WireApplication, WirePayment, WireSubmissionRow } from './schemas/review.js';
import type { WireAvailableRow, WireTask } from './schemas/task.js';

/**
 * EM status → core status. published/assigning are open (a 202 lock may still fall back to published);
 * accepted/in_progress are "worker selected" (the assignee may submit); submitted waits on the publisher
 * (pending_approval); verifying is review (arbiter); the terminal ones map one-to-one; refunded is cancelled.
 */
export const EM_STATUS_MAP: Readonly<Record<EmStatus, TaskStatus>> = {
  draft: 'open',
  published: 'open',
  assigning: 'open',
  accepted: 'worker_selected',
  in_progress: 'worker_selected',
  submitted: 'pending_approval',
  verifying: 'review',
  disputed: 'disputed',
  completed: 'completed',
  expired: 'expired',
  cancelled: 'cancelled',
  refunded: 'cancelled',
};

export function emPhase(status: EmStatus, deadline: number, now: number): Phase {
  if (status === 'submitted' || status === 'verifying' || status === 'disputed') return 'in_review';
  if (status === 'completed' || status === 'expired' || status === 'cancelled' || status === 'refunded') return 'resolved';
  return deadline <= now ? 'awaiting_settlement' : 'active';
}

/** What the reader knows beyond the row: executor wallets (from applications / the worker itself), counts. */
export interface NormalizeContext {
  now?: number;
  /** executor_id → wallet (lower-case). */
  executorWallets?: ReadonlyMap<string, string>;
  applicationsCount?: number | null;
  submissionCount?: number;
}

type Row = WireTask | WireAvailableRow;

export function toEmTask(w: Row, c: NormalizeContext = {}): Task {
  const now = c.now ?? Date.now();
  const executorId = 'executor_id' in w ? w.executor_id : null;
  const executorWallet = executorId ? (c.executorWallets?.get(executorId)?.toLowerCase() ?? null) : null;
  const skills = 'skills_required' in w ? w.skills_required : w.required_capabilities;
  const bounty = w.bounty_usd;
  const em: EmTaskInfo = {
    status: w.status,
    title: w.title,
    category: w.category,
    evidenceRequired: w.evidence_schema.required,
    evidenceOptional: w.evidence_schema.optional,
    bounty,
    publisherWallet: w.agent_id,
    publisherAgentId: w.erc8004_agent_id,
    agentName: w.agent_name,
    executorId,
    executorWallet,
    applicationsCount: c.applicationsCount ?? null,
    escrowStatus: w.escrow_status,
    paymentNetwork: w.payment_network,
    paymentToken: w.payment_token,
    deadline: w.deadline,
    skills,
    minReputation: w.min_reputation,
    targetExecutor: w.target_executor_type,
    assignedAt: 'assigned_at' in w ? w.assigned_at : null,
    escrowTx: 'escrow_tx' in w ? w.escrow_tx : null,
    paymentTx: 'payment_tx' in w ? w.payment_tx : null,
    refundTx: 'refund_tx' in w ? w.refund_tx : null,
  };
  const submitted = w.status === 'submitted' || w.status === 'verifying' || w.status === 'completed' || w.status === 'disputed';
  return {
    id: w.id,
    referenceCode: null,
    requester: w.agent_id,
    description: w.instructions ?? '',
    reward: bounty,
    createdAt: w.created_at,
    expiryTime: w.deadline,
    status: EM_STATUS_MAP[w.status],
    tags: skills,
    mode: 'bounty',
    // Public listing; only the publisher sees submissions (§4a).
    taskVisibility: 'public',
    submissionVisibility: 'never',
    pitchDeadline: null,
    // The assignee, for the gate's worker check (submit, withdraw, rate the agent).
    claimedBy: executorWallet,
    claimedAt: em.assignedAt,
    platformFeeBps: EM_FEE_BPS,
    metricDescription: null,
    metricTarget: null,
    evaluator: null,
    disputeResolver: null,
    evaluatorDeadline: null,
    appealDeadline: null,
    submissionCount: c.submissionCount ?? (submitted ? 1 : 0),
    pitchCount: 0,
    auctionBidCount: null,
    currentLowestBid: null,
    currentAuctionPrice: null,
    submissionWindowOpen: (w.status === 'accepted' || w.status === 'in_progress') && w.deadline > now,
    phase: emPhase(w.status, w.deadline, now),
    netReward: bounty - bpsOf(bounty, EM_FEE_BPS),
    auctionType: null,
    bidDeadline: null,
    maxPrice: null,
    auctionStartPrice: null,
    auctionFloorPrice: null,
    market: 'execution-market',
    em,
  };
}

export interface EmApplication {
  id: string;
  taskId: string;
  executorId: string;
  wallet: string | null;
  message: string | null;
  status: 'pending' | 'accepted' | 'rejected';
  createdAt: number;
  reputationScore: number;
  tasksCompleted: number;
  avgRating: number | null;
}

export const toApplication = (a: WireApplication): EmApplication => ({
  id: a.id,
  taskId: a.task_id,
  executorId: a.executor_id,
  wallet: a.wallet_address,
  message: a.message,
  status: a.status,
  createdAt: a.created_at,
  reputationScore: a.reputation_score,
  tasksCompleted: a.tasks_completed,
  avgRating: a.avg_rating,
});

export type EmVerdict = 'pending' | 'accepted' | 'rejected' | 'more_info_requested' | 'disputed' | 'partial';

export interface EmSubmission {
  id: string;
  taskId: string;
  executorId: string;
  verdict: EmVerdict;
  submittedAt: number;
  verifiedAt: number | null;
  /** The worker's evidence dict keyed by evidence type (untrusted). */
  evidence: Record<string, unknown>;
  agentNotes: string | null;
}

export const toSubmission = (s: WireSubmissionRow): EmSubmission => ({
  id: s.id,
  taskId: s.task_id,
  executorId: s.executor_id,
  verdict: s.agent_verdict ?? s.status ?? 'pending',
  submittedAt: s.submitted_at,
  verifiedAt: s.verified_at,
  evidence: s.evidence,
  agentNotes: s.agent_notes,
});

export interface EmPaymentEvent {
  type: string;
  at: number;
  txHash: string | null;
  amount: bigint | null;
}

/** The escrow/payment timeline of a task (GET /tasks/{id}/payment). */
export interface EmPayment {
  taskId: string;
  status: WirePayment['status'];
  total: bigint;
  released: bigint;
  workerNet: bigint | null;
  platformFee: bigint | null;
  escrowTx: string | null;
  releaseTx: string | null;
  refundTx: string | null;
  escrowContract: string | null;
  network: string | null;
  payer: string | null;
  receiver: string | null;
  events: EmPaymentEvent[];
}

export const toPayment = (p: WirePayment): EmPayment => ({
  taskId: p.task_id,
  status: p.status,
  total: p.total_amount,
  released: p.released_amount,
  workerNet: p.released_net_usdc,
  platformFee: p.platform_fee_usdc,
  escrowTx: p.escrow_tx,
  releaseTx: p.release_tx,
  refundTx: p.refund_tx,
  escrowContract: p.escrow_contract,
  network: p.network,
  payer: p.payer,
  receiver: p.receiver,
  events: p.events.map((e) => ({ type: e.type, at: e.at, txHash: e.tx_hash, amount: e.amount_usdc })),
});

/** The task with what a second read learned: the assignee's wallet (claimedBy), counts. Returns a new object. */
export function enrichTask(task: Task, o: { executorWallet?: string | null; applicationsCount?: number | null; submissionCount?: number }): Task {
  if (!task.em) return task;
  const wallet = o.executorWallet !== undefined && task.em.executorId !== null ? (o.executorWallet?.toLowerCase() ?? null) : task.em.executorWallet;
  return {
    ...task,
    claimedBy: wallet,
    submissionCount: o.submissionCount ?? task.submissionCount,
    em: { ...task.em, executorWallet: wallet, applicationsCount: o.applicationsCount !== undefined ? o.applicationsCount : task.em.applicationsCount },
  };
}
