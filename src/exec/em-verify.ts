// After an EM write: re-fetch and check the expected delta — ONE re-fetch, one more after a short wait when
// it does not hold, then a mismatch (never hidden). A failed read is `unverifiable`, not a mismatch. The money
// checks read the payment timeline: locked = the bounty at assign, 87/13 at approve, refunded on cancel, major
// reject and withdraw. The result has verify.ts's Verification shape (journal Observations) plus `ok`.
import type { Intent } from '../core/intent.js';
import { formatUsdc } from '../core/money.js';
import type { Task } from '../core/types.js';
import { browse } from '../markets/execution-market/actions/browse.js';
import { emSplit } from '../markets/execution-market/actions/approve.js';
import { getReputation } from '../markets/execution-market/actions/get-reputation.js';
import type { EmTaskDetail, EmReader } from '../markets/execution-market/reader.js';
import { readEmParams } from '../markets/execution-market/params.js';
import type { ExecOutcome } from './executor.js';
import type { Observation } from './journal-schema.js';
import type { Verification } from './verify.js';

export interface EmVerification extends Verification {
  /** The expected delta held. */
  ok: boolean;
}

interface Check {
  holds: boolean | null;
  expected: Observation;
  observed: Observation;
  note?: string;
  task: Task | null;
}

export interface EmVerifyOptions {
  /** Pause before the one extra re-fetch (default 1500 ms). */
  waitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  signal?: AbortSignal;
}

const u = (v: bigint | null | undefined) => (v === null || v === undefined ? 'unknown' : `${v} (${formatUsdc(v)} USDC)`);
const lc = (s: string | null | undefined) => (s ?? '').toLowerCase();

