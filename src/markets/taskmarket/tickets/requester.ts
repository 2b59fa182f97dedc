// Requester-side tickets: select a worker or the winning bid, accept (one worker or a split), reject a
// submission, rate, cancel, update, refund an expired task, forfeit, evaluator timeout, finalize.
import { checkSelectWinner, selectWinner } from '../../../core/auction-rules.js';
import { formatUsdc } from '../../../core/money.js';
import { updatePaymentAmount } from '../../../core/settlement.js';
import type { Address, Task } from '../../../core/types.js';
import { knownBids, roleFor, taskIntent } from './common.js';
import { addressField, hoursField, intField, textField, usdcField } from './fields.js';
import type { BuildResult, FieldChoice, TicketContext, TicketSpec } from './spec.js';

const need = (ctx: TicketContext): Task => {
  if (!ctx.task) throw new Error('this ticket needs a task');
  return ctx.task;
};
const fail = (errors: Record<string, string>): BuildResult => ({ ok: false, errors });
const short = (a: string) => `${a.slice(0, 8)}…${a.slice(-4)}`;

/** Workers with an active (not rejected) submission, in submission order, each once. */
function submitters(ctx: TicketContext): Address[] {
  const seen = new Set<string>();
  const out: Address[] = [];
  for (const s of ctx.submissions) {
    if (s.rejectedAt !== null) continue;
    const k = s.workerAddress.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(s.workerAddress as Address);
  }
  return out;
}

function workerChoices(ctx: TicketContext, task: Task): FieldChoice[] {
  const list = submitters(ctx);
  if (task.claimedBy && !list.some((a) => a.toLowerCase() === task.claimedBy!.toLowerCase())) list.unshift(task.claimedBy as Address);
  return list.map((a) => ({ value: a, label: `${short(a)}${task.claimedBy?.toLowerCase() === a.toLowerCase() ? ' (claimed)' : ''}` }));
}

/** What the worker is paid from the escrow on accept: the won price for auctions, else the reward. */
function grossPayout(ctx: TicketContext, task: Task): bigint {
  if (task.mode !== 'auction') return task.reward;
  const won = ctx.bids.find((b) => b.workerAddress !== null && task.claimedBy !== null && b.workerAddress.toLowerCase() === task.claimedBy.toLowerCase());
  return won?.price ?? task.netReward ?? task.reward;
}

/** The worker a pendingAction names (targetWorker, or the --worker in its command). */
function namedWorker(task: Task, action: string): string | null {
  const a = task.pendingActions?.find((x) => x.action === action);
  if (a?.targetWorker) return a.targetWorker;
  const m = a ? /--worker\s+(0x[0-9a-fA-F]{40})\b/.exec(a.command) : null;
  return m?.[1] ?? null;
}

export const acceptTicket: TicketSpec = {
  action: 'accept',
  title: 'Accept the work',
  fields(ctx) {
    const t = need(ctx);
    const choices = workerChoices(ctx, t);
    const named = namedWorker(t, 'accept');
    return [{ key: 'worker', label: 'worker to pay', kind: 'choice', initial: named ?? choices[0]?.value ?? '', required: true, choices, hint: 'read the submission first (detail view); accepting pays at once' }];
  },
  build(ctx, v) {
    const t = need(ctx);
    const w = addressField(v.worker ?? '');
    if (!w.ok) return fail({ worker: w.error });
    if (!workerChoices(ctx, t).some((c) => c.value.toLowerCase() === w.value.toLowerCase())) return fail({ worker: 'this worker has no active submission on the task' });
    const gross = grossPayout(ctx, t);
    return { ok: true, intent: taskIntent(ctx, 'accept', t, { role: 'requester', amount: gross, payee: w.value, params: { worker: w.value } }) };
  },
  effect(ctx, intent) {
    const t = need(ctx);
    const gross = intent.amount ?? 0n;
    const fee = (gross * BigInt(t.platformFeeBps)) / 10_000n;
    const lines = [
      { label: 'from escrow', value: `${formatUsdc(gross)} USDC: ${formatUsdc(gross - fee)} to the worker, ${formatUsdc(fee)} platform fee (${t.platformFeeBps} bps)` },
    ];
    if (t.mode === 'auction' && gross < t.reward) lines.push({ label: 'refund', value: `${formatUsdc(t.reward - gross)} USDC of surplus back to you` });
    return lines;
  },
};

