// Submissions (taskmarket-backend.md §1.7; taskmarket-cli.md §4.2 Submission).
import { z } from 'zod';
import { id, isoTime, maybe } from './common.js';

export const submissionSchema = z.object({
  id,
  taskId: id,
  workerAddress: z.string().max(200),
  submittedAt: isoTime,
  rejectedAt: maybe(isoTime),
  deliverableHash: maybe(z.string().max(200)),
  fileUrl: maybe(z.string().max(4000)),
});
export const submissionListSchema = z.array(submissionSchema).max(10_000);
