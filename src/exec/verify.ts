// After the response: re-fetch and check the expected delta (seed 003 Universal Gate step 10, Wallet Gate
// step 8). ONE re-fetch; if the delta does not hold, one more after a short wait, then `mismatch` — never
// hidden (Stop Conditions: "API state and chain state disagree after one re-fetch"). A re-fetch that fails
// is not a mismatch: the action stays unresolved and is reconciled on the next start.
//
// The expected delta per action (checks in verify-checks.ts):
//
// | action                 | re-fetches                     | holds when                                                              |
// | ---------------------- | ------------------------------ | ----------------------------------------------------------------------- |
// | claim                  | task                           | status claimed, claimedBy = wallet                                      |
// | auction_accept         | task, bids                     | status claimed, claimedBy = wallet, a bid of mine at acceptedPrice ≥ guard |
// | bid                    | bids, my bids                  | a bid of mine at the price (my bids for sealed reverse-English)         |
// | pitch                  | task, pitches                  | a pitch of mine (the returned id); pitchCount +1                        |
// | submit                 | task, submissions              | my active submission (the returned id); submissionCount +1              |
// | submit_proof           | task, submissions              | the proof's linked submission of mine; submissionCount +1               |
// | select_worker          | task                           | status worker_selected, claimedBy = the chosen worker                   |
// | select_winner          | task, bids                     | status claimed, claimedBy = the lowest bidder (earliest on a tie)       |
// | accept                 | task (+awards)                 | status completed, an award paid to the worker                           |
// | accept_submissions     | task (+awards)                 | status completed, an award for every winner                             |
// | reject_submission      | task, submissions              | every submission of that worker rejected; submissionCount down          |
// | rate                   | task (+awards)                 | no rate action left for that worker (its award rated)                   |
// | cancel                 | task                           | status cancelled                                                        |
// | update                 | task                           | the new reward / expiry / deadlines (to the second)                     |
// | refund_expired         | task, balance                  | status expired (completed for a claimed auction); requester: escrow back |
// | forfeit                | task                           | status open, claimedBy empty                                            |
// | create_task            | the returned task              | it exists, requester = wallet, with the reward and mode                 |
// | withdraw               | balance                        | balance down by exactly the amount                                      |
// | set_withdrawal_address | withdrawal address             | the registered address is the one confirmed                             |
// | appeal / evaluate / evaluator_timeout / finalize_verdict / resolve_dispute | task | disputed / appealing / pending_approval / completed or cancelled / completed |
import type { IntentAction, IntentValue } from '../core/intent.js';
import type { Address, Task } from '../core/types.js';
import type { MarketReader } from '../markets/market.js';
import type { TaskmarketClient } from '../markets/taskmarket/client.js';
import { getTaskDetail } from '../markets/taskmarket/actions/get-task-detail.js';
import { getWithdrawalAddress } from '../markets/taskmarket/actions/get-withdrawal-address.js';
import type { ExecResult } from './executor.js';
import type { Observation } from './journal-schema.js';
import { isParamAction } from './params-read.js';
import { SPECS, type Need, type Snap } from './verify-checks.js';

/** A MarketReader; with the Taskmarket client it also reads awards and the withdrawal address. */
export type VerifyReader = MarketReader & { readonly client?: TaskmarketClient };

/** What was asked (an Intent or its journal record: params may be bigint or base-unit strings). */
export interface VerifySubject {
  action: IntentAction;
  taskId: string | null;
  wallet: string;
  params: Readonly<Record<string, IntentValue>>;
  fee: bigint;
}

/** The state before the send: the ticket's task, and the wallet's balance where a check needs it. */
export interface Before {
  task: Task | null;
  balance: bigint | null;
}

export interface Verification {
  outcome: 'verified' | 'mismatch' | 'unverifiable';
  expected: Observation;
  observed: Observation;
  note?: string;
  /** Re-fetches made (1 or 2). */
  fetches: number;
  /** The task as last re-fetched (null when none was read or it is gone). */
  task: Task | null;
}

/** One check: holds true/false, or null when it cannot be told (a failed read, or no data to tell from). */
export interface Check {
  holds: boolean | null;
  expected: Observation;
  observed: Observation;
  note?: string;
  task: Task | null;
  /** False when a second fetch cannot change the answer (nothing to compare against). */
  retry: boolean;
}