export const acceptSubmissionsTicket: TicketSpec = {
  action: 'accept_submissions',
  title: 'Accept several submissions (split)',
  fields(ctx) {
    const list = submitters(ctx);
    const share = list.length > 0 ? Math.floor(10_000 / list.length) : 10_000;
    const initial = list.map((a, i) => `${a}:${i === 0 ? 10_000 - share * (list.length - 1) : share}`).join(',');
    return [{ key: 'winners', label: 'winners (address:bps, …)', kind: 'text', initial, required: true, hint: 'shares in basis points, summing to 10000; each a worker with an active submission' }];
  },
  build(ctx, v) {
    const t = need(ctx);
    const parts = (v.winners ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    const active = new Set(submitters(ctx).map((a) => a.toLowerCase()));
    let sum = 0;
    const winners: string[] = [];
    for (const p of parts) {
      const m = /^(0x[0-9a-fA-F]{40}):(\d{1,5})$/.exec(p);
      if (!m) return fail({ winners: `"${p.slice(0, 60)}" is not address:bps` });
      if (!active.has(m[1]!.toLowerCase())) return fail({ winners: `${short(m[1]!)} has no active submission` });
      const bps = Number(m[2]);
      if (bps <= 0) return fail({ winners: 'every share must be above zero' });
      sum += bps;
      winners.push(`${m[1]}:${bps}`);
    }
    if (winners.length === 0) return fail({ winners: 'name at least one winner' });
    if (sum !== 10_000) return fail({ winners: `shares sum to ${sum}, not 10000` });
    return { ok: true, intent: taskIntent(ctx, 'accept_submissions', t, { role: 'requester', amount: t.reward, payee: winners.length === 1 ? winners[0]!.split(':')[0]! : null, params: { winners } }) };
  },
  effect(ctx, intent) {
    const t = need(ctx);
    return (intent.params.winners as readonly string[]).map((w) => {
      const [addr, bps] = w.split(':');
      const gross = (t.reward * BigInt(bps!)) / 10_000n;
      const fee = (gross * BigInt(t.platformFeeBps)) / 10_000n;
      return { label: `to ${short(addr!)}`, value: `${formatUsdc(gross)} USDC gross (${bps} bps): ${formatUsdc(gross - fee)} net, ${formatUsdc(fee)} fee` };
    });
  },
};

export const rejectSubmissionTicket: TicketSpec = {
  action: 'reject_submission',
  title: 'Reject a submission',
  fields(ctx) {
    const t = need(ctx);
    const choices = submitters(ctx).map((a) => ({ value: a, label: short(a) }));
    return [{ key: 'worker', label: 'worker to reject', kind: 'choice', initial: namedWorker(t, 'reject_submission') ?? choices[0]?.value ?? '', required: true, choices, hint: 'marks their submissions rejected; they cannot submit again' }];
  },
  build(ctx, v) {
    const t = need(ctx);
    const w = addressField(v.worker ?? '');
    if (!w.ok) return fail({ worker: w.error });
    if (!submitters(ctx).some((a) => a.toLowerCase() === w.value.toLowerCase())) return fail({ worker: 'this worker has no active submission' });
    return { ok: true, intent: taskIntent(ctx, 'reject_submission', t, { role: 'requester', amount: null, payee: w.value, params: { worker: w.value } }) };
  },
};

/** The guide's rating rubric (seed 003 reference/rating.md, summarised). */
export const RATING_RUBRIC = '90-100 exceeds the brief · 70-89 meets it · 40-69 usable with fixes · 1-39 mostly unusable · 0 not delivered';

export const rateTicket: TicketSpec = {
  action: 'rate',
  title: 'Rate the worker',
  fields(ctx) {
    const t = need(ctx);
    const named = namedWorker(t, 'rate');
    return [
      { key: 'worker', label: 'worker', kind: 'address', initial: named ?? '', required: true },
      { key: 'rating', label: 'score 0-100', kind: 'int', initial: '', required: true, hint: RATING_RUBRIC },
      { key: 'feedback', label: 'feedback (optional)', kind: 'text', initial: '', required: false },
    ];
  },
  build(ctx, v) {
    const t = need(ctx);
    const w = addressField(v.worker ?? '');
    const r = intField(v.rating ?? '', 0, 100, 'rating');
    const f = textField(v.feedback ?? '', 'feedback', 1000, false);
    const errors: Record<string, string> = {};
    if (!w.ok) errors.worker = w.error;
    if (!r.ok) errors.rating = r.error;
    if (!f.ok) errors.feedback = f.error;
    if (!w.ok || !r.ok || !f.ok) return fail(errors);
    return { ok: true, intent: taskIntent(ctx, 'rate', t, { role: 'requester', amount: null, score: r.value, payee: w.value, params: { worker: w.value, rating: r.value, feedback: f.value || null } }) };
  },
};

export const selectWorkerTicket: TicketSpec = {
  action: 'select_worker',
  title: 'Select a pitch',
  fields(ctx) {
    const choices = ctx.pitches.filter((p) => p.status === 'pending').map((p) => ({ value: `${p.id}|${p.workerAddress}`, label: `${short(p.workerAddress)}${p.estimatedDuration !== null ? ` · estimate ${p.estimatedDuration} h` : ''}` }));
    return [{ key: 'pitch', label: 'pitch', kind: 'choice', initial: choices[0]?.value ?? '', required: true, choices, hint: 'the pitches are in the task view (untrusted text)' }];
  },
  build(ctx, v) {
    const t = need(ctx);
    const [pitchId, worker] = (v.pitch ?? '').split('|');
    const p = ctx.pitches.find((x) => x.id === pitchId && x.workerAddress === worker);
    if (!p || !worker) return fail({ pitch: 'choose one of the pending pitches' });
    return { ok: true, intent: taskIntent(ctx, 'select_worker', t, { role: 'requester', amount: t.reward, payee: worker, params: { pitchId: p.id, worker } }) };
  },
  effect: (ctx, intent) => [{ label: 'then', value: `${short(String(intent.payee))} alone may submit; the ${formatUsdc(need(ctx).reward)} USDC reward is theirs on acceptance` }],
};

export const selectWinnerTicket: TicketSpec = {
  action: 'select_winner',
  title: 'Select the winning bid',
  fields: () => [],
  build(ctx) {
    const t = need(ctx);
    const rule = checkSelectWinner({ task: t, bids: knownBids(ctx), now: ctx.now });
    if (!rule.ok) return fail({ '': rule.error });
    const w = selectWinner(knownBids(ctx))!;
    return { ok: true, intent: taskIntent(ctx, 'select_winner', t, { role: roleFor(ctx, t, 'select_winner'), amount: w.price, payee: w.workerAddress, params: {} }) };
  },
  effect: (ctx, intent) => [{ label: 'winner', value: `${short(String(intent.payee))} at ${formatUsdc(intent.amount ?? 0n)} USDC (the lowest bid; ties go to the earliest)` }],
};

const simple = (action: 'cancel' | 'refund_expired' | 'forfeit' | 'evaluator_timeout' | 'finalize_verdict', title: string, refund: boolean): TicketSpec => ({
  action,
  title,
  fields: () => [],
  build(ctx) {
    const t = need(ctx);
    return { ok: true, intent: taskIntent(ctx, action, t, { role: roleFor(ctx, t, action), amount: refund ? t.reward : null, params: {} }) };
  },
  effect: (ctx) => (refund ? [{ label: 'refund', value: `${formatUsdc(need(ctx).reward)} USDC of escrow back to the requester` }] : []),
});

export const cancelTicket = simple('cancel', 'Cancel the task', true);
export const refundExpiredTicket = simple('refund_expired', 'Refund the expired task', true);
export const forfeitTicket = simple('forfeit', 'Forfeit the claim and reopen', false);
export const evaluatorTimeoutTicket = simple('evaluator_timeout', 'Take the decision back (evaluator timed out)', false);
export const finalizeVerdictTicket = simple('finalize_verdict', 'Finalize the verdict', false);

export const updateTicket: TicketSpec = {
  action: 'update',
  title: 'Update the task',
  fields: (ctx) => [
    { key: 'reward', label: 'new reward (USDC, optional)', kind: 'usdc', initial: '', required: false, hint: `now ${formatUsdc(need(ctx).reward)}; an increase is paid into escrow with the fee` },
    { key: 'extendHours', label: 'extend expiry by (hours, optional)', kind: 'hours', initial: '', required: false },
  ],
  build(ctx, v) {
    const t = need(ctx);
    const errors: Record<string, string> = {};
    let reward: bigint | null = null;
    let extend: number | null = null;
    if ((v.reward ?? '').trim() !== '') {
      const r = usdcField(v.reward ?? '');
      if (r.ok) reward = r.value;
      else errors.reward = r.error;
      if (r.ok && r.value === t.reward) errors.reward = 'the reward is already that (NoRewardChange)';
    }
    if ((v.extendHours ?? '').trim() !== '') {
      const h = hoursField(v.extendHours ?? '', 'extension');
      if (h.ok) extend = Math.round(h.value * 3600);
      else errors.extendHours = h.error;
    }
    if (Object.keys(errors).length) return fail(errors);
    if (reward === null && extend === null) return fail({ reward: 'change the reward or extend the expiry' });
    const fee = updatePaymentAmount(t.reward, reward);
    return {
      ok: true,
      intent: taskIntent(ctx, 'update', t, { role: 'requester', amount: reward, fee, spend: fee, params: { reward, extendExpirySeconds: extend, bidDeadline: null, pitchDeadline: null } }),
    };
  },
};
