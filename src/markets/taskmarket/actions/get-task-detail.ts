import type { Award, Task } from '../../../core/types.js';
import type { TaskmarketClient } from '../client.js';
import { toTask } from '../normalize.js';
import { parseWire } from '../parse.js';
import { taskGetSchema } from '../schemas/task.js';
import { taskPath } from './task-path.js';

export interface GetTaskDetailParameters {
  taskId: string;
  signal?: AbortSignal;
  readAuth?: boolean;
}
/** The task (with pendingActions) plus its settled awards (backend §1.2 detail `awards[]`); null when unknown. */
export type GetTaskDetailResult = { task: Task; awards: Award[] } | null;

export async function getTaskDetail(client: TaskmarketClient, p: GetTaskDetailParameters): Promise<GetTaskDetailResult> {
  const body = await client.get(taskPath(p.taskId), { readAuth: p.readAuth ?? true, ...(p.signal ? { signal: p.signal } : {}) });
  const wire = parseWire(taskGetSchema, body, 'GET /api/tasks/{taskId}');
  if (wire === null) return null;
  const awards: Award[] = (wire.awards ?? []).map((a) => ({
    workerAddress: a.workerAddress,
    rank: a.rank,
    workerPayment: BigInt(a.workerPayment),
    platformFee: BigInt(a.platformFee),
    rating: a.rating ?? null,
  }));
  return { task: toTask(wire), awards };
}
