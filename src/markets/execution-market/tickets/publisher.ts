// Publisher tickets: publish, assign an applicant (escrow), approve, reject, request more info, cancel, rate the worker.
import { formatUsdc } from '../../../core/money.js';
import { RATING_RUBRIC } from '../../taskmarket/tickets/requester.js';
import { choiceField, intField, textField, usdcField } from '../../taskmarket/tickets/fields.js';
import { BODY_LIMITS, EM_CATEGORIES, EM_TARGET_EXECUTORS, PUBLISH_LIMITS } from '../constants.js';
import { pendingSubmission } from '../derive-actions.js';
import { validatePublish } from '../validate.js';
import { emIntent, fail, needTask, short, splitLine, units, type EmTicketContext, type EmTicketSpec } from './spec.js';

const list = (s: string | undefined) => (s ?? '').split(',').map((x) => x.trim()).filter(Boolean);
const CATEGORY_CHOICES = EM_CATEGORIES.map((c) => ({ value: c, label: c }));
const TARGET_CHOICES = EM_TARGET_EXECUTORS.map((t) => ({ value: t, label: t }));
const SEVERITIES = [
  { value: 'minor', label: 'minor — the worker may resubmit' },
  { value: 'major', label: 'major — refund the escrow, re-open the task' },
];

function statusIs(ctx: EmTicketContext, ...statuses: string[]): string | null {
  const s = needTask(ctx).em.status;
  return statuses.includes(s) ? null : `the task is ${s}, not ${statuses.join(' or ')}`;
}

function submissionChoices(ctx: EmTicketContext) {
  return ctx.em.submissions.filter((s) => s.verdict === 'pending').map((s) => ({ value: s.id, label: `${short(s.id)} by ${short(s.executorId)}` }));
}

function defaultSubmission(ctx: EmTicketContext): string {
  return pendingSubmission(needTask(ctx), ctx.em.submissions)?.id ?? submissionChoices(ctx)[0]?.value ?? '';
}

/** The assignee's wallet as the applications name it. */
function assigneeWallet(ctx: EmTicketContext): string | null {
  const t = needTask(ctx);
  return t.em.executorWallet ?? ctx.em.applications.find((a) => a.executorId === t.em.executorId)?.wallet ?? null;
}

