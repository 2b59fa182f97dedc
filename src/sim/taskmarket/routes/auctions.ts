// Auction routes (taskmarket-backend.md §1.3, §3.3): POST/GET bids (english open outcry, reverse-english
// sealed), select-winner (free, permissionless, optional requester signature), auction-accept (x402;
// exactly one winner: the preflight re-check, the claim and the bid row happen in one tick), GET /api/bids/my.
import { z } from 'zod';
import { bidsSealed, checkAuctionAccept, checkBid, checkSelectWinner, lowestPrice, type AuctionRuleTask } from '../../../core/auction-rules.js';
import { callerOf, hasAccessGrant } from '../auth.js';
import { writeRoute } from '../idempotency.js';
import { checkSignature } from '../modes/signatures.js';
import { errorReply, ok, trpcError, type Route } from '../../router.js';
import { bidsOf } from '../serialize.js';
import { noteActor, type Sim } from '../../sim.js';
import type { TaskRecord } from '../../state.js';
import { positiveUsdc, usdc } from '../task-create.js';
import { paidRoute, preflightReject, STANDARD_FEE } from '../x402.js';
import { canView, findTask } from './tasks.js';

const same = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && a.toLowerCase() === b.toLowerCase();

/** Private tasks: payer must be requester, allow-listed or awarded (§1.3 check 1). */
const privateAccess = (sim: Sim, t: TaskRecord | null, who: string) => (t ? canView(sim, t, who) : false);

const bidSchema = z.object({ taskId: z.string().min(1), price: positiveUsdc });
const acceptSchema = z.object({ taskId: z.string().min(1), minPrice: usdc.optional() });
const selectSchema = z
  .object({ taskId: z.string().min(1), requesterAddress: z.string().optional(), signature: z.string().optional() })
  .refine((b) => (b.requesterAddress === undefined) === (b.signature === undefined), {
    message: 'Both requesterAddress and signature must be provided together',
  });

function bidCheck(sim: Sim, taskId: string, payer: string, price: bigint, wording: 'preflight' | 'router') {
  const t = findTask(sim, taskId);
  return {
    t,
    result: checkBid({
      task: t as AuctionRuleTask | null,
      bids: t ? bidsOf(sim, t.id) : [],
      bidder: payer,
      price,
      now: sim.now(),
      privateAccess: privateAccess(sim, t, payer),
      wording,
    }),
  };
}

function acceptCheck(sim: Sim, taskId: string, payer: string, minPrice: bigint | null, wording: 'preflight' | 'router') {
  const t = findTask(sim, taskId);
  return {
    t,
    result: checkAuctionAccept({ task: t as AuctionRuleTask | null, now: sim.now(), minPrice, privateAccess: privateAccess(sim, t, payer), wording }),
  };
}

