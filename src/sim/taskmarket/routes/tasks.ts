// Task routes (taskmarket-backend.md §1.2): create (x402 = reward), list, stats, detail (caller-aware),
// cancel / update / refund-expired (x402, preflight texts of services/task-action-preflight.ts).
import { z } from 'zod';
import { refundExpiredSettlement, rewardChange, updatePaymentAmount } from '../../../core/settlement.js';
import { callerOf, hasAccessGrant } from '../auth.js';
import { ok, trpcError, type Route } from '../../router.js';
import { bidsOf, taskJson } from '../serialize.js';
import { intentIdFor } from '../idempotency.js';
import { idempotencyKeyOf, type Sim } from '../../sim.js';
import type { TaskRecord } from '../../state.js';
import { buildTask, createSchema, positiveUsdc, usdc } from '../task-create.js';
import { listQuery, listSchema, listTasks } from '../task-list.js';
import { paidRoute, preflightReject, STANDARD_FEE } from '../x402.js';

const same = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && a.toLowerCase() === b.toLowerCase();

/** The task with this id (exact, then lower-cased), or null. */
export function findTask(sim: Sim, id: string): TaskRecord | null {
  return sim.state.tasks[id] ?? sim.state.tasks[id.toLowerCase()] ?? null;
}

/** Private tasks are visible to the requester, allow-listed viewers, the worker and award recipients. */
export function canView(sim: Sim, t: TaskRecord, caller: string | null): boolean {
  if (t.taskVisibility !== 'private') return true;
  if (caller === null) return false;
  return (
    same(caller, t.requester) ||
    same(caller, t.claimedBy) ||
    t.allowedViewers.some((v) => same(v, caller)) ||
    sim.state.awards.some((a) => a.taskId === t.id && same(a.workerAddress, caller))
  );
}

const activeSubmissions = (sim: Sim, taskId: string) =>
  sim.state.submissions.some((s) => s.taskId === taskId && s.rejectedAt === null);
const isContest = (t: TaskRecord) => t.mode === 'bounty' || t.mode === 'benchmark';

const taskIdOnly = z.object({ taskId: z.string().min(1) });

const updateSchema = z.object({
  taskId: z.string().min(1),
  reward: positiveUsdc.optional(),
  expiryTime: z.number().int().positive().optional(),
  bidDeadline: z.number().int().positive().optional(),
  pitchDeadline: z.number().int().positive().optional(),
  auctionFloorPrice: usdc.optional(),
  auctionStartPrice: usdc.optional(),
  description: z.string().max(10_000).optional(),
  tags: z.array(z.string()).max(10, 'Maximum 10 tags allowed').optional(),
  metricDescription: z.string().max(500).optional(),
});

function updatePreflight(sim: Sim, body: z.infer<typeof updateSchema>, payer: string) {
  const t = findTask(sim, body.taskId);
  if (!t) return preflightReject(404, 'Task not found');
  if (!same(payer, t.requester)) return preflightReject(403, 'Payment payer must be the task requester');
  if (t.status !== 'open') return preflightReject(400, 'Task is not open');
  if (t.mode === 'auction' && bidsOf(sim, t.id).length > 0) return preflightReject(400, 'Bids exist; auction cannot be updated');
  const reward = body.reward !== undefined ? BigInt(body.reward) : t.reward;
  const floor = body.auctionFloorPrice !== undefined ? BigInt(body.auctionFloorPrice) : t.auctionFloorPrice;
  const start = body.auctionStartPrice !== undefined ? BigInt(body.auctionStartPrice) : t.auctionStartPrice;
  if (floor !== null && floor > reward) return preflightReject(400, 'auctionFloorPrice must be less than or equal to reward');
  if (start !== null && start > reward) return preflightReject(400, 'auctionStartPrice must be less than or equal to reward');
  // Chain updateTask reverts (§4.3); checked before the charge here so a doomed update costs nothing.
  const nowS = sim.now() / 1000;
  if (body.expiryTime !== undefined && body.expiryTime <= nowS) return preflightReject(400, 'Contract call rejected: ExpiryMustBeInFuture');
  if (body.bidDeadline !== undefined && body.bidDeadline <= nowS) return preflightReject(400, 'Contract call rejected: BidDeadlineMustBeInFuture');
  if (body.pitchDeadline !== undefined && body.pitchDeadline <= nowS) {
    return preflightReject(400, 'Contract call rejected: PitchDeadlineMustBeInFuture');
  }
  return null;
}