export const publishTicket: EmTicketSpec = {
  action: 'em_publish',
  title: 'Publish a task (Execution Market)',
  fields: (ctx) => [
    { key: 'title', label: 'title', kind: 'text', initial: '', required: true, hint: `${PUBLISH_LIMITS.title.min}–${PUBLISH_LIMITS.title.max} characters` },
    { key: 'instructions', label: 'instructions', kind: 'text', initial: '', required: true, hint: `${PUBLISH_LIMITS.instructions.min}–${PUBLISH_LIMITS.instructions.max} characters` },
    { key: 'category', label: 'category', kind: 'choice', initial: 'knowledge_access', required: true, choices: CATEGORY_CHOICES },
    { key: 'bounty', label: 'bounty (USDC)', kind: 'usdc', initial: '', required: true, hint: `${formatUsdc(ctx.em.minBounty ?? PUBLISH_LIMITS.defaultMinBounty)}–10000; locked in escrow at assign, not now` },
    { key: 'deadlineHours', label: 'deadline (hours)', kind: 'int', initial: '24', required: true, hint: '1–720' },
    { key: 'evidenceRequired', label: 'evidence required (comma-separated)', kind: 'text', initial: 'json_response', required: true, hint: '1–5 of the 18 evidence types' },
    { key: 'evidenceOptional', label: 'evidence optional', kind: 'text', initial: '', required: false },
    { key: 'skills', label: 'skills (comma-separated)', kind: 'text', initial: '', required: false, hint: 'at most 20' },
    { key: 'targetExecutor', label: 'who may work it', kind: 'choice', initial: 'any', required: true, choices: TARGET_CHOICES },
    { key: 'minReputation', label: 'minimum reputation (0–100)', kind: 'int', initial: '0', required: false },
  ],
  build(ctx, v) {
    const errors: Record<string, string> = {};
    const title = textField(v.title ?? '', 'title', PUBLISH_LIMITS.title.max);
    const instructions = textField(v.instructions ?? '', 'instructions', PUBLISH_LIMITS.instructions.max);
    const category = choiceField(v.category ?? '', CATEGORY_CHOICES, 'category');
    const bounty = usdcField(v.bounty ?? '');
    const hours = intField(v.deadlineHours ?? '', PUBLISH_LIMITS.deadlineHours.min, PUBLISH_LIMITS.deadlineHours.max, 'deadline');
    const target = choiceField(v.targetExecutor ?? 'any', TARGET_CHOICES, 'target');
    const rep = (v.minReputation ?? '').trim() === '' ? ({ ok: true, value: 0 } as const) : intField(v.minReputation ?? '', 0, 100, 'minimum reputation');
    for (const [k, r] of Object.entries({ title, instructions, category, bounty, deadlineHours: hours, targetExecutor: target, minReputation: rep })) if (!r.ok) errors[k] = r.error;
    if (Object.keys(errors).length || !title.ok || !instructions.ok || !category.ok || !bounty.ok || !hours.ok || !target.ok || !rep.ok) return fail(errors);
    const input = {
      title: title.value,
      instructions: instructions.value,
      category: category.value,
      bounty: bounty.value,
      deadlineHours: hours.value,
      evidenceRequired: list(v.evidenceRequired),
      evidenceOptional: list(v.evidenceOptional),
      skills: list(v.skills),
      targetExecutor: target.value,
      minReputation: rep.value,
    };
    const rules = validatePublish(input, ctx.em.minBounty !== null ? { minBounty: ctx.em.minBounty } : {});
    if (Object.keys(rules).length) return fail(rules);
    return {
      ok: true,
      // Nothing leaves the wallet at publish: the bounty is locked at assign (lock_on_assignment, §5a.1).
      intent: emIntent(ctx, 'em_publish', null, { role: 'publisher', amount: input.bounty, spend: 0n, params: { ...input, locationHint: null } }),
    };
  },
  effect: (_ctx, intent) => [
    { label: 'escrow', value: `nothing moves now; ${units(intent.amount ?? 0n)} lock at assign, for the worker you pick` },
    splitLine(intent.amount ?? 0n, null),
  ],
};

export const assignTicket: EmTicketSpec = {
  action: 'em_assign',
  title: 'Assign an applicant (locks the escrow)',
  fields(ctx) {
    const choices = ctx.em.applications
      .filter((a) => a.status === 'pending' && a.wallet)
      .map((a) => ({ value: a.executorId, label: `${a.wallet} · rep ${a.reputationScore} · ${a.tasksCompleted} done` }));
    return [{ key: 'executor', label: 'worker (the escrow pays this wallet)', kind: 'choice', initial: choices[0]?.value ?? '', required: true, choices, hint: 'the other applicants are declined' }];
  },
  build(ctx, v) {
    const t = needTask(ctx);
    const bad = statusIs(ctx, 'published');
    if (bad) return fail({ '': bad });
    if (t.em.deadline <= ctx.now) return fail({ '': 'the task is past its deadline' });
    const app = ctx.em.applications.find((a) => a.executorId === (v.executor ?? '').trim() && a.status === 'pending');
    if (!app?.wallet) return fail({ executor: 'choose one of the pending applicants' });
    if (app.reputationScore < t.em.minReputation) return fail({ executor: `reputation ${app.reputationScore} is below the task minimum ${t.em.minReputation}` });
    if (app.wallet === ctx.wallet.toLowerCase()) return fail({ executor: 'you cannot assign yourself' });
    return {
      ok: true,
      intent: emIntent(ctx, 'em_assign', t, { role: 'publisher', amount: t.em.bounty, spend: t.em.bounty, payee: app.wallet, params: { executorId: app.executorId, worker: app.wallet, bounty: t.em.bounty } }),
    };
  },
  effect: (_ctx, intent) => [
    { label: 'escrow locked now', value: `${units(intent.amount ?? 0n)} from your wallet, receiver ${String(intent.payee)}`, tone: 'warning' },
    splitLine(intent.amount ?? 0n, String(intent.payee)),
    { label: 'refund', value: 'back to you on cancel, a major reject, the worker’s withdraw or expiry' },
  ],
};

