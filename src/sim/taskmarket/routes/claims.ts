// Claim mode (taskmarket-backend.md §1.4): POST /claim (free, worker-signed) and POST /forfeit
// (free, requester-signed, only after expiry). The CLI sends no taskId in the claim body (taskmarket-cli.md §1.2).
import { z } from 'zod';
import { writeRoute } from '../idempotency.js';
import { ok, trpcError, type Route } from '../../router.js';
import { noteActor, type Sim } from '../../sim.js';
import { mayActOnPrivate, routerFail, same, taskOf } from '../modes/access.js';
import { chainExpiry, claimRule, forfeitExpiry, forfeitRule } from '../modes/rules.js';
import { checkSignature, messages } from '../modes/signatures.js';

const claimSchema = z.object({
  taskId: z.string().min(1),
  workerAddress: z.string().min(1),
  signature: z.string().min(1),
  stakeTxHash: z.string().optional(),
});

const forfeitSchema = z.object({
  taskId: z.string().min(1),
  requesterAddress: z.string().min(1),
  signature: z.string().min(1),
});

export const routes: Route<Sim>[] = [
  writeRoute({
    path: '/api/tasks/:taskId/claim',
    schema: claimSchema,
    async handle(body, req, sim) {
      const task = taskOf(sim, body.taskId);
      if (!task) return trpcError(404, 'Task not found');
      const rule = claimRule(task);
      if (rule) return routerFail(rule);
      const sig = await checkSignature(messages.claim(body.taskId), body.signature, body.workerAddress, 'worker');
      if (!sig.ok) return trpcError(sig.status, sig.message);
      noteActor(req, sig.signer);
      if (!mayActOnPrivate(sim, task, body.workerAddress)) return trpcError(403, 'Not authorized to claim this private task');
      // Re-read after the await: another claim may have won meanwhile (first claim wins).
      const again = claimRule(task) ?? chainExpiry(task, sim.now());
      if (again) return routerFail(again);
      const now = sim.now();
      const claimId = sim.uuid();
      sim.state.claims.push({
        id: claimId,
        taskId: task.id,
        workerAddress: body.workerAddress,
        stakeAmount: 0n,
        stakeTxHash: body.stakeTxHash ?? null,
        claimedAt: now,
        status: 'active',
      });
      task.status = 'claimed';
      task.claimedBy = body.workerAddress;
      task.claimedAt = now;
      sim.changed();
      return ok({ success: true, claimId });
    },
  }),
  writeRoute({
    path: '/api/tasks/:taskId/forfeit',
    schema: forfeitSchema,
    async handle(body, req, sim) {
      const task = taskOf(sim, body.taskId);
      if (!task) return trpcError(404, 'Task not found');
      const rule = forfeitRule(task);
      if (rule) return routerFail(rule);
      if (!same(body.requesterAddress, task.requester)) return trpcError(403, 'Only the task requester can forfeit');
      const sig = await checkSignature(messages.forfeit(body.taskId), body.signature, body.requesterAddress, 'requester');
      if (!sig.ok) return trpcError(sig.status, sig.message);
      noteActor(req, sig.signer);
      const again = forfeitRule(task) ?? forfeitExpiry(task, sim.now());
      if (again) return routerFail(again);
      for (const c of sim.state.claims) {
        if (c.taskId === task.id && c.status === 'active') c.status = 'forfeited';
      }
      task.status = 'open';
      task.claimedBy = null;
      task.claimedAt = null;
      sim.changed();
      return ok({ txHash: sim.txHash() });
    },
  }),
];
