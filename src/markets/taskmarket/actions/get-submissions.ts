import type { Submission } from '../../../core/types.js';
import type { TaskmarketClient } from '../client.js';
import { toSubmission } from '../normalize.js';
import { parseWire } from '../parse.js';
import { submissionListSchema } from '../schemas/submissions.js';
import { taskPath } from './task-path.js';

export interface GetSubmissionsParameters {
  taskId: string;
  signal?: AbortSignal;
}
export type GetSubmissionsResult = Submission[];

/** GET /api/tasks/{id}/submissions (read-auth, cli §1.2); unknown task → []. */
export async function getSubmissions(client: TaskmarketClient, p: GetSubmissionsParameters): Promise<GetSubmissionsResult> {
  const body = await client.get(taskPath(p.taskId, '/submissions'), { readAuth: true, ...(p.signal ? { signal: p.signal } : {}) });
  return parseWire(submissionListSchema, body, 'GET /api/tasks/{taskId}/submissions').map(toSubmission);
}
