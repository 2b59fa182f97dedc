// pendingActions exactly as the latest backend computes them (taskmarket-backend.md §2.1–§2.3,
// lib/task.ts@0d1af2c8), including the tasks.get post-filter for contest appeals (§2.1).
import { clockPrice } from './clock.js';
import { formatUsdc } from './money.js';
import { submissionWindowOpen } from './task-derived.js';
import type { ActionName, ActionRole, Mode, PendingAction, Submission, Task, TaskStatus } from './types.js';

/** STANDARD_X402_ACTION_AMOUNT (§1.1): 0.001 USDC. */
export const STANDARD_ACTION_FEE = 1000n;

/** PAID_PENDING_ACTION_NAMES (§2.2): requiresPayment is true exactly for these. */
export const PAID_ACTION_NAMES: ReadonlySet<ActionName> = new Set<ActionName>([
  'accept',
  'accept_submissions',
  'appeal',
  'auction_accept',
  'bid',
  'cancel',
  'evaluate',
  'evaluator_timeout',
  'pitch',
  'rate',
  'refund_expired',
  'reject_submission',
  'resolve_dispute',
  'select_worker',
  'submit_proof',
  'update',
]);

/** What tasks.get assembles beside the task row (§2.1). */
export interface PendingActionsContext {
  /** Bid rows on the task (0 for non-auction). */
  bidCount: number;
  /** See latestSubmissionWorker(); already nulled if the caller may not see that submission. */
  latestSubmissionWorker: string | null;
  /** The identified caller when status appealing, contest mode, and the caller may appeal; else null. */
  appealEligibleWorker: string | null;
  /** task_awards rows in award order. */
  awardWorkers: { address: string; rating: number | null }[];
}

const isContest = (mode: Mode) => mode === 'bounty' || mode === 'benchmark';

/**
 * ADR-0027 (§2.1): the single distinct (exact-string) non-rejected submitter, only when the task has
 * one and is pending_approval or a contest; else null. Visibility nulling is the caller's job.
 */
export function latestSubmissionWorker(
  submissions: readonly Pick<Submission, 'workerAddress' | 'rejectedAt'>[],
  status: TaskStatus,
  mode: Mode,
): string | null {
  const active = submissions.filter((s) => s.rejectedAt === null);
  if (active.length === 0) return null;
  if (status !== 'pending_approval' && !isContest(mode)) return null;
  const workers = new Set(active.map((s) => s.workerAddress));
  return workers.size === 1 ? (active[0]?.workerAddress ?? null) : null;
}

interface Extra {
  eligibleAddress?: string | null;
  availableAfter?: number | null;
  availableUntil?: number | null;
  targetWorker?: string | null;
}

function entry(role: ActionRole, action: ActionName, command: string, extra: Extra = {}): PendingAction {
  const paid = PAID_ACTION_NAMES.has(action);
  return {
    role,
    action,
    command,
    eligibleAddress: extra.eligibleAddress ?? null,
    requiresPayment: paid,
    // '1000' even for update, whose real x402 price may be higher (§2.2).
    paymentAmount: paid ? STANDARD_ACTION_FEE : null,
    availableAfter: extra.availableAfter ?? null,
    availableUntil: extra.availableUntil ?? null,
    targetWorker: extra.targetWorker ?? null,
  };
}

/** Every entry for `task` at `now`, in the backend's order. */
export function computePendingActions(task: Task, ctx: PendingActionsContext, now: number): PendingAction[] {
  const actions = computeRaw(task, ctx, now);
  // tasks.get post-filter (§2.1): a contest appeal needs an identified, eligible caller.
  if (isContest(task.mode) && ctx.appealEligibleWorker === null) {
    return actions.filter((a) => a.action !== 'appeal');
  }
  return actions;
}

