// Ratings both ways on a 0–100 scale (execution-market-api.md §4a, §5d, §13.2): the publisher rates the worker
// (POST /reputation/workers/rate), the worker rates the publisher (POST /reputation/agents/rate, signed by the
// assigned executor's wallet). On-chain ERC-8004 feedback is simulated: a tx hash and a feedback index per rating.
import { z } from 'zod';
import type { SimReply } from '../../router.js';
import { NETWORK } from '../config.js';
import { fail } from '../errors.js';
import { agentIdOf, emitTask, stateOf, walletOf, type EmCall } from '../runtime.js';
import type { EmRating, EmTask } from '../state.js';
import { ADDRESS, isReply, route, signer, parseBody, uuid, type EmRoute } from './common.js';

const RATABLE = new Set(['accepted', 'in_progress', 'submitted', 'completed']);

function feedback(r: EmRating, error: string | null): SimReply {
  return { status: 200, body: { success: true, transaction_hash: r.transactionHash, feedback_index: r.feedbackIndex, network: NETWORK, error } };
}

function ratedTask(call: EmCall, taskId: string): EmTask | SimReply {
  const task = stateOf(call.rt).tasks[taskId];
  if (!task) return fail(404, 'not_found', 'Task not found');
  if (!RATABLE.has(task.status) || !task.executorId) return fail(409, 'not_ratable', `Task is ${task.status}${task.executorId ? '' : ' and has no worker'}`);
  return task;
}

function record(call: EmCall, task: EmTask, direction: EmRating['direction'], from: string, to: string, score: number, comment: string | null, proofTx: string | null): SimReply {
  const s = stateOf(call.rt);
  const dup = s.ratings.find((r) => r.taskId === task.id && r.direction === direction);
  if (dup) return feedback(dup, 'Feedback already submitted for this task');
  const r: EmRating = {
    id: call.rt.sim.uuid(),
    taskId: task.id,
    direction,
    from,
    to,
    score,
    comment,
    proofTx,
    transactionHash: call.rt.sim.txHash(),
    feedbackIndex: s.ratings.filter((x) => x.to === to).length + 1,
    at: call.rt.sim.now(),
  };
  s.ratings.push(r);
  call.rt.sim.changed();
  emitTask(call.rt, 'RatingReceived', task, { direction, score, from, to }, { users: [to] });
  return feedback(r, null);
}

const workerRateSchema = z.strictObject({
  task_id: uuid(),
  score: z.int().min(0).max(100),
  comment: z.string().max(1000).nullish(),
  proof_tx: z.string().max(100).nullish(),
  worker_address: z.string().regex(ADDRESS).nullish(),
});

function rateWorker(call: EmCall): SimReply {
  const who = signer(call);
  if (typeof who !== 'string') return who;
  const b = parseBody(call, workerRateSchema);
  if (!b.ok) return b.reply;
  const task = ratedTask(call, b.value.task_id);
  if (isReply(task)) return task;
  if (task.agentId !== who) return fail(403, 'not_task_owner', 'Only the publisher can rate the worker of this task');
  const worker = walletOf(call.rt, task.executorId) as string;
  if (b.value.worker_address && b.value.worker_address.toLowerCase() !== worker) return fail(403, 'worker_mismatch', 'worker_address is not the worker of this task');
  if (worker === who) return fail(403, 'self_rating', 'You cannot rate yourself');
  return record(call, task, 'agent_to_worker', who, worker, b.value.score, b.value.comment ?? null, b.value.proof_tx ?? null);
}

const agentRateSchema = z.strictObject({
  task_id: uuid(),
  score: z.int().min(0).max(100),
  agent_id: z.int().min(1).nullish(),
  comment: z.string().max(1000).nullish(),
  proof_tx: z.string().max(100).nullish(),
});

function rateAgent(call: EmCall): SimReply {
  const who = signer(call);
  if (typeof who !== 'string') return who;
  const b = parseBody(call, agentRateSchema);
  if (!b.ok) return b.reply;
  const task = ratedTask(call, b.value.task_id);
  if (isReply(task)) return task;
  if (walletOf(call.rt, task.executorId) !== who) return fail(403, 'not_task_worker', 'Only the assigned worker can rate the publisher of this task');
  if (b.value.agent_id != null && b.value.agent_id !== agentIdOf(call.rt, task.agentId)) return fail(403, 'agent_mismatch', 'agent_id is not the publisher of this task');
  return record(call, task, 'worker_to_agent', who, task.agentId, b.value.score, b.value.comment ?? null, b.value.proof_tx ?? null);
}

/** `GET /reputation/agents/{id}`: by simulated ERC-8004 id or by wallet → {agent_id, count, score 0–100, network}. */
function agentReputation(call: EmCall): SimReply {
  const raw = call.req.params.agent_id ?? '';
  const s = stateOf(call.rt);
  let wallet: string | null = null;
  if (ADDRESS.test(raw)) wallet = raw.toLowerCase();
  else if (/^[0-9]{1,12}$/.test(raw)) wallet = Object.entries(s.agentIds).find(([, id]) => id === Number(raw))?.[0] ?? null;
  if (!wallet) return fail(404, 'not_found', 'Agent not found');
  const mine = s.ratings.filter((r) => r.to === wallet);
  const score = mine.length ? Math.round(mine.reduce((a, r) => a + r.score, 0) / mine.length) : 0;
  return { status: 200, body: { agent_id: agentIdOf(call.rt, wallet), wallet_address: wallet, count: mine.length, score, network: NETWORK } };
}

export const routes: EmRoute[] = [
  route('POST', '/api/v1/reputation/workers/rate', 'write', (_r, call) => rateWorker(call)),
  route('POST', '/api/v1/reputation/agents/rate', 'write', (_r, call) => rateAgent(call)),
  route('GET', '/api/v1/reputation/agents/:agent_id', 'pub', (_r, call) => agentReputation(call)),
];
