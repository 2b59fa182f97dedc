// The requester side of a bot: visit a few of its own tasks and follow the server's pendingActions —
// accept, rate, select a pitch, select an auction winner, reclaim expired escrow. Finished tasks are dropped.
import type { BotContext } from './bot.js';

interface Action {
  role: string;
  action: string;
  command: string;
  targetWorker: string | null;
}

const WORKER_IN_COMMAND = /--worker (0x[0-9a-fA-F]{40})/;
const VISITS_PER_STEP = 3;

async function firstActiveSubmitter(ctx: BotContext, taskId: string): Promise<string | null> {
  const subs = await ctx.client.get(`/api/tasks/${taskId}/submissions`, true);
  const list = Array.isArray(subs.body) ? (subs.body as { workerAddress: string; rejectedAt: string | null }[]) : [];
  const active = list.filter((s) => !s.rejectedAt);
  return active.length ? ctx.rng.pick(active).workerAddress : null;
}

async function act(ctx: BotContext, taskId: string, a: Action): Promise<boolean> {
  const { client, rng } = ctx;
  switch (a.action) {
    case 'accept': {
      if (!rng.chance(0.6)) return false; // let a few submissions arrive first
      const worker = WORKER_IN_COMMAND.exec(a.command)?.[1] ?? (await firstActiveSubmitter(ctx, taskId));
      if (!worker) return false;
      await client.paid(`/api/tasks/${taskId}/accept`, { taskId, worker });
      return true;
    }
    case 'rate':
      if (!a.targetWorker) return false;
      await client.paid(`/api/tasks/${taskId}/rate`, {
        taskId,
        worker: a.targetWorker,
        rating: rng.int(55, 100),
        feedbackText: rng.pick(['Great work, thanks!', 'Solid delivery.', 'On time and as described.', 'Good, minor nits.']),
      });
      return true;
    case 'select_worker': {
      if (!rng.chance(0.5)) return false;
      const pitches = await client.get(`/api/tasks/${taskId}/pitches`, true);
      const pending = (Array.isArray(pitches.body) ? pitches.body : []).filter((p: { status: string }) => p.status === 'pending');
      if (pending.length === 0) return false;
      const p = rng.pick(pending) as { id: string; workerAddress: string };
      const signature = await client.sign(`taskmarket:select-worker:${taskId}:${p.id}:${p.workerAddress.toLowerCase()}`);
      await client.paid(`/api/tasks/${taskId}/pitches/select`, { taskId, pitchId: p.id, workerAddress: p.workerAddress, signature });
      return true;
    }
    case 'select_winner':
      await client.post(`/api/tasks/${taskId}/bids/select-winner`, { taskId });
      return true;
    case 'refund_expired':
      await client.paid(`/api/tasks/${taskId}/refund-expired`, { taskId });
      return true;
    default:
      return false;
  }
}

export async function manageOwnTasks(ctx: BotContext): Promise<void> {
  const own = [...ctx.state.own];
  for (let i = 0; i < Math.min(VISITS_PER_STEP, own.length); i++) {
    const taskId = ctx.rng.pick(own);
    const r = await ctx.client.get(`/api/tasks/${taskId}`, true);
    const t = r.body as { status?: string; pendingActions?: Action[] } | null;
    if (!t || !t.status) {
      ctx.state.own.delete(taskId);
      continue;
    }
    const mine = (t.pendingActions ?? []).filter((a) => a.role === 'requester' || a.role === 'anyone');
    if (['completed', 'cancelled', 'expired'].includes(t.status) && mine.length === 0) {
      ctx.state.own.delete(taskId);
      continue;
    }
    for (const a of mine) if (await act(ctx, taskId, a)) break;
  }
}