export const approveTicket: EmTicketSpec = {
  action: 'em_approve',
  title: 'Approve and pay',
  fields: (ctx) => [
    { key: 'submission', label: 'submission', kind: 'choice', initial: defaultSubmission(ctx), required: true, choices: submissionChoices(ctx), hint: 'read the evidence first (detail view); approve pays at once' },
    { key: 'notes', label: 'notes (optional)', kind: 'text', initial: '', required: false },
  ],
  build(ctx, v) {
    const t = needTask(ctx);
    const bad = statusIs(ctx, 'submitted');
    if (bad) return fail({ '': bad });
    const sub = ctx.em.submissions.find((s) => s.id === (v.submission ?? '').trim() && s.verdict === 'pending');
    if (!sub) return fail({ submission: 'choose a pending submission' });
    const notes = textField(v.notes ?? '', 'notes', BODY_LIMITS.approveNotes, false);
    if (!notes.ok) return fail({ notes: notes.error });
    const worker = assigneeWallet(ctx);
    return { ok: true, intent: emIntent(ctx, 'em_approve', t, { role: 'publisher', amount: t.em.bounty, payee: worker, params: { submissionId: sub.id, worker, notes: notes.value || null } }) };
  },
  effect: (_ctx, intent) => [
    { label: 'released from escrow', value: units(intent.amount ?? 0n) },
    splitLine(intent.amount ?? 0n, intent.payee),
  ],
};

export const rejectTicket: EmTicketSpec = {
  action: 'em_reject',
  title: 'Reject the submission',
  fields: (ctx) => [
    { key: 'submission', label: 'submission', kind: 'choice', initial: defaultSubmission(ctx), required: true, choices: submissionChoices(ctx) },
    { key: 'severity', label: 'severity', kind: 'choice', initial: 'minor', required: true, choices: SEVERITIES },
    { key: 'notes', label: 'why (10–1000 characters)', kind: 'text', initial: '', required: true },
    { key: 'reputationScore', label: 'reputation score 0–50 (major only, optional)', kind: 'int', initial: '', required: false },
  ],
  build(ctx, v) {
    const t = needTask(ctx);
    const bad = statusIs(ctx, 'submitted');
    if (bad) return fail({ '': bad });
    const errors: Record<string, string> = {};
    const sub = ctx.em.submissions.find((s) => s.id === (v.submission ?? '').trim() && s.verdict === 'pending');
    if (!sub) errors.submission = 'choose a pending submission';
    const severity = choiceField(v.severity ?? '', SEVERITIES, 'severity');
    if (!severity.ok) errors.severity = severity.error;
    const notes = textField(v.notes ?? '', 'notes', BODY_LIMITS.rejectNotes.max);
    if (!notes.ok) errors.notes = notes.error;
    else if (notes.value.length < BODY_LIMITS.rejectNotes.min) errors.notes = `notes need at least ${BODY_LIMITS.rejectNotes.min} characters`;
    let score: number | null = null;
    if ((v.reputationScore ?? '').trim() !== '') {
      const s = intField(v.reputationScore ?? '', 0, 50, 'reputation score');
      if (!s.ok) errors.reputationScore = s.error;
      else if (severity.ok && severity.value !== 'major') errors.reputationScore = 'a reputation score goes with a major rejection only';
      else score = s.value;
    }
    if (Object.keys(errors).length || !sub || !severity.ok || !notes.ok) return fail(errors);
    const major = severity.value === 'major';
    return {
      ok: true,
      intent: emIntent(ctx, 'em_reject', t, { role: 'publisher', amount: major ? t.em.bounty : null, payee: major ? t.em.publisherWallet : null, params: { submissionId: sub.id, severity: severity.value, notes: notes.value, reputationScore: score } }),
    };
  },
  effect: (ctx, intent) =>
    intent.params.severity === 'major'
      ? [{ label: 'refund', value: `${units(needTask(ctx).em.bounty)} from escrow back to you; the task is published again` }]
      : [{ label: 'then', value: 'the task goes back to in_progress; the same worker may resubmit; the escrow stays locked' }],
};

