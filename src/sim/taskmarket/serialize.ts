// TaskResponse exactly as the backend shapes it (taskmarket-backend.md §1.2 fields, §2 derived fields,
// §3 clock): money as base-unit strings, ISO dates, list rows without pendingActions, detail with
// pendingActions, awards and clock milestones.
import { lowestPrice } from '../../core/auction-rules.js';
import { clockMilestones, clockPrice } from '../../core/clock.js';
import { computePendingActions, latestSubmissionWorker } from '../../core/pending-actions.js';
import { netReward, submissionWindowOpen, taskPhase } from '../../core/task-derived.js';
import type { PendingAction, Task } from '../../core/types.js';
import { accountsOf } from './accounts/accounts.js';
import type { Sim } from '../sim.js';
import type { AwardRecord, BidRecord, TaskRecord } from '../state.js';

// toISOString dominated the detail route's CPU; the same few instants repeat on every poll.
const isoCache = new Map<number, string>();
function iso(ms: number | null): string | null {
  if (ms === null) return null;
  let s = isoCache.get(ms);
  if (s === undefined) {
    if (isoCache.size >= 50_000) isoCache.clear();
    s = new Date(ms).toISOString();
    isoCache.set(ms, s);
  }
  return s;
}
const str = (v: bigint | null): string | null => (v === null ? null : v.toString());
const same = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && a.toLowerCase() === b.toLowerCase();

export const bidsOf = (sim: Sim, taskId: string): BidRecord[] => sim.state.bids.filter((b) => b.taskId === taskId);
export const awardsOf = (sim: Sim, taskId: string): AwardRecord[] =>
  sim.state.awards.filter((a) => a.taskId === taskId).sort((a, b) => a.rank - b.rank);

/** The core Task model of a stored task at `now` (derived counts, clock, window, phase; no pendingActions). */
export function taskModel(sim: Sim, t: TaskRecord, now: number, view: 'list' | 'detail' = 'detail'): Task {
  const bids = t.mode === 'auction' ? bidsOf(sim, t.id) : [];
  const submissionCount = sim.state.submissions.filter((s) => s.taskId === t.id && s.rejectedAt === null).length;
  const pitchCount = sim.state.pitches.filter((p) => p.taskId === t.id).length;
  const isClock = t.auctionType === 'dutch' || t.auctionType === 'reverse_dutch';
  return {
    id: t.id,
    referenceCode: t.referenceCode,
    requester: t.requester,
    description: t.description,
    reward: t.reward,
    expiryTime: t.expiryTime,
    status: t.status,
    tags: t.tags,
    mode: t.mode,
    taskVisibility: t.taskVisibility,
    submissionVisibility: t.submissionVisibility,
    pitchDeadline: t.pitchDeadline,
    claimedBy: t.claimedBy,
    claimedAt: t.claimedAt,
    platformFeeBps: t.platformFeeBps,
    metricDescription: t.metricDescription,
    metricTarget: t.metricTarget,
    evaluator: t.evaluator,
    disputeResolver: t.disputeResolver,
    evaluatorDeadline: t.evaluatorDeadline,
    appealDeadline: t.appealDeadline,
    submissionCount,
    pitchCount,
    auctionBidCount: t.mode === 'auction' ? bids.length : null,
    currentLowestBid: t.auctionType === 'english' ? lowestPrice(bids) : null,
    currentAuctionPrice: t.mode === 'auction' && isClock ? clockPrice(t, now) : null,
    submissionWindowOpen: submissionWindowOpen(t, now),
    phase: taskPhase(t.status, t.expiryTime, now),
    netReward: netReward(grossOf(t, bids, view), t.platformFeeBps),
    auctionType: t.auctionType,
    createdAt: t.createdAt,
    bidDeadline: t.bidDeadline,
    maxPrice: t.maxPrice,
    auctionStartPrice: t.auctionStartPrice,
    auctionFloorPrice: t.auctionFloorPrice,
  };
}

/** §2.4 gross: non-auction → reward; auction detail → winner's latest bid once not open; list → min bid if claimed. */
function grossOf(t: TaskRecord, bids: BidRecord[], view: 'list' | 'detail' | 'update'): bigint | null {
  if (t.mode !== 'auction') return t.reward;
  if (view === 'update') return null;
  if (view === 'list') return t.claimedBy ? lowestPrice(bids) : null;
  if (t.status === 'open') return null;
  let latest: BidRecord | null = null;
  for (const b of bids) if (same(b.workerAddress, t.claimedBy) && (!latest || b.createdAt >= latest.createdAt)) latest = b;
  return latest ? latest.price : null;
}

/** Whether `caller` may see submissions of task `t` under its submissionVisibility (for latestSubmissionWorker). */
function seesSubmissions(t: TaskRecord, caller: string | null, worker: string): boolean {
  if (t.submissionVisibility === 'public') return true;
  if (same(caller, t.requester) || same(caller, worker)) return true;
  return t.submissionVisibility === 'reveal_all' && (t.status === 'completed' || t.status === 'cancelled' || t.status === 'expired');
}

export function pendingActionsOf(sim: Sim, t: TaskRecord, model: Task, caller: string | null, now: number): PendingAction[] {
  const subs = sim.state.submissions.filter((s) => s.taskId === t.id);
  let latest = latestSubmissionWorker(subs, t.status, t.mode);
  if (latest !== null && !seesSubmissions(t, caller, latest)) latest = null;
  const contest = t.mode === 'bounty' || t.mode === 'benchmark';
  const appealEligibleWorker =
    t.status === 'appealing' && contest && caller !== null && subs.some((s) => same(s.workerAddress, caller)) ? caller : null;
  return computePendingActions(
    model,
    {
      bidCount: model.auctionBidCount ?? 0,
      latestSubmissionWorker: latest,
      appealEligibleWorker,
      awardWorkers: awardsOf(sim, t.id).map((a) => ({ address: a.workerAddress, rating: a.rating })),
    },
    now,
  );
}

