// Private tasks (taskmarket-backend.md §1.2 create rules, §6.5 grants; CLI unlock/invite/uninvite/viewers,
// taskmarket-cli.md §1.2): password → task-scoped view grant (X-Taskmarket-Task-Access-Grant, never enough
// for writes), requester-managed allow-list with read-auth. 10 password attempts per task per hour (§5.1).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { callerOf } from '../auth.js';
import { writeRoute } from '../idempotency.js';
import { ok, trpcError, type Route, type SimRequest } from '../../router.js';
import type { Sim } from '../../sim.js';
import { findTask } from './tasks.js';

const GRANT_TTL_MS = 24 * 3_600_000;
const ATTEMPTS_PER_HOUR = 10;
const attempts = new WeakMap<Sim, Map<string, number[]>>();
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

function limited(sim: Sim, taskId: string): boolean {
  let m = attempts.get(sim);
  if (!m) attempts.set(sim, (m = new Map()));
  const now = sim.wall.now();
  const recent = (m.get(taskId) ?? []).filter((t) => now - t < 3_600_000);
  recent.push(now);
  m.set(taskId, recent);
  return recent.length > ATTEMPTS_PER_HOUR;
}

function samePassword(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The private task the read-authenticated caller requests as its requester, or the refusal. */
async function ownPrivateTask(sim: Sim, req: SimRequest, taskId: string) {
  const caller = await callerOf(req);
  if (caller === null) return { reply: trpcError(401, 'Caller authentication required') };
  const t = findTask(sim, taskId);
  if (!t) return { reply: trpcError(404, 'Task not found') };
  if (t.requester.toLowerCase() !== caller.toLowerCase()) return { reply: trpcError(403, 'Only the task requester can manage viewers') };
  if (t.taskVisibility !== 'private') return { reply: trpcError(400, 'Task is not private') };
  return { task: t };
}

export const routes: Route<Sim>[] = [
  writeRoute({
    path: '/api/tasks/:taskId/private-access/verify',
    schema: z.object({ taskId: z.string().min(1), password: z.string().min(1).max(200) }),
    handle(b, _req, sim) {
      const t = findTask(sim, b.taskId);
      if (!t || t.taskVisibility !== 'private' || t.accessPassword === null) return trpcError(404, 'Task not found');
      if (limited(sim, t.id)) return trpcError(429, 'Too many attempts. Try again later.');
      if (!samePassword(b.password, t.accessPassword)) return trpcError(401, 'Invalid password');
      const grant = randomBytes(24).toString('base64url');
      const expiresAt = sim.now() + GRANT_TTL_MS;
      sim.state.accessGrants[grant] = { taskId: t.id, expiresAt };
      return ok({ grant, expiresAt: new Date(expiresAt).toISOString() });
    },
  }),
  writeRoute({
    path: '/api/tasks/:taskId/private-access/viewers',
    schema: z.object({ taskId: z.string().min(1), viewerAddress: z.string().regex(ADDRESS, 'Invalid address') }),
    async handle(b, req, sim) {
      const own = await ownPrivateTask(sim, req, b.taskId);
      if (!own.task) return own.reply;
      if (!own.task.allowedViewers.some((v) => v.toLowerCase() === b.viewerAddress.toLowerCase())) {
        if (own.task.allowedViewers.length >= 50) return trpcError(400, 'A private task can have at most 50 viewers');
        own.task.allowedViewers.push(b.viewerAddress);
      }
      return ok({ success: true, taskId: own.task.id, viewers: own.task.allowedViewers });
    },
  }),
  writeRoute({
    method: 'DELETE',
    path: '/api/tasks/:taskId/private-access/viewers/:address',
    schema: z.object({ taskId: z.string().min(1), address: z.string().min(1) }),
    async handle(b, req, sim) {
      const own = await ownPrivateTask(sim, req, b.taskId);
      if (!own.task) return own.reply;
      own.task.allowedViewers = own.task.allowedViewers.filter((v) => v.toLowerCase() !== b.address.toLowerCase());
      return ok({ success: true, taskId: own.task.id, viewers: own.task.allowedViewers });
    },
  }),
  {
    method: 'GET',
    path: '/api/tasks/:taskId/private-access/viewers',
    async handle(req, sim) {
      const own = await ownPrivateTask(sim, req, req.params.taskId ?? '');
      if (!own.task) return own.reply;
      return ok({ taskId: own.task.id, viewers: own.task.allowedViewers });
    },
  },
];
