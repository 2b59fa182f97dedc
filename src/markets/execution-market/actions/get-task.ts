import type { Task } from '../../../core/types.js';
import type { EmClient } from '../client.js';
import { toEmTask, type NormalizeContext } from '../normalize.js';
import { taskSchema } from '../schemas/task.js';
import { idPath, parse } from './common.js';
import { emHttpError } from '../client.js';

export interface GetTaskParameters {
  taskId: string;
  signal?: AbortSignal;
  /** Sign the read (default when the client has a signer): participants see a cancelled/expired task, others get 410. */
  signed?: boolean;
  context?: NormalizeContext;
}

/** GET /tasks/{id} → the task; null when EM says it does not exist (404) or is gone for this caller (410, §13.3). */
export async function getTask(client: EmClient, p: GetTaskParameters): Promise<Task | null> {
  const route = 'GET /tasks/{task_id}';
  const res = await client.send({ method: 'GET', path: `/tasks/${idPath(p.taskId)}`, route, ...(p.signed !== undefined ? { signed: p.signed } : {}), ...(p.signal ? { signal: p.signal } : {}) });
  if (res.status === 404 || res.status === 410) return null;
  if (res.status !== 200) throw emHttpError(res, client.now());
  return toEmTask(parse(taskSchema, res.body, route), { now: client.now(), ...p.context });
}
