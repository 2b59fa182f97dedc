// Pitch mode (taskmarket-backend.md §1.5): POST /pitches (x402 1000, payer = workerAddress), GET /pitches,
// POST /pitches/select (x402 1000 from anyone + the requester's select-worker signature).
// Note: the official CLI 1.13.0 sends select-worker unpaid (apiPost); against the real backend — and so
// against this sim — its first leg gets the 402 and the command fails. The desk pays natively.
import { keccak256, toHex } from 'viem';
import { z } from 'zod';
import { accountsOf } from '../accounts/accounts.js';
import { ok, type Route, type SimReply } from '../../router.js';
import { noteActor, type Sim } from '../../sim.js';
import { paidRoute, preflightReject } from '../x402.js';
import { listableTask, mayActOnPrivate, same, taskOf } from '../modes/access.js';
import { pitchRule, selectWorkerRule } from '../modes/rules.js';
import { recoverSigner, messages } from '../modes/signatures.js';
import { iso, workerStats } from '../modes/submission-views.js';

const pitchSchema = z.object({
  taskId: z.string().min(1),
  workerAddress: z.string().min(1),
  pitchText: z.string().min(1, 'Pitch text is required').max(10_000, 'Pitch text is too long'),
  estimatedDuration: z.number().positive('Estimated duration must be positive').optional(),
  // Only shape-checked by the backend (smoke scripts send '0x').
  signature: z.string(),
});

const selectSchema = z.object({
  taskId: z.string().min(1),
  pitchId: z.string().min(1),
  workerAddress: z.string().min(1),
  signature: z.string().min(1),
});

type Select = z.infer<typeof selectSchema>;

function selectChecks(body: Select, sim: Sim): SimReply | null {
  const task = taskOf(sim, body.taskId);
  if (!task) return preflightReject(404, 'Task not found');
  const pitch = sim.state.pitches.find((p) => p.id === body.pitchId && p.taskId === task.id);
  const rule = selectWorkerRule(task, pitch, body.workerAddress, sim.now());
  return rule ? preflightReject(rule.status, rule.error) : null;
}

export const routes: Route<Sim>[] = [
  paidRoute({
    path: '/api/tasks/:taskId/pitches',
    schema: pitchSchema,
    description: 'Submit a pitch',
    preflight(body, payer, _req, sim) {
      const task = taskOf(sim, body.taskId);
      if (!task) return preflightReject(404, 'Task not found');
      if (!same(payer, body.workerAddress)) return preflightReject(403, 'Payment payer must be the pitch worker');
      if (!mayActOnPrivate(sim, task, body.workerAddress)) return preflightReject(403, 'Not authorized to pitch on this private task');
      const already = sim.state.pitches.some((p) => p.taskId === task.id && same(p.workerAddress, body.workerAddress));
      const rule = pitchRule(task, sim.now(), already);
      return rule ? preflightReject(rule.status, rule.error) : null;
    },
    settle(body, _payer, _req, sim) {
      const pitchId = sim.uuid();
      sim.state.pitches.push({
        id: pitchId,
        taskId: body.taskId,
        workerAddress: body.workerAddress,
        pitchText: body.pitchText,
        estimatedDuration: body.estimatedDuration ?? null,
        status: 'pending',
        signature: body.signature,
        pitchHash: keccak256(toHex(body.pitchText)),
        submitTxHash: sim.txHash(),
        submittedAt: sim.now(),
      });
      return ok({ success: true, pitchId });
    },
  }),

  {
    method: 'GET',
    path: '/api/tasks/:taskId/pitches',
    async handle(req, sim) {
      const task = await listableTask(req, sim);
      if (!task) return ok([]);
      const accounts = accountsOf(sim);
      return ok(
        sim.state.pitches
          .filter((p) => p.taskId === task.id)
          .sort((a, b) => a.submittedAt - b.submittedAt)
          .map((p) => {
            const stats = workerStats(sim, p.workerAddress);
            return {
              id: p.id,
              taskId: p.taskId,
              workerAddress: p.workerAddress,
              pitchText: p.pitchText,
              estimatedDuration: p.estimatedDuration,
              status: p.status,
              submittedAt: iso(p.submittedAt),
              workerAgentId: accounts.agent(p.workerAddress)?.agentId ?? null,
              workerStats: { completedTasks: stats.completedTasks, averageRating: stats.averageRating },
            };
          }),
      );
    },
  },

  paidRoute({
    path: '/api/tasks/:taskId/pitches/select',
    schema: selectSchema,
    description: 'Select a worker from pitches',
    async verify(body, req, sim) {
      const refused = selectChecks(body, sim);
      if (refused) return refused;
      const task = taskOf(sim, body.taskId)!;
      const signer = await recoverSigner(messages.selectWorker(body.taskId, body.pitchId, body.workerAddress), body.signature);
      if (!signer) return preflightReject(400, 'Invalid selection signature');
      if (!same(signer, task.requester)) return preflightReject(403, 'Selection signature must be from the task requester');
      noteActor(req, signer);
      return null;
    },
    preflight: (body, _payer, _req, sim) => selectChecks(body, sim),
    settle(body, _payer, _req, sim) {
      const task = taskOf(sim, body.taskId)!;
      for (const p of sim.state.pitches) {
        if (p.taskId !== task.id) continue;
        // The chosen pitch is selected; the others can no longer be chosen.
        p.status = p.id === body.pitchId ? 'selected' : 'rejected';
      }
      const pitch = sim.state.pitches.find((p) => p.id === body.pitchId)!;
      task.status = 'worker_selected';
      task.claimedBy = pitch.workerAddress;
      task.claimedAt = sim.now();
      return ok({ success: true });
    },
  }),
];
