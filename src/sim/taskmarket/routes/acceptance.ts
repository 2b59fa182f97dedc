// Acceptance & rating (taskmarket-backend.md §1.8) and reject-submission (§1.2): all x402 1000, payer must be
// the requester. Settlement arithmetic is core/settlement.ts; money moves through sim.ledger (modes/settle.ts).
import { z } from 'zod';
import { auctionSettlement, splitShares } from '../../../core/settlement.js';
import { accountsOf } from '../accounts/accounts.js';
import { ok, trpcError, type Route, type SimReply } from '../../router.js';
import type { Sim } from '../../sim.js';
import type { TaskRecord } from '../../state.js';
import { paidRoute, preflightReject } from '../x402.js';
import { activeSubmissions, same, taskOf } from '../modes/access.js';
import { acceptRule, acceptSubmissionsRule, rateRule, rejectSubmissionRule } from '../modes/rules.js';
import { complete, payAward, winningPrice } from '../modes/settle.js';

const ADDRESS = z.string().min(1);

const acceptSchema = z.object({
  taskId: z.string().min(1),
  worker: ADDRESS,
  deliverable: z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'deliverable must be a 32-byte hex string').optional(),
});

const acceptSubmissionsSchema = z.object({
  taskId: z.string().min(1),
  winners: z
    .array(
      z.object({
        worker: ADDRESS,
        share: z.number().int('share must be an integer').min(1).max(10_000),
        submissionId: z.string().optional(),
        deliverable: z.string().optional(),
      }),
    )
    .min(1, 'At least one winner is required'),
});

const rateSchema = z.object({
  taskId: z.string().min(1),
  worker: ADDRESS,
  rating: z.number().int('rating must be an integer').min(0).max(100),
  feedbackText: z.string().max(500, 'Feedback text is too long').optional(),
});

const rejectSchema = z.object({ taskId: z.string().min(1), worker: ADDRESS });

/** 404 / requester checks shared by every route here (§6.1: "Payment payer must be the task requester"). */
function requesterTask(sim: Sim, taskId: string, payer: string): TaskRecord | SimReply {
  const task = taskOf(sim, taskId);
  if (!task) return preflightReject(404, 'Task not found');
  if (!same(payer, task.requester)) return preflightReject(403, 'Payment payer must be the task requester');
  return task;
}

const isReply = (x: TaskRecord | SimReply): x is SimReply => typeof x.status === 'number';

