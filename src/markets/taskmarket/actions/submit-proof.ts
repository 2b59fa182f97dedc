import { z } from 'zod';
import { taskPath } from './task-path.js';
import { paidCall, signMessage, STANDARD_ACTION_FEE, type WriteContext, type WriteMeta, type WriteOptions } from './write-common.js';

export interface SubmitProofParameters extends WriteOptions {
  taskId: string;
  proofData: string;
  proofType: string;
  /** Non-negative integer as a string (backend §1.6). */
  metricValue?: string;
}
export interface SubmitProofResult extends WriteMeta {
  proofId: string;
  submissionId: string | null;
}

const resultSchema = z.object({
  proofId: z.union([z.string().min(1).max(200), z.number()]).transform(String),
  submissionId: z.union([z.string().max(200), z.number()]).nullish().transform((v) => (v == null ? null : String(v))),
});

/** POST /api/tasks/{id}/proofs — x402 0.001 USDC, payer = worker, signed `taskmarket:proof:<id>` (cli §1.2 `proof`). */
export async function submitProof(ctx: WriteContext, p: SubmitProofParameters): Promise<SubmitProofResult> {
  const { address, signature } = await signMessage(ctx.client, `taskmarket:proof:${p.taskId}`);
  const body: Record<string, unknown> = { taskId: p.taskId, workerAddress: address, proofData: p.proofData, proofType: p.proofType };
  if (p.metricValue !== undefined) body.metricValue = p.metricValue;
  body.signature = signature;
  const r = await paidCall(ctx, {
    path: taskPath(p.taskId, '/proofs'),
    route: 'POST /api/tasks/{taskId}/proofs',
    body,
    expectedAmount: STANDARD_ACTION_FEE,
    schema: resultSchema,
    signal: p.signal,
    idempotencyKey: p.idempotencyKey,
  });
  return { proofId: r.data.proofId, submissionId: r.data.submissionId, idempotencyKey: r.idempotencyKey, paid: r.paid };
}
