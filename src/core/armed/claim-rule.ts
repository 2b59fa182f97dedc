// The armed claim rule's match: the Feed's filters (the fields of store FeedFilter that make sense for a
// rule, duplicated here because core never imports store; mode claim and status open are implied) plus a
// minimum reward. Pure. The text filter is stricter than the Feed's fuzzy one: every term must be a
// substring of the task's id, tags or description — a rule that acts unattended must not match by subsequence.
import type { Task } from '../types.js';

export interface ClaimFilter {
  /** Every one of these tags (case-insensitive). */
  tags: string[];
  /** This tag too (the CLI's --skill). */
  skill: string | null;
  /** The reward range, base units (null = open). */
  minReward: bigint | null;
  maxReward: bigint | null;
  /** Only tasks expiring within this many hours (null = any). */
  deadlineHours: number | null;
  /** Space-separated terms, each a substring of the id, tags or description; '' = any. */
  text: string;
}

export const EMPTY_CLAIM_FILTER: ClaimFilter = { tags: [], skill: null, minReward: null, maxReward: null, deadlineHours: null, text: '' };

export type RuleMatch = { ok: true } | { ok: false; reason: string };

const no = (reason: string): RuleMatch => ({ ok: false, reason });

export interface ClaimRuleQuery {
  filter: ClaimFilter;
  /** The rule's own minimum reward (base units). */
  minReward: bigint;
  /** The wallet the rule claims for: its own tasks never match. */
  wallet: string;
  /** Market time now (ms). */
  now: number;
}

/** Whether `task` is one the rule would claim now, and if not, why. */
export function matchClaimRule(task: Task, q: ClaimRuleQuery): RuleMatch {
  if ((task.market ?? 'taskmarket') !== 'taskmarket') return no('not a Taskmarket task');
  if (task.mode !== 'claim') return no(`a ${task.mode} task, not claim`);
  if (task.status !== 'open') return no(`the task is ${task.status}`);
  if (task.requester.toLowerCase() === q.wallet.toLowerCase()) return no('your own task');
  if (task.expiryTime <= q.now) return no('the task has expired');
  const f = q.filter;
  const floor = f.minReward !== null && f.minReward > q.minReward ? f.minReward : q.minReward;
  if (task.reward < floor) return no(`reward ${task.reward} is below the rule's minimum ${floor} base units`);
  if (f.maxReward !== null && task.reward > f.maxReward) return no(`reward ${task.reward} is above the rule's maximum ${f.maxReward} base units`);
  const tags = task.tags.map((t) => t.toLowerCase());
  const missing = f.tags.find((t) => !tags.includes(t.toLowerCase()));
  if (missing !== undefined) return no(`no tag ${missing}`);
  if (f.skill && !tags.includes(f.skill.toLowerCase())) return no(`no tag ${f.skill}`);
  if (f.deadlineHours !== null && task.expiryTime - q.now > f.deadlineHours * 3_600_000) return no(`expires later than ${f.deadlineHours} h`);
  const hay = `${task.id} ${task.tags.join(' ')} ${task.description}`.toLowerCase();
  const term = f.text.toLowerCase().split(/\s+/).find((t) => t !== '' && !hay.includes(t));
  if (term !== undefined) return no(`the text does not contain "${term.slice(0, 40)}"`);
  return { ok: true };
}
