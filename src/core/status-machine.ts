// The DB status machine per mode (taskmarket-backend.md §4.2). Status never changes on a timer (§4.1):
// every edge below is driven by an action, named in `via`.
import type { Mode, TaskStatus } from './types.js';

export interface Transition {
  from: TaskStatus;
  to: TaskStatus;
  via: string;
}

const t = (from: TaskStatus, to: TaskStatus, via: string): Transition => ({ from, to, via });

/** Evaluator edges shared by every mode once a verdict is in (§1.9, §4.2). */
const VERDICT: Transition[] = [
  t('appealing', 'disputed', 'appeal'),
  t('appealing', 'completed', 'finalize-verdict (approve/partial)'),
  t('appealing', 'cancelled', 'finalize-verdict (reject)'),
  t('disputed', 'completed', 'resolve-dispute'),
];

/** Claim/pitch/auction with an evaluator: the chain moves a submission into review (§1.9). */
const REVIEW: Transition[] = [
  t('review', 'appealing', 'evaluate'),
  t('review', 'pending_approval', 'evaluator-timeout'),
];

const OPEN_EXITS: Transition[] = [t('open', 'cancelled', 'cancel'), t('open', 'expired', 'refund-expired')];

const CONTEST: Transition[] = [
  ...OPEN_EXITS,
  t('open', 'completed', 'accept / accept-submissions'),
  t('open', 'appealing', 'evaluate'),
  ...VERDICT,
];

export const TRANSITIONS: Readonly<Record<Mode, readonly Transition[]>> = {
  bounty: CONTEST,
  benchmark: CONTEST,
  claim: [
    ...OPEN_EXITS,
    t('open', 'claimed', 'claim'),
    t('claimed', 'pending_approval', 'submit'),
    t('claimed', 'review', 'submit (evaluator)'),
    t('claimed', 'open', 'forfeit'),
    t('claimed', 'expired', 'refund-expired'),
    t('pending_approval', 'completed', 'accept'),
    t('pending_approval', 'expired', 'refund-expired'),
    ...REVIEW,
    ...VERDICT,
  ],
  pitch: [
    ...OPEN_EXITS,
    t('open', 'worker_selected', 'select-worker'),
    t('worker_selected', 'pending_approval', 'submit'),
    t('worker_selected', 'review', 'submit (evaluator)'),
    t('worker_selected', 'expired', 'refund-expired'),
    t('pending_approval', 'completed', 'accept'),
    t('pending_approval', 'expired', 'refund-expired'),
    ...REVIEW,
    ...VERDICT,
  ],
  auction: [
    ...OPEN_EXITS,
    t('open', 'claimed', 'select-winner / auction-accept'),
    t('claimed', 'pending_approval', 'submit'),
    t('claimed', 'review', 'submit (evaluator)'),
    // An expired claimed auction auto-pays the winner on refund-expired (§3.3).
    t('claimed', 'completed', 'refund-expired (auto-pay)'),
    t('pending_approval', 'completed', 'accept / refund-expired (auto-pay)'),
    ...REVIEW,
    ...VERDICT,
  ],
};

/** The edge from → to for a mode, or undefined. */
export function findTransition(mode: Mode, from: TaskStatus, to: TaskStatus): Transition | undefined {
  return TRANSITIONS[mode].find((e) => e.from === from && e.to === to);
}

export function canTransition(mode: Mode, from: TaskStatus, to: TaskStatus): boolean {
  return findTransition(mode, from, to) !== undefined;
}

/** Statuses reachable in one step. */
export function nextStatuses(mode: Mode, from: TaskStatus): TaskStatus[] {
  return [...new Set(TRANSITIONS[mode].filter((e) => e.from === from).map((e) => e.to))];
}

/** null when allowed, else a plain reason (an internal invariant message, not a backend text). */
export function transitionError(mode: Mode, from: TaskStatus, to: TaskStatus): string | null {
  if (canTransition(mode, from, to)) return null;
  const next = nextStatuses(mode, from);
  return `A ${mode} task cannot move from ${from} to ${to}` + (next.length ? ` (allowed: ${next.join(', ')})` : ` (${from} is final)`);
}

/** Statuses with no way out. */
export function isTerminal(mode: Mode, status: TaskStatus): boolean {
  return nextStatuses(mode, status).length === 0;
}
