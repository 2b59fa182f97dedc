import { MarketError } from '../../errors.js';
import { txResultSchema } from '../schemas/writes.js';
import { taskPath } from './task-path.js';
import { paidCall, STANDARD_ACTION_FEE, type WriteContext, type WriteOptions } from './write-common.js';
import type { TxResult } from './simple-paid.js';

export interface AwardInput {
  worker: string;
  /** Base units (the CLI converts `--award worker:<usdc>:rank`). */
  amount: bigint;
  rank: number;
}

export interface EvaluateParameters extends WriteOptions {
  taskId: string;
  verdict: 'approve' | 'reject' | 'partial';
  /** 0..1000, default 1000 like the CLI. */
  score?: number;
  confidence?: number;
  awards: AwardInput[];
  evidenceHash?: `0x${string}`;
}

export interface ResolveDisputeParameters extends WriteOptions {
  taskId: string;
  verdict: 'approve' | 'partial';
  awards: AwardInput[];
}

function awardsBody(awards: AwardInput[]) {
  for (const a of awards) {
    if (a.amount <= 0n || !Number.isInteger(a.rank) || a.rank < 1) throw new MarketError('http', 'Each award needs a positive amount and a rank ≥ 1', { reason: 'invalid_params' });
  }
  return awards.map((a) => ({ worker: a.worker, amount: a.amount.toString(), rank: a.rank }));
}

/** POST /api/tasks/{id}/evaluate {taskId, verdict, score, confidence, awards, evidenceHash?} — evaluator, x402 0.001 USDC. */
export async function evaluate(ctx: WriteContext, p: EvaluateParameters): Promise<TxResult> {
  const body: Record<string, unknown> = { taskId: p.taskId, verdict: p.verdict, score: p.score ?? 1000, confidence: p.confidence ?? 1000, awards: awardsBody(p.awards) };
  if (p.evidenceHash !== undefined) body.evidenceHash = p.evidenceHash;
  const r = await paidCall(ctx, {
    path: taskPath(p.taskId, '/evaluate'),
    route: 'POST /api/tasks/{taskId}/evaluate',
    body,
    expectedAmount: STANDARD_ACTION_FEE,
    schema: txResultSchema,
    signal: p.signal,
    idempotencyKey: p.idempotencyKey,
  });
  return { txHash: r.data.txHash ?? null, idempotencyKey: r.idempotencyKey, paid: r.paid };
}

/** POST /api/tasks/{id}/resolve-dispute {taskId, verdict, awards} — dispute resolver, x402 0.001 USDC. */
export async function resolveDispute(ctx: WriteContext, p: ResolveDisputeParameters): Promise<TxResult> {
  if (p.awards.length === 0) throw new MarketError('http', 'A dispute resolution needs at least one award', { reason: 'invalid_params' });
  const r = await paidCall(ctx, {
    path: taskPath(p.taskId, '/resolve-dispute'),
    route: 'POST /api/tasks/{taskId}/resolve-dispute',
    body: { taskId: p.taskId, verdict: p.verdict, awards: awardsBody(p.awards) },
    expectedAmount: STANDARD_ACTION_FEE,
    schema: txResultSchema,
    signal: p.signal,
    idempotencyKey: p.idempotencyKey,
  });
  return { txHash: r.data.txHash ?? null, idempotencyKey: r.idempotencyKey, paid: r.paid };
}
