// Task row, task detail and list page (taskmarket-backend.md §1.2 TaskResponse, §2.2 PendingAction;
// taskmarket-cli.md §4.2). Rows carry no pendingActions; detail carries them (required). Honest polls:
// a field the backend always sends is required here, so a wrong-shaped 200 is a fault (MarketError
// 'schema'), never a row filled with defaults; only fields the backend itself may omit are optional.
import { z } from 'zod';
import {
  actionName,
  actionRole,
  address,
  auctionType,
  baseUnits,
  count,
  id,
  isoTime,
  maybe,
  mode,
  phase,
  submissionVisibility,
  taskStatus,
  taskVisibility,
} from './common.js';

/** §2.2: `{role, action, command, eligibleAddress, requiresPayment, paymentAmount, availableAfter, availableUntil, targetWorker}`. */
export const pendingActionSchema = z.object({
  role: actionRole,
  action: actionName,
  command: z.string().max(2000),
  eligibleAddress: maybe(z.string().max(200)),
  requiresPayment: z.boolean().optional(),
  paymentAmount: maybe(baseUnits),
  availableAfter: maybe(isoTime),
  availableUntil: maybe(isoTime),
  targetWorker: maybe(z.string().max(200)),
});
export type WirePendingAction = z.infer<typeof pendingActionSchema>;

export const taskRowSchema = z.object({
  id,
  referenceCode: maybe(z.string().max(64)),
  requester: z.string().max(200),
  description: z.string().max(100_000),
  reward: baseUnits,
  createdAt: isoTime,
  expiryTime: isoTime,
  status: taskStatus,
  tags: z.array(z.string().max(200)).max(100),
  mode,
  taskVisibility,
  submissionVisibility,
  pitchDeadline: maybe(isoTime),
  bidDeadline: maybe(isoTime),
  maxPrice: maybe(baseUnits),
  metricDescription: maybe(z.string().max(10_000)),
  metricTarget: maybe(z.string().max(10_000)),
  claimedBy: maybe(z.string().max(200)),
  claimedAt: maybe(isoTime),
  platformFeeBps: z.number().int().min(0).max(10_000),
  submissionCount: count,
  pitchCount: count,
  auctionType: maybe(auctionType),
  auctionStartPrice: maybe(baseUnits),
  auctionFloorPrice: maybe(baseUnits),
  currentAuctionPrice: maybe(baseUnits),
  auctionBidCount: maybe(count),
  currentLowestBid: maybe(baseUnits),
  evaluator: maybe(z.string().max(200)),
  disputeResolver: maybe(z.string().max(200)),
  evaluatorDeadline: maybe(isoTime),
  appealDeadline: maybe(isoTime),
  submissionWindowOpen: z.boolean().optional(),
  phase: phase.optional(),
  netReward: maybe(baseUnits),
});
export type WireTaskRow = z.infer<typeof taskRowSchema>;

/** Detail = row + required pendingActions (+ awards and clock fields the desk may show). */
export const taskDetailSchema = taskRowSchema.extend({
  pendingActions: z.array(pendingActionSchema).max(100),
  awards: z
    .array(
      z.object({
        workerAddress: z.string().max(200),
        rank: z.number().int().min(0),
        workerPayment: baseUnits,
        platformFee: baseUnits,
        rating: maybe(z.number().int()),
      }),
    )
    .max(1000)
    .optional(),
  auctionPriceReachesFloorAt: maybe(isoTime),
  auctionPriceReachesMaxAt: maybe(isoTime),
});
export type WireTaskDetail = z.infer<typeof taskDetailSchema>;

/** GET /api/tasks/{id}: JSON `null` for unknown / not viewable (§1.2). */
export const taskGetSchema = taskDetailSchema.nullable();

/** GET /api/tasks → `{tasks, nextCursor, hasMore}`. */
export const taskPageSchema = z.object({
  tasks: z.array(taskRowSchema).max(1000),
  nextCursor: maybe(z.string().max(200)),
  hasMore: z.boolean(),
});

/**
 * GET /api/agents/inbox → `{asRequester, asWorker, invitedPrivateTasks}` (§1.10). The two lists are
 * always sent (a fresh address gets empty arrays), so a body without them is a fault, never an empty
 * inbox; only `invitedPrivateTasks`, which older backends omit, defaults.
 */
export const inboxSchema = z.object({
  asRequester: z.array(taskRowSchema).max(1000),
  asWorker: z.array(taskRowSchema).max(1000),
  invitedPrivateTasks: z.array(taskRowSchema).max(1000).default([]),
});

/** GET /api/tasks/stats → `{count, totalRewards}`. */
export const taskStatsSchema = z.object({ count: count, totalRewards: baseUnits });

export { address };
