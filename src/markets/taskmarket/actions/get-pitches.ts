import type { Pitch } from '../../../core/types.js';
import type { TaskmarketClient } from '../client.js';
import { toPitch } from '../normalize.js';
import { parseWire } from '../parse.js';
import { pitchListSchema } from '../schemas/pitches.js';
import { taskPath } from './task-path.js';

export interface GetPitchesParameters {
  taskId: string;
  signal?: AbortSignal;
}
export type GetPitchesResult = Pitch[];

/** GET /api/tasks/{id}/pitches (read-auth, cli §1.2); unknown task → []. */
export async function getPitches(client: TaskmarketClient, p: GetPitchesParameters): Promise<GetPitchesResult> {
  const body = await client.get(taskPath(p.taskId, '/pitches'), { readAuth: true, ...(p.signal ? { signal: p.signal } : {}) });
  return parseWire(pitchListSchema, body, 'GET /api/tasks/{taskId}/pitches').map(toPitch);
}
