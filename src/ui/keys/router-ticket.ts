// Keys while an order ticket is open (it is modal). Choose an action, confirm the network by name, edit
// the inputs, then confirm: typed phrase + Enter for paid and selection-changing actions, `y` for free
// ones (any other key cancels those). Once sent it is "Submitting" and every key is ignored until the
// outcome is known, so one confirmation can never send twice.
import { confirmation, matchesPhrase } from '../../core/confirm.js';
import type { Intent } from '../../core/intent.js';
import { formatUsdc } from '../../core/money.js';
import { BASE_MAINNET, BASE_SEPOLIA } from '../../markets/taskmarket/network.js';
import { judge } from '../../store/gate-state.js';
import { clockPrice } from '../../core/clock.js';
import { boundOf, buildIntent, changedSince, liveChoices, nextTicketSeq, openTicket, type TicketState } from '../tickets/model.js';
import { armConfirmKey, armToConfirm } from '../tickets/arm-keys.js';
import { openArmTicket } from '../tickets/arm-model.js';
import { setAct } from '../desk-actions.js';
import { flash } from '../ui-store.js';
import { editLine, insertText } from './line-edit.js';
import type { RouterContext } from './router.js';
import type { KeyEvent } from './tokenize.js';

const KNOWN_NETWORKS = [BASE_MAINNET, BASE_SEPOLIA];

function put(ctx: RouterContext, patch: Partial<TicketState>): void {
  const t = ctx.ui.getState().ticket;
  if (t) ctx.ui.setState({ ticket: { ...t, ...patch } });
}

function close(ctx: RouterContext): void {
  ctx.ui.setState({ ticket: null });
}

export function ticketKey(ctx: RouterContext, ev: KeyEvent): void {
  const t = ctx.ui.getState().ticket!;
  // Sent: nothing the operator types can touch it until the market has answered.
  if (t.stage === 'submitting') return;
  if (ev.name === 'pagedown' || ev.name === 'pageup') return scroll(ctx, t, ev.name === 'pagedown' ? 1 : -1);
  if (t.stage === 'done') {
    if (ev.name === 'escape' || ev.name === 'enter' || ev.name === 'q') close(ctx);
    return;
  }
  if (ev.name === 'escape') {
    close(ctx);
    return flash(ctx.ui, 'ticket cancelled; nothing was sent');
  }
  switch (t.stage) {
    case 'choose':
      return chooseKey(ctx, t, ev);
    case 'network':
      return networkKey(ctx, t, ev);
    case 'edit':
      return editKey(ctx, t, ev);
    case 'confirm':
      return confirmKey(ctx, t, ev);
  }
}

function scroll(ctx: RouterContext, t: TicketState, dir: 1 | -1): void {
  const s = ctx.ui.getState();
  const page = s.pages.ticket;
  const max = Math.max(0, s.lineCounts.ticket - page);
  put(ctx, { scroll: Math.max(0, Math.min(max, t.scroll + dir * Math.max(1, page - 1))) });
}

function chooseKey(ctx: RouterContext, t: TicketState, ev: KeyEvent): void {
  const wallet = ctx.store.getState().conn.wallet;
  const choices = wallet ? (liveChoices(ctx.store.getState(), t, wallet) ?? []) : [];
  if (ev.name === 'j' || ev.name === 'down') return put(ctx, { choice: Math.min(Math.max(0, choices.length - 1), t.choice + 1) });
  if (ev.name === 'k' || ev.name === 'up') return put(ctx, { choice: Math.max(0, t.choice - 1) });
  if (ev.name !== 'enter') return;
  const c = choices[Math.min(t.choice, choices.length - 1)];
  if (!c || !wallet || !t.taskId) return;
  if (c.arm) return void ctx.ui.setState({ ticket: openArmTicket(ctx.store.getState(), c.arm, t.taskId, wallet, nextTicketSeq()) });
  const next = openTicket(ctx.store.getState(), c.action, t.taskId, wallet);
  if (next) ctx.ui.setState({ ticket: next });
}

