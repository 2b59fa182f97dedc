// The checks behind verify.ts's table: what one re-fetch must show for each action to count as done (seed
// 003 Universal Task Side-Effect Gate step 10: count, status, returned ID, tx hash, or ownership field;
// Wallet Side-Effect Gate step 8: balance or tx hash). verify.ts fetches and retries; this file only judges.
import type { IntentAction } from '../core/intent.js';
import type { Award, Bid, Pitch, Submission, Task, TaskStatus } from '../core/types.js';
import { formatUsdc } from '../core/money.js';
import type { MyBid } from '../markets/market.js';
import type { ExecResult } from './executor.js';
import type { Observation } from './journal-schema.js';
import { parseWinner, readParams } from './params-read.js';
import type { Before, Check, VerifySubject } from './verify.js';

export type Need = 'task' | 'bids' | 'myBids' | 'submissions' | 'pitches' | 'balance' | 'withdrawal';

export interface Snap {
  task: Task | null;
  awards: Award[] | null;
  bids: Bid[];
  myBids: MyBid[];
  submissions: Submission[];
  pitches: Pitch[];
  balance: bigint | null;
  withdrawal: string | null;
}

export interface Ctx {
  s: VerifySubject;
  result: ExecResult | null;
  before: Before | null;
}

type Outcome = Omit<Check, 'task' | 'retry'> & { retry?: boolean };
export type Spec = { needs: Need[]; check(snap: Snap, c: Ctx): Outcome };

const same = (a: string | null | undefined, b: string | null | undefined) => !!a && !!b && a.toLowerCase() === b.toLowerCase();
const holds = (ok: boolean, expected: Observation, observed: Observation, note?: string): Outcome => ({ holds: ok, expected, observed, ...(note ? { note } : {}) });
const cannot = (note: string, expected: Observation = {}): Outcome => ({ holds: null, expected, observed: {}, note, retry: false });
const gone: Observation = { status: 'missing' };

function statusIs(want: TaskStatus | TaskStatus[], extra?: (t: Task, c: Ctx) => { ok: boolean; exp?: Observation; obs?: Observation; note?: string }): Spec {
  const list = Array.isArray(want) ? want : [want];
  return {
    needs: ['task'],
    check({ task }, c) {
      const expected: Observation = { status: list.join('|') };
      if (!task) return holds(false, expected, gone, 'the task is not visible any more');
      const more = extra?.(task, c) ?? { ok: true };
      return holds(list.includes(task.status) && more.ok, { ...expected, ...more.exp }, { status: task.status, ...more.obs }, more.note);
    },
  };
}

const ownedBy = (field: 'claimedBy', who: string | null) => (t: Task) => ({
  ok: who === null ? t[field] === null : same(t[field], who),
  exp: { ownerField: field, owner: who },
  obs: { ownerField: field, owner: t[field] },
});

/** Count delta against the ticket's task, when there is one. */
function delta(c: Ctx, task: Task, key: 'submissionCount' | 'pitchCount'): number | null {
  const b = c.before?.task;
  return b && b.id === task.id ? task[key] - b[key] : null;
}

