import { pitchResultSchema } from '../schemas/writes.js';
import { taskPath } from './task-path.js';
import { paidCall, signMessage, STANDARD_ACTION_FEE, type WriteContext, type WriteMeta, type WriteOptions } from './write-common.js';

export interface PitchParameters extends WriteOptions {
  taskId: string;
  text: string;
  /** Whole hours, like the CLI's --duration. */
  durationHours?: number;
  signal?: AbortSignal;
}
export interface PitchResult extends WriteMeta {
  pitchId: string;
}

/** POST /api/tasks/{id}/pitches — x402 0.001 USDC, payer = workerAddress, signed `taskmarket:pitch:<id>` (cli §1.2). */
export async function pitch(ctx: WriteContext, p: PitchParameters): Promise<PitchResult> {
  const { address, signature } = await signMessage(ctx.client, `taskmarket:pitch:${p.taskId}`);
  const body: Record<string, unknown> = { taskId: p.taskId, workerAddress: address, pitchText: p.text };
  if (p.durationHours !== undefined) body.estimatedDuration = Math.trunc(p.durationHours);
  body.signature = signature;
  const r = await paidCall(ctx, {
    path: taskPath(p.taskId, '/pitches'),
    route: 'POST /api/tasks/{taskId}/pitches',
    body,
    expectedAmount: STANDARD_ACTION_FEE,
    schema: pitchResultSchema,
    signal: p.signal,
    idempotencyKey: p.idempotencyKey,
  });
  return { pitchId: r.data.pitchId, idempotencyKey: r.idempotencyKey, paid: r.paid };
}