function networkKey(ctx: RouterContext, t: TicketState, ev: KeyEvent): void {
  if (ev.name !== 'enter') {
    const line = editLine(t.line, ev.name, ev.paste ?? ev.text, 40);
    if (line) put(ctx, { line, notice: null });
    return;
  }
  const seen = ctx.store.getState().conn.network;
  const net = seen ? KNOWN_NETWORKS.find((n) => n.chainId === seen.chainId) : undefined;
  if (!seen || !net) return put(ctx, { notice: { text: 'the market has not said which network it is on; wait for its network info', level: 'error' } });
  if (t.line.value.trim().toLowerCase() !== net.name) {
    return put(ctx, { notice: { text: `that is not ${net.name}: the market is on chain ${seen.chainId}; type ${net.name} to act on it, or Esc`, level: 'error' } });
  }
  setAct(ctx.store, { intended: { name: net.name, chainId: net.chainId, usdcAddress: net.usdcAddress }, confirmed: true });
  put(ctx, { stage: t.next, line: { value: '', caret: 0 }, notice: { text: `${net.name} confirmed for this session`, level: 'info' } });
  if (t.next === 'confirm') bind(ctx);
}

function editKey(ctx: RouterContext, t: TicketState, ev: KeyEvent): void {
  const field = t.fields[t.focus];
  if (ev.name === 'tab' || ev.name === 'down') return put(ctx, { focus: Math.min(t.fields.length - 1, t.focus + 1) });
  if (ev.name === 'shift+tab' || ev.name === 'up') return put(ctx, { focus: Math.max(0, t.focus - 1) });
  if (ev.name === 'enter') return t.arm ? armToConfirm(ctx, t) : toConfirm(ctx, t);
  if (!field) return;
  if (field.kind === 'choice' && field.choices && field.choices.length > 0) {
    if (ev.name !== 'left' && ev.name !== 'right' && ev.name !== 'space') return;
    const i = Math.max(0, field.choices.findIndex((c) => c.value === t.values[field.key]));
    const n = field.choices.length;
    const next = field.choices[(i + (ev.name === 'left' ? n - 1 : 1)) % n]!.value;
    return put(ctx, { values: { ...t.values, [field.key]: next }, errors: { ...t.errors, [field.key]: '' } });
  }
  const cur = { value: t.values[field.key] ?? '', caret: t.carets[field.key] ?? 0 };
  const next = ev.paste !== undefined ? insertText(cur, ev.paste.replace(/[\r\n]+/g, ' '), 10_000) : editLine(cur, ev.name, ev.text, 10_000);
  if (!next) return;
  put(ctx, { values: { ...t.values, [field.key]: next.value }, carets: { ...t.carets, [field.key]: next.caret }, errors: { ...t.errors, [field.key]: '' } });
}

/** Enter on the inputs: the backend's rules first; on success the ticket binds to the task as it is now. */
function toConfirm(ctx: RouterContext, t: TicketState): void {
  const wallet = ctx.store.getState().conn.wallet;
  if (!wallet) return put(ctx, { notice: { text: 'no wallet: this desk is read-only', level: 'error' } });
  const built = buildIntent(ctx.store.getState(), t, wallet);
  if (!built.ok) {
    const firstBad = t.fields.findIndex((f) => built.errors[f.key]);
    return put(ctx, { errors: built.errors, focus: firstBad >= 0 ? firstBad : t.focus, notice: built.errors[''] ? { text: built.errors[''], level: 'error' } : null });
  }
  put(ctx, { stage: 'confirm', errors: {}, notice: null, line: { value: '', caret: 0 }, bound: boundOf(ctx.store.getState(), t, built.intent) });
}

function bind(ctx: RouterContext): void {
  const t = ctx.ui.getState().ticket;
  const wallet = ctx.store.getState().conn.wallet;
  if (!t || !wallet) return;
  const built = buildIntent(ctx.store.getState(), t, wallet);
  put(ctx, { bound: boundOf(ctx.store.getState(), t, built.ok ? built.intent : null) });
}

