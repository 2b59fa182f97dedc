// Wire → core model (src/core/types.ts): bigint money, epoch-ms times. Inputs are already zod-parsed,
// so conversions here cannot fail on shape; they only change representation.
import type { AuctionType, Bid, Mode, Phase, Pitch, PendingAction, Submission, Task, TaskStatus } from '../../core/types.js';
import type { AgentStats, Email, InboxView, MyBid, NetworkInfo, TaskPage } from '../market.js';
import type { z } from 'zod';
import type { WirePendingAction, WireTaskDetail, WireTaskRow } from './schemas/task.js';
import type { bidSchema, myBidSchema } from './schemas/bids.js';
import type { submissionSchema } from './schemas/submissions.js';
import type { pitchSchema } from './schemas/pitches.js';
import type { agentStatsSchema } from './schemas/agent.js';
import type { emailSchema } from './schemas/email.js';
import type { networkInfoSchema } from './schemas/network.js';
import type { inboxSchema, taskPageSchema } from './schemas/task.js';

const ms = (iso: string): number => Date.parse(iso);
const msOrNull = (iso: string | null | undefined): number | null => (iso == null ? null : Date.parse(iso));
const big = (s: string): bigint => BigInt(s);
const bigOrNull = (s: string | null | undefined): bigint | null => (s == null ? null : BigInt(s));

/** §2.4 computeTaskPhase, used only when an older server omits `phase`. */
export function derivePhase(status: TaskStatus, expiryTime: number, now: number): Phase {
  if (status === 'review' || status === 'appealing' || status === 'disputed') return 'in_review';
  if (status === 'completed' || status === 'cancelled' || status === 'expired') return 'resolved';
  if (status === 'open' || status === 'claimed' || status === 'worker_selected') return expiryTime <= now ? 'awaiting_settlement' : 'active';
  return 'active';
}

/** §2.5 computeSubmissionWindowOpen, used only when an older server omits it. */
export function deriveSubmissionWindowOpen(mode: Mode, status: TaskStatus, expiryTime: number, now: number): boolean {
  if (expiryTime <= now) return false;
  if (mode === 'bounty' || mode === 'benchmark') return status === 'open';
  if (mode === 'claim' || mode === 'auction') return status === 'claimed';
  if (mode === 'pitch') return status === 'worker_selected';
  return false;
}

export function toPendingAction(w: WirePendingAction): PendingAction {
  return {
    role: w.role,
    action: w.action,
    command: w.command,
    eligibleAddress: w.eligibleAddress ?? null,
    requiresPayment: w.requiresPayment ?? false,
    paymentAmount: bigOrNull(w.paymentAmount),
    availableAfter: msOrNull(w.availableAfter),
    availableUntil: msOrNull(w.availableUntil),
    targetWorker: w.targetWorker ?? null,
  };
}

export function toTask(w: WireTaskRow | WireTaskDetail, now: number = Date.now()): Task {
  const expiryTime = ms(w.expiryTime);
  const task: Task = {
    id: w.id,
    referenceCode: w.referenceCode ?? null,
    requester: w.requester,
    description: w.description,
    reward: big(w.reward),
    createdAt: ms(w.createdAt),
    expiryTime,
    status: w.status,
    tags: w.tags,
    mode: w.mode,
    taskVisibility: w.taskVisibility,
    submissionVisibility: w.submissionVisibility,
    pitchDeadline: msOrNull(w.pitchDeadline),
    bidDeadline: msOrNull(w.bidDeadline),
    maxPrice: bigOrNull(w.maxPrice),
    auctionType: (w.auctionType ?? null) as AuctionType | null,
    auctionStartPrice: bigOrNull(w.auctionStartPrice),
    auctionFloorPrice: bigOrNull(w.auctionFloorPrice),
    claimedBy: w.claimedBy ?? null,
    claimedAt: msOrNull(w.claimedAt),
    platformFeeBps: w.platformFeeBps,
    metricDescription: w.metricDescription ?? null,
    metricTarget: w.metricTarget ?? null,
    evaluator: w.evaluator ?? null,
    disputeResolver: w.disputeResolver ?? null,
    evaluatorDeadline: msOrNull(w.evaluatorDeadline),
    appealDeadline: msOrNull(w.appealDeadline),
    submissionCount: w.submissionCount,
    pitchCount: w.pitchCount,
    auctionBidCount: w.auctionBidCount ?? null,
    currentLowestBid: bigOrNull(w.currentLowestBid),
    currentAuctionPrice: bigOrNull(w.currentAuctionPrice),
    submissionWindowOpen: w.submissionWindowOpen ?? deriveSubmissionWindowOpen(w.mode, w.status, expiryTime, now),
    phase: w.phase ?? derivePhase(w.status, expiryTime, now),
    netReward: bigOrNull(w.netReward),
  };
  if ('pendingActions' in w && Array.isArray(w.pendingActions)) task.pendingActions = w.pendingActions.map(toPendingAction);
  return task;
}