export const routes: Route<Sim>[] = [
  paidRoute({
    path: '/api/tasks/:taskId/accept',
    schema: acceptSchema,
    description: 'Accept a submission',
    preflight(body, payer, _req, sim) {
      const task = requesterTask(sim, body.taskId, payer);
      if (isReply(task)) return task;
      const has = activeSubmissions(sim, task.id, body.worker).length > 0;
      const rule = acceptRule(task, body.worker, has, sim.now());
      return rule ? preflightReject(rule.status, rule.error) : null;
    },
    settle(body, _payer, _req, sim, payment) {
      const task = taskOf(sim, body.taskId)!;
      // Pay the address as the worker submitted it (claimedBy for single-worker modes).
      const worker = activeSubmissions(sim, task.id, body.worker)[0]?.workerAddress ?? body.worker;
      let gross = task.reward;
      if (task.mode === 'auction') {
        const price = winningPrice(sim, task) ?? task.maxPrice ?? task.reward;
        gross = auctionSettlement(task.maxPrice ?? task.reward, price, task.platformFeeBps).gross;
      }
      payAward(sim, task, worker, gross, 1, payment.transaction);
      complete(sim, task);
      return ok({ success: true });
    },
  }),

  paidRoute({
    path: '/api/tasks/:taskId/accept-submissions',
    schema: acceptSubmissionsSchema,
    description: 'Accept submissions with shares',
    preflight(body, payer, _req, sim) {
      const task = requesterTask(sim, body.taskId, payer);
      if (isReply(task)) return task;
      const rule = acceptSubmissionsRule(task, body.winners, (w) => activeSubmissions(sim, task.id, w).length > 0);
      if (rule) return preflightReject(rule.status, rule.error);
      const split = splitShares(task.reward, body.winners, task.platformFeeBps);
      return split.ok ? null : preflightReject(split.status, split.error);
    },
    settle(body, _payer, _req, sim, payment) {
      const task = taskOf(sim, body.taskId)!;
      const split = splitShares(task.reward, body.winners, task.platformFeeBps);
      if (!split.ok) return trpcError(split.status, split.error);
      for (const a of split.awards) {
        const worker = activeSubmissions(sim, task.id, a.worker)[0]?.workerAddress ?? a.worker;
        payAward(sim, task, worker, a.gross, a.rank, payment.transaction);
      }
      complete(sim, task);
      return ok({ success: true, txHash: payment.transaction });
    },
  }),

  paidRoute({
    path: '/api/tasks/:taskId/rate',
    schema: rateSchema,
    description: 'Rate a worker',
    preflight(body, payer, _req, sim) {
      const task = requesterTask(sim, body.taskId, payer);
      if (isReply(task)) return task;
      const awards = sim.state.awards.filter((a) => a.taskId === task.id);
      const rule = rateRule(task, body.worker, awards);
      return rule ? preflightReject(rule.status, rule.error) : null;
    },
    settle(body, _payer, _req, sim) {
      const task = taskOf(sim, body.taskId)!;
      const mine = sim.state.awards.filter((a) => a.taskId === task.id && same(a.workerAddress, body.worker));
      for (const a of mine) if (a.rating === null) a.rating = body.rating;
      const worker = mine[0]?.workerAddress ?? task.claimedBy ?? body.worker;
      const feedbackId = sim.uuid();
      const ratingTxHash = sim.txHash();
      sim.state.feedbacks.push({
        id: feedbackId,
        taskId: task.id,
        workerAddress: worker,
        requesterAddress: task.requester,
        rating: body.rating,
        feedbackText: body.feedbackText ?? null,
        fileContent: feedbackFile(sim, task, worker, body.rating, body.feedbackText ?? null),
        ratingTxHash,
      });
      sim.changed();
      return ok({ success: true, feedbackId });
    },
  }),

  paidRoute({
    path: '/api/tasks/:taskId/reject-submission',
    schema: rejectSchema,
    description: 'Reject a submission',
    preflight(body, payer, _req, sim) {
      const task = requesterTask(sim, body.taskId, payer);
      if (isReply(task)) return task;
      const rule = rejectSubmissionRule(task, activeSubmissions(sim, task.id, body.worker).length > 0);
      if (rule) return preflightReject(rule.status, rule.error);
      // The router matches workerAddress exact-case (§1.2).
      if (activeSubmissions(sim, task.id, body.worker, true).length === 0) {
        return preflightReject(404, 'No submission found for this worker on this task');
      }
      return null;
    },
    settle(body, _payer, _req, sim, payment) {
      const now = sim.now();
      for (const s of sim.state.submissions) {
        if (s.taskId === body.taskId && same(s.workerAddress, body.worker) && s.rejectedAt === null) s.rejectedAt = now;
      }
      sim.changed();
      return ok({ txHash: payment.transaction });
    },
  }),

  {
    method: 'GET',
    path: '/api/feedback/:id',
    handle(req, sim) {
      const f = sim.state.feedbacks.find((x) => x.id === req.params.id);
      if (!f) return { status: 404, body: { error: 'Not found' } };
      return { status: 200, rawBody: f.fileContent, headers: { 'Content-Type': 'application/json; charset=utf-8' } };
    },
  },
];

/** The ERC-8004 feedback file: JSON with sorted keys, value = rating, valueDecimals 0, tag1 'starred' (§1.8). */
function feedbackFile(sim: Sim, task: TaskRecord, worker: string, rating: number, text: string | null): string {
  const doc: Record<string, unknown> = {
    agentId: accountsOf(sim).agent(worker)?.agentId ?? null,
    chainId: sim.config.chainId,
    clientAddress: task.requester,
    createdAt: new Date(sim.now()).toISOString(),
    feedbackText: text,
    tag1: 'starred',
    tag2: task.mode,
    taskId: task.id,
    value: rating,
    valueDecimals: 0,
    workerAddress: worker,
  };
  const sorted = Object.fromEntries(Object.keys(doc).sort().map((k) => [k, doc[k]]));
  return JSON.stringify(sorted);
}
