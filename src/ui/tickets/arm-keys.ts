// Keys on an arming ticket past its inputs: Enter checks them (the spec against the task as held now),
// then the phrase — P, N or the floor — typed once and Enter arms the order through the session's engine,
// which journals it; the done page says what was armed and when it should fire. Esc cancels throughout
// (router-ticket.ts); arming twice from one ticket is impossible (its order id is fixed per ticket).
import { formatUsdc } from '../../core/money.js';
import { flash } from '../ui-store.js';
import { editLine } from '../keys/line-edit.js';
import type { RouterContext } from '../keys/router.js';
import type { KeyEvent } from '../keys/tokenize.js';
import { armChecks, buildArm } from './arm-model.js';
import { armedSummary } from './arm-lines.js';
import type { TicketState } from './model.js';

function put(ctx: RouterContext, patch: Partial<TicketState>): void {
  const t = ctx.ui.getState().ticket;
  if (t) ctx.ui.setState({ ticket: { ...t, ...patch } });
}

/** Enter on the inputs. */
export function armToConfirm(ctx: RouterContext, t: TicketState): void {
  const wallet = ctx.store.getState().conn.wallet;
  if (!wallet) return put(ctx, { notice: { text: 'no wallet: this desk is read-only', level: 'error' } });
  const b = buildArm(ctx.store.getState(), t, wallet);
  if (!b.ok) {
    const firstBad = t.fields.findIndex((f) => b.errors[f.key]);
    const loose = Object.entries(b.errors).find(([k]) => !t.fields.some((f) => f.key === k));
    return put(ctx, { errors: b.errors, focus: firstBad >= 0 ? firstBad : t.focus, notice: loose ? { text: loose[1], level: 'error' } : null });
  }
  put(ctx, { stage: 'confirm', errors: {}, notice: null, line: { value: '', caret: 0 } });
}

export function armConfirmKey(ctx: RouterContext, t: TicketState, ev: KeyEvent): void {
  const s = ctx.store.getState();
  const wallet = s.conn.wallet;
  if (!wallet) return put(ctx, { notice: { text: 'no wallet: this desk is read-only', level: 'error' } });
  if (ev.name !== 'enter') {
    const line = editLine(t.line, ev.name, ev.paste ?? ev.text, 80);
    if (line) put(ctx, { line, notice: null });
    return;
  }
  const b = buildArm(s, t, wallet);
  if (!b.ok) return put(ctx, { stage: 'edit', errors: b.errors, notice: { text: Object.values(b.errors)[0] ?? 'an input is no longer valid', level: 'error' } });
  const typed = t.line.value.trim();
  if (typed !== b.built.phrase) {
    return put(ctx, { notice: { text: `typed "${typed.slice(0, 40)}": the phrase is ${b.built.phrase}`, level: 'error' }, line: { value: '', caret: 0 } });
  }
  const verdict = armChecks(s, b.built, true);
  if (!verdict.ok) {
    const first = verdict.checks.find((x) => x.status === 'fail')!;
    return put(ctx, { notice: { text: `not armed: ${first.label}: ${first.reason}`, level: 'error' }, line: { value: '', caret: 0 } });
  }
  const control = s.armed.control;
  if (!control) return put(ctx, { notice: { text: 'this desk cannot arm orders now (no journal open)', level: 'error' } });
  put(ctx, { stage: 'submitting', notice: null });
  const seq = t.seq;
  const approval = { confirmation: 'typed' as const, phrase: b.built.phrase, checks: verdict.checks.map((x) => ({ id: x.id, status: x.status })) };
  control.arm(b.built.spec, approval, b.built.task ? { task: b.built.task } : {}).then(
    (r) => {
      const now = ctx.ui.getState().ticket;
      const outcome = r.ok
        ? { ok: true, title: 'armed', lines: armedSummary(b.built, ctx.store.getState().now) }
        : { ok: false, title: 'not armed', lines: Object.entries(r.errors).map(([k, v]) => `${k}: ${v}`) };
      if (now?.seq === seq) put(ctx, { stage: 'done', outcome });
      flash(ctx.ui, r.ok ? `armed: ${b.built.spec.kind.replace('_', '-')} (phrase ${b.built.phrase}); O lists your orders` : `not armed: ${outcome.lines[0] ?? ''}`, r.ok ? 'info' : 'error');
    },
    (err: unknown) => {
      const now = ctx.ui.getState().ticket;
      if (now?.seq === seq) put(ctx, { stage: 'done', outcome: { ok: false, title: 'not armed', lines: [err instanceof Error ? err.message : String(err)] } });
    },
  );
}

export const usdc = (v: bigint) => `${formatUsdc(v)} USDC`;