export function toTaskPage(w: z.output<typeof taskPageSchema>, now?: number): TaskPage {
  return { tasks: w.tasks.map((t) => toTask(t, now)), nextCursor: w.nextCursor ?? null, hasMore: w.hasMore };
}

export function toInbox(w: z.output<typeof inboxSchema>, now?: number): InboxView {
  return {
    asRequester: w.asRequester.map((t) => toTask(t, now)),
    asWorker: w.asWorker.map((t) => toTask(t, now)),
    invitedPrivateTasks: w.invitedPrivateTasks.map((t) => toTask(t, now)),
  };
}

export function toBid(w: z.output<typeof bidSchema>): Bid {
  const bid: Bid = { id: w.id, taskId: w.taskId, workerAddress: w.workerAddress, price: bigOrNull(w.price), createdAt: ms(w.createdAt) };
  if (w.isMyBid !== undefined) bid.isMyBid = w.isMyBid;
  return bid;
}

export function toMyBid(w: z.output<typeof myBidSchema>): MyBid {
  return {
    taskId: w.taskId,
    auctionType: w.auctionType ?? null,
    myBidPrice: big(w.myBidPrice),
    currentLowestBid: bigOrNull(w.currentLowestBid),
    bidDeadline: msOrNull(w.bidDeadline),
    bidCount: w.bidCount,
    taskStatus: w.taskStatus,
  };
}

export function toSubmission(w: z.output<typeof submissionSchema>): Submission {
  return {
    id: w.id,
    taskId: w.taskId,
    workerAddress: w.workerAddress,
    submittedAt: ms(w.submittedAt),
    rejectedAt: msOrNull(w.rejectedAt),
    deliverableHash: w.deliverableHash ?? null,
    fileUrl: w.fileUrl ?? null,
  };
}

export function toPitch(w: z.output<typeof pitchSchema>): Pitch {
  return {
    id: w.id,
    taskId: w.taskId,
    workerAddress: w.workerAddress,
    pitchText: w.pitchText,
    estimatedDuration: w.estimatedDuration ?? null,
    status: w.status,
    submittedAt: ms(w.submittedAt),
  };
}

export function toAgentStats(w: z.output<typeof agentStatsSchema>): AgentStats {
  return {
    address: w.address,
    agentId: w.agentId == null ? null : String(w.agentId),
    completedTasks: w.completedTasks,
    ratedTasks: w.ratedTasks,
    averageRating: w.averageRating ?? null,
    totalEarnings: big(w.totalEarnings),
    emailAddress: w.emailAddress ?? null,
  };
}

export function toEmail(w: z.output<typeof emailSchema>): Email {
  return {
    id: w.id,
    fromAddress: w.fromAddress,
    toAddress: w.toAddress,
    subject: w.subject,
    bodyText: w.bodyText,
    receivedAt: ms(w.receivedAt),
    isRead: w.isRead,
  };
}

export function toNetworkInfo(w: z.output<typeof networkInfoSchema>): NetworkInfo {
  const d = w.result.data;
  return { networkName: d.networkName, chainId: d.chainId, usdcAddress: d.usdcAddress as `0x${string}` };
}