function actionJson(a: PendingAction) {
  return {
    role: a.role,
    action: a.action,
    command: a.command,
    eligibleAddress: a.eligibleAddress,
    requiresPayment: a.requiresPayment,
    paymentAmount: str(a.paymentAmount),
    availableAfter: iso(a.availableAfter),
    availableUntil: iso(a.availableUntil),
    targetWorker: a.targetWorker,
  };
}

export interface TaskJsonOptions {
  view: 'list' | 'detail' | 'update';
  caller?: string | null;
  now?: number;
}

/** The wire TaskResponse (list row) or TaskDetailResponse (detail/update). */
export function taskJson(sim: Sim, t: TaskRecord, opts: TaskJsonOptions): Record<string, unknown> {
  const now = opts.now ?? sim.now();
  const m = taskModel(sim, t, now, opts.view === 'list' ? 'list' : 'detail');
  const awards = awardsOf(sim, t.id);
  const primary = awards.find((a) => a.rank === 1) ?? null;
  const gross = opts.view === 'update' ? netReward(grossOf(t, [], 'update'), t.platformFeeBps) : m.netReward;
  const out: Record<string, unknown> = {
    id: t.id,
    referenceCode: t.referenceCode,
    requester: t.requester,
    requesterPubkey: t.requesterPubkey,
    description: t.description,
    reward: t.reward.toString(),
    escrowTxHash: t.escrowTxHash,
    createdAt: iso(t.createdAt),
    expiryTime: iso(t.expiryTime),
    status: t.status,
    tags: t.tags,
    mode: t.mode,
    taskVisibility: t.taskVisibility,
    submissionVisibility: t.submissionVisibility,
    hasAccessPassword: t.accessPassword !== null,
    stakeRequired: t.stakeRequired,
    stakeBps: t.stakeBps,
    pitchDeadline: iso(t.pitchDeadline),
    bidDeadline: iso(t.bidDeadline),
    maxPrice: str(t.maxPrice),
    metricDescription: t.metricDescription,
    metricTarget: t.metricTarget,
    claimedBy: t.claimedBy,
    claimedAt: iso(t.claimedAt),
    platformFeeBps: t.platformFeeBps,
    submissionCount: m.submissionCount,
    awardCount: awards.length,
    primaryAward: primary ? { workerAddress: primary.workerAddress, rating: primary.rating } : null,
    pitchCount: m.pitchCount,
    requesterAgentId: accountsOf(sim).agent(t.requester)?.agentId ?? null,
    requesterActorType: 'agent',
    workerAgentId: t.claimedBy ? (accountsOf(sim).agent(t.claimedBy)?.agentId ?? null) : null,
    workerActorType: t.claimedBy ? 'agent' : null,
    auctionType: t.auctionType,
    auctionStartPrice: str(t.auctionStartPrice),
    auctionFloorPrice: str(t.auctionFloorPrice),
    currentAuctionPrice: str(m.currentAuctionPrice),
    auctionBidCount: m.auctionBidCount,
    currentLowestBid: str(m.currentLowestBid),
    hookContract: t.hookContract,
    evaluator: t.evaluator,
    evaluatorStake: str(t.evaluatorStake),
    evaluatorFeeBps: t.evaluatorFeeBps,
    evaluationWindow: t.evaluationWindow,
    appealWindow: t.appealWindow,
    disputeResolver: t.disputeResolver,
    appealDeadline: iso(t.appealDeadline),
    evaluatorDeadline: iso(t.evaluatorDeadline),
    verdictType: t.verdictType,
    verdictScore: t.verdictScore,
    verdictConfidence: t.verdictConfidence,
    verdictEvidenceHash: t.verdictEvidenceHash,
    submissionWindowOpen: m.submissionWindowOpen,
    phase: m.phase,
    netReward: str(gross),
    selfAward: t.selfAward,
    taskDropId: t.taskDropId,
  };
  if (opts.view === 'list') return out;
  const { reachesFloorAt, reachesMaxAt } = clockMilestones(t);
  out.auctionPriceReachesFloorAt = t.mode === 'auction' ? iso(reachesFloorAt) : null;
  out.auctionPriceReachesMaxAt = t.mode === 'auction' ? iso(reachesMaxAt) : null;
  out.hooks = t.hookContract ? [{ hookContract: t.hookContract, hookData: t.hookData }] : [];
  out.awards =
    opts.view === 'update'
      ? []
      : awards.map((a) => ({
          workerAddress: a.workerAddress,
          workerAgentId: accountsOf(sim).agent(a.workerAddress)?.agentId ?? null,
          workerActorType: 'agent',
          rank: a.rank,
          isPrimary: a.rank === 1,
          grossAmount: (a.workerPayment + a.platformFee).toString(),
          workerPayment: a.workerPayment.toString(),
          platformFee: a.platformFee.toString(),
          settlementTxHash: a.settlementTxHash,
          settledAt: iso(a.settledAt),
          rating: a.rating,
        }));
  out.pendingActions = pendingActionsOf(sim, t, m, opts.caller ?? null, now).map(actionJson);
  return out;
}
