// The Execution Market side's persistent state, kept at sim.state.em so --state snapshots it with the rest
// (bigint money, epoch-ms times; wall-clock times are marked). Money lives in the shared sim ledger; this holds
// the rows: tasks, applications, submissions, executors, ratings, and the replay stores.
import type { Sim } from '../sim.js';
import type { EmTaskStatus } from './config.js';

/** The PaymentInfo struct as it travels on the wire (snake_case; integers as JSON numbers, amounts as strings). */
export interface WirePaymentInfo {
  operator: string;
  payer: string;
  receiver: string;
  token: string;
  /** Base units, decimal string. */
  max_amount: string;
  /** Unix seconds. */
  pre_approval_expiry: number;
  authorization_expiry: number;
  refund_expiry: number;
  min_fee_bps: number;
  max_fee_bps: number;
  fee_receiver: string;
  /** uint256 as 0x-hex (32 bytes). */
  salt: string;
}

/** The EIP-3009 ReceiveWithAuthorization message, values as decimal strings (as signed and sent back). */
export interface WireAuthorization {
  from: string;
  to: string;
  value: string;
  validAfter: string;
  validBefore: string;
  nonce: string;
}

export interface EscrowEvent {
  type: 'locked' | 'released' | 'refunded';
  at: number;
  tx: string;
  amount: bigint;
}

export interface EmEscrow {
  /** `escrow_<task_id[:8]>_<8hex>` (§3). */
  escrowId: string;
  status: 'locked' | 'released' | 'refunded';
  amount: bigint;
  payer: string;
  receiver: string;
  paymentInfo: WirePaymentInfo;
  escrowTx: string;
  releaseTx: string | null;
  refundTx: string | null;
  workerNet: bigint | null;
  fee: bigint | null;
  events: EscrowEvent[];
}

/** A verified authorization waiting for its lock (--em-lock-delay). `dueAt` is wall-clock ms. */
export interface PendingLock {
  executorId: string;
  authorization: WireAuthorization;
  signature: string;
  paymentInfo: WirePaymentInfo;
  dueAt: number;
}

export interface EmTask {
  id: string;
  title: string;
  instructions: string;
  category: string;
  bounty: bigint;
  createdAt: number;
  updatedAt: number;
  deadlineAt: number;
  /** Publisher wallet, lower-case. */
  agentId: string;
  agentName: string | null;
  executorId: string | null;
  status: EmTaskStatus;
  evidenceRequired: string[];
  evidenceOptional: string[];
  locationHint: string | null;
  locationLat: number | null;
  locationLng: number | null;
  geoMatchMode: string;
  locationRadiusM: number | null;
  minReputation: number;
  paymentNetwork: string;
  paymentToken: string;
  targetExecutor: string;
  skills: string[];
  skillVersion: string | null;
  arbiterMode: string;
  assignedAt: number | null;
  completedAt: number | null;
  cancelledAt: number | null;
  cancelReason: string | null;
  escrow: EmEscrow | null;
  paymentTx: string | null;
  pendingLock: PendingLock | null;
}

export interface EmApplication {
  id: string;
  taskId: string;
  executorId: string;
  message: string | null;
  status: 'pending' | 'accepted' | 'rejected';
  reason: string | null;
  createdAt: number;
}

export type Verdict = 'pending' | 'accepted' | 'rejected' | 'more_info_requested';

export interface EmSubmission {
  id: string;
  taskId: string;
  executorId: string;
  evidence: unknown;
  notes: string | null;
  deviceMetadata: unknown;
  verdict: Verdict;
  severity: 'minor' | 'major' | null;
  agentNotes: string | null;
  submittedAt: number;
  verifiedAt: number | null;
  paymentTx: string | null;
}

export interface EmExecutor {
  id: string;
  /** Lower-case wallet. */
  wallet: string;
  name: string | null;
  email: string | null;
  createdAt: number;
  reputationScore: number;
  tasksCompleted: number;
}

export interface EmRating {
  id: string;
  taskId: string;
  direction: 'agent_to_worker' | 'worker_to_agent';
  from: string;
  to: string;
  score: number;
  comment: string | null;
  proofTx: string | null;
  transactionHash: string;
  feedbackIndex: number;
  at: number;
}

export interface EmIdempotencyRecord {
  hash: string;
  status: number;
  body: unknown;
  headers: Record<string, string>;
  /** Wall-clock ms. */
  at: number;
}

export interface EmState {
  version: 1;
  tasks: Record<string, EmTask>;
  /** Task ids in creation order (newest last). */
  taskOrder: string[];
  /** Applications per task, oldest first. */
  applications: Record<string, EmApplication[]>;
  /** Submissions per task (one per executor, upserted). */
  submissions: Record<string, EmSubmission[]>;
  /** submission id → task id. */
  submissionTask: Record<string, string>;
  executors: Record<string, EmExecutor>;
  /** lower-case wallet → executor id. */
  executorByWallet: Record<string, string>;
  /** lower-case wallet → simulated ERC-8004 agent id. */
  agentIds: Record<string, number>;
  nextAgentId: number;
  ratings: EmRating[];
  /** `X-Idempotency-Key` on create: `<agent>:<key>` → task id. */
  createKeys: Record<string, string>;
  /** `Idempotency-Key` middleware: `<caller>:<key>` → stored 2xx. */
  idempotency: Record<string, EmIdempotencyRecord>;
  /** Spent ERC-8128 nonces `erc8128:<chain>:<addr>:<nonce>` → wall-clock ms after which they may be forgotten. */
  nonces: Record<string, number>;
  /** Major rejections per publisher (market ms), for the optional 3-per-24-h limit. */
  majorRejects: Record<string, number[]>;
}

export function emptyEmState(): EmState {
  return {
    version: 1,
    tasks: {},
    taskOrder: [],
    applications: {},
    submissions: {},
    submissionTask: {},
    executors: {},
    executorByWallet: {},
    agentIds: {},
    nextAgentId: 3001,
    ratings: [],
    createKeys: {},
    idempotency: {},
    nonces: {},
    majorRejects: {},
  };
}

/** The EM state of a sim, created on first use (and filled in for a snapshot from an older build). */
export function emState(sim: Sim): EmState {
  const s = sim.state;
  if (!s.em) s.em = emptyEmState();
  else if (s.em.majorRejects === undefined) s.em = { ...emptyEmState(), ...s.em };
  return s.em;
}
