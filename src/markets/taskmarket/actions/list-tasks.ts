import type { TaskListQuery, TaskPage } from '../../market.js';
import type { Query, TaskmarketClient } from '../client.js';
import { toTaskPage } from '../normalize.js';
import { parseWire } from '../parse.js';
import { taskPageSchema } from '../schemas/task.js';

export type ListTasksParameters = TaskListQuery & { signal?: AbortSignal; readAuth?: boolean };
export type ListTasksResult = TaskPage;

/** The query string `taskmarket task list` sends (cli §1.2), plus the server's `sort` (backend §1.2). */
export function listTasksQuery(q: TaskListQuery): Query {
  return {
    status: q.status,
    phase: q.phase,
    mode: q.mode,
    auctionType: q.auctionType,
    tags: q.tags && q.tags.length > 0 ? q.tags.join(',') : undefined,
    minReward: q.minReward?.toString(),
    maxReward: q.maxReward?.toString(),
    deadlineHours: q.deadlineHours,
    limit: String(q.limit ?? 20),
    cursor: q.cursor,
    sort: q.sort,
  };
}

/** GET /api/tasks → `{tasks, nextCursor, hasMore}`; rows carry no pendingActions. */
export async function listTasks(client: TaskmarketClient, p: ListTasksParameters = {}): Promise<ListTasksResult> {
  const body = await client.get('/api/tasks', { query: listTasksQuery(p), readAuth: p.readAuth ?? true, ...(p.signal ? { signal: p.signal } : {}) });
  return toTaskPage(parseWire(taskPageSchema, body, 'GET /api/tasks'));
}
