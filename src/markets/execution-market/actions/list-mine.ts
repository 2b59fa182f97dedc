import type { Address, Task } from '../../../core/types.js';
import type { EmClient } from '../client.js';
import { ADDRESS_RE, type EmStatus } from '../constants.js';
import { toEmTask } from '../normalize.js';
import { ownPageSchema } from '../schemas/task.js';
import { invalid, parse, requireSigner } from './common.js';

export interface ListMineParameters {
  status?: EmStatus;
  category?: string;
  limit?: number;
  offset?: number;
  /** The publisher to list (§9 `publisher=`); default the signer's own wallet. */
  publisher?: Address;
  signal?: AbortSignal;
}

export interface ListMineResult {
  tasks: Task[];
  total: number;
  count: number;
  offset: number;
  hasMore: boolean;
}

/** Signed GET /tasks?publisher=<me> — the tasks this wallet published, newest first (§4a, §9). */
export async function listMine(client: EmClient, p: ListMineParameters = {}): Promise<ListMineResult> {
  const me = p.publisher ?? requireSigner(client).address;
  if (!ADDRESS_RE.test(me)) throw invalid('publisher must be a 0x address');
  const limit = p.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalid('limit must be 1–100');
  const route = 'GET /tasks';
  const res = await client.call({
    method: 'GET',
    path: '/tasks',
    route,
    query: { publisher: me.toLowerCase(), status: p.status, category: p.category, limit, offset: p.offset ?? 0 },
    ...(p.signal ? { signal: p.signal } : {}),
  });
  const page = parse(ownPageSchema, res.body, route);
  const now = client.now();
  return { tasks: page.tasks.map((t) => toEmTask(t, { now })), total: page.total, count: page.count, offset: page.offset, hasMore: page.has_more };
}