export const SPECS: Partial<Record<IntentAction, Spec>> = {
  claim: statusIs('claimed', (t, c) => ownedBy('claimedBy', c.s.wallet)(t)),
  select_worker: {
    needs: ['task'],
    check(snap, c) {
      const { worker } = readParams('select_worker', c.s.params);
      return statusIs('worker_selected', ownedBy('claimedBy', worker)).check(snap, c);
    },
  },
  cancel: statusIs('cancelled'),
  forfeit: statusIs('open', ownedBy('claimedBy', null)),
  appeal: statusIs('disputed'),
  evaluate: statusIs('appealing'),
  evaluator_timeout: statusIs('pending_approval'),
  finalize_verdict: statusIs(['completed', 'cancelled']),
  resolve_dispute: statusIs('completed'),

  auction_accept: {
    needs: ['task', 'bids'],
    check({ task, bids }, c) {
      const price = c.result?.acceptedPrice ?? null;
      const { minPrice } = readParams('auction_accept', c.s.params);
      const expected: Observation = { status: 'claimed', ownerField: 'claimedBy', owner: c.s.wallet };
      if (!task) return holds(false, expected, gone, 'the task is not visible any more');
      const observed: Observation = { status: task.status, ownerField: 'claimedBy', owner: task.claimedBy };
      const mine = bids.find((b) => same(b.workerAddress, c.s.wallet) && (price === null || b.price === price));
      const notes: string[] = [];
      if (price !== null) notes.push(`accepted at ${formatUsdc(price)}`);
      if (price !== null && !mine) notes.push('no bid of mine at the accepted price');
      const guardOk = price === null || minPrice === null || price >= minPrice;
      if (!guardOk) notes.push(`accepted ${formatUsdc(price!)} is below the guard ${formatUsdc(minPrice!)}`);
      const ok = task.status === 'claimed' && same(task.claimedBy, c.s.wallet) && (price === null || !!mine) && guardOk;
      return holds(ok, expected, observed, notes.join('; '));
    },
  },

  bid: {
    needs: ['bids', 'myBids'],
    check({ bids, myBids }, c) {
      const { price } = readParams('bid', c.s.params);
      const expected: Observation = { ownerField: 'bidder', owner: c.s.wallet, ...(c.result?.bidId ? { returnedId: c.result.bidId } : {}) };
      const listed = myBids.find((b) => b.taskId === c.s.taskId)?.myBidPrice;
      const row = bids.find((b) => (b.isMyBid === true || same(b.workerAddress, c.s.wallet)) && b.price !== null);
      const seen = listed ?? row?.price ?? null;
      const observed: Observation = { ownerField: 'bidder', owner: seen === null ? null : c.s.wallet, ...(row ? { returnedId: row.id } : {}) };
      return holds(seen === price, expected, observed, `my bid ${seen === null ? 'not found' : formatUsdc(seen)}; expected ${formatUsdc(price)}`);
    },
  },

  pitch: {
    needs: ['task', 'pitches'],
    check({ task, pitches }, c) {
      const id = c.result?.pitchId;
      const mine = pitches.find((p) => same(p.workerAddress, c.s.wallet) && (!id || p.id === id));
      const d = task ? delta(c, task, 'pitchCount') : null;
      const expected: Observation = { ownerField: 'workerAddress', owner: c.s.wallet, ...(id ? { returnedId: id } : {}), ...(d !== null ? { countDelta: { pitchCount: 1 } } : {}) };
      const observed: Observation = { ownerField: 'workerAddress', owner: mine?.workerAddress ?? null, ...(mine ? { returnedId: mine.id } : {}), ...(d !== null ? { countDelta: { pitchCount: d } } : {}) };
      return holds(!!mine && (d === null || d === 1), expected, observed);
    },
  },

  submit: { needs: ['task', 'submissions'], check: (snap, c) => mySubmission(snap, c) },
  submit_proof: { needs: ['task', 'submissions'], check: (snap, c) => mySubmission(snap, c) },

  select_winner: {
    needs: ['task', 'bids'],
    check({ task, bids }, c) {
      const known = bids.filter((b): b is Bid & { price: bigint; workerAddress: string } => b.price !== null && b.workerAddress !== null);
      const lowest = known.reduce<(typeof known)[number] | null>((m, b) => (!m || b.price < m.price || (b.price === m.price && b.createdAt < m.createdAt) ? b : m), null);
      const winner = lowest?.workerAddress ?? c.result?.workerAddress ?? null;
      const expected: Observation = { status: 'claimed', ownerField: 'claimedBy', owner: winner };
      if (!task) return holds(false, expected, gone, 'the task is not visible any more');
      const agrees = !c.result?.workerAddress || !lowest || same(c.result.workerAddress, lowest.workerAddress);
      const ok = task.status === 'claimed' && winner !== null && same(task.claimedBy, winner) && agrees;
      const note = lowest ? `lowest bid ${formatUsdc(lowest.price)}${agrees ? '' : `; the market named ${c.result?.workerAddress}`}` : 'no bid prices visible';
      return holds(ok, expected, { status: task.status, ownerField: 'claimedBy', owner: task.claimedBy }, note);
    },
  },

  accept: {
    needs: ['task'],
    check({ task, awards }, c) {
      const { worker } = readParams('accept', c.s.params);
      const expected: Observation = { status: 'completed', ownerField: 'paidWorker', owner: worker };
      if (!task) return holds(false, expected, gone);
      const paid = awards?.find((a) => same(a.workerAddress, worker) && a.workerPayment > 0n) ?? null;
      const observed: Observation = { status: task.status, ownerField: 'paidWorker', owner: awards === null ? null : (paid?.workerAddress ?? null) };
      const ok = task.status === 'completed' && (awards === null || paid !== null);
      return holds(ok, expected, observed, awards === null ? 'awards not readable: payment not checked' : paid ? `worker paid ${formatUsdc(paid.workerPayment)}` : 'no award to the worker');
    },
  },

  accept_submissions: {
    needs: ['task'],
    check({ task, awards }, c) {
      const winners = readParams('accept_submissions', c.s.params).winners.map(parseWinner);
      const expected: Observation = { status: 'completed', countDelta: { awards: winners.length } };
      if (!task) return holds(false, expected, gone);
      const paid = awards === null ? null : winners.filter((w) => awards.some((a) => same(a.workerAddress, w.worker) && a.workerPayment > 0n)).length;
      const observed: Observation = { status: task.status, ...(paid !== null ? { countDelta: { awards: paid } } : {}) };
      return holds(task.status === 'completed' && (paid === null || paid === winners.length), expected, observed, awards === null ? 'awards not readable' : undefined);
    },
  },

  reject_submission: {
    needs: ['task', 'submissions'],
    check({ task, submissions }, c) {
      const { worker } = readParams('reject_submission', c.s.params);
      const theirs = submissions.filter((s) => same(s.workerAddress, worker));
      const active = theirs.filter((s) => s.rejectedAt === null).length;
      const d = task ? delta(c, task, 'submissionCount') : null;
      const expected: Observation = { ownerField: 'rejectedWorker', owner: worker, countDelta: { activeOfWorker: 0, ...(d !== null ? { submissionCount: -(theirs.length || 1) } : {}) } };
      const observed: Observation = { ownerField: 'rejectedWorker', owner: theirs.length > 0 && active === 0 ? worker : null, countDelta: { activeOfWorker: active, ...(d !== null ? { submissionCount: d } : {}) } };
      return holds(theirs.length > 0 && active === 0 && (d === null || d < 0), expected, observed);
    },
  },

  rate: {
    needs: ['task'],
    check({ task, awards }, c) {
      const { worker, rating } = readParams('rate', c.s.params);
      const expected: Observation = { status: 'completed', ownerField: 'ratedWorker', owner: worker };
      if (!task) return holds(false, expected, gone);
      const left = (task.pendingActions ?? []).some((a) => a.action === 'rate' && same(a.targetWorker, worker));
      const award = awards?.find((a) => same(a.workerAddress, worker));
      const rated = award === undefined || award.rating !== null;
      const observed: Observation = { status: task.status, ownerField: 'ratedWorker', owner: !left && rated ? worker : null };
      const note = award?.rating != null ? `award rated ${award.rating}${award.rating === rating ? '' : ` (asked ${rating})`}` : undefined;
      return holds(!left && rated && (award?.rating == null || award.rating === rating), expected, observed, note);
    },
  },

  update: {
    needs: ['task'],
    check({ task }, c) {
      const p = readParams('update', c.s.params);
      const expected: Observation = { status: 'open' };
      if (!task) return holds(false, expected, gone);
      const sec = (ms: number | null) => (ms === null ? null : Math.floor(ms / 1000));
      const wrong: string[] = [];
      const want: string[] = [];
      if (p.reward !== null) {
        want.push(`reward ${formatUsdc(p.reward)}`);
        if (task.reward !== p.reward) wrong.push(`reward is ${formatUsdc(task.reward)}`);
      }
      if (p.extendExpirySeconds !== null) {
        const base = c.before?.task?.expiryTime;
        if (base === undefined) wrong.push('no expiry before the update to compare with');
        else {
          const target = sec(base + p.extendExpirySeconds * 1000);
          want.push(`expiry ${new Date(target! * 1000).toISOString()}`);
          if (sec(task.expiryTime) !== target) wrong.push(`expiry is ${new Date(task.expiryTime).toISOString()}`);
        }
      }
      for (const k of ['bidDeadline', 'pitchDeadline'] as const) {
        const v = p[k];
        if (v === null) continue;
        want.push(`${k} ${new Date(sec(v)! * 1000).toISOString()}`);
        if (sec(task[k]) !== sec(v)) wrong.push(`${k} is ${task[k] === null ? 'none' : new Date(task[k]!).toISOString()}`);
      }
      const note = `${want.join(', ')}${wrong.length ? `; ${wrong.join(', ')}` : ''}`;
      return holds(wrong.length === 0, expected, { status: task.status }, note);
    },
  },

  refund_expired: {
    needs: ['task', 'balance'],
    check({ task, balance }, c) {
      const b = c.before?.task;
      const claimedAuction = b?.mode === 'auction' && b.claimedBy !== null;
      const expected: Observation = { status: claimedAuction ? 'completed' : 'expired' };
      if (!task) return holds(false, expected, gone);
      const statusOk = claimedAuction ? task.status === 'completed' : task.status === 'expired';
      // The requester gets the unclaimed escrow back, less the fee: a lower bound (other money may arrive too).
      const refund = b && same(b.requester, c.s.wallet) && !claimedAuction ? b.reward - c.s.fee : null;
      const d = refund !== null && balance !== null && c.before?.balance != null ? balance - c.before.balance : null;
      const exp = refund !== null && d !== null ? { ...expected, balanceDelta: refund } : expected;
      const obs: Observation = { status: task.status, ...(d !== null ? { balanceDelta: d } : {}) };
      return holds(statusOk && (d === null || refund === null || d >= refund), exp, obs, d === null && refund !== null ? 'balance not compared' : undefined);
    },
  },

  create_task: {
    needs: ['task'],
    check({ task }, c) {
      const p = readParams('create_task', c.s.params);
      const id = c.result?.taskId;
      const expected: Observation = { status: 'open', ownerField: 'requester', owner: c.s.wallet, ...(id ? { returnedId: id } : {}) };
      if (!id) return cannot('no task id was returned', expected);
      if (!task) return holds(false, expected, gone, 'the returned task id does not exist');
      const ok = same(task.requester, c.s.wallet) && task.reward === p.reward && task.mode === p.mode && (p.auctionType === null || task.auctionType === p.auctionType);
      const observed: Observation = { status: task.status, ownerField: 'requester', owner: task.requester, returnedId: task.id };
      return holds(ok, expected, observed, `reward ${formatUsdc(task.reward)} (${formatUsdc(p.reward)} asked), mode ${task.mode}${task.auctionType ? ` ${task.auctionType}` : ''}`);
    },
  },

  withdraw: {
    needs: ['balance'],
    check({ balance }, c) {
      const { amount } = readParams('withdraw', c.s.params);
      const expected: Observation = { balanceDelta: -amount, ...(c.result?.txHash ? { returnedId: c.result.txHash } : {}) };
      const before = c.before?.balance ?? null;
      if (before === null) return cannot('no balance from before the withdrawal to compare with', expected);
      if (balance === null) return { holds: null, expected, observed: {}, note: 'balance not readable' };
      return holds(balance - before === -amount, expected, { balanceDelta: balance - before });
    },
  },

  set_withdrawal_address: {
    needs: ['withdrawal'],
    check({ withdrawal }, c) {
      const { address } = readParams('set_withdrawal_address', c.s.params);
      const expected: Observation = { ownerField: 'withdrawalAddress', owner: address };
      return holds(same(withdrawal, address), expected, { ownerField: 'withdrawalAddress', owner: withdrawal });
    },
  },
};

function mySubmission({ task, submissions }: Snap, c: Ctx): Outcome {
  const id = c.result?.submissionId;
  const mine = submissions.find((s) => same(s.workerAddress, c.s.wallet) && s.rejectedAt === null && (!id || s.id === id));
  const d = task ? delta(c, task, 'submissionCount') : null;
  const expected: Observation = { ownerField: 'workerAddress', owner: c.s.wallet, ...(id ? { returnedId: id } : {}), ...(d !== null ? { countDelta: { submissionCount: 1 } } : {}) };
  const observed: Observation = {
    ...(task ? { status: task.status } : {}),
    ownerField: 'workerAddress',
    owner: mine?.workerAddress ?? null,
    ...(mine ? { returnedId: mine.id } : {}),
    ...(d !== null ? { countDelta: { submissionCount: d } } : {}),
  };
  return holds(!!mine && (d === null || d === 1), expected, observed);
}

/** Does this version know what to check for `action`? */
