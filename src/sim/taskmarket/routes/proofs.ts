// Benchmark proofs (taskmarket-backend.md §1.6): POST /proofs (x402 1000, payer = workerAddress) creates a
// proof and a linked submission; GET /proofs lists them. Proofs are always paid (not metered like submissions).
import { keccak256, toHex } from 'viem';
import { z } from 'zod';
import { accountsOf } from '../accounts/accounts.js';
import { ok, type Route } from '../../router.js';
import type { Sim } from '../../sim.js';
import { paidRoute, preflightReject } from '../x402.js';
import { listableTask, mayActOnPrivate, same, taskOf, wasRejected } from '../modes/access.js';
import { proofRule } from '../modes/rules.js';
import { applySubmission } from '../modes/submit.js';
import { iso } from '../modes/submission-views.js';

const PROOF_TYPES = ['url', 'screenshot', 'api_data', 'manual', 'custom', 'eval', 'tlsn', 'zk'] as const;

const proofSchema = z.object({
  taskId: z.string().min(1),
  workerAddress: z.string().min(1),
  proofData: z.string().min(1, 'Proof data is required').max(10_000, 'Proof data is too long'),
  proofType: z.enum(PROOF_TYPES),
  metricValue: z
    .string()
    .max(200, 'metricValue is too long')
    .regex(/^[0-9]+$/, 'metricValue must be a non-negative integer')
    .optional(),
  signature: z.string(),
});

export const routes: Route<Sim>[] = [
  paidRoute({
    path: '/api/tasks/:taskId/proofs',
    schema: proofSchema,
    description: 'Submit a benchmark proof',
    preflight(body, payer, _req, sim) {
      const task = taskOf(sim, body.taskId);
      if (!task) return preflightReject(404, 'Task not found');
      if (!same(payer, body.workerAddress)) return preflightReject(403, 'Payment payer must be the proof worker');
      if (!mayActOnPrivate(sim, task, body.workerAddress)) return preflightReject(403, 'Not authorized to submit to this private task');
      const rule = proofRule(task, sim.now(), body.metricValue, wasRejected(sim, task.id, body.workerAddress));
      return rule ? preflightReject(rule.status, rule.error) : null;
    },
    settle(body, _payer, _req, sim) {
      const task = taskOf(sim, body.taskId)!;
      const proofHash = keccak256(toHex(body.proofData));
      const submission = applySubmission(sim, {
        task,
        worker: body.workerAddress,
        signature: body.signature,
        artifacts: [],
        deliverableHash: proofHash,
        fileUrl: null,
      });
      const proofId = sim.uuid();
      sim.state.proofs.push({
        id: proofId,
        taskId: task.id,
        workerAddress: body.workerAddress,
        proofData: body.proofData,
        proofType: body.proofType,
        metricValue: body.metricValue ?? null,
        status: 'submitted',
        proofHash,
        submitTxHash: submission.submitTxHash,
        submissionId: submission.id,
        submittedAt: submission.submittedAt,
      });
      return ok({ success: true, proofId, submissionId: submission.id });
    },
  }),

  {
    method: 'GET',
    path: '/api/tasks/:taskId/proofs',
    async handle(req, sim) {
      const task = await listableTask(req, sim);
      if (!task) return ok([]);
      const accounts = accountsOf(sim);
      return ok(
        sim.state.proofs
          .filter((p) => p.taskId === task.id)
          .sort((a, b) => a.submittedAt - b.submittedAt)
          .map((p) => ({
            id: p.id,
            taskId: p.taskId,
            workerAddress: p.workerAddress,
            proofData: p.proofData,
            proofType: p.proofType,
            metricValue: p.metricValue,
            status: p.status,
            submissionId: p.submissionId,
            submittedAt: iso(p.submittedAt),
            workerAgentId: accounts.agent(p.workerAddress)?.agentId ?? null,
          })),
      );
    },
  },
];
