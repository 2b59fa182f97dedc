// Evaluator flows (taskmarket-backend.md §1.9, chain rules §4.3 EvaluatorFacet): assign evaluator, evaluate,
// appeal, finalize-verdict (free, permissionless), resolve-dispute, evaluator-timeout. Money: the evaluator fee
// (reward × evaluatorFeeBps) and the awards are paid at finalize/resolve; the rest of the escrow is refunded.
import { z } from 'zod';
import { writeRoute } from '../idempotency.js';
import { ok, trpcError, type Route, type SimReply } from '../../router.js';
import type { Sim } from '../../sim.js';
import type { SimState, TaskRecord } from '../../state.js';
import { paidRoute, preflightReject } from '../x402.js';
import { activeSubmissions, same, taskOf } from '../modes/access.js';
import {
  appealRule,
  assignEvaluatorRule,
  evaluateRule,
  evaluatorFee,
  evaluatorTimeoutRule,
  finalizeRule,
  resolveDisputeRule,
  type AwardInput,
  type EvalTask,
} from '../modes/evaluation-rules.js';
import { chainReject } from '../modes/rules.js';
import { complete, payAward, refundRemainder } from '../modes/settle.js';

const ZERO_HASH = `0x${'0'.repeat(64)}`;

const amountSchema = z
  .union([z.string().regex(/^[0-9]+$/, 'amount must be base units'), z.number().int().nonnegative()])
  .transform((v) => BigInt(v))
  .refine((v) => v > 0n, 'amount must be greater than zero');

const awardSchema = z.object({ worker: z.string().min(1), amount: amountSchema, rank: z.number().int().min(1) });

const assignSchema = z.object({
  taskId: z.string().min(1),
  evaluator: z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'evaluator must be an address'),
  evaluatorFeeBps: z.number().int().min(0).max(10_000).optional(),
  evaluationWindowHours: z.number().positive().optional(),
  appealWindowHours: z.number().positive().optional(),
  disputeResolver: z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'disputeResolver must be an address').optional(),
});

const evaluateSchema = z.object({
  taskId: z.string().min(1),
  verdict: z.enum(['approve', 'reject', 'partial']),
  score: z.number().int().min(0).max(1000).default(1000),
  confidence: z.number().int().min(0).max(1000).default(1000),
  evidenceHash: z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'evidenceHash must be a 32-byte hex string').default(ZERO_HASH),
  awards: z.array(awardSchema).default([]),
});

const resolveSchema = z.object({
  taskId: z.string().min(1),
  verdict: z.enum(['approve', 'partial']),
  awards: z.array(awardSchema).min(1, 'At least one award is required'),
});

const taskOnly = z.object({ taskId: z.string().min(1) });

type Verdicts = Record<string, AwardInput[]>;

/** Proposed awards per task (SimState.verdictAwards; created lazily for snapshots that predate it). */
function verdicts(sim: Sim): Verdicts {
  const s = sim.state as SimState & { verdictAwards?: Verdicts };
  return (s.verdictAwards ??= {});
}

function evalView(t: TaskRecord): EvalTask {
  return { ...t, evaluatorFeeBps: t.evaluatorFeeBps ?? 0 };
}

const isContest = (t: TaskRecord) => t.mode === 'bounty' || t.mode === 'benchmark';

/** Award recipients must be submitters on a contest, the locked worker otherwise (chain SubmissionNotFound / WorkerMismatch). */
function recipientsProblem(sim: Sim, t: TaskRecord, awards: AwardInput[]): SimReply | null {
  for (const a of awards) {
    if (isContest(t) ? activeSubmissions(sim, t.id, a.worker).length === 0 : !same(a.worker, t.claimedBy)) {
      const e = chainReject(isContest(t) ? 'SubmissionNotFound' : 'WorkerMismatch');
      return preflightReject(e.status, e.error);
    }
  }
  return null;
}

/** Pay evaluator fee + awards (ranked), refund the rest, complete. An empty approve pays the locked worker. */
function payVerdict(sim: Sim, t: TaskRecord, awards: AwardInput[], tx: string): void {
  const fee = evaluatorFee(evalView(t));
  if (fee > 0n && t.evaluator) sim.ledger.release(t.id, t.evaluator, fee);
  const list = awards.length > 0 ? awards : t.claimedBy ? [{ worker: t.claimedBy, amount: t.reward - fee, rank: 1 }] : [];
  for (const a of [...list].sort((x, y) => x.rank - y.rank)) payAward(sim, t, a.worker, a.amount, a.rank, tx);
  complete(sim, t);
}

function paidTask(sim: Sim, taskId: string): TaskRecord | SimReply {
  return taskOf(sim, taskId) ?? preflightReject(404, 'Task not found');
}
const isReply = (x: TaskRecord | SimReply): x is SimReply => typeof x.status === 'number';
const reject = (e: { status: number; error: string } | null) => (e ? preflightReject(e.status, e.error) : null);

