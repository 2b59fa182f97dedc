// EM has no pendingActions (execution-market-api.md §5a): the adapter derives them per task from EM's status
// and the wallet's role. Publisher: assign an applicant, approve, reject, request more info, cancel, rate the
// worker. Worker: apply, submit evidence, withdraw, rate the agent. Pure; the desk lists them in Actions and
// every one goes through the same gate and ticket as a Taskmarket action.
import type { EmIntentAction } from '../../core/intent.js';
import type { Task } from '../../core/types.js';
import { REVIEW_WINDOW_MS } from './constants.js';
import type { EmApplication, EmSubmission } from './normalize.js';

export type EmRole = 'publisher' | 'worker';

export interface EmDerivedAction {
  role: EmRole;
  action: EmIntentAction;
  /** One line saying why it is offered (shown in Actions). */
  reason: string;
  /** Epoch ms after which EM stops taking it (the deadline, or the 72 h auto-settle), null when open-ended. */
  availableUntil: number | null;
}

export interface DeriveContext {
  /** The acting wallet. */
  wallet: string;
  /** The wallet's executor id on EM, when registered (worker side). */
  executorId?: string | null;
  now: number;
  /** The publisher's view (GET /tasks/{id}/applications); undefined when not fetched. */
  applications?: readonly EmApplication[];
  /** The publisher's view (GET /tasks/{id}/submissions). */
  submissions?: readonly EmSubmission[];
  /** The worker applied already (known from its own apply or a browse with exclude_executor). */
  applied?: boolean;
  /** Directions already rated (a second rating is kept out: EM keeps the first). */
  ratedWorker?: boolean;
  ratedAgent?: boolean;
}

const lower = (s: string | null | undefined) => (s ?? '').toLowerCase();

/** The pending submission the publisher would act on (the assignee's), if any. */
export function pendingSubmission(task: Task, submissions: readonly EmSubmission[] | undefined): EmSubmission | null {
  const exec = task.em?.executorId ?? null;
  return submissions?.find((s) => s.verdict === 'pending' && (exec === null || s.executorId === exec)) ?? null;
}

/** The derived actions of `task` for `c.wallet`, in the order the desk lists them. */
export function deriveEmActions(task: Task, c: DeriveContext): EmDerivedAction[] {
  const em = task.em;
  if (!em) return [];
  const me = lower(c.wallet);
  const out: EmDerivedAction[] = [];
  const deadline = em.deadline;
  const live = deadline > c.now;
  const isPublisher = lower(em.publisherWallet) === me;
  const isAssignee = (c.executorId != null && em.executorId === c.executorId) || (em.executorWallet !== null && lower(em.executorWallet) === me);
  const add = (role: EmRole, action: EmIntentAction, reason: string, availableUntil: number | null) => out.push({ role, action, reason, availableUntil });

  if (isPublisher) {
    switch (em.status) {
      case 'published': {
        if (!live) break; // the expiry sweep will refund it
        const pending = c.applications?.filter((a) => a.status === 'pending').length;
        if (pending === undefined || pending > 0) add('publisher', 'em_assign', pending === undefined ? 'published: assign an applicant (escrow locks the bounty)' : `${pending} applicant${pending === 1 ? '' : 's'} waiting: assign one (escrow locks the bounty)`, deadline);
        add('publisher', 'em_cancel', 'published, nothing locked: cancel', deadline);
        break;
      }
      case 'accepted':
        // Cancellable until evidence arrives (§13.4); the locked escrow is refunded.
        if (live) add('publisher', 'em_cancel', 'assigned, no evidence yet: cancel and refund the escrow', deadline);
        break;
      case 'submitted': {
        const sub = pendingSubmission(task, c.submissions);
        if (c.submissions !== undefined && sub === null) break;
        const until = sub ? sub.submittedAt + REVIEW_WINDOW_MS : null;
        add('publisher', 'em_approve', 'evidence submitted: approve pays 87 % to the worker, 13 % fee', until);
        add('publisher', 'em_reject', 'evidence submitted: reject (minor: resubmit; major: refund and re-open)', until);
        add('publisher', 'em_request_info', 'evidence submitted: ask the worker for more', until);
        break;
      }
      case 'completed':
        if (!c.ratedWorker && em.executorId !== null) add('publisher', 'em_rate_worker', 'completed: rate the worker (0–100)', null);
        break;
      default:
        break;
    }
    return out;
  }

  switch (em.status) {
    case 'published':
      if (live && !c.applied) add('worker', 'em_apply', 'published: apply; the publisher assigns', deadline);
      break;
    case 'accepted':
    case 'in_progress':
      if (!isAssignee || !live) break;
      add('worker', 'em_submit', em.status === 'accepted' ? 'assigned to you, escrow locked: submit the evidence' : 'more work asked for: submit again', deadline);
      add('worker', 'em_withdraw', 'assigned to you: step down (the escrow goes back to the publisher)', deadline);
      break;
    case 'completed':
      if (isAssignee && !c.ratedAgent) add('worker', 'em_rate_agent', 'completed and paid: rate the publisher (0–100)', null);
      break;
    default:
      break;
  }
  return out;
}

/** The table the README shows: which status offers what to whom (no context: everything that may apply). */
export const DERIVED_ACTION_TABLE: ReadonlyArray<{ status: string; publisher: readonly EmIntentAction[]; worker: readonly EmIntentAction[] }> = [
  { status: 'published', publisher: ['em_assign', 'em_cancel'], worker: ['em_apply'] },
  { status: 'assigning', publisher: [], worker: [] },
  { status: 'accepted', publisher: ['em_cancel'], worker: ['em_submit', 'em_withdraw'] },
  { status: 'in_progress', publisher: [], worker: ['em_submit', 'em_withdraw'] },
  { status: 'submitted', publisher: ['em_approve', 'em_reject', 'em_request_info'], worker: [] },
  { status: 'verifying', publisher: [], worker: [] },
  { status: 'completed', publisher: ['em_rate_worker'], worker: ['em_rate_agent'] },
  { status: 'disputed', publisher: [], worker: [] },
  { status: 'expired', publisher: [], worker: [] },
  { status: 'cancelled', publisher: [], worker: [] },
];
