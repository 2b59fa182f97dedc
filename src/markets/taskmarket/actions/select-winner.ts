import { randomUUID } from 'node:crypto';
import type { Address } from '../../../core/types.js';
import { parseWire } from '../parse.js';
import { selectWinnerResultSchema } from '../schemas/writes.js';
import { taskPath } from './task-path.js';
import type { WriteContext, WriteOptions } from './write-common.js';

export interface SelectWinnerParameters extends WriteOptions {
  taskId: string;
  signal?: AbortSignal;
}
export interface SelectWinnerResult {
  workerAddress: Address;
  idempotencyKey: string;
}

/** POST /api/tasks/{id}/bids/select-winner {taskId} — free and permissionless (cli §1.2, backend §1.3). */
export async function selectWinner(ctx: WriteContext, p: SelectWinnerParameters): Promise<SelectWinnerResult> {
  const idempotencyKey = p.idempotencyKey ?? randomUUID();
  const body = await ctx.client.post(taskPath(p.taskId, '/bids/select-winner'), { taskId: p.taskId }, { idempotencyKey, ...(p.signal ? { signal: p.signal } : {}) });
  const w = parseWire(selectWinnerResultSchema, body, 'POST /api/tasks/{taskId}/bids/select-winner');
  return { workerAddress: w.workerAddress as Address, idempotencyKey };
}