function confirmKey(ctx: RouterContext, t: TicketState, ev: KeyEvent): void {
  if (t.arm) return armConfirmKey(ctx, t, ev);
  const wallet = ctx.store.getState().conn.wallet;
  if (!wallet) return put(ctx, { notice: { text: 'no wallet: this desk is read-only', level: 'error' } });
  const built = buildIntent(ctx.store.getState(), t, wallet);
  if (!built.ok) return put(ctx, { stage: t.fields.length ? 'edit' : 'confirm', errors: built.errors, notice: { text: built.errors[''] ?? 'an input is no longer valid', level: 'error' } });
  const c = confirmation(built.intent);
  if (c.kind === 'press') {
    // Free actions: y confirms; any other key cancels (the default is always cancel).
    if (ev.name !== 'y') {
      close(ctx);
      return flash(ctx.ui, 'ticket cancelled; nothing was sent');
    }
    return send(ctx, t, built.intent, 'y');
  }
  if (ev.name === 'enter') return send(ctx, t, built.intent, t.line.value.trim());
  const line = editLine(t.line, ev.name, ev.paste ?? ev.text, 80);
  if (line) put(ctx, { line, notice: null });
}

/** Everything is checked again on the desk's state at this instant; only then does it send, once. */
function send(ctx: RouterContext, t: TicketState, intent: Intent, typed: string): void {
  const s = ctx.store.getState();
  const c = confirmation(intent);
  if (!matchesPhrase(c, typed)) {
    return put(ctx, { notice: { text: c.kind === 'typed' ? `typed "${typed.slice(0, 40)}": the phrase is ${c.phrase}` : 'press y to confirm', level: 'error' }, line: { value: '', caret: 0 } });
  }
  const changed = changedSince(s, t, intent);
  if (changed) {
    return put(ctx, { notice: { text: `${changed}: check the ticket and confirm again`, level: 'warn' }, line: { value: '', caret: 0 }, bound: boundOf(s, t, intent) });
  }
  const verdict = judge(s, intent, true);
  if (!verdict.ok) {
    const first = verdict.checks.find((x) => x.status === 'fail')!;
    return put(ctx, { notice: { text: `not sent: ${first.label}: ${first.reason}`, level: 'error' }, line: { value: '', caret: 0 } });
  }
  if (!ctx.actions.runIntent) return put(ctx, { notice: { text: 'this desk cannot act (read-only build)', level: 'error' } });
  // The stage moves before the call: a key arriving while it runs finds "submitting" and does nothing.
  put(ctx, { stage: 'submitting', notice: null });
  const task = intent.taskId ? s.details[intent.taskId]?.task : undefined;
  const shownPrice = intent.action === 'auction_accept' && task ? (clockPrice(task, s.now) ?? undefined) : undefined;
  const seq = t.seq;
  ctx.actions
    .runIntent(intent, { confirmation: c.kind, phrase: c.kind === 'typed' ? c.phrase : 'y', checks: verdict.checks.map((x) => ({ id: x.id, status: x.status })) }, { shownPrice, taskExpiresAt: task?.expiryTime })
    .then(
      (outcome) => {
        const now = ctx.ui.getState().ticket;
        if (now?.seq === seq) put(ctx, { stage: 'done', outcome });
        flash(ctx.ui, outcome.ok ? `${intent.action} done: ${outcome.title}` : `${intent.action}: ${outcome.title}`, outcome.ok ? 'info' : 'error');
      },
      (err: unknown) => {
        const now = ctx.ui.getState().ticket;
        const text = err instanceof Error ? err.message : String(err);
        if (now?.seq === seq) put(ctx, { stage: 'done', outcome: { ok: false, title: 'failed before an answer', lines: [text] } });
      },
    );
}

/** The amount a phrase names, for help text ("1.250000 USDC"). */
export function phraseAmount(intent: Intent): string | null {
  return intent.amount !== null ? `${formatUsdc(intent.amount)} USDC` : null;
}
