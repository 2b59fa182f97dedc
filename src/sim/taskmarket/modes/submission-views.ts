// The submission reads (taskmarket-backend.md §1.7): GET /api/tasks/:id/submissions (caller-aware,
// filtered by submissionVisibility) and GET /api/submissions/mine?workerAddress= (exact-case match).
import { accountsOf } from '../accounts/accounts.js';
import { callerOf } from '../auth.js';
import { ok, type SimReply, type SimRequest } from '../../router.js';
import type { Sim } from '../../sim.js';
import type { SubmissionRecord, TaskRecord } from '../../state.js';
import { mayActOnPrivate, same, taskOf } from './access.js';

export const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

const resolved = (t: TaskRecord) => t.status === 'completed' || t.status === 'cancelled' || t.status === 'expired';

/**
 * Who may see a submission. The requester and the submitter always; others by the task's
 * submissionVisibility: public → always; reveal_all → once the task is resolved; winner_only → an
 * awarded submission once completed; never → no one else. (The reference names the filter, not its
 * table; this is the sim's reading of the four values.)
 */
export function canSee(sim: Sim, task: TaskRecord, sub: SubmissionRecord, caller: string | null): boolean {
  if (caller && (same(caller, task.requester) || same(caller, sub.workerAddress))) return true;
  switch (task.submissionVisibility) {
    case 'public':
      return true;
    case 'reveal_all':
      return resolved(task);
    case 'winner_only':
      return task.status === 'completed' && sim.state.awards.some((a) => a.taskId === task.id && same(a.workerAddress, sub.workerAddress));
    default:
      return false;
  }
}

/** workerStats from the awards table: completed = awarded tasks, ratings from rated awards. */
export function workerStats(sim: Sim, worker: string) {
  const mine = sim.state.awards.filter((a) => same(a.workerAddress, worker));
  const rated = mine.filter((a) => a.rating !== null);
  const totalStars = rated.reduce((s, a) => s + (a.rating ?? 0), 0);
  return {
    completedTasks: new Set(mine.map((a) => a.taskId)).size,
    ratedTasks: rated.length,
    totalStars,
    averageRating: rated.length > 0 ? totalStars / rated.length : null,
  };
}

export function submissionView(sim: Sim, s: SubmissionRecord) {
  return {
    id: s.id,
    referenceCode: s.referenceCode,
    taskId: s.taskId,
    workerAddress: s.workerAddress,
    fileUrl: s.fileUrl,
    signature: s.signature,
    submittedAt: iso(s.submittedAt),
    rejectedAt: iso(s.rejectedAt),
    workerAgentId: accountsOf(sim).agent(s.workerAddress)?.agentId ?? null,
    deliverableHash: s.deliverableHash,
    submitTxHash: s.submitTxHash,
    artifacts: s.artifacts.map((a) => ({
      id: a.id,
      role: a.role,
      fileName: a.fileName,
      mimeType: a.mimeType,
      mediaKind: a.mediaKind,
      sizeBytes: a.sizeBytes,
      sha256Hash: a.sha256Hash,
      keccak256Hash: a.keccak256Hash,
      displayOrder: a.displayOrder,
      previewUrl: null,
    })),
    workerStats: workerStats(sim, s.workerAddress),
  };
}

export async function listSubmissions(req: SimRequest, sim: Sim): Promise<SimReply> {
  const task = taskOf(sim, req.params.taskId ?? '');
  if (!task) return ok([]);
  const caller = await callerOf(req);
  if (task.taskVisibility === 'private' && (!caller || !mayActOnPrivate(sim, task, caller))) return ok([]);
  const rows = sim.state.submissions
    .filter((s) => s.taskId === task.id && canSee(sim, task, s, caller))
    .sort((a, b) => b.submittedAt - a.submittedAt)
    .map((s) => submissionView(sim, s));
  return ok(rows);
}

export function mySubmissions(req: SimRequest, sim: Sim): SimReply {
  const worker = req.query.get('workerAddress');
  if (!worker) return { status: 400, body: { message: 'workerAddress is required', code: 'BAD_REQUEST' } };
  const rows = sim.state.submissions
    .filter((s) => s.workerAddress === worker) // exact-case, like the backend (§1.7)
    .sort((a, b) => b.submittedAt - a.submittedAt)
    .flatMap((s) => {
      const t = sim.state.tasks[s.taskId];
      if (!t) return [];
      return [
        {
          taskId: s.taskId,
          taskDescription: t.description,
          taskStatus: t.status,
          taskMode: t.mode,
          taskReward: t.reward.toString(),
          submittedAt: iso(s.submittedAt),
          deliverableHash: s.deliverableHash,
          submitTxHash: s.submitTxHash,
          rejectedAt: iso(s.rejectedAt),
        },
      ];
    });
  return ok(rows);
}
