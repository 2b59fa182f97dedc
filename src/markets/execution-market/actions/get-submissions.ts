import type { EmClient } from '../client.js';
import { toSubmission, type EmSubmission } from '../normalize.js';
import { submissionsSchema } from '../schemas/review.js';
import { idPath, parse } from './common.js';

/** Signed GET /tasks/{id}/submissions — publisher only, with each submission's evidence (§4a). */
export async function getSubmissions(client: EmClient, p: { taskId: string; signal?: AbortSignal }): Promise<EmSubmission[]> {
  const route = 'GET /tasks/{task_id}/submissions';
  const res = await client.call({ method: 'GET', path: `/tasks/${idPath(p.taskId)}/submissions`, route, ...(p.signal ? { signal: p.signal } : {}) });
  return parse(submissionsSchema, res.body, route).submissions.map(toSubmission);
}
