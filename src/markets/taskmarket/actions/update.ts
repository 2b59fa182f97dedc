import type { Task } from '../../../core/types.js';
import { toTask } from '../normalize.js';
import { taskDetailSchema } from '../schemas/task.js';
import { taskPath } from './task-path.js';
import { paidCall, STANDARD_ACTION_FEE, type WriteContext, type WriteMeta, type WriteOptions } from './write-common.js';

export interface UpdateParameters extends WriteOptions {
  taskId: string;
  /** The task's reward now; needed to price a reward increase (backend §1.1 computeUpdatePaymentAmount). */
  currentReward: bigint;
  reward?: bigint;
  /** Absolute epoch ms; sent as unix seconds (backend §0: update deadlines are absolute seconds). */
  expiryTime?: number;
  bidDeadline?: number;
  pitchDeadline?: number;
  auctionFloorPrice?: bigint;
  auctionStartPrice?: bigint;
  description?: string;
  tags?: string[];
  metricDescription?: string;
  signal?: AbortSignal;
}
export interface UpdateResult extends WriteMeta {
  task: Task;
}

/** x402 amount for update: 1000 + max(0, newReward − currentReward). */
export function updatePrice(currentReward: bigint, reward: bigint | undefined): bigint {
  if (reward === undefined) return STANDARD_ACTION_FEE;
  const increase = reward - currentReward;
  return STANDARD_ACTION_FEE + (increase > 0n ? increase : 0n);
}

const secs = (ms: number) => Math.floor(ms / 1000);

/** POST /api/tasks/{id}/update — body as the CLI builds it (cli §1.2); response is the task in detail shape. */
export async function update(ctx: WriteContext, p: UpdateParameters): Promise<UpdateResult> {
  const body: Record<string, unknown> = { taskId: p.taskId };
  if (p.reward !== undefined) body.reward = p.reward.toString();
  if (p.expiryTime !== undefined) body.expiryTime = secs(p.expiryTime);
  if (p.bidDeadline !== undefined) body.bidDeadline = secs(p.bidDeadline);
  if (p.pitchDeadline !== undefined) body.pitchDeadline = secs(p.pitchDeadline);
  if (p.auctionFloorPrice !== undefined) body.auctionFloorPrice = p.auctionFloorPrice.toString();
  if (p.auctionStartPrice !== undefined) body.auctionStartPrice = p.auctionStartPrice.toString();
  if (p.description !== undefined) body.description = p.description;
  if (p.tags !== undefined) body.tags = p.tags;
  if (p.metricDescription !== undefined) body.metricDescription = p.metricDescription;
  const r = await paidCall(ctx, {
    path: taskPath(p.taskId, '/update'),
    route: 'POST /api/tasks/{taskId}/update',
    body,
    expectedAmount: updatePrice(p.currentReward, p.reward),
    schema: taskDetailSchema,
    signal: p.signal,
    idempotencyKey: p.idempotencyKey,
  });
  return { task: toTask(r.data), idempotencyKey: r.idempotencyKey, paid: r.paid };
}