function computeRaw(task: Task, ctx: PendingActionsContext, now: number): PendingAction[] {
  const id = task.id;
  const cmd = (rest: string) => `taskmarket task ${rest}`;
  const expired = task.expiryTime <= now;
  const windowOpen = submissionWindowOpen(task, now);
  const workerAddress = task.claimedBy ?? ctx.appealEligibleWorker ?? ctx.latestSubmissionWorker ?? null;
  const W = workerAddress ?? '<address>';
  const req = { eligibleAddress: task.requester };

  const refundExpired = () =>
    entry('requester', 'refund_expired', cmd(`refund-expired ${id}`), { ...req, availableAfter: task.expiryTime });
  const accept = () =>
    entry('requester', 'accept', cmd(`accept ${id} --worker ${W}`), {
      ...req,
      availableUntil: isContest(task.mode) ? null : task.expiryTime,
    });
  const submit = (eligibleAddress: string | null) =>
    entry('worker', 'submit', cmd(`submit ${id} --file <path>`), { eligibleAddress, availableUntil: task.expiryTime });

  switch (task.status) {
    case 'open': {
      const auctionHasBids = task.mode === 'auction' && ctx.bidCount > 0;
      const contestHasSubmissions = isContest(task.mode) && task.submissionCount > 0;
      const management: PendingAction[] = [];
      if (!expired && !auctionHasBids && !contestHasSubmissions) {
        management.push(entry('requester', 'cancel', cmd(`cancel ${id}`), req));
      }
      // update stays on offer even when expired (§2.3 step 2).
      if (!auctionHasBids) {
        management.push(entry('requester', 'update', cmd(`update ${id} --extend-expiry <seconds>`), req));
      }
      if (expired && !contestHasSubmissions) return [...management, refundExpired()];

      const decisions: PendingAction[] = [];
      if (contestHasSubmissions) {
        if (task.evaluator === null) {
          decisions.push(accept());
          decisions.push(
            entry('requester', 'accept_submissions', cmd(`accept-submissions ${id} --winner <worker>:10000`), req),
          );
        }
        const rejectWorker = ctx.latestSubmissionWorker ?? workerAddress ?? '<address>';
        decisions.push(entry('requester', 'reject_submission', cmd(`reject-submission ${id} --worker ${rejectWorker}`), req));
        if (task.evaluator !== null) {
          decisions.push(
            entry('evaluator', 'evaluate', cmd(`evaluate ${id} --verdict approve --award <worker>:<amount-usdc>:1`), {
              eligibleAddress: task.evaluator,
            }),
          );
        }
      }

      switch (task.mode) {
        case 'bounty':
          return [...management, ...decisions, ...(windowOpen ? [submit(null)] : [])];
        case 'benchmark':
          return [
            ...management,
            ...decisions,
            ...(windowOpen
              ? [
                  entry('worker', 'submit_proof', cmd(`proof ${id} --data <data> --type <type>`), {
                    availableUntil: task.expiryTime,
                  }),
                ]
              : []),
          ];
        case 'claim':
          return [...management, entry('worker', 'claim', cmd(`claim ${id}`), { availableUntil: task.expiryTime })];
        case 'pitch': {
          const out = [...management];
          const pitchWindowEnd = task.pitchDeadline ?? task.expiryTime;
          if (!expired && now < pitchWindowEnd) {
            out.push(entry('worker', 'pitch', cmd(`pitch ${id} --text "..."`), { availableUntil: pitchWindowEnd }));
          }
          if (!expired && task.pitchCount > 0) {
            out.push(
              entry('requester', 'select_worker', cmd(`select-worker ${id} --pitch <pitchId> --worker <address>`), {
                ...req,
                availableUntil: task.expiryTime,
              }),
            );
          }
          return out;
        }
        case 'auction': {
          const bidWindowEnd = task.bidDeadline ?? task.expiryTime;
          const deadlinePassed = now >= bidWindowEnd;
          if (task.auctionType === 'dutch' || task.auctionType === 'reverse_dutch') {
            if (deadlinePassed) return management;
            const price = clockPrice(task, now);
            const shown = price === null ? '?' : formatUsdc(price);
            return [
              ...management,
              entry('worker', 'auction_accept', cmd(`auction-accept ${id} # current price: $${shown}`), {
                availableUntil: bidWindowEnd,
              }),
            ];
          }
          if (deadlinePassed) {
            return ctx.bidCount > 0
              ? [entry('anyone', 'select_winner', cmd(`select-winner ${id}`), { availableUntil: task.expiryTime })]
              : management;
          }
          const bidCommand =
            task.auctionType === 'english'
              ? cmd(`bid ${id} --price <usdc>`) +
                (task.currentLowestBid !== null ? ` # current lowest: $${formatUsdc(task.currentLowestBid)}` : '')
              : cmd(`bid ${id} --price <usdc> # ${ctx.bidCount} sealed bid(s) placed`);
          return [...management, entry('worker', 'bid', bidCommand, { availableUntil: bidWindowEnd })];
        }
        default:
          return management;
      }
    }

    case 'claimed':
      if (windowOpen && workerAddress !== null) return [submit(workerAddress)];
      if (expired && task.mode === 'claim') {
        return [entry('requester', 'forfeit', cmd(`forfeit ${id}`), { ...req, availableAfter: task.expiryTime })];
      }
      if (expired && task.mode === 'auction') return [refundExpired()];
      return [];

    case 'worker_selected':
      if (windowOpen && workerAddress !== null) return [submit(workerAddress)];
      if (expired) return [refundExpired()];
      return [];

    case 'pending_approval':
      if (expired && !isContest(task.mode)) return [refundExpired()];
      return [accept()];

    case 'review': {
      const out: PendingAction[] = [];
      if (task.evaluator !== null) {
        out.push(
          entry('evaluator', 'evaluate', cmd(`evaluate ${id} --verdict approve --award <worker>:<amount-usdc>:1 --score 1000`), {
            eligibleAddress: task.evaluator,
          }),
        );
      }
      if (task.evaluatorDeadline !== null && now >= task.evaluatorDeadline) {
        out.push(
          entry('requester', 'evaluator_timeout', cmd(`evaluator-timeout ${id}`), {
            ...req,
            availableAfter: task.evaluatorDeadline,
          }),
        );
      }
      return out;
    }

    case 'appealing':
      if (task.appealDeadline !== null && now < task.appealDeadline) {
        return [
          entry('worker', 'appeal', cmd(`appeal ${id}`), {
            eligibleAddress: workerAddress,
            availableUntil: task.appealDeadline,
          }),
        ];
      }
      return [entry('anyone', 'finalize_verdict', cmd(`finalize-verdict ${id}`), { availableAfter: task.appealDeadline })];

    case 'disputed':
      return [
        entry('dispute_resolver', 'resolve_dispute', cmd(`resolve-dispute ${id} --verdict approve --award <worker>:<amount-usdc>:<rank>`), {
          eligibleAddress: task.disputeResolver,
        }),
      ];

    case 'completed':
      return rateActions(task, ctx, cmd);

    default:
      return [];
  }
}

/** One rate per distinct (case-insensitive) award worker whose awards are all unrated, in award order. */
function rateActions(task: Task, ctx: PendingActionsContext, cmd: (rest: string) => string): PendingAction[] {
  const byWorker = new Map<string, { address: string; allUnrated: boolean }>();
  for (const award of ctx.awardWorkers) {
    const key = award.address.toLowerCase();
    const seen = byWorker.get(key);
    if (seen) seen.allUnrated &&= award.rating === null;
    else byWorker.set(key, { address: award.address, allUnrated: award.rating === null });
  }
  return [...byWorker.values()]
    .filter((w) => w.allUnrated)
    .map((w) =>
      entry('requester', 'rate', cmd(`rate ${task.id} --worker ${w.address} --rating <0-100>`), {
        eligibleAddress: task.requester,
        targetWorker: w.address,
      }),
    );
}
