import { parseWire } from '../parse.js';
import { claimResultSchema } from '../schemas/writes.js';
import { taskPath } from './task-path.js';
import { signMessage, type WriteContext, type WriteOptions } from './write-common.js';
import { randomUUID } from 'node:crypto';

export interface ClaimParameters extends WriteOptions {
  taskId: string;
  signal?: AbortSignal;
}
export interface ClaimResult {
  claimId: string;
  idempotencyKey: string;
}

/** POST /api/tasks/{id}/claim {workerAddress, signature} — free, signed `taskmarket:claim:<taskId>` (cli §1.2, §2.4). */
export async function claim(ctx: WriteContext, p: ClaimParameters): Promise<ClaimResult> {
  const { address, signature } = await signMessage(ctx.client, `taskmarket:claim:${p.taskId}`);
  const idempotencyKey = p.idempotencyKey ?? randomUUID();
  const body = await ctx.client.post(taskPath(p.taskId, '/claim'), { workerAddress: address, signature }, { idempotencyKey, ...(p.signal ? { signal: p.signal } : {}) });
  return { claimId: parseWire(claimResultSchema, body, 'POST /api/tasks/{taskId}/claim').claimId, idempotencyKey };
}
