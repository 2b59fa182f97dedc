// Pure mode rules for the simulator's claim/pitch/proof/submission/acceptance routes. Each check returns
// null when allowed or the backend's exact status + text (taskmarket-backend.md §1.4–§1.8).
import type { Mode, TaskStatus } from '../../../core/types.js';

export interface RuleError {
  status: number;
  error: string;
}

/** The task fields the rules read. */
export interface RuleTask {
  id: string;
  mode: Mode;
  status: TaskStatus;
  requester: string;
  expiryTime: number;
  pitchDeadline: number | null;
  claimedBy: string | null;
  evaluator: string | null;
}

const fail = (status: number, error: string): RuleError => ({ status, error });
const isContest = (mode: Mode) => mode === 'bounty' || mode === 'benchmark';
const same = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && a.toLowerCase() === b.toLowerCase();

/** §1.1 submission metering: bounty/benchmark first N free, then paid, hard ceiling first. */
export const FREE_SUBMISSION_ALLOWANCE = 5;
export const HARD_SUBMISSION_CEILING = 100;
export const SUBMISSION_CEILING_TEXT = 'This task has reached its maximum number of submissions from this worker.';

export type Metering = 'free' | 'paid' | 'ceiling';

export function submissionMetering(
  mode: Mode,
  priorByWorker: number,
  limits = { free: FREE_SUBMISSION_ALLOWANCE, ceiling: HARD_SUBMISSION_CEILING },
): Metering {
  if (!isContest(mode)) return 'free';
  if (priorByWorker >= limits.ceiling) return 'ceiling';
  return priorByWorker < limits.free ? 'free' : 'paid';
}

/** §1.4 claim. */
export function claimRule(task: RuleTask): RuleError | null {
  if (task.mode !== 'claim') return fail(400, 'Not a Claim task');
  if (task.status !== 'open') return fail(400, 'Task not available for claiming');
  return null;
}

/** How the sim words a chain revert the router did not catch first (the backend decodes the selector, §4.3). */
export const chainReject = (name: string): RuleError => fail(400, `Contract call rejected: ${name}`);

/** Chain claimTask / submitPitch / submitProof / submitWork revert TaskIsExpired when block.timestamp > expiry. */
export function chainExpiry(task: RuleTask, now: number): RuleError | null {
  return now > task.expiryTime ? chainReject('TaskIsExpired') : null;
}

/** §1.4 forfeit (requester). Requester/signature checks happen in the route, expiry after them. */
export function forfeitRule(task: RuleTask): RuleError | null {
  if (task.mode !== 'claim') return fail(400, 'Not a Claim task');
  if (task.status !== 'claimed') return fail(400, 'Task is not currently claimed');
  return null;
}

/** Chain forfeitAndReopen reverts TaskNotYetExpired unless block.timestamp > expiry (§1.4, §4.3). */
export function forfeitExpiry(task: RuleTask, now: number): RuleError | null {
  return now <= task.expiryTime ? chainReject('TaskNotYetExpired') : null;
}

/** §1.5 pitch (after the payer == workerAddress check). */
export function pitchRule(task: RuleTask, now: number, alreadyPitched: boolean): RuleError | null {
  if (task.mode !== 'pitch') return fail(400, 'Not a Pitch task');
  if (task.status !== 'open') return fail(400, 'Task not open for pitches');
  if (task.pitchDeadline !== null && now > task.pitchDeadline) return fail(400, 'Pitch deadline has passed');
  if (now > task.expiryTime) return fail(400, 'Task has expired');
  if (alreadyPitched) return fail(400, 'Worker has already submitted a pitch');
  return null;
}

/** §1.5 select-worker; the pitch deadline does not block selection, expiry does (chain TaskIsExpired). */
export function selectWorkerRule(
  task: RuleTask,
  pitch: { workerAddress: string; status: string } | undefined,
  workerAddress: string,
  now: number,
): RuleError | null {
  if (task.mode !== 'pitch') return fail(400, 'Not a Pitch task');
  if (task.status !== 'open') return fail(400, 'Task not open');
  if (!pitch) return fail(404, 'Pitch not found for this task');
  if (pitch.status !== 'pending') return fail(400, 'Pitch is no longer selectable');
  if (!same(pitch.workerAddress, workerAddress)) return fail(400, 'Selected worker does not match the pitch worker');
  if (now > task.expiryTime) return fail(400, 'Task has expired');
  return null;
}

/** §1.6 benchmark proof (after the payer == workerAddress check). */
export function proofRule(task: RuleTask, now: number, metricValue: unknown, rejected: boolean): RuleError | null {
  if (task.mode !== 'benchmark') return fail(400, 'Not a Benchmark task');
  if (task.status !== 'open') return fail(400, 'Task not open for proof submission');
  if (now > task.expiryTime) return fail(400, 'Task has expired');
  if (metricValue !== undefined && metricValue !== null) {
    if (typeof metricValue !== 'string' || !/^[0-9]+$/.test(metricValue) || metricValue.length > 200) {
      return fail(400, 'metricValue must be a non-negative integer');
    }
  }
  if (rejected) return fail(400, 'This worker was rejected and cannot submit again');
  return null;
}

