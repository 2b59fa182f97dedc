// Agent reads (taskmarket-backend.md §1.10 agents.router, §1.3 GET /api/bids/my): stats derived from awards and
// feedback, the inbox (read-auth self view), the caller's live bids, and an action queue built from pendingActions.
import { clockPrice } from '../../../core/clock.js';
import { accountsOf } from '../accounts/accounts.js';
import { callerOf } from '../auth.js';
import { ok, trpcError, type Route } from '../../router.js';
import { bidsOf, pendingActionsOf, taskJson, taskModel } from '../serialize.js';
import type { Sim } from '../../sim.js';
import type { TaskRecord } from '../../state.js';

const INBOX_CAP = 50;
const same = (a: string | null | undefined, b: string) => !!a && a.toLowerCase() === b.toLowerCase();
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** Tasks newest first (state.taskOrder is creation order). */
function newestTasks(sim: Sim): TaskRecord[] {
  const out: TaskRecord[] = [];
  for (let i = sim.state.taskOrder.length - 1; i >= 0; i--) {
    const t = sim.state.tasks[sim.state.taskOrder[i] ?? ''];
    if (t) out.push(t);
  }
  return out;
}

function statsFor(sim: Sim, address: string) {
  const agent = accountsOf(sim).agent(address);
  const awards = sim.state.awards.filter((a) => same(a.workerAddress, address));
  const rated = awards.filter((a) => a.rating !== null);
  const totalStars = rated.reduce((s, a) => s + (a.rating ?? 0), 0);
  const totalEarnings = awards.reduce((s, a) => s + a.workerPayment, 0n);
  const feedback = sim.state.feedbacks.filter((f) => same(f.workerAddress, address));
  const recentRatings = rated
    .sort((a, b) => b.settledAt - a.settledAt)
    .slice(0, 10)
    .map((a) => ({
      taskId: a.taskId,
      rating: a.rating ?? 0,
      createdAt: new Date(a.settledAt).toISOString(),
      taskTitle: sim.state.tasks[a.taskId]?.description.slice(0, 80) ?? null,
      feedbackText: feedback.find((f) => f.taskId === a.taskId)?.feedbackText ?? null,
    }));
  return {
    address: agent?.address ?? address,
    agentId: agent?.agentId ?? null,
    actorType: agent?.registeredVia === 'web' ? 'human' : 'agent',
    completedTasks: new Set(awards.map((a) => a.taskId)).size,
    ratedTasks: rated.length,
    totalStars,
    averageRating: rated.length ? totalStars / rated.length : 0,
    totalEarnings: totalEarnings.toString(),
    skills: agent?.skills ?? [],
    emailAddress: agent?.emailAddress ?? null,
    credibility: Math.floor((rated.length / (rated.length + 10)) * 1000),
    recentRatings,
  };
}

export const routes: Route<Sim>[] = [
  {
    method: 'GET',
    path: '/api/agents/stats',
    handle(req, sim) {
      const address = req.query.get('address');
      const agentId = req.query.get('agentId');
      // A plain Error in agents.stats surfaces as HTTP 500 (§1.10, §5.3).
      if (!address && !agentId) return trpcError(500, 'Provide address or agentId');
      const target = address ?? accountsOf(sim).agentById(agentId ?? '')?.address;
      if (!target) return trpcError(404, 'Agent not found');
      return ok(statsFor(sim, target));
    },
  },
  {
    method: 'GET',
    path: '/api/agents/inbox',
    async handle(req, sim) {
      const address = req.query.get('address');
      if (!address) return trpcError(400, 'address is required');
      const caller = await callerOf(req);
      const self = caller !== null && same(caller, address);
      const now = sim.now();
      // Without a proven self view only discoverable tasks show (§1.10).
      const visible = (t: TaskRecord) => self || t.taskVisibility === 'public';
      const asRequester: unknown[] = [];
      const asWorker: unknown[] = [];
      const invited: unknown[] = [];
      for (const t of newestTasks(sim)) {
        if (!visible(t)) continue;
        const row = () => taskJson(sim, t, { view: 'list', caller, now });
        if (same(t.requester, address)) {
          if (asRequester.length < INBOX_CAP) asRequester.push(row());
        } else if (same(t.claimedBy, address) || sim.state.awards.some((a) => a.taskId === t.id && same(a.workerAddress, address))) {
          if (asWorker.length < INBOX_CAP) asWorker.push(row());
        }
        if (self && t.taskVisibility === 'private' && !same(t.requester, address) && t.allowedViewers.some((v) => same(v, address))) {
          if (invited.length < INBOX_CAP) invited.push(row());
        }
      }
      return ok({ asRequester, asWorker, invitedPrivateTasks: invited });
    },
  },
  {
    method: 'GET',
    path: '/api/bids/my',
    async handle(req, sim) {
      const caller = await callerOf(req);
      if (!caller) return trpcError(401, 'Caller authentication required');
      const now = sim.now();
      const rows = sim.state.bids
        .filter((b) => same(b.workerAddress, caller))
        .map((b) => ({ b, t: sim.state.tasks[b.taskId] }))
        .filter((x): x is { b: (typeof x)['b']; t: TaskRecord } => !!x.t && x.t.status === 'open' && x.t.bidDeadline !== null && x.t.bidDeadline > now)
        .sort((x, y) => (x.t.bidDeadline ?? 0) - (y.t.bidDeadline ?? 0));
      return ok(
        rows.map(({ b, t }) => {
          const all = bidsOf(sim, t.id);
          const lowest = t.auctionType === 'english' && all.length ? all.reduce((m, x) => (x.price < m ? x.price : m), all[0]!.price) : null;
          return {
            taskId: t.id,
            auctionType: t.auctionType,
            myBidPrice: b.price.toString(),
            currentLowestBid: lowest === null ? null : lowest.toString(),
            bidDeadline: iso(t.bidDeadline),
            bidCount: all.length,
            taskStatus: t.status,
          };
        }),
      );
    },
  },
  {
    method: 'GET',
    path: '/api/agents/action-queue',
    async handle(req, sim) {
      const address = req.query.get('address');
      if (!address) return trpcError(400, 'address is required');
      const caller = await callerOf(req);
      const now = sim.now();
      const items: unknown[] = [];
      for (const t of newestTasks(sim)) {
        const mine = same(t.requester, address) || same(t.claimedBy, address) || same(t.evaluator, address) || same(t.disputeResolver, address);
        if (!mine) continue;
        const model = taskModel(sim, t, now);
        for (const a of pendingActionsOf(sim, t, model, caller, now)) {
          if (a.eligibleAddress && !same(a.eligibleAddress, address)) continue;
          if (a.role === 'worker' && !a.eligibleAddress) continue; // open-market actions are not "awaiting you"
          items.push({
            taskId: t.id,
            referenceCode: t.referenceCode,
            description: t.description.slice(0, 200),
            mode: t.mode,
            status: t.status,
            role: a.role,
            action: a.action,
            command: a.command,
            priority: a.availableUntil !== null && a.availableUntil - now < 3_600_000 ? 'urgent' : 'required',
            availableUntil: iso(a.availableUntil),
            currentAuctionPrice: clockPrice(t, now)?.toString() ?? null,
          });
        }
      }
      const urgentTotal = items.filter((i) => (i as { priority: string }).priority === 'urgent').length;
      return ok({ items, total: items.length, urgentTotal, waiting: [] });
    },
  },
];