export const routes: Route<Sim>[] = [
  paidRoute({
    path: '/api/tasks/:taskId/bids',
    schema: bidSchema,
    amount: () => STANDARD_FEE,
    preflight(b, payer, _req, sim) {
      const { result } = bidCheck(sim, b.taskId, payer, BigInt(b.price), 'preflight');
      return result.ok ? null : preflightReject(result.status, result.error);
    },
    settle(b, payer, _req, sim) {
      const { t, result } = bidCheck(sim, b.taskId, payer, BigInt(b.price), 'router');
      if (!result.ok || !t) return errorReply(result.ok ? 404 : result.status, result.ok ? 'Task not found' : result.error);
      const now = sim.now();
      const existing = result.replacesBidId ? sim.state.bids.find((x) => x.id === result.replacesBidId) : undefined;
      // One row per (task, worker): a re-bid replaces the price (§8 bids_task_worker_unique).
      if (existing) {
        existing.price = BigInt(b.price);
        existing.createdAt = now;
        return ok({ success: true, bidId: existing.id });
      }
      const id = sim.uuid();
      sim.state.bids.push({ id, taskId: t.id, workerAddress: payer, price: BigInt(b.price), createdAt: now });
      return ok({ success: true, bidId: id });
    },
  }),
  {
    method: 'GET',
    path: '/api/tasks/:taskId/bids',
    async handle(req, sim) {
      const caller = await callerOf(req);
      const t = findTask(sim, req.params.taskId ?? '');
      if (!t || !(canView(sim, t, caller) || hasAccessGrant(sim, req, t.id))) return ok([]);
      const now = sim.now();
      const sealed = bidsSealed(t, now);
      const rows = bidsOf(sim, t.id).sort((a, b) => (a.price < b.price ? -1 : a.price > b.price ? 1 : a.createdAt - b.createdAt));
      return ok(
        rows.map((bid) => {
          const mine = caller === null ? {} : { isMyBid: same(bid.workerAddress, caller) };
          return sealed
            ? { id: bid.id, taskId: bid.taskId, workerAddress: null, price: null, createdAt: new Date(bid.createdAt).toISOString(), workerAgentId: null, ...mine }
            : {
                id: bid.id,
                taskId: bid.taskId,
                workerAddress: bid.workerAddress,
                price: bid.price.toString(),
                createdAt: new Date(bid.createdAt).toISOString(),
                workerAgentId: null,
                ...mine,
              };
        }),
      );
    },
  },
  writeRoute({
    path: '/api/tasks/:taskId/bids/select-winner',
    schema: selectSchema,
    async handle(b, req, sim) {
      const first = findTask(sim, b.taskId);
      if (first && b.requesterAddress !== undefined) {
        const sig = await checkSignature(`taskmarket:select-winner:${first.id}`, b.signature, b.requesterAddress, 'requester');
        if (!sig.ok) return trpcError(sig.status, sig.message);
        if (!same(sig.signer, first.requester)) return trpcError(403, 'Only the task requester can select the winner');
        noteActor(req, sig.signer);
      }
      // Re-read after the await: the decision and the state change happen in this one tick.
      const t = findTask(sim, b.taskId);
      const r = checkSelectWinner({ task: t as AuctionRuleTask | null, bids: t ? bidsOf(sim, t.id) : [], now: sim.now() });
      if (!r.ok || !t) return trpcError(r.ok ? 404 : r.status, r.ok ? 'Task not found' : r.error);
      t.status = 'claimed';
      t.claimedBy = r.winner.workerAddress;
      t.claimedAt = sim.now();
      sim.changed();
      return ok({ success: true, workerAddress: r.winner.workerAddress });
    },
  }),
  paidRoute({
    path: '/api/tasks/:taskId/bids/accept',
    schema: acceptSchema,
    amount: () => STANDARD_FEE,
    preflight(b, payer, _req, sim) {
      const { result } = acceptCheck(sim, b.taskId, payer, b.minPrice === undefined ? null : BigInt(b.minPrice), 'preflight');
      return result.ok ? null : preflightReject(result.status, result.error);
    },
    settle(b, payer, _req, sim) {
      const { t, result } = acceptCheck(sim, b.taskId, payer, b.minPrice === undefined ? null : BigInt(b.minPrice), 'router');
      if (!result.ok || !t) return errorReply(result.ok ? 404 : result.status, result.ok ? 'Task not found' : result.error);
      const now = sim.now();
      t.status = 'claimed';
      t.claimedBy = payer;
      t.claimedAt = now;
      sim.state.bids.push({ id: sim.uuid(), taskId: t.id, workerAddress: payer, price: result.price, createdAt: now });
      return ok({ success: true, acceptedPrice: result.price.toString(), workerAddress: payer });
    },
  }),
  {
    method: 'GET',
    path: '/api/bids/my',
    async handle(req, sim) {
      const caller = await callerOf(req);
      if (caller === null) return trpcError(401, 'Caller authentication required');
      const now = sim.now();
      const out: { row: Record<string, unknown>; deadline: number }[] = [];
      for (const bid of sim.state.bids) {
        if (!same(bid.workerAddress, caller)) continue;
        const t = findTask(sim, bid.taskId);
        if (!t || t.status !== 'open' || t.bidDeadline === null || t.bidDeadline <= now) continue;
        const all = bidsOf(sim, t.id);
        const lowest = t.auctionType === 'english' ? lowestPrice(all) : null;
        out.push({
          deadline: t.bidDeadline,
          row: {
            taskId: t.id,
            auctionType: t.auctionType,
            myBidPrice: bid.price.toString(),
            currentLowestBid: lowest === null ? null : lowest.toString(),
            bidDeadline: new Date(t.bidDeadline).toISOString(),
            bidCount: all.length,
            taskStatus: t.status,
          },
        });
      }
      return ok(out.sort((a, b) => a.deadline - b.deadline).map((x) => x.row));
    },
  },
];