async function checkOnce(intent: Intent, reader: EmReader, outcome: Extract<ExecOutcome, { ok: true }>, signal?: AbortSignal): Promise<Check> {
  const action = intent.action;
  const taskId = action === 'em_publish' ? (outcome.result.taskId ?? null) : intent.taskId;
  if (!taskId) return { holds: null, expected: {}, observed: {}, note: 'no task id to re-fetch', task: null };
  const d: EmTaskDetail | null = await reader.detail(taskId, { payment: true, ...(signal ? { signal } : {}) });
  const t = d?.task ?? null;
  const em = t?.em;
  const pay = d?.payment ?? null;
  const st = em?.status;
  const obs = (extra: Observation = {}): Observation => ({ ...(st ? { status: st } : { status: 'gone' }), ...extra });
  const bounty = em?.bounty ?? null;

  switch (action) {
    case 'em_publish': {
      const p = readEmParams('em_publish', intent.params);
      if (!p.ok) throw new Error(p.error);
      const holds = st === 'published' && lc(em?.publisherWallet) === lc(intent.wallet) && em?.bounty === p.value.bounty && em?.title === p.value.title.trim();
      return { holds, expected: { status: 'published', returnedId: taskId, ownerField: 'publisher', owner: lc(intent.wallet) }, observed: obs({ returnedId: t?.id ?? 'none', ownerField: 'publisher', owner: em?.publisherWallet ?? null }), note: `bounty ${u(em?.bounty)}; nothing locked until assign`, task: t };
    }
    case 'em_apply': {
      const p = readEmParams('em_apply', intent.params);
      if (!p.ok) throw new Error(p.error);
      if (!t) return { holds: false, expected: { status: 'published' }, observed: obs(), task: null };
      // The worker cannot list applications; a browse that hides this executor's applications must hide the task.
      const hidden = await browse(reader.client, { excludeExecutor: p.value.executorId, after: t.createdAt, category: em!.category, limit: 100, ...(signal ? { signal } : {}) });
      const applied = !hidden.tasks.some((x) => x.id === taskId);
      return { holds: applied, expected: { status: 'published', ownerField: 'applicant', owner: p.value.executorId }, observed: obs({ ownerField: 'applicant', owner: applied ? p.value.executorId : null }), task: t };
    }
    case 'em_assign': {
      const p = readEmParams('em_assign', intent.params);
      if (!p.ok) throw new Error(p.error);
      const locked = pay?.status === 'escrowed' && pay.total === p.value.bounty && lc(pay.receiver) === lc(p.value.worker);
      const holds = st === 'accepted' && em?.executorId === p.value.executorId && locked;
      return {
        holds,
        expected: { status: 'accepted', ownerField: 'receiver', owner: lc(p.value.worker) },
        observed: obs({ ownerField: 'receiver', owner: pay?.receiver ?? null }),
        note: `escrow ${pay?.status ?? 'unread'}: ${u(pay?.total)} locked (expected ${u(p.value.bounty)})`,
        task: t,
      };
    }
    case 'em_submit': {
      const id = outcome.result.submissionId;
      const mine = d?.mySubmission ?? null;
      const holds = st === 'submitted' && mine !== null && mine.verdict === 'pending' && (id === undefined || mine.id === id);
      return { holds, expected: { status: 'submitted', returnedId: id ?? 'submission' }, observed: obs({ returnedId: mine?.id ?? 'none' }), task: t };
    }
    case 'em_approve': {
      const expected = bounty !== null ? emSplit(bounty) : null;
      const split = expected !== null && pay?.status === 'completed' && pay.workerNet === expected.workerNet && pay.platformFee === expected.platformFee;
      const holds = st === 'completed' && split;
      return {
        holds,
        expected: { status: 'completed', ownerField: 'receiver', owner: lc(intent.payee) || null },
        observed: obs({ ownerField: 'receiver', owner: pay?.receiver ?? null }),
        note: `released ${u(pay?.workerNet)} to the worker, ${u(pay?.platformFee)} fee (expected ${u(expected?.workerNet)} / ${u(expected?.platformFee)})`,
        task: t,
      };
    }
    case 'em_reject': {
      const p = readEmParams('em_reject', intent.params);
      if (!p.ok) throw new Error(p.error);
      if (p.value.severity === 'minor') return { holds: st === 'in_progress', expected: { status: 'in_progress' }, observed: obs(), task: t };
      const holds = st === 'published' && em?.executorId === null && pay?.status === 'refunded';
      return { holds, expected: { status: 'published', ownerField: 'executorId', owner: null }, observed: obs({ ownerField: 'executorId', owner: em?.executorId ?? null }), note: `escrow ${pay?.status ?? 'unread'}: ${u(bounty)} refunded to the publisher`, task: t };
    }
    case 'em_request_info':
      return { holds: st === 'in_progress', expected: { status: 'in_progress' }, observed: obs(), task: t };
    case 'em_cancel': {
      const wasLocked = intent.amount !== null;
      const holds = st === 'cancelled' && (!wasLocked || pay?.status === 'refunded');
      return { holds, expected: { status: 'cancelled' }, observed: obs(), note: wasLocked ? `escrow ${pay?.status ?? 'unread'}: ${u(intent.amount)} refunded` : 'nothing was locked', task: t };
    }
    case 'em_withdraw': {
      const p = readEmParams('em_withdraw', intent.params);
      if (!p.ok) throw new Error(p.error);
      const holds = st === 'published' && em?.executorId !== p.value.executorId && pay?.status === 'refunded';
      return { holds, expected: { status: 'published', ownerField: 'executorId', owner: null }, observed: obs({ ownerField: 'executorId', owner: em?.executorId ?? null }), note: `escrow ${pay?.status ?? 'unread'}: ${u(bounty)} back to the publisher`, task: t };
    }
    case 'em_rate_worker':
    case 'em_rate_agent': {
      const target = action === 'em_rate_worker' ? (intent.payee ?? em?.executorWallet ?? null) : (em?.publisherWallet ?? null);
      if (!target) return { holds: null, expected: {}, observed: obs(), note: 'no rated wallet to read', task: t };
      const rep = await getReputation(reader.client, { agent: target, ...(signal ? { signal } : {}) });
      const holds = rep !== null && rep.count >= 1;
      return { holds, expected: { ownerField: 'rated', owner: lc(target), countDelta: { ratings: 1 } }, observed: { ownerField: 'rated', owner: rep?.wallet ?? null, countDelta: { ratings: rep?.count ?? 0 } }, task: t };
    }
    default:
      return { holds: null, expected: {}, observed: {}, note: `no verification is defined for ${action}`, task: t };
  }
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Verify an EM outcome: one re-fetch, one more after a short wait if the delta does not hold. Never throws. */
export async function verifyEm(intent: Intent, reader: EmReader, outcome: ExecOutcome, o: EmVerifyOptions = {}): Promise<EmVerification> {
  if (!outcome.ok) return { ok: false, outcome: 'unverifiable', expected: {}, observed: {}, note: 'the write failed: nothing to verify', fetches: 0, task: null };
  const once = async (): Promise<Check> => {
    try {
      return await checkOnce(intent, reader, outcome, o.signal);
    } catch (e) {
      return { holds: null, expected: {}, observed: {}, note: `re-fetch failed: ${(e as Error).message}`.slice(0, 300), task: null };
    }
  };
  const done = (c: Check, fetches: number): EmVerification => ({
    ok: c.holds === true,
    outcome: c.holds === true ? 'verified' : c.holds === false ? 'mismatch' : 'unverifiable',
    expected: c.expected,
    observed: c.observed,
    ...(c.note ? { note: c.note.slice(0, 300) } : {}),
    fetches,
    task: c.task,
  });
  const first = await once();
  if (first.holds === true) return done(first, 1);
  await (o.sleep ?? defaultSleep)(o.waitMs ?? 1500);
  return done(await once(), 2);
}

/** The shape the brief names: verify(intent, reader, outcome). */
export const verify = verifyEm;
