// Opening an order ticket: for an action row, for a task (the x chooser), for a clock (b), a new task
// (n) or a wallet action (palette). The ticket asks the pollers for the task's detail at once, so it
// binds to fresh data, and it refuses to open where the desk cannot act.
import type { IntentAction } from '../../core/intent.js';
import { isClockAuction } from '../clock-view.js';
import { requestDetail } from '../desk-actions.js';
import { safe } from '../text.js';
import { actionChoices, nextTicketSeq, openChooser, openTicket } from '../tickets/model.js';
import { openArmTicket } from '../tickets/arm-model.js';
import { flash } from '../ui-store.js';
import type { RouterContext } from './router.js';

function wallet(ctx: RouterContext) {
  const s = ctx.store.getState();
  if (!s.conn.wallet) {
    flash(ctx.ui, 'no wallet: this desk is read-only (taskmarket init makes a wallet)', 'warn');
    return null;
  }
  if (s.act.blocked) {
    flash(ctx.ui, `cannot act: ${safe(s.act.blocked, 'error')}`, 'error');
    return null;
  }
  return s.conn.wallet;
}

export function openActionTicket(ctx: RouterContext, taskId: string | null, action: IntentAction): void {
  const w = wallet(ctx);
  if (!w) return;
  if (action.startsWith('em_') && !ctx.store.getState().em.enabled) return flash(ctx.ui, 'Execution Market is not connected in this desk', 'warn');
  if (taskId) requestDetail(ctx.store, taskId);
  const t = openTicket(ctx.store.getState(), action, taskId, w);
  if (!t) return flash(ctx.ui, `${action.replace(/_/g, '-')} has no ticket in this desk yet`, 'warn');
  ctx.ui.setState({ ticket: t });
}

/**
 * x: this wallet's live pending actions on the task, to choose from (straight to the ticket when there is
 * only one). The chooser reads them live, so it fills in when the task's detail arrives.
 */
export function openTaskActions(ctx: RouterContext, taskId: string): void {
  const w = wallet(ctx);
  if (!w) return;
  const s = ctx.store.getState();
  const task = s.details[taskId]?.task ?? s.tasks[taskId];
  if (!task) return;
  requestDetail(ctx.store, taskId);
  const known = task.market === 'execution-market' ? s.em.details[taskId] : s.details[taskId];
  const choices = known ? actionChoices(s, task, w) : null;
  if (choices && choices.length === 0) return flash(ctx.ui, 'no pending action for this wallet on this task', 'warn');
  if (choices && choices.length === 1) return openActionTicket(ctx, taskId, choices[0]!.action);
  ctx.ui.setState({ ticket: openChooser(taskId) });
}

/** b on a clock: auction-accept a dutch kind, bid on an English kind. */
export function takeClock(ctx: RouterContext, taskId: string): void {
  const task = ctx.store.getState().tasks[taskId];
  if (!task || task.mode !== 'auction') return;
  openActionTicket(ctx, taskId, isClockAuction(task) ? 'auction_accept' : 'bid');
}

/** C or :arm-claim: the arming ticket for a claim rule over the Feed's current filters. */
export function openArmClaim(ctx: RouterContext, preset: Record<string, string> = {}): void {
  const w = wallet(ctx);
  if (!w) return;
  if (!ctx.store.getState().armed.control) return flash(ctx.ui, 'this desk cannot arm orders now (no journal open yet)', 'warn');
  ctx.ui.setState({ ticket: openArmTicket(ctx.store.getState(), 'claim', null, w, nextTicketSeq(), preset) });
}
