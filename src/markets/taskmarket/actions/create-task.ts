import type { AuctionType, Mode, SubmissionVisibility, TaskVisibility } from '../../../core/types.js';
import { MarketError } from '../../errors.js';
import { createTaskResultSchema } from '../schemas/writes.js';
import { paidCall, type WriteContext, type WriteMeta, type WriteOptions } from './write-common.js';

export interface CreateTaskParameters extends WriteOptions {
  description: string;
  reward: bigint;
  /** Hours (may be fractional), sent as-is like the CLI (`duration`, backend §0). */
  durationHours: number;
  mode?: Mode;
  tags?: string[];
  taskVisibility?: TaskVisibility;
  submissionVisibility?: SubmissionVisibility;
  /** Hours; the CLI sends parseInt(hours)*3600 seconds (cli §4.3). */
  pitchDeadlineHours?: number;
  /** Hours; the CLI sends the raw integer hour count (cli §4.3, §10). */
  bidDeadlineHours?: number;
  auctionType?: AuctionType;
  auctionStartPrice?: bigint;
  auctionFloorPrice?: bigint;
  metricDescription?: string;
  metricTarget?: string;
  evaluator?: string;
  evaluatorFeeBps?: number;
  evaluationWindowHours?: number;
  appealWindowHours?: number;
  disputeResolver?: string;
  signal?: AbortSignal;
}
export interface CreateTaskResult extends WriteMeta {
  taskId: string;
}

/** The body `taskmarket task create` sends (cli §4.3), field for field. */
export function createTaskBody(p: CreateTaskParameters): Record<string, unknown> {
  if (p.reward <= 0n) throw new MarketError('http', 'Reward must be greater than zero', { reason: 'invalid_params' });
  const mode = p.mode ?? 'bounty';
  const body: Record<string, unknown> = {
    description: p.description,
    reward: p.reward.toString(),
    duration: p.durationHours,
    mode,
    taskVisibility: p.taskVisibility ?? 'public',
    submissionVisibility: p.submissionVisibility ?? 'public',
    tags: p.tags ?? [],
    stakeRequired: false,
    stakeBps: 0,
  };
  if (p.pitchDeadlineHours !== undefined) body.pitchDeadline = Math.trunc(p.pitchDeadlineHours) * 3600;
  if (p.bidDeadlineHours !== undefined) body.bidDeadline = Math.trunc(p.bidDeadlineHours);
  if (mode === 'auction') body.maxPrice = p.reward.toString(); // "maxPrice must equal reward for auction mode" (backend §1.2)
  if (p.auctionType) body.auctionType = p.auctionType;
  if (p.auctionStartPrice !== undefined) body.auctionStartPrice = p.auctionStartPrice.toString();
  if (p.auctionFloorPrice !== undefined) body.auctionFloorPrice = p.auctionFloorPrice.toString();
  if (p.metricDescription !== undefined) body.metricDescription = p.metricDescription;
  if (p.metricTarget !== undefined) body.metricTarget = p.metricTarget;
  if (p.evaluator !== undefined) {
    body.evaluator = p.evaluator;
    if (p.evaluatorFeeBps !== undefined) body.evaluatorFeeBps = p.evaluatorFeeBps;
    if (p.evaluationWindowHours !== undefined) body.evaluationWindowHours = p.evaluationWindowHours;
    if (p.appealWindowHours !== undefined) body.appealWindowHours = p.appealWindowHours;
    if (p.disputeResolver !== undefined) body.disputeResolver = p.disputeResolver;
  }
  return body;
}

/** POST /api/tasks — x402 amount = reward (the escrow, backend §1.1). */
export async function createTask(ctx: WriteContext, p: CreateTaskParameters): Promise<CreateTaskResult> {
  const r = await paidCall(ctx, {
    path: '/api/tasks',
    route: 'POST /api/tasks',
    body: createTaskBody(p),
    expectedAmount: p.reward,
    schema: createTaskResultSchema,
    signal: p.signal,
    idempotencyKey: p.idempotencyKey,
  });
  return { taskId: r.data.taskId, idempotencyKey: r.idempotencyKey, paid: r.paid };
}
