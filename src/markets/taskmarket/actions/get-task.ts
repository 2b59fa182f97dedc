import type { Task } from '../../../core/types.js';
import type { TaskmarketClient } from '../client.js';
import { toTask } from '../normalize.js';
import { parseWire } from '../parse.js';
import { taskGetSchema } from '../schemas/task.js';
import { taskPath } from './task-path.js';

export interface GetTaskParameters {
  taskId: string;
  signal?: AbortSignal;
  /** The CLI's `task accept` pre-check reads anonymously (cli §4.2); default is read-auth when a signer exists. */
  readAuth?: boolean;
}
export type GetTaskResult = Task | null;

/** GET /api/tasks/{id}: detail with pendingActions; JSON null → null (backend §1.2). */
export async function getTask(client: TaskmarketClient, p: GetTaskParameters): Promise<GetTaskResult> {
  const body = await client.get(taskPath(p.taskId), { readAuth: p.readAuth ?? true, ...(p.signal ? { signal: p.signal } : {}) });
  const wire = parseWire(taskGetSchema, body, 'GET /api/tasks/{taskId}');
  return wire === null ? null : toTask(wire);
}
