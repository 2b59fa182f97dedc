// The simulator's whole persistent state: plain records (bigint money, epoch-ms times) that
// store-file.ts snapshots as JSON. Owners of other route modules add fields here by str_replace.
import { randomBytes } from 'node:crypto';
import type {
  AuctionType,
  Mode,
  SubmissionVisibility,
  TaskStatus,
  TaskVisibility,
} from '../core/types.js';
import type { EmState } from './execution-market/state.js';

/** A stored task: only what the backend's `tasks` row holds; derived fields are computed in serialize.ts. */
export interface TaskRecord {
  id: string;
  referenceCode: string;
  requester: string;
  requesterPubkey: string | null;
  description: string;
  reward: bigint;
  escrowTxHash: string;
  createdAt: number;
  expiryTime: number;
  status: TaskStatus;
  tags: string[];
  mode: Mode;
  taskVisibility: TaskVisibility;
  submissionVisibility: SubmissionVisibility;
  accessPassword: string | null;
  allowedViewers: string[];
  stakeRequired: boolean;
  stakeBps: number;
  pitchDeadline: number | null;
  bidDeadline: number | null;
  maxPrice: bigint | null;
  auctionType: AuctionType | null;
  auctionStartPrice: bigint | null;
  auctionFloorPrice: bigint | null;
  metricDescription: string | null;
  metricTarget: string | null;
  hookContract: string | null;
  hookData: string | null;
  claimedBy: string | null;
  claimedAt: number | null;
  platformFeeBps: number;
  cancelledAt: number | null;
  selfAward: boolean;
  taskDropId: string | null;
  // Evaluator columns (§8 migration 0019); windows are seconds like the backend stores them.
  evaluator: string | null;
  evaluatorStake: bigint | null;
  evaluatorFeeBps: number | null;
  evaluationWindow: number | null;
  appealWindow: number | null;
  disputeResolver: string | null;
  evaluatorDeadline: number | null;
  appealDeadline: number | null;
  verdictType: 'APPROVE' | 'REJECT' | 'PARTIAL' | null;
  verdictScore: number | null;
  verdictConfidence: number | null;
  verdictEvidenceHash: string | null;
}

export interface BidRecord {
  id: string;
  taskId: string;
  workerAddress: string;
  price: bigint;
  createdAt: number;
}

export interface ArtifactRecord {
  id: string;
  role: string;
  fileName: string | null;
  mimeType: string | null;
  mediaKind: string | null;
  storageUri: string | null;
  sizeBytes: number;
  sha256Hash: string;
  keccak256Hash: string;
  displayOrder: number;
}

export interface SubmissionRecord {
  id: string;
  referenceCode: string;
  taskId: string;
  workerAddress: string;
  fileUrl: string | null;
  signature: string;
  deliverableHash: string | null;
  submitTxHash: string | null;
  submittedAt: number;
  rejectedAt: number | null;
  artifacts: ArtifactRecord[];
}

export interface PitchRecord {
  id: string;
  taskId: string;
  workerAddress: string;
  pitchText: string;
  estimatedDuration: number | null;
  status: 'pending' | 'selected' | 'rejected';
  signature: string;
  pitchHash: string;
  submitTxHash: string | null;
  submittedAt: number;
}

export interface ProofRecord {
  id: string;
  taskId: string;
  workerAddress: string;
  proofData: string;
  proofType: string;
  metricValue: string | null;
  status: string;
  proofHash: string;
  submitTxHash: string | null;
  submissionId: string | null;
  submittedAt: number;
}

export interface ClaimRecord {
  id: string;
  taskId: string;
  workerAddress: string;
  stakeAmount: bigint;
  stakeTxHash: string | null;
  claimedAt: number;
  status: 'active' | 'submitted' | 'forfeited' | 'returned';
}

/** One paid award (task_awards, §8): source of awards[], primaryAward, rate eligibility. */
export interface AwardRecord {
  taskId: string;
  workerAddress: string;
  rank: number;
  workerPayment: bigint;
  platformFee: bigint;
  settlementTxHash: string;
  settledAt: number;
  rating: number | null;
}

export interface FeedbackRecord {
  id: string;
  taskId: string;
  workerAddress: string;
  requesterAddress: string;
  rating: number;
  feedbackText: string | null;
  fileContent: string;
  ratingTxHash: string;
}

/** USDC balances and escrows, keyed by lower-case address / task id (ledger.ts owns the rules). */
export interface LedgerState {
  balances: Record<string, bigint>;
  escrows: Record<string, bigint>;
  /** EIP-3009 nonces already spent, as `<from lower>:<nonce lower>`. */
  usedNonces: Record<string, true>;
}

/** A stored idempotent response (§5.3): the payload hash decides replay vs mismatch. */
export interface IdempotencyRecord {
  key: string;
  payloadHash: string;
  route: string;
  status: number;
  body: unknown;
  headers: Record<string, string>;
  at: number;
  /** x402 payer or verified signer that made the request (GET /api/intents is initiator-scoped). */
  actor?: string | null;
}

/**
 * The slot sim-accounts fills (devices, agents, identity, wallet, emails, xmtp, legal). Add fields
 * here with str_replace; everything in it must be JSON-able (bigint allowed — the snapshot tags it).
 */
export interface AccountsState {
  [key: string]: unknown;
}

export interface SimState {
  version: 1;
  tasks: Record<string, TaskRecord>;
  /** Task ids in creation order (newest last) — the list route walks it backwards. */
  taskOrder: string[];
  /** Per-requester createTask nonce (task id = keccak256(abi.encode(chainId, contract, requester, nonce, idSalt)), §0). */
  requesterNonces: Record<string, number>;
  /**
   * Simulator-only: a random 32-byte salt in every task-id preimage, made once per state and persisted, so
   * two simulators with the same --seed never hand out the same ids and a --state restart keeps its id space.
   */
  idSalt: `0x${string}`;
  bids: BidRecord[];
  submissions: SubmissionRecord[];
  pitches: PitchRecord[];
  proofs: ProofRecord[];
  claims: ClaimRecord[];
  awards: AwardRecord[];
  feedbacks: FeedbackRecord[];
  /** sim-modes: an evaluator's proposed awards per task, paid at finalize-verdict (§1.9). Optional for old snapshots. */
  verdictAwards?: Record<string, { worker: string; amount: bigint; rank: number }[]>;
  ledger: LedgerState;
  idempotency: Record<string, IdempotencyRecord>;
  /** Private-task password grants (`task unlock`): grant token → task and expiry (market ms). */
  accessGrants: Record<string, { taskId: string; expiresAt: number }>;
  accounts: AccountsState;
  /** Monotonic counter behind ids and tx hashes, so a restart never reuses one. */
  serial: number;
  /** Market time at the last save (restores a manual clock). */
  clockAt: number;
  /** The Execution Market side (src/sim/execution-market/state.ts owns its shape; absent until first use). */
  em?: EmState;
}

export function emptyState(now: number): SimState {
  return {
    version: 1,
    tasks: {},
    taskOrder: [],
    requesterNonces: {},
    idSalt: `0x${randomBytes(32).toString('hex')}`,
    bids: [],
    submissions: [],
    pitches: [],
    proofs: [],
    claims: [],
    awards: [],
    feedbacks: [],
    ledger: { balances: {}, escrows: {}, usedNonces: {} },
    idempotency: {},
    accessGrants: {},
    accounts: {},
    serial: 0,
    clockAt: now,
  };
}