export const canVerify = (action: IntentAction): boolean => SPECS[action] !== undefined;

/** Actions whose check compares the wallet's balance with one read before the send. */
export const needsBalanceBefore = (action: IntentAction): boolean => SPECS[action]?.needs.includes('balance') ?? false;

async function snapshot(reader: VerifyReader, s: VerifySubject, result: ExecResult | null, needs: Need[], signal?: AbortSignal): Promise<Snap> {
  const taskId = s.action === 'create_task' ? (result?.taskId ?? null) : s.taskId;
  const snap: Snap = { task: null, awards: null, bids: [], myBids: [], submissions: [], pitches: [], balance: null, withdrawal: null };
  const jobs: Promise<void>[] = [];
  if (needs.includes('task') && taskId) {
    jobs.push(
      reader.client
        ? getTaskDetail(reader.client, { taskId, ...(signal ? { signal } : {}) }).then((d) => {
            snap.task = d?.task ?? null;
            snap.awards = d?.awards ?? null;
          })
        : reader.getTask(taskId, signal).then((t) => {
            snap.task = t;
          }),
    );
  }
  if (needs.includes('bids') && taskId) jobs.push(reader.getBids(taskId, signal).then((b) => void (snap.bids = b)));
  if (needs.includes('myBids')) jobs.push(reader.myBids(signal).then((b) => void (snap.myBids = b)));
  if (needs.includes('submissions') && taskId) jobs.push(reader.getSubmissions(taskId, signal).then((x) => void (snap.submissions = x)));
  if (needs.includes('pitches') && taskId) jobs.push(reader.getPitches(taskId, signal).then((x) => void (snap.pitches = x)));
  if (needs.includes('balance')) jobs.push(reader.balance(s.wallet as Address, signal).then((b) => void (snap.balance = b)));
  if (needs.includes('withdrawal')) {
    if (!reader.client) throw new Error('the withdrawal address needs the Taskmarket client');
    jobs.push(getWithdrawalAddress(reader.client, { address: s.wallet as Address, ...(signal ? { signal } : {}) }).then((w) => void (snap.withdrawal = w.withdrawalAddress)));
  }
  await Promise.all(jobs);
  return snap;
}

export interface CheckOptions {
  reader: VerifyReader;
  subject: VerifySubject;
  /** What the market returned (ids, accepted price); null when no answer was recorded. */
  result: ExecResult | null;
  before?: Before | null;
  signal?: AbortSignal;
}

/** One re-fetch and the check (reconcile uses this directly). Never throws. */
export async function checkOnce(o: CheckOptions): Promise<Check> {
  const spec = SPECS[o.subject.action];
  if (!spec || !isParamAction(o.subject.action)) return { holds: null, expected: {}, observed: {}, note: `no verification is defined for ${o.subject.action}`, task: null, retry: false };
  let snap: Snap;
  try {
    snap = await snapshot(o.reader, o.subject, o.result, spec.needs, o.signal);
  } catch (e) {
    return { holds: null, expected: {}, observed: {}, note: `re-fetch failed: ${(e as Error).message}`.slice(0, 300), task: null, retry: true };
  }
  try {
    const out = spec.check(snap, { s: o.subject, result: o.result, before: o.before ?? null });
    return { retry: true, ...out, task: snap.task };
  } catch (e) {
    return { holds: null, expected: {}, observed: {}, note: (e as Error).message.slice(0, 300), task: snap.task, retry: false };
  }
}

export interface VerifyOptions extends CheckOptions {
  /** Pause before the one extra re-fetch (default 1500 ms). */
  waitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The expected delta on one re-fetch, one more after a short wait if it does not hold, then mismatch. */
export async function verify(o: VerifyOptions): Promise<Verification> {
  const first = await checkOnce(o);
  const done = (c: Check, fetches: number): Verification => ({
    outcome: c.holds === true ? 'verified' : c.holds === false ? 'mismatch' : 'unverifiable',
    expected: c.expected,
    observed: c.observed,
    ...(c.note ? { note: c.note.slice(0, 300) } : {}),
    fetches,
    task: c.task,
  });
  if (first.holds === true || !first.retry) return done(first, 1);
  await (o.sleep ?? defaultSleep)(o.waitMs ?? 1500);
  const second = await checkOnce(o);
  // A failed second read says nothing: unverifiable (reconciled later), never a mismatch.
  return done(second, 2);
}