export const routes: Route<Sim>[] = [
  paidRoute({
    path: '/api/tasks/:taskId/evaluator',
    schema: assignSchema,
    description: 'Assign an evaluator',
    preflight(body, payer, _req, sim) {
      const t = paidTask(sim, body.taskId);
      if (isReply(t)) return t;
      if (!same(payer, t.requester)) return preflightReject(403, 'Payment payer must be the task requester');
      return reject(assignEvaluatorRule(evalView(t), body.evaluator, body.disputeResolver ?? null));
    },
    settle(body, _payer, _req, sim, payment) {
      const t = taskOf(sim, body.taskId)!;
      t.evaluator = body.evaluator;
      t.evaluatorStake = 0n;
      t.evaluatorFeeBps = body.evaluatorFeeBps ?? 0;
      // Windows are stored in seconds like the backend; 24 h each by default (§1.2 create).
      t.evaluationWindow = Math.round((body.evaluationWindowHours ?? 24) * 3600);
      t.appealWindow = Math.round((body.appealWindowHours ?? 24) * 3600);
      t.disputeResolver = body.disputeResolver ?? null;
      sim.changed();
      return ok({ txHash: payment.transaction });
    },
  }),

  paidRoute({
    path: '/api/tasks/:taskId/evaluate',
    schema: evaluateSchema,
    description: 'Evaluate a task',
    preflight(body, payer, _req, sim) {
      const t = paidTask(sim, body.taskId);
      if (isReply(t)) return t;
      if (!t.evaluator || !same(payer, t.evaluator)) return preflightReject(403, 'Payment payer must be the assigned evaluator');
      return reject(evaluateRule(evalView(t), body.awards)) ?? recipientsProblem(sim, t, body.awards);
    },
    settle(body, _payer, _req, sim, payment) {
      const t = taskOf(sim, body.taskId)!;
      const now = sim.now();
      t.status = 'appealing';
      t.verdictType = body.verdict === 'approve' ? 'APPROVE' : body.verdict === 'reject' ? 'REJECT' : 'PARTIAL';
      t.verdictScore = body.score;
      t.verdictConfidence = body.confidence;
      t.verdictEvidenceHash = body.evidenceHash;
      t.appealDeadline = now + (t.appealWindow ?? 24 * 3600) * 1000;
      if (t.appealDeadline > t.expiryTime) t.expiryTime = t.appealDeadline;
      const first = body.awards[0];
      if (isContest(t) && first) t.claimedBy = first.worker;
      verdicts(sim)[t.id] = body.awards;
      sim.changed();
      return ok({ txHash: payment.transaction });
    },
  }),

  paidRoute({
    path: '/api/tasks/:taskId/appeal',
    schema: taskOnly,
    description: 'Appeal a verdict',
    preflight(body, payer, _req, sim) {
      const t = paidTask(sim, body.taskId);
      if (isReply(t)) return t;
      const submitter = sim.state.submissions.some((s) => s.taskId === t.id && same(s.workerAddress, payer));
      const rule = appealRule(evalView(t), payer, submitter, sim.now());
      if (rule?.status === 403) return preflightReject(403, 'Payment payer must be the task worker');
      return reject(rule);
    },
    settle(body, _payer, _req, sim, payment) {
      taskOf(sim, body.taskId)!.status = 'disputed';
      sim.changed();
      return ok({ txHash: payment.transaction });
    },
  }),

  writeRoute({
    path: '/api/tasks/:taskId/finalize-verdict',
    schema: taskOnly,
    handle(body, _req, sim) {
      const t = taskOf(sim, body.taskId);
      if (!t) return trpcError(404, 'Task not found');
      const rule = finalizeRule(evalView(t), sim.now());
      if (rule) return trpcError(rule.status, rule.error);
      const tx = sim.txHash();
      if (t.verdictType === 'REJECT') {
        // REJECT → Cancelled: the evaluator keeps its fee, the requester gets the rest back (§4.3).
        const fee = evaluatorFee(evalView(t));
        if (fee > 0n && t.evaluator) sim.ledger.release(t.id, t.evaluator, fee);
        refundRemainder(sim, t);
        t.status = 'cancelled';
        t.cancelledAt = sim.now();
        sim.changed();
      } else {
        payVerdict(sim, t, verdicts(sim)[t.id] ?? [], tx);
      }
      return ok({ txHash: tx });
    },
  }),

  paidRoute({
    path: '/api/tasks/:taskId/resolve-dispute',
    schema: resolveSchema,
    description: 'Resolve a dispute',
    preflight(body, payer, _req, sim) {
      const t = paidTask(sim, body.taskId);
      if (isReply(t)) return t;
      if (!t.disputeResolver || !same(payer, t.disputeResolver)) return preflightReject(403, 'Payment payer must be the dispute resolver');
      return reject(resolveDisputeRule(evalView(t), body.verdict, body.awards)) ?? recipientsProblem(sim, t, body.awards);
    },
    settle(body, _payer, _req, sim, payment) {
      const t = taskOf(sim, body.taskId)!;
      t.verdictType = body.verdict === 'approve' ? 'APPROVE' : 'PARTIAL';
      payVerdict(sim, t, body.awards, payment.transaction);
      return ok({ txHash: payment.transaction });
    },
  }),

  paidRoute({
    path: '/api/tasks/:taskId/evaluator-timeout',
    schema: taskOnly,
    description: 'Evaluator timeout',
    preflight(body, payer, _req, sim) {
      const t = paidTask(sim, body.taskId);
      if (isReply(t)) return t;
      if (!same(payer, t.requester)) return preflightReject(403, 'Payment payer must be the task requester');
      return reject(evaluatorTimeoutRule(evalView(t), sim.now()));
    },
    settle(body, _payer, _req, sim, payment) {
      const t = taskOf(sim, body.taskId)!;
      t.status = 'pending_approval';
      t.evaluator = null;
      t.evaluatorDeadline = null;
      sim.changed();
      return ok({ txHash: payment.transaction });
    },
  }),
];
