import type { EmClient } from '../client.js';
import { toApplication, type EmApplication } from '../normalize.js';
import { applicationsSchema } from '../schemas/review.js';
import { idPath, parse } from './common.js';

/** Signed GET /tasks/{id}/applications — publisher only, oldest first (§4a). */
export async function getApplications(client: EmClient, p: { taskId: string; signal?: AbortSignal }): Promise<EmApplication[]> {
  const route = 'GET /tasks/{task_id}/applications';
  const res = await client.call({ method: 'GET', path: `/tasks/${idPath(p.taskId)}/applications`, route, ...(p.signal ? { signal: p.signal } : {}) });
  return parse(applicationsSchema, res.body, route).applications.map(toApplication);
}
