import { randomUUID } from 'node:crypto';
import { parseWire } from '../parse.js';
import { txResultSchema } from '../schemas/writes.js';
import { taskPath } from './task-path.js';
import type { WriteContext, WriteOptions } from './write-common.js';

export interface FinalizeVerdictParameters extends WriteOptions {
  taskId: string;
}
export interface FinalizeVerdictResult {
  txHash: string | null;
  idempotencyKey: string;
}

/** POST /api/tasks/{id}/finalize-verdict {taskId} — free and permissionless after the appeal window (cli §1.2). */
export async function finalizeVerdict(ctx: WriteContext, p: FinalizeVerdictParameters): Promise<FinalizeVerdictResult> {
  const idempotencyKey = p.idempotencyKey ?? randomUUID();
  const body = await ctx.client.post(taskPath(p.taskId, '/finalize-verdict'), { taskId: p.taskId }, { idempotencyKey, ...(p.signal ? { signal: p.signal } : {}) });
  return { txHash: parseWire(txResultSchema, body, 'POST /api/tasks/{taskId}/finalize-verdict').txHash ?? null, idempotencyKey };
}