/** §1.7 mode gates for a submission, in the router's order (status, expiry; the worker check is separate). */
export function submissionStateRule(task: RuleTask, now: number): RuleError | null {
  switch (task.mode) {
    case 'claim':
      if (task.status !== 'claimed') return fail(400, 'Task not claimed');
      break;
    case 'pitch':
      if (task.status !== 'worker_selected') return fail(400, 'Worker not selected');
      break;
    case 'auction':
      if (task.status !== 'claimed') return fail(400, 'Auction winner not yet selected');
      break;
    default:
      if (task.status === 'pending_approval') {
        return fail(400, 'This task already has submissions awaiting requester review — new submissions are not accepted');
      }
      if (task.status !== 'open') return fail(400, 'Task is not open for submissions');
  }
  if (task.expiryTime < now) return fail(400, 'Task has expired');
  return null;
}

/** §1.7 claimedBy === workerAddress is an exact-case comparison on claim/pitch/auction (§9.13). */
export function submissionWorkerRule(task: RuleTask, workerAddress: string): RuleError | null {
  if (isContest(task.mode)) return null;
  if (task.claimedBy === workerAddress) return null;
  const text =
    task.mode === 'claim' ? 'Only worker can submit' : task.mode === 'pitch' ? 'Only selected worker can submit' : 'Only the winning bidder can submit';
  return fail(401, text);
}

/** request-upload-url: the window must be open for this mode (§1.7 "Task is not accepting submissions"). */
export function uploadWindowRule(task: RuleTask, now: number): RuleError | null {
  return submissionStateRule(task, now) ? fail(400, 'Task is not accepting submissions') : null;
}

/** Status after a successful submission: claim/pitch/auction → pending_approval; contests stay open (§1.7, §9.4). */
export function statusAfterSubmission(task: RuleTask): TaskStatus {
  return isContest(task.mode) ? task.status : 'pending_approval';
}

/** §1.8 accept preflight (payer == requester is checked first by the route). */
export function acceptRule(
  task: RuleTask,
  worker: string,
  hasActiveSubmission: boolean,
  now: number,
): RuleError | null {
  if (task.evaluator) return fail(400, 'Task uses an evaluator; use evaluate instead');
  if (isContest(task.mode)) {
    if (task.status !== 'open' && task.status !== 'pending_approval') return fail(400, 'Task is not accepting a requester decision');
    if (!hasActiveSubmission) return fail(400, 'No active submission exists for the selected worker');
    return null;
  }
  if (task.expiryTime <= now) return fail(400, 'Task has expired');
  const awaiting =
    task.mode === 'pitch'
      ? task.status === 'worker_selected' || task.status === 'pending_approval'
      : task.status === 'claimed' || task.status === 'pending_approval';
  if (!awaiting) return fail(400, 'Task is not awaiting acceptance');
  if (!same(task.claimedBy, worker)) return fail(400, 'Selected worker does not match the task worker');
  if (!hasActiveSubmission) return fail(400, 'Selected worker has not submitted a deliverable');
  return null;
}

export interface WinnerInput {
  worker: string;
  share: number;
}

/** §1.8 accept-submissions preflight. */
export function acceptSubmissionsRule(
  task: RuleTask,
  winners: WinnerInput[],
  hasActive: (worker: string) => boolean,
): RuleError | null {
  if (!isContest(task.mode)) return fail(400, 'Multi-winner acceptance is only valid for bounty and benchmark tasks');
  if (task.evaluator) return fail(400, 'Task uses an evaluator; use evaluate instead');
  if (task.status !== 'open' && task.status !== 'pending_approval') return fail(400, 'Task is not accepting a requester decision');
  if (winners.length === 0) return fail(400, 'At least one winner is required');
  const sum = winners.reduce((a, w) => a + w.share, 0);
  if (sum !== 10_000) return fail(400, 'Winner shares must sum to 10000 basis points');
  const seen = new Set<string>();
  for (const w of winners) {
    const k = w.worker.toLowerCase();
    if (seen.has(k)) return fail(400, 'Duplicate award worker');
    seen.add(k);
  }
  for (const w of winners) {
    if (!hasActive(w.worker)) return fail(400, `No active submission exists for winner ${w.worker}`);
  }
  return null;
}

/** §1.2 reject-submission preflight. `hasActive` uses exact-case worker match (router 404 text differs). */
export function rejectSubmissionRule(task: RuleTask, hasActive: boolean): RuleError | null {
  if (!isContest(task.mode)) return fail(400, 'Submission rejection is only valid for bounty and benchmark tasks');
  if (task.status !== 'open' && task.status !== 'pending_approval') {
    return fail(400, 'Task must be open or pending_approval to reject a submission');
  }
  if (!hasActive) return fail(400, 'No active submission exists for the selected worker');
  return null;
}

/** §1.8 rate preflight. `recipients` are award workers (falls back to claimedBy when there are no awards). */
export function rateRule(
  task: RuleTask,
  worker: string,
  recipients: { workerAddress: string; rating: number | null }[],
): RuleError | null {
  if (task.status !== 'completed') return fail(400, 'Task is not completed');
  const list = recipients.length > 0 ? recipients : task.claimedBy ? [{ workerAddress: task.claimedBy, rating: null }] : [];
  const mine = list.filter((r) => same(r.workerAddress, worker));
  if (mine.length === 0) return fail(400, 'Worker is not an award recipient for this task');
  if (mine.every((r) => r.rating !== null)) return fail(400, 'Award recipient is already rated');
  return null;
}
