import type { MyBid } from '../../market.js';
import type { TaskmarketClient } from '../client.js';
import { toMyBid } from '../normalize.js';
import { parseWire } from '../parse.js';
import { myBidListSchema } from '../schemas/bids.js';

export type MyBidsResult = MyBid[];

/** GET /api/bids/my — protected by read-auth (backend §1.3); like the CLI, [] when no wallet can sign. */
export async function getMyBids(client: TaskmarketClient, signal?: AbortSignal): Promise<MyBidsResult> {
  if (!client.signer) return [];
  const body = await client.get('/api/bids/my', { readAuth: true, ...(signal ? { signal } : {}) });
  return parseWire(myBidListSchema, body, 'GET /api/bids/my').map(toMyBid);
}