export const requestInfoTicket: EmTicketSpec = {
  action: 'em_request_info',
  title: 'Ask for more information',
  fields: (ctx) => [
    { key: 'submission', label: 'submission', kind: 'choice', initial: defaultSubmission(ctx), required: true, choices: submissionChoices(ctx) },
    { key: 'notes', label: 'what is missing (5–1000 characters)', kind: 'text', initial: '', required: true },
  ],
  build(ctx, v) {
    const t = needTask(ctx);
    const bad = statusIs(ctx, 'submitted');
    if (bad) return fail({ '': bad });
    const sub = ctx.em.submissions.find((s) => s.id === (v.submission ?? '').trim() && s.verdict === 'pending');
    const notes = textField(v.notes ?? '', 'notes', BODY_LIMITS.moreInfoNotes.max);
    const errors: Record<string, string> = {};
    if (!sub) errors.submission = 'choose a pending submission';
    if (!notes.ok) errors.notes = notes.error;
    else if (notes.value.length < BODY_LIMITS.moreInfoNotes.min) errors.notes = `notes need at least ${BODY_LIMITS.moreInfoNotes.min} characters`;
    if (!sub || !notes.ok || Object.keys(errors).length) return fail(errors);
    return { ok: true, intent: emIntent(ctx, 'em_request_info', t, { role: 'publisher', amount: null, params: { submissionId: sub.id, notes: notes.value } }) };
  },
  effect: () => [{ label: 'then', value: 'the task goes back to in_progress; the escrow stays locked' }],
};

export const cancelTicket: EmTicketSpec = {
  action: 'em_cancel',
  title: 'Cancel the task',
  fields: () => [{ key: 'reason', label: 'reason (optional)', kind: 'text', initial: '', required: false }],
  build(ctx, v) {
    const t = needTask(ctx);
    const bad = statusIs(ctx, 'published', 'accepted');
    if (bad) return fail({ '': `${bad}: cancel is for a task with no evidence yet` });
    const reason = textField(v.reason ?? '', 'reason', BODY_LIMITS.cancelReason, false);
    if (!reason.ok) return fail({ reason: reason.error });
    const locked = t.em.status === 'accepted';
    return { ok: true, intent: emIntent(ctx, 'em_cancel', t, { role: 'publisher', amount: locked ? t.em.bounty : null, payee: locked ? t.em.publisherWallet : null, params: { reason: reason.value || null } }) };
  },
  effect: (ctx, intent) => [{ label: 'refund', value: intent.amount !== null ? `${units(intent.amount)} from escrow back to you` : `nothing is locked (${needTask(ctx).em.status}): nothing moves` }],
};

export const rateWorkerTicket: EmTicketSpec = {
  action: 'em_rate_worker',
  title: 'Rate the worker',
  fields: () => [
    { key: 'score', label: 'score 0-100', kind: 'int', initial: '', required: true, hint: RATING_RUBRIC },
    { key: 'comment', label: 'comment (optional)', kind: 'text', initial: '', required: false },
  ],
  build(ctx, v) {
    const t = needTask(ctx);
    const bad = statusIs(ctx, 'completed', 'accepted', 'in_progress', 'submitted');
    if (bad) return fail({ '': bad });
    if (t.em.executorId === null) return fail({ '': 'the task has no worker' });
    const score = intField(v.score ?? '', 0, 100, 'score');
    const comment = textField(v.comment ?? '', 'comment', BODY_LIMITS.rateComment, false);
    if (!score.ok || !comment.ok) return fail({ ...(score.ok ? {} : { score: score.error }), ...(comment.ok ? {} : { comment: comment.error }) });
    const worker = assigneeWallet(ctx);
    return {
      ok: true,
      intent: emIntent(ctx, 'em_rate_worker', t, { role: 'publisher', amount: null, score: score.value, payee: worker, params: { score: score.value, worker, comment: comment.value || null, proofTx: t.em.paymentTx } }),
    };
  },
};
