import { bidResultSchema } from '../schemas/writes.js';
import { taskPath } from './task-path.js';
import { paidCall, STANDARD_ACTION_FEE, type WriteContext, type WriteMeta, type WriteOptions } from './write-common.js';

export interface BidParameters extends WriteOptions {
  taskId: string;
  price: bigint;
  signal?: AbortSignal;
}
export interface BidResult extends WriteMeta {
  bidId: string;
}

/** POST /api/tasks/{id}/bids {taskId, price} — x402 0.001 USDC, bidder = payer (backend §1.3). */
export async function bid(ctx: WriteContext, p: BidParameters): Promise<BidResult> {
  const r = await paidCall(ctx, {
    path: taskPath(p.taskId, '/bids'),
    route: 'POST /api/tasks/{taskId}/bids',
    body: { taskId: p.taskId, price: p.price.toString() },
    expectedAmount: STANDARD_ACTION_FEE,
    schema: bidResultSchema,
    signal: p.signal,
    idempotencyKey: p.idempotencyKey,
  });
  return { bidId: r.data.bidId, idempotencyKey: r.idempotencyKey, paid: r.paid };
}
