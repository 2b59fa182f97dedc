import { randomUUID } from 'node:crypto';
import { parseWire } from '../parse.js';
import { txResultSchema } from '../schemas/writes.js';
import { taskPath } from './task-path.js';
import { signMessage, type WriteContext, type WriteOptions } from './write-common.js';

export interface ForfeitParameters extends WriteOptions {
  taskId: string;
  signal?: AbortSignal;
}
export interface ForfeitResult {
  txHash: string | null;
  idempotencyKey: string;
}

/** POST /api/tasks/{id}/forfeit {taskId, requesterAddress, signature} — free, requester-signed `taskmarket:forfeit:<id>`. */
export async function forfeit(ctx: WriteContext, p: ForfeitParameters): Promise<ForfeitResult> {
  const { address, signature } = await signMessage(ctx.client, `taskmarket:forfeit:${p.taskId}`);
  const idempotencyKey = p.idempotencyKey ?? randomUUID();
  const body = await ctx.client.post(
    taskPath(p.taskId, '/forfeit'),
    { taskId: p.taskId, requesterAddress: address, signature },
    { idempotencyKey, ...(p.signal ? { signal: p.signal } : {}) },
  );
  return { txHash: parseWire(txResultSchema, body, 'POST /api/tasks/{taskId}/forfeit').txHash ?? null, idempotencyKey };
}
