// Ratings both ways on 0–100 (execution-market-api.md §4a, §5d, §13.2). A duplicate is success:true with
// error "Feedback already submitted for this task", so a re-send after an unknown outcome is safe.
import type { EmClient } from '../client.js';
import { ADDRESS_RE, BODY_LIMITS } from '../constants.js';
import { EmError } from '../errors.js';
import { feedbackSchema } from '../schemas/writes.js';
import { idPath, invalid, keyOf, mutate, parse, requireSigner, type WriteMeta, type WriteOptions } from './common.js';

export interface RateResult extends WriteMeta {
  txHash: string | null;
  feedbackIndex: number | null;
  /** The task was rated in this direction before (the server kept the first rating). */
  alreadyRated: boolean;
}

const ALREADY = /already submitted/i;

function checkScore(score: number, comment: string | undefined): void {
  if (!Number.isInteger(score) || score < 0 || score > 100) throw invalid('score is a whole number 0–100');
  if (comment !== undefined && comment.length > BODY_LIMITS.rateComment) throw invalid(`comment is at most ${BODY_LIMITS.rateComment} characters`);
}

async function rate(client: EmClient, path: string, route: string, body: Record<string, unknown>, p: WriteOptions): Promise<RateResult> {
  const key = keyOf(p);
  const sig = p.signal ? { signal: p.signal } : {};
  const r = await mutate({
    send: async () => {
      const res = await client.call({ method: 'POST', path, route, body, ...sig });
      const f = parse(feedbackSchema, res.body, route);
      const alreadyRated = f.error !== null && ALREADY.test(f.error);
      if (!f.success || (f.error !== null && !alreadyRated)) throw new EmError('http', `${route}: ${f.error ?? 'rating failed'}`, { route, status: res.status, reason: 'rating_failed' });
      return { txHash: f.transaction_hash, feedbackIndex: f.feedback_index, alreadyRated };
    },
    reconcile: async () => null,
    ...sig,
    ...(p.maxRateWaitMs !== undefined ? { maxRateWaitMs: p.maxRateWaitMs } : {}),
  });
  return { ...r.value, idempotencyKey: key, reconciled: r.reconciled, sends: r.sends };
}

export interface RateWorkerParameters extends WriteOptions {
  taskId: string;
  score: number;
  /** The worker's wallet (the field is worker_address, §10). */
  workerAddress?: string;
  comment?: string;
  /** skill.md: the approval's payment_tx. */
  proofTx?: string;
}

/** Signed POST /reputation/workers/rate — the publisher rates the worker (§4a). */
export async function rateWorker(client: EmClient, p: RateWorkerParameters): Promise<RateResult> {
  requireSigner(client);
  checkScore(p.score, p.comment);
  if (p.workerAddress !== undefined && !ADDRESS_RE.test(p.workerAddress)) throw invalid('workerAddress must be a 0x address');
  const body = {
    task_id: idPath(p.taskId),
    score: p.score,
    ...(p.workerAddress ? { worker_address: p.workerAddress } : {}),
    ...(p.comment ? { comment: p.comment } : {}),
    ...(p.proofTx ? { proof_tx: p.proofTx } : {}),
  };
  return rate(client, '/reputation/workers/rate', 'POST /reputation/workers/rate', body, p);
}

export interface RateAgentParameters extends WriteOptions {
  taskId: string;
  score: number;
  /** The publisher's ERC-8004 agent id (int ≥ 1), when known. */
  agentId?: number;
  comment?: string;
  proofTx?: string;
}

/** Signed POST /reputation/agents/rate — the worker rates the publisher (§4a, §13.5). */
export async function rateAgent(client: EmClient, p: RateAgentParameters): Promise<RateResult> {
  requireSigner(client);
  checkScore(p.score, p.comment);
  if (p.agentId !== undefined && (!Number.isInteger(p.agentId) || p.agentId < 1)) throw invalid('agentId is an ERC-8004 token id ≥ 1');
  const body = {
    task_id: idPath(p.taskId),
    score: p.score,
    ...(p.agentId !== undefined ? { agent_id: p.agentId } : {}),
    ...(p.comment ? { comment: p.comment } : {}),
    ...(p.proofTx ? { proof_tx: p.proofTx } : {}),
  };
  return rate(client, '/reputation/agents/rate', 'POST /reputation/agents/rate', body, p);
}
