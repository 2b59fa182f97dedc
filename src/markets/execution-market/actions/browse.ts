import { formatUsdc } from '../../../core/money.js';
import type { Task } from '../../../core/types.js';
import type { EmClient } from '../client.js';
import { toEmTask } from '../normalize.js';
import { availablePageSchema } from '../schemas/task.js';
import { invalid, parse } from './common.js';

export interface BrowseParameters {
  category?: string;
  minBounty?: bigint;
  maxBounty?: bigint;
  targetExecutorType?: 'human' | 'agent' | 'robot' | 'any';
  /** ALL must match (§4a). */
  skills?: readonly string[];
  /** Only tasks created at or after this (epoch ms): the documented way to find new tasks (§6). */
  after?: number;
  includeExpired?: boolean;
  /** Hide tasks this executor applied to. */
  excludeExecutor?: string;
  /** 1–100 (default 20). */
  limit?: number;
  offset?: number;
  signal?: AbortSignal;
}

export interface BrowseResult {
  tasks: Task[];
  count: number;
  offset: number;
  /** X-Total-Count when the server sends it (§13.8.2: unconfirmed in production). */
  total: number | null;
  /** The offset of the next page, or null on the last one. */
  nextOffset: number | null;
}

/** GET /tasks/available — public, newest first, paged by limit/offset (§4a, §6). */
export async function browse(client: EmClient, p: BrowseParameters = {}): Promise<BrowseResult> {
  const limit = p.limit ?? 20;
  const offset = p.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalid('limit must be 1–100');
  if (!Number.isInteger(offset) || offset < 0) throw invalid('offset must be ≥ 0');
  const route = 'GET /tasks/available';
  const res = await client.call({
    method: 'GET',
    path: '/tasks/available',
    route,
    signed: false,
    query: {
      category: p.category,
      min_bounty: p.minBounty !== undefined ? formatUsdc(p.minBounty) : undefined,
      max_bounty: p.maxBounty !== undefined ? formatUsdc(p.maxBounty) : undefined,
      target_executor_type: p.targetExecutorType,
      skills: p.skills && p.skills.length ? p.skills.join(',') : undefined,
      after: p.after !== undefined ? new Date(p.after).toISOString() : undefined,
      include_expired: p.includeExpired,
      exclude_executor: p.excludeExecutor,
      limit,
      offset,
    },
    ...(p.signal ? { signal: p.signal } : {}),
  });
  const page = parse(availablePageSchema, res.body, route);
  const header = res.headers.get('x-total-count');
  const total = header !== null && /^[0-9]{1,9}$/.test(header) ? Number(header) : null;
  const hasNext = total !== null ? page.offset + page.count < total : page.count === limit || /rel="next"/.test(res.headers.get('link') ?? '');
  const now = client.now();
  return { tasks: page.tasks.map((t) => toEmTask(t, { now })), count: page.count, offset: page.offset, total, nextOffset: hasNext ? page.offset + page.count : null };
}
