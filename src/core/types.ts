// The market-neutral task model every layer shares. Money is bigint USDC base units (6 decimals);
// times are epoch milliseconds. Wire formats (decimal strings, ISO dates) live in markets/ and sim/.

export type Address = `0x${string}`;

export const MODES = ['bounty', 'claim', 'pitch', 'benchmark', 'auction'] as const;
export type Mode = (typeof MODES)[number];

export const AUCTION_TYPES = ['dutch', 'english', 'reverse_dutch', 'reverse_english'] as const;
export type AuctionType = (typeof AUCTION_TYPES)[number];

export const TASK_STATUSES = [
  'open',
  'claimed',
  'worker_selected',
  'pending_approval',
  'review',
  'appealing',
  'disputed',
  'completed',
  'expired',
  'cancelled',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const PHASES = ['active', 'in_review', 'awaiting_settlement', 'resolved'] as const;
export type Phase = (typeof PHASES)[number];

export const TASK_VISIBILITIES = ['unlisted', 'public', 'private'] as const;
export type TaskVisibility = (typeof TASK_VISIBILITIES)[number];

export const SUBMISSION_VISIBILITIES = ['public', 'reveal_all', 'winner_only', 'never'] as const;
export type SubmissionVisibility = (typeof SUBMISSION_VISIBILITIES)[number];

export const ACTION_NAMES = [
  'accept',
  'accept_submissions',
  'appeal',
  'auction_accept',
  'bid',
  'cancel',
  'claim',
  'evaluate',
  'evaluator_timeout',
  'finalize_verdict',
  'forfeit',
  'pitch',
  'rate',
  'reject_submission',
  'refund_expired',
  'resolve_dispute',
  'select_winner',
  'select_worker',
  'submit',
  'submit_proof',
  'update',
] as const;
export type ActionName = (typeof ACTION_NAMES)[number];

export const ACTION_ROLES = ['requester', 'worker', 'evaluator', 'dispute_resolver', 'anyone'] as const;
export type ActionRole = (typeof ACTION_ROLES)[number];

/** One entry of a task's pendingActions, as the backend computes it (taskmarket-backend.md §2.2). */
export interface PendingAction {
  role: ActionRole;
  action: ActionName;
  /** The backend's literal CLI template. Display-only: never executed as a shell string. */
  command: string;
  eligibleAddress: string | null;
  requiresPayment: boolean;
  paymentAmount: bigint | null;
  availableAfter: number | null;
  availableUntil: number | null;
  targetWorker: string | null;
}

/** The fields the auction clock needs (taskmarket-backend.md §3.1). */
export interface ClockInput {
  auctionType: AuctionType | null;
  createdAt: number;
  bidDeadline: number | null;
  maxPrice: bigint | null;
  auctionStartPrice: bigint | null;
  auctionFloorPrice: bigint | null;
}

/** A task as the desk and the simulator reason about it. */
export interface Task extends ClockInput {
  id: string;
  referenceCode: string | null;
  requester: string;
  description: string;
  reward: bigint;
  expiryTime: number;
  status: TaskStatus;
  tags: string[];
  mode: Mode;
  taskVisibility: TaskVisibility;
  submissionVisibility: SubmissionVisibility;
  pitchDeadline: number | null;
  claimedBy: string | null;
  claimedAt: number | null;
  platformFeeBps: number;
  metricDescription: string | null;
  metricTarget: string | null;
  evaluator: string | null;
  disputeResolver: string | null;
  evaluatorDeadline: number | null;
  appealDeadline: number | null;
  submissionCount: number;
  pitchCount: number;
  auctionBidCount: number | null;
  currentLowestBid: bigint | null;
  currentAuctionPrice: bigint | null;
  submissionWindowOpen: boolean;
  phase: Phase;
  netReward: bigint | null;
  /** Present only on detail responses; list and inbox rows carry none. */
  pendingActions?: PendingAction[];
  /** Which market the task lives on; absent means Taskmarket. */
  market?: 'taskmarket' | 'execution-market';
  /** What Execution Market has and Taskmarket does not (present only on EM tasks). */
  em?: EmTaskInfo;
}

/**
 * An Execution Market task's own fields (execution-market-api.md §3b). The core Task carries the mapped
 * status; `status` here is EM's own (published, assigning, accepted, in_progress, submitted, …).
 */
export interface EmTaskInfo {
  status: string;
  title: string;
  category: string;
  evidenceRequired: string[];
  evidenceOptional: string[];
  /** Base units (USDC, 6 decimals). */
  bounty: bigint;
  /** The publisher (EM's agent_id): a lower-case wallet, or `human:<id>` / a numeric id for H2A and legacy tasks. */
  publisherWallet: string;
  /** The publisher's ERC-8004 agent id, when EM names one. */
  publisherAgentId: number | null;
  agentName: string | null;
  executorId: string | null;
  /** Lower-case; null when the executor is unknown or its wallet was not fetched. */
  executorWallet: string | null;
  /** null when not fetched (only the publisher can list applications). */
  applicationsCount: number | null;
  escrowStatus: string | null;
  paymentNetwork: string;
  paymentToken: string;
  /** Epoch ms. */
  deadline: number;
  skills: string[];
  minReputation: number;
  targetExecutor: string | null;
  assignedAt: number | null;
  escrowTx: string | null;
  paymentTx: string | null;
  refundTx: string | null;
}

export interface Bid {
  id: string;
  taskId: string;
  /** null while a reverse-English auction is sealed. */
  workerAddress: string | null;
  price: bigint | null;
  createdAt: number;
  isMyBid?: boolean;
}

export interface Submission {
  id: string;
  taskId: string;
  workerAddress: string;
  submittedAt: number;
  rejectedAt: number | null;
  deliverableHash: string | null;
  fileUrl: string | null;
}

export interface Pitch {
  id: string;
  taskId: string;
  workerAddress: string;
  pitchText: string;
  estimatedDuration: number | null;
  status: 'pending' | 'selected' | 'rejected';
  submittedAt: number;
}

export interface Award {
  workerAddress: string;
  rank: number;
  workerPayment: bigint;
  platformFee: bigint;
  rating: number | null;
}
