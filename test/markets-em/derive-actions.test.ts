// Derived actions per EM status × role (EM has no pendingActions), plus the status mapping they sit on.
import { describe, expect, it } from 'vitest';
import { deriveEmActions, DERIVED_ACTION_TABLE } from '../../src/markets/execution-market/derive-actions.js';
import { EM_STATUS_MAP } from '../../src/markets/execution-market/normalize.js';
import { EM_STATUSES, REVIEW_WINDOW_MS } from '../../src/markets/execution-market/constants.js';
import { application, emTask, EXEC_ID, NOW, OTHER_EXEC, PUBLISHER, STRANGER, submission, WORKER } from './fixtures.js';

const assignedTo = (status: string) => ({ status, executor_id: EXEC_ID });
const names = (a: { action: string }[]) => a.map((x) => x.action);

describe('status × role', () => {
  const cases: Array<[string, Record<string, unknown>, string[], string[]]> = [
    ['published', { status: 'published' }, ['em_assign', 'em_cancel'], ['em_apply']],
    ['assigning', { status: 'assigning', executor_id: null }, [], []],
    ['accepted', assignedTo('accepted'), ['em_cancel'], ['em_submit', 'em_withdraw']],
    ['in_progress', assignedTo('in_progress'), [], ['em_submit', 'em_withdraw']],
    ['submitted', assignedTo('submitted'), ['em_approve', 'em_reject', 'em_request_info'], []],
    ['verifying', assignedTo('verifying'), [], []],
    ['completed', assignedTo('completed'), ['em_rate_worker'], ['em_rate_agent']],
    ['disputed', assignedTo('disputed'), [], []],
    ['expired', { status: 'expired' }, [], []],
    ['cancelled', { status: 'cancelled' }, [], []],
  ];
  for (const [status, over, publisher, worker] of cases) {
    it(`${status}: publisher ${publisher.join(',') || '—'}; worker ${worker.join(',') || '—'}`, () => {
      const t = emTask(over);
      expect(names(deriveEmActions(t, { wallet: PUBLISHER, now: NOW, applications: [application()], submissions: [submission()] }))).toEqual(publisher);
      expect(names(deriveEmActions(t, { wallet: WORKER, executorId: EXEC_ID, now: NOW }))).toEqual(worker);
      // The table the README shows says the same.
      const row = DERIVED_ACTION_TABLE.find((r) => r.status === status);
      expect(row).toMatchObject({ publisher, worker });
    });
  }

  it('roles are by wallet: a stranger may only apply; a non-assignee cannot submit', () => {
    expect(names(deriveEmActions(emTask(), { wallet: STRANGER, now: NOW }))).toEqual(['em_apply']);
    expect(deriveEmActions(emTask(assignedTo('accepted')), { wallet: STRANGER, executorId: OTHER_EXEC, now: NOW })).toEqual([]);
  });

  it('windows and context: deadline, applicants, pending submission, applied, rated', () => {
    const t = emTask();
    const [assign] = deriveEmActions(t, { wallet: PUBLISHER, now: NOW, applications: [application()] });
    expect(assign).toMatchObject({ role: 'publisher', action: 'em_assign', availableUntil: t.em!.deadline });
    expect(assign!.reason).toMatch(/1 applicant waiting/);
    expect(names(deriveEmActions(t, { wallet: PUBLISHER, now: NOW, applications: [application({ status: 'rejected' })] }))).toEqual(['em_cancel']);
    expect(deriveEmActions(t, { wallet: PUBLISHER, now: t.em!.deadline + 1 })).toEqual([]);
    expect(deriveEmActions(t, { wallet: WORKER, now: NOW, applied: true })).toEqual([]);
    const sub = submission();
    const review = deriveEmActions(emTask(assignedTo('submitted')), { wallet: PUBLISHER, now: NOW, submissions: [sub] });
    expect(review.every((a) => a.availableUntil === sub.submittedAt + REVIEW_WINDOW_MS)).toBe(true);
    expect(deriveEmActions(emTask(assignedTo('submitted')), { wallet: PUBLISHER, now: NOW, submissions: [submission({ verdict: 'rejected' })] })).toEqual([]);
    expect(deriveEmActions(emTask(assignedTo('completed')), { wallet: PUBLISHER, now: NOW, ratedWorker: true })).toEqual([]);
    // The assignee is known by wallet too (a publisher's view names it from the applications).
    expect(names(deriveEmActions(emTask(assignedTo('completed')), { wallet: WORKER, now: NOW }))).toEqual(['em_rate_agent']);
  });
});

describe('status mapping', () => {
  it('every EM status maps to a core status, and EM’s own is kept', () => {
    for (const s of EM_STATUSES) expect(EM_STATUS_MAP[s]).toBeDefined();
    expect(EM_STATUS_MAP).toMatchObject({ published: 'open', assigning: 'open', accepted: 'worker_selected', in_progress: 'worker_selected', submitted: 'pending_approval', verifying: 'review', completed: 'completed', cancelled: 'cancelled', expired: 'expired', disputed: 'disputed' });
    const t = emTask(assignedTo('submitted'));
    expect(t).toMatchObject({ status: 'pending_approval', phase: 'in_review', market: 'execution-market', claimedBy: WORKER, reward: 50_000n, netReward: 43_500n });
    expect(t.em).toMatchObject({ status: 'submitted', executorId: EXEC_ID, executorWallet: WORKER, bounty: 50_000n, publisherAgentId: 3001 });
    expect(t.pendingActions).toBeUndefined();
  });

  it('a bounty with more than 6 decimals, an unknown status or a malformed agent id is a fault; H2A publishers are not', () => {
    expect(() => emTask({ bounty_usd: 0.0000001 })).toThrow();
    expect(() => emTask({ status: 'paused' })).toThrow();
    expect(() => emTask({ agent_id: 'rm -rf /' })).toThrow();
    const h2a = emTask({ agent_id: 'human:4f1c-99' });
    expect(h2a.em?.publisherWallet).toBe('human:4f1c-99');
    // No wallet is an H2A task's publisher: every wallet sees it from the worker side.
    expect(names(deriveEmActions(h2a, { wallet: PUBLISHER, now: NOW }))).toEqual(['em_apply']);
  });
});
