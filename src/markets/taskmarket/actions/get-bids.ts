import type { Bid } from '../../../core/types.js';
import type { TaskmarketClient } from '../client.js';
import { toBid } from '../normalize.js';
import { parseWire } from '../parse.js';
import { bidListSchema } from '../schemas/bids.js';
import { taskPath } from './task-path.js';

export interface GetBidsParameters {
  taskId: string;
  signal?: AbortSignal;
}
export type GetBidsResult = Bid[];

/** GET /api/tasks/{id}/bids (price ascending; sealed reverse-English entries have null worker/price, backend §1.3). */
export async function getBids(client: TaskmarketClient, p: GetBidsParameters): Promise<GetBidsResult> {
  const body = await client.get(taskPath(p.taskId, '/bids'), { readAuth: true, ...(p.signal ? { signal: p.signal } : {}) });
  return parseWire(bidListSchema, body, 'GET /api/tasks/{taskId}/bids').map(toBid);
}
