// The shared part of the three ways to submit work (from-keys, direct base64, benchmark proof):
// the gates in the router's order (taskmarket-backend.md §1.7) and the record + status effect.
import { concat, keccak256, type Hex } from 'viem';
import { trpcError, type SimReply } from '../../router.js';
import type { Sim } from '../../sim.js';
import type { ArtifactRecord, SubmissionRecord, TaskRecord } from '../../state.js';
import { preflightReject } from '../x402.js';
import { mayActOnPrivate, referenceCode, same, wasRejected } from './access.js';
import { chainReject, statusAfterSubmission, submissionStateRule, submissionWorkerRule, type RuleError } from './rules.js';

const isContest = (t: TaskRecord) => t.mode === 'bounty' || t.mode === 'benchmark';

/** Paid-path failures use the preflight envelope; free-path ones the router's tRPC shape (§5.3). */
export function failReply(e: RuleError, paid: boolean): SimReply {
  return paid ? preflightReject(e.status, e.error) : trpcError(e.status, e.error);
}

/** Mode/status/expiry gates only: these come before the signature check in the router (§1.7). */
export function submissionStateGate(sim: Sim, task: TaskRecord, paid: boolean): SimReply | null {
  const state = submissionStateRule(task, sim.now());
  return state ? failReply(state, paid) : null;
}

/** All gates for a submission by `worker`; `payer` is the x402 payer on the paid path, else null. */
export function submissionGate(sim: Sim, task: TaskRecord, worker: string, payer: string | null): SimReply | null {
  return submissionStateGate(sim, task, payer !== null) ?? submissionActorGate(sim, task, worker, payer);
}

/** After the signature: fee payer, claimed/selected/winning worker (exact case), private access, rejection. */
export function submissionActorGate(sim: Sim, task: TaskRecord, worker: string, payer: string | null): SimReply | null {
  const paid = payer !== null;
  if (payer !== null && !same(payer, worker)) {
    return {
      status: 403,
      body: {
        error: 'The submission fee must be paid by the worker submitting the work',
        taskmarket: { reason: 'payment_payer_mismatch' },
      },
    };
  }
  const who = submissionWorkerRule(task, worker);
  if (who) return failReply(who, paid);
  if (!mayActOnPrivate(sim, task, worker)) return failReply({ status: 403, error: 'Not authorized to submit to this private task' }, paid);
  if (isContest(task) && wasRejected(sim, task.id, worker)) return failReply(chainReject('SubmissionAlreadyRejected'), paid);
  return null;
}

export function mediaKind(mimeType: string | null): string {
  const m = (mimeType ?? '').toLowerCase();
  if (m.startsWith('image/')) return 'image';
  if (m.startsWith('video/')) return 'video';
  if (m.startsWith('audio/')) return 'audio';
  if (m === 'application/pdf') return 'pdf';
  if (m.startsWith('text/') || m === 'application/json') return 'text';
  if (m === 'application/zip' || m === 'application/gzip' || m === 'application/x-tar') return 'archive';
  return 'unknown';
}

/** One deliverable hash per submission: the artifact's keccak256, or keccak256 over all of them in order. */
export function deliverableHashOf(artifacts: ArtifactRecord[]): string | null {
  if (artifacts.length === 0) return null;
  if (artifacts.length === 1) return artifacts[0]?.keccak256Hash ?? null;
  return keccak256(concat(artifacts.map((a) => a.keccak256Hash as Hex)));
}

export interface ApplySubmissionParameters {
  task: TaskRecord;
  worker: string;
  signature: string;
  artifacts: ArtifactRecord[];
  deliverableHash: string | null;
  fileUrl: string | null;
}

/** Record the submission and move the task (§1.7 effect; evaluator tasks go to review, §1.9). */
export function applySubmission(sim: Sim, p: ApplySubmissionParameters): SubmissionRecord {
  const now = sim.now();
  const row: SubmissionRecord = {
    id: sim.uuid(),
    referenceCode: referenceCode('SUB', sim),
    taskId: p.task.id,
    workerAddress: p.worker,
    fileUrl: p.fileUrl,
    signature: p.signature,
    deliverableHash: p.deliverableHash,
    submitTxHash: sim.txHash(),
    submittedAt: now,
    rejectedAt: null,
    artifacts: p.artifacts,
  };
  sim.state.submissions.push(row);
  const t = p.task;
  if (!isContest(t)) {
    if (t.evaluator) {
      // Chain submitWork puts evaluator tasks into Review with deadline now + evaluationWindow (§1.9).
      t.status = 'review';
      t.evaluatorDeadline = now + (t.evaluationWindow ?? 24 * 3600) * 1000;
    } else {
      t.status = statusAfterSubmission(t);
    }
    for (const c of sim.state.claims) {
      if (c.taskId === t.id && c.status === 'active' && same(c.workerAddress, p.worker)) c.status = 'submitted';
    }
  }
  sim.changed();
  return row;
}
