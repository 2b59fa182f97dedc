// What every action taken from the keyboard must leave behind: a journal action that reads intent →
// approved → sent → response → verified, approved the way its kind demands (a typed phrase for paid and
// selection-changing actions, y for free ones) with no failed check, and at the simulator exactly one
// write that took effect under the journal's idempotency key, on the action's route.
import { expect } from 'vitest';
import { needsTypedConfirmation } from '../../src/core/confirm.js';
import type { IntentAction } from '../../src/core/intent.js';
import type { JournalAction } from '../../src/exec/journal-actions.js';
import { journalOf, type DeskHome } from './acting-desk.js';
import type { ActSim, SimRequest } from './act-sim.js';

/** The route each action's keyed write goes to (src/sim/taskmarket/routes). */
export const ROUTE_OF: Partial<Record<IntentAction, string>> = {
  create_task: '/api/tasks',
  bid: '/api/tasks/:taskId/bids',
  auction_accept: '/api/tasks/:taskId/bids/accept',
  select_winner: '/api/tasks/:taskId/bids/select-winner',
  claim: '/api/tasks/:taskId/claim',
  forfeit: '/api/tasks/:taskId/forfeit',
  pitch: '/api/tasks/:taskId/pitches',
  select_worker: '/api/tasks/:taskId/pitches/select',
  submit: '/api/tasks/:taskId/submissions/from-keys',
  submit_proof: '/api/tasks/:taskId/proofs',
  accept: '/api/tasks/:taskId/accept',
  accept_submissions: '/api/tasks/:taskId/accept-submissions',
  reject_submission: '/api/tasks/:taskId/reject-submission',
  rate: '/api/tasks/:taskId/rate',
  cancel: '/api/tasks/:taskId/cancel',
  update: '/api/tasks/:taskId/update',
  refund_expired: '/api/tasks/:taskId/refund-expired',
  appeal: '/api/tasks/:taskId/appeal',
  finalize_verdict: '/api/tasks/:taskId/finalize-verdict',
  evaluator_timeout: '/api/tasks/:taskId/evaluator-timeout',
  set_withdrawal_address: '/api/wallet/set-withdrawal-address',
  withdraw: '/api/wallet/withdraw',
};

/** Every route a desk action writes to (a write there must belong to a journaled, confirmed action). */
export const ACTION_ROUTES: ReadonlySet<string> = new Set([...Object.values(ROUTE_OF), '/api/tasks/:taskId/submissions/request-upload-url']);

/** The journal's latest action of this kind (on this task, when given). */
export function lastAction(home: DeskHome, action: IntentAction, taskId?: string): JournalAction {
  const all = journalOf(home).actions.filter((a) => a.intent?.action === action && (taskId === undefined || a.intent.taskId === taskId));
  const a = all.at(-1);
  if (!a) throw new Error(`the journal holds no ${action}${taskId ? ` on ${taskId}` : ''}`);
  return a;
}

/** The checks above; returns the action and its effective write. */
export async function expectOneWrite(sim: ActSim, home: DeskHome, action: IntentAction, taskId?: string): Promise<{ action: JournalAction; write: SimRequest; log: SimRequest[] }> {
  const a = lastAction(home, action, taskId);
  expect(a.records.map((r) => r.step), `${action} journal steps`).toEqual(['intent', 'approved', 'sent', 'response', 'verified']);
  expect(a.approved?.confirmation, `${action} confirmation`).toBe(needsTypedConfirmation(action) ? 'typed' : 'press');
  expect(a.approved?.checks.filter((c) => c.status === 'fail').map((c) => c.id) ?? ['no approval'], `${action} failed checks at approval`).toEqual([]);
  const key = a.intent!.idempotencyKey;
  const log = await sim.requests();
  const keyed = log.filter((r) => r.idempotencyKey === key);
  expect(new Set(keyed.map((r) => r.route)), `${action} routes under its key`).toEqual(new Set([ROUTE_OF[action]]));
  const ok = keyed.filter((r) => r.status >= 200 && r.status < 300);
  expect(ok, `${action}: writes that took effect`).toHaveLength(1);
  if (taskId) expect(ok[0]!.path).toContain(taskId);
  return { action: a, write: ok[0]!, log };
}

/** What the platform keeps of a payout (5%, DEFAULT_PLATFORM_FEE_BPS) and what the worker gets. */
export const net = (gross: bigint): bigint => gross - (gross * 500n) / 10_000n;
export const FEE = 1_000n;
