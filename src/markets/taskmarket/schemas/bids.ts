// Bids (taskmarket-backend.md §1.3): sealed reverse-English entries carry null worker and price.
import { z } from 'zod';
import { auctionType, baseUnits, count, id, isoTime, maybe, taskStatus } from './common.js';

export const bidSchema = z.object({
  id,
  taskId: id,
  workerAddress: z.string().max(200).nullable(),
  price: baseUnits.nullable(),
  createdAt: isoTime,
  workerAgentId: maybe(z.union([z.string().max(200), z.number()])),
  isMyBid: z.boolean().optional(),
});
export const bidListSchema = z.array(bidSchema).max(1000);

/** GET /api/bids/my (read-auth) → `[{taskId, auctionType, myBidPrice, currentLowestBid, bidDeadline, bidCount, taskStatus}]`. */
export const myBidSchema = z.object({
  taskId: id,
  auctionType: maybe(auctionType),
  myBidPrice: baseUnits,
  currentLowestBid: maybe(baseUnits),
  bidDeadline: maybe(isoTime),
  bidCount: count,
  taskStatus,
});
export const myBidListSchema = z.array(myBidSchema).max(1000);
