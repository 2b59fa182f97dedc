import type { Address } from '../../../core/types.js';
import { auctionAcceptResultSchema } from '../schemas/writes.js';
import { taskPath } from './task-path.js';
import { paidCall, STANDARD_ACTION_FEE, type WriteContext, type WriteMeta, type WriteOptions } from './write-common.js';

export interface AuctionAcceptParameters extends WriteOptions {
  taskId: string;
  /** Price-floor guard: the server refuses when the clock is below it (backend §1.3). */
  minPrice?: bigint;
  signal?: AbortSignal;
}
export interface AuctionAcceptResult extends WriteMeta {
  acceptedPrice: bigint;
  workerAddress: Address;
}

/** POST /api/tasks/{id}/bids/accept {taskId, minPrice?} — x402 0.001 USDC (cli §1.2). */
export async function auctionAccept(ctx: WriteContext, p: AuctionAcceptParameters): Promise<AuctionAcceptResult> {
  const body: Record<string, unknown> = { taskId: p.taskId };
  if (p.minPrice !== undefined) body.minPrice = p.minPrice.toString();
  const r = await paidCall(ctx, {
    path: taskPath(p.taskId, '/bids/accept'),
    route: 'POST /api/tasks/{taskId}/bids/accept',
    body,
    expectedAmount: STANDARD_ACTION_FEE,
    schema: auctionAcceptResultSchema,
    signal: p.signal,
    idempotencyKey: p.idempotencyKey,
  });
  return { acceptedPrice: r.data.acceptedPrice, workerAddress: r.data.workerAddress as Address, idempotencyKey: r.idempotencyKey, paid: r.paid };
}
