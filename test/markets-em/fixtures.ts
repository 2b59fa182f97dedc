// EM tasks for the pure tests, built the way the client builds them: a wire TaskResponse through the zod
// schema and the normaliser.
import type { Task } from '../../src/core/types.js';
import { toEmTask, type EmApplication, type EmSubmission } from '../../src/markets/execution-market/normalize.js';
import { taskSchema } from '../../src/markets/execution-market/schemas/task.js';

export const NOW = Date.parse('2026-12-01T12:00:00Z');
export const PUBLISHER = '0x' + '11'.repeat(20);
export const WORKER = '0x' + '22'.repeat(20);
export const STRANGER = '0x' + '33'.repeat(20);
export const TASK_ID = '0a0a0a0a-0000-4000-8000-000000000001';
export const EXEC_ID = '0b0b0b0b-0000-4000-8000-000000000002';
export const OTHER_EXEC = '0c0c0c0c-0000-4000-8000-000000000003';
export const SUB_ID = '0d0d0d0d-0000-4000-8000-000000000004';

export function wireTask(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: TASK_ID,
    title: '[KK Request] Raw Chat Logs',
    status: 'published',
    category: 'knowledge_access',
    bounty_usd: 0.05,
    deadline: new Date(NOW + 24 * 3_600_000).toISOString(),
    created_at: new Date(NOW - 60_000).toISOString(),
    agent_id: PUBLISHER,
    executor_id: null,
    instructions: 'Deliver raw Twitch chat logs as JSON with at least 100 records.',
    evidence_schema: { required: ['json_response'], optional: [] },
    min_reputation: 0,
    erc8004_agent_id: 3001,
    payment_network: 'base-sepolia',
    payment_token: 'USDC',
    escrow_status: null,
    skills_required: [],
    ...over,
  };
}

export function emTask(over: Record<string, unknown> = {}, executorWallet: string | null = WORKER): Task {
  const w = taskSchema.parse(wireTask(over));
  return toEmTask(w, { now: NOW, executorWallets: new Map(w.executor_id ? [[w.executor_id, executorWallet ?? '']] : []) });
}

export const application = (over: Partial<EmApplication> = {}): EmApplication => ({
  id: '0e0e0e0e-0000-4000-8000-000000000005',
  taskId: TASK_ID,
  executorId: EXEC_ID,
  wallet: WORKER,
  message: null,
  status: 'pending',
  createdAt: NOW - 30_000,
  reputationScore: 10,
  tasksCompleted: 1,
  avgRating: null,
  ...over,
});

export const submission = (over: Partial<EmSubmission> = {}): EmSubmission => ({
  id: SUB_ID,
  taskId: TASK_ID,
  executorId: EXEC_ID,
  verdict: 'pending',
  submittedAt: NOW - 10_000,
  verifiedAt: null,
  evidence: { json_response: { ok: true } },
  agentNotes: null,
  ...over,
});