export const routes: Route<Sim>[] = [
  paidRoute({
    path: '/api/tasks',
    schema: createSchema,
    description: 'Create a Taskmarket task (escrows the reward)',
    amount: (b) => BigInt(b.reward),
    settle(b, payer, req, sim) {
      const t = buildTask(sim, b, payer);
      sim.state.tasks[t.id] = t;
      sim.state.taskOrder.push(t.id);
      sim.ledger.fund(t.id, sim.ledger.platform, t.reward); // the x402 payment becomes the escrow (§1.1)
      const key = idempotencyKeyOf(req);
      return ok({ success: true, taskId: t.id, intentId: key ? intentIdFor(key) : sim.uuid(), taskDropId: t.taskDropId });
    },
  }),
  {
    method: 'GET',
    path: '/api/tasks',
    handle(req, sim) {
      const parsed = listSchema.safeParse(listQuery(req.query));
      if (!parsed.success) return trpcError(400, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      const now = sim.now();
      const res = listTasks(sim, parsed.data);
      return ok({ tasks: res.rows.map((t) => taskJson(sim, t, { view: 'list', now })), nextCursor: res.nextCursor, hasMore: res.hasMore });
    },
  },
  {
    method: 'GET',
    path: '/api/tasks/stats',
    handle(_req, sim) {
      let count = 0;
      let total = 0n;
      for (const t of Object.values(sim.state.tasks)) {
        if (t.taskVisibility !== 'public') continue;
        count += 1;
        total += t.reward;
      }
      return ok({ count, totalRewards: total.toString() });
    },
  },
  {
    method: 'GET',
    path: '/api/tasks/:taskId',
    async handle(req, sim) {
      const caller = await callerOf(req);
      const t = findTask(sim, req.params.taskId ?? '');
      if (!t || !(canView(sim, t, caller) || hasAccessGrant(sim, req, t.id))) return ok(null);
      return ok(taskJson(sim, t, { view: 'detail', caller }));
    },
  },
  paidRoute({
    path: '/api/tasks/:taskId/cancel',
    schema: taskIdOnly,
    amount: () => STANDARD_FEE,
    preflight(b, payer, _req, sim) {
      const t = findTask(sim, b.taskId);
      if (!t) return preflightReject(404, 'Task not found');
      if (!same(payer, t.requester)) return preflightReject(403, 'Payment payer must be the task requester');
      if (t.status !== 'open') return preflightReject(400, 'Task is not open');
      if (t.mode === 'auction' && bidsOf(sim, t.id).length > 0) return preflightReject(400, 'Bids exist; auction cannot be cancelled');
      if (isContest(t) && activeSubmissions(sim, t.id)) return preflightReject(400, 'Active submissions exist; accept or reject them first');
      return null;
    },
    settle(b, _payer, _req, sim, payment) {
      const t = findTask(sim, b.taskId) as TaskRecord;
      t.status = 'cancelled';
      t.cancelledAt = sim.now();
      sim.ledger.releaseAll(t.id, t.requester);
      return ok({ txHash: payment.transaction });
    },
  }),
  paidRoute({
    path: '/api/tasks/:taskId/update',
    schema: updateSchema,
    // §1.1 computeUpdatePaymentAmount: 1000 + any reward increase (1000 when the task is unknown: preflight 404s).
    amount: (b, _req, sim) => {
      const t = findTask(sim, b.taskId);
      return t ? updatePaymentAmount(t.reward, b.reward === undefined ? null : BigInt(b.reward)) : STANDARD_FEE;
    },
    preflight: (b, payer, _req, sim) => updatePreflight(sim, b, payer),
    settle(b, _payer, _req, sim) {
      const t = findTask(sim, b.taskId) as TaskRecord;
      const change = rewardChange(t.reward, b.reward === undefined ? null : BigInt(b.reward));
      if (change.increase > 0n) sim.ledger.fund(t.id, sim.ledger.platform, change.increase);
      if (change.refund > 0n) sim.ledger.release(t.id, t.requester, change.refund);
      if (b.reward !== undefined) {
        t.reward = BigInt(b.reward);
        if (t.mode === 'auction') t.maxPrice = t.reward;
      }
      if (b.expiryTime !== undefined) t.expiryTime = b.expiryTime * 1000;
      if (b.bidDeadline !== undefined) t.bidDeadline = b.bidDeadline * 1000;
      if (b.pitchDeadline !== undefined) t.pitchDeadline = b.pitchDeadline * 1000;
      if (b.auctionFloorPrice !== undefined) t.auctionFloorPrice = BigInt(b.auctionFloorPrice);
      if (b.auctionStartPrice !== undefined) t.auctionStartPrice = BigInt(b.auctionStartPrice);
      if (b.description !== undefined) t.description = b.description;
      if (b.tags !== undefined) t.tags = b.tags;
      if (b.metricDescription !== undefined) t.metricDescription = b.metricDescription;
      return ok(taskJson(sim, t, { view: 'update', caller: t.requester }));
    },
  }),
  paidRoute({
    path: '/api/tasks/:taskId/refund-expired',
    schema: taskIdOnly,
    amount: () => STANDARD_FEE,
    preflight(b, _payer, _req, sim) {
      const t = findTask(sim, b.taskId);
      if (!t) return preflightReject(404, 'Task not found');
      if (t.status === 'completed' || t.status === 'cancelled' || t.status === 'expired') {
        return preflightReject(400, `Task is already ${t.status}`);
      }
      if (sim.now() < t.expiryTime) return preflightReject(400, 'Task has not expired');
      if (isContest(t) && activeSubmissions(sim, t.id)) return preflightReject(400, 'Active submissions exist; accept or reject them first');
      return null;
    },
    settle(b, _payer, _req, sim, payment) {
      const t = findTask(sim, b.taskId) as TaskRecord;
      const winning = t.mode === 'auction' && t.claimedBy ? latestBidPrice(sim, t) : null;
      const s = refundExpiredSettlement(t, winning);
      if (s.workerPayout) {
        const w = s.workerPayout;
        sim.ledger.release(t.id, w.worker, w.workerPayment);
        sim.ledger.release(t.id, sim.ledger.platform, w.platformFee);
        sim.state.awards.push({
          taskId: t.id,
          workerAddress: w.worker,
          rank: 1,
          workerPayment: w.workerPayment,
          platformFee: w.platformFee,
          settlementTxHash: payment.transaction,
          settledAt: sim.now(),
          rating: null,
        });
      }
      sim.ledger.releaseAll(t.id, t.requester);
      t.status = s.status;
      return ok({ txHash: payment.transaction });
    },
  }),
];

/** The winner's accepted/bid price (its latest bid row). */
function latestBidPrice(sim: Sim, t: TaskRecord): bigint | null {
  let best: { price: bigint; createdAt: number } | null = null;
  for (const b of bidsOf(sim, t.id)) if (same(b.workerAddress, t.claimedBy) && (!best || b.createdAt >= best.createdAt)) best = b;
  return best ? best.price : null;
}
