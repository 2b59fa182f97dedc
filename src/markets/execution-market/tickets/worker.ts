// Worker tickets: apply, submit evidence (a dict keyed by evidence type with every required type), withdraw,
// rate the publisher.
import { RATING_RUBRIC } from '../../taskmarket/tickets/requester.js';
import { intField, textField } from '../../taskmarket/tickets/fields.js';
import { BODY_LIMITS } from '../constants.js';
import { validateEvidence } from '../validate.js';
import { emIntent, fail, needTask, units, type EmTicketContext, type EmTicketSpec } from './spec.js';

const notRegistered = { '': 'this wallet has no EM executor id yet: register it as a worker first' };
const isAssignee = (ctx: EmTicketContext) => {
  const t = needTask(ctx);
  return ctx.em.executorId !== null && t.em.executorId === ctx.em.executorId;
};

export const applyTicket: EmTicketSpec = {
  action: 'em_apply',
  title: 'Apply',
  fields: () => [{ key: 'message', label: 'message to the publisher (optional)', kind: 'text', initial: '', required: false, hint: `up to ${BODY_LIMITS.applyMessage} characters` }],
  build(ctx, v) {
    const t = needTask(ctx);
    if (ctx.em.executorId === null) return fail(notRegistered);
    if (t.em.status !== 'published') return fail({ '': `the task is ${t.em.status}: only a published task takes applications` });
    if (t.em.publisherWallet === ctx.wallet.toLowerCase()) return fail({ '': 'you cannot apply to your own task' });
    if (t.em.deadline <= ctx.now) return fail({ '': 'the task is past its deadline' });
    const message = textField(v.message ?? '', 'message', BODY_LIMITS.applyMessage, false);
    if (!message.ok) return fail({ message: message.error });
    return { ok: true, intent: emIntent(ctx, 'em_apply', t, { role: 'worker', amount: null, params: { executorId: ctx.em.executorId, message: message.value || null } }) };
  },
  effect: (ctx) => {
    const b = needTask(ctx).em.bounty;
    return [{ label: 'then', value: `the publisher may assign you; ${units(b)} then lock in escrow for your wallet` }];
  },
};

/** `{"json_response": {}, …}` for the task's required types: the operator fills it in. */
export function evidenceSkeleton(required: readonly string[]): string {
  return JSON.stringify(Object.fromEntries(required.map((k) => [k, {}])));
}

export const submitTicket: EmTicketSpec = {
  action: 'em_submit',
  title: 'Submit evidence',
  fields: (ctx) => {
    const req = needTask(ctx).em.evidenceRequired;
    return [
      { key: 'evidence', label: 'evidence (JSON keyed by evidence type)', kind: 'text', initial: evidenceSkeleton(req), required: true, hint: `required: ${req.join(', ') || 'none'}; large files: upload and give the URL` },
      { key: 'notes', label: 'notes (optional)', kind: 'text', initial: '', required: false, hint: `up to ${BODY_LIMITS.submitNotes} characters` },
    ];
  },
  build(ctx, v) {
    const t = needTask(ctx);
    if (ctx.em.executorId === null) return fail(notRegistered);
    if (!isAssignee(ctx)) return fail({ '': 'you are not the assigned worker of this task' });
    if (t.em.status !== 'accepted' && t.em.status !== 'in_progress') return fail({ '': `the task is ${t.em.status}: submit needs accepted or in_progress` });
    if (t.em.deadline <= ctx.now) return fail({ '': 'the deadline has passed' });
    let evidence: unknown;
    try {
      evidence = JSON.parse(v.evidence ?? '');
    } catch {
      return fail({ evidence: 'evidence must be JSON, e.g. {"json_response": {"url": "…"}}' });
    }
    const bad = validateEvidence(evidence, t.em.evidenceRequired);
    if (bad) return fail({ evidence: bad });
    const notes = textField(v.notes ?? '', 'notes', BODY_LIMITS.submitNotes, false);
    if (!notes.ok) return fail({ notes: notes.error });
    return {
      ok: true,
      intent: emIntent(ctx, 'em_submit', t, {
        role: 'worker',
        amount: null,
        params: { executorId: ctx.em.executorId, evidence: JSON.stringify(evidence), requiredEvidence: [...t.em.evidenceRequired], notes: notes.value || null },
      }),
    };
  },
  effect: (ctx) => [
    { label: 'evidence types', value: needTask(ctx).em.evidenceRequired.join(', ') },
    { label: 'paid', value: 'at approve, not at submit: 87 % of the escrow to you' },
  ],
};

export const withdrawTicket: EmTicketSpec = {
  action: 'em_withdraw',
  title: 'Withdraw from the task',
  fields: () => [{ key: 'reason', label: 'reason (optional)', kind: 'text', initial: '', required: false }],
  build(ctx, v) {
    const t = needTask(ctx);
    if (ctx.em.executorId === null) return fail(notRegistered);
    if (!isAssignee(ctx)) return fail({ '': 'you are not the assigned worker of this task' });
    if (t.em.status !== 'accepted' && t.em.status !== 'in_progress') return fail({ '': `the task is ${t.em.status}: withdraw needs accepted or in_progress` });
    const reason = textField(v.reason ?? '', 'reason', BODY_LIMITS.withdrawReason, false);
    if (!reason.ok) return fail({ reason: reason.error });
    return { ok: true, intent: emIntent(ctx, 'em_withdraw', t, { role: 'worker', amount: t.em.bounty, payee: t.em.publisherWallet, params: { executorId: ctx.em.executorId, reason: reason.value || null } }) };
  },
  effect: (ctx) => [{ label: 'refund', value: `${units(needTask(ctx).em.bounty)} of escrow back to the publisher; you are not paid; the task is published again` }],
};

export const rateAgentTicket: EmTicketSpec = {
  action: 'em_rate_agent',
  title: 'Rate the publisher',
  fields: () => [
    { key: 'score', label: 'score 0-100', kind: 'int', initial: '', required: true, hint: RATING_RUBRIC },
    { key: 'comment', label: 'comment (optional)', kind: 'text', initial: '', required: false },
  ],
  build(ctx, v) {
    const t = needTask(ctx);
    if (!isAssignee(ctx)) return fail({ '': 'only the task’s worker rates its publisher' });
    if (!['completed', 'accepted', 'in_progress', 'submitted'].includes(t.em.status)) return fail({ '': `the task is ${t.em.status}` });
    const score = intField(v.score ?? '', 0, 100, 'score');
    const comment = textField(v.comment ?? '', 'comment', BODY_LIMITS.rateComment, false);
    if (!score.ok || !comment.ok) return fail({ ...(score.ok ? {} : { score: score.error }), ...(comment.ok ? {} : { comment: comment.error }) });
    return {
      ok: true,
      intent: emIntent(ctx, 'em_rate_agent', t, { role: 'worker', amount: null, score: score.value, payee: t.em.publisherWallet, params: { score: score.value, agentId: t.em.publisherAgentId, comment: comment.value || null } }),
    };
  },
};
