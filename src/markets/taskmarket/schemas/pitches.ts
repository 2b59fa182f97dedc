// Pitches (taskmarket-backend.md §1.5 GET /api/tasks/{id}/pitches).
import { z } from 'zod';
import { id, isoTime, maybe } from './common.js';

export const pitchSchema = z.object({
  id,
  taskId: id,
  workerAddress: z.string().max(200),
  pitchText: z.string().max(100_000),
  estimatedDuration: maybe(z.number().nonnegative()),
  status: z.enum(['pending', 'selected', 'rejected']),
  submittedAt: isoTime,
});
export const pitchListSchema = z.array(pitchSchema).max(10_000);
