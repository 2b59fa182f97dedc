// What each command does when the router dispatches it: global commands, list movement and the
// panes' own commands, scrolling in views. Pure over the two stores plus the caller's actions.
import { isClockAuction } from '../clock-view.js';
import { ackAlert, openTask, requestDetail, setFilter, setSort } from '../desk-actions.js';
import { actionRows, clockRows, feedRows, inboxRows, paneKeys } from '../pane-rows.js';
import { safe } from '../text.js';
import { flash, PANES, resolveSel, setSel, windowTop, type PaneId } from '../ui-store.js';
import { scrollTarget } from '../views/lines.js';
import type { CommandId } from './commands.js';
import type { RouterContext } from './router.js';
import { openInput } from './router-input.js';
import { markMessage } from './router-inbox.js';
import { openActionTicket, openArmClaim, openTaskActions, takeClock } from './router-open-ticket.js';
import { SORT_CYCLE, SORT_NAMES } from '../sorts.js';
import type { ActionName, ActionRole } from '../../core/types.js';

const PANE_KEYS: Partial<Record<CommandId, PaneId>> = { 'pane.feed': 'feed', 'pane.clocks': 'clocks', 'pane.inbox': 'inbox', 'pane.actions': 'actions' };
const NEXT_ROLE = { all: 'requester', requester: 'worker', worker: 'all' } as const;

/** Commands that work from anywhere (outside a text line). True when handled. */
export function runGlobal(ctx: RouterContext, cmd: CommandId): boolean {
  const { ui, store } = ctx;
  const s = ui.getState();
  switch (cmd) {
    case 'help':
      ui.setState({ overlay: { kind: 'help' }, helpScroll: 0 });
      return true;
    case 'palette':
      openInput(ctx, { kind: 'palette', value: '', caret: 0, historyPos: s.paletteHistory.length });
      return true;
    case 'back':
      if (s.view) {
        closeView(ctx);
        return true;
      }
      if (store.getState().filter.text) setFilter(store, { text: '' });
      return true;
    case 'quit':
      // q closes an open view first (as in less and k9s); at the top level it quits.
      if (s.view) closeView(ctx);
      else ctx.exit();
      return true;
    case 'fleet':
      ui.setState({ view: { kind: 'fleet' }, viewScroll: 0 });
      return true;
    case 'orders':
      ui.setState({ view: { kind: 'orders', sel: 0 }, viewScroll: 0 });
      return true;
    case 'arm.claim':
      if (!s.view) openArmClaim(ctx);
      return true;
    case 'refresh':
      ctx.actions.refresh?.();
      flash(ui, 'polling the market now');
      return true;
    case 'pane.next':
    case 'pane.prev': {
      if (s.view) return true;
      const i = PANES.indexOf(s.focus);
      const step = cmd === 'pane.next' ? 1 : PANES.length - 1;
      ui.setState({ focus: PANES[(i + step) % PANES.length]! });
      return true;
    }
    case 'view.copyId': {
      const v = s.view;
      if (v && (v.kind === 'task' || v.kind === 'action')) copyId(ctx, v.taskId);
      return true;
    }
    case 'view.act': {
      const v = s.view;
      if (v && (v.kind === 'task' || v.kind === 'action')) openTaskActions(ctx, v.taskId);
      return true;
    }
    case 'task.new':
      if (!s.view) openActionTicket(ctx, null, 'create_task');
      return true;
    default: {
      const pane = PANE_KEYS[cmd];
      if (pane && !s.view) ui.setState({ focus: pane });
      return pane !== undefined;
    }
  }
}

function closeView(ctx: RouterContext): void {
  const v = ctx.ui.getState().view;
  if (v?.kind === 'task') openTask(ctx.store, null);
  ctx.ui.setState({ view: null, viewScroll: 0 });
}

function copyId(ctx: RouterContext, id: string): void {
  if (!ctx.actions.copy) return flash(ctx.ui, 'copy is not available here', 'warn');
  ctx.actions.copy(id);
  flash(ctx.ui, `copied ${safe(id, 'id')}`);
}

/** List movement and the focused pane's own commands. True when handled. */
export function runPane(ctx: RouterContext, pane: PaneId, cmd: CommandId): boolean {
  const { ui, store } = ctx;
  const desk = store.getState();
  const role = ui.getState().roleFilter;
  const keys = paneKeys(pane, desk, role);
  const page = ui.getState().pages[pane];
  const cur = resolveSel(ui.getState().sel[pane], keys, page);
  const moveTo = (i: number) => {
    if (keys.length === 0) return;
    const index = Math.max(0, Math.min(i, keys.length - 1));
    setSel(ui, pane, { key: keys[index]!, index, top: windowTop(cur.top, index, keys.length, page) });
  };
  switch (cmd) {
    case 'move.down':
      moveTo(cur.index + 1);
      return true;
    case 'move.up':
      moveTo(cur.index - 1);
      return true;
    case 'move.top':
      moveTo(0);
      return true;
    case 'move.bottom':
      moveTo(keys.length - 1);
      return true;
    case 'move.pageDown': {
      // A full page: the window moves by a page and the selection with it.
      const index = Math.min(keys.length - 1, cur.index + page);
      if (keys.length) setSel(ui, pane, { key: keys[index]!, index, top: windowTop(cur.top + page, index, keys.length, page) });
      return true;
    }
    case 'move.pageUp': {
      const index = Math.max(0, cur.index - page);
      if (keys.length) setSel(ui, pane, { key: keys[index]!, index, top: windowTop(Math.max(0, cur.top - page), index, keys.length, page) });
      return true;
    }
    case 'open':
      if (cur.key !== null) openRow(ctx, pane, cur.key);
      return true;
    case 'copyId': {
      const id = taskIdOfRow(ctx, pane, cur.key);
      if (id) copyId(ctx, id);
      return true;
    }
    case 'task.act': {
      const id = taskIdOfRow(ctx, pane, cur.key);
      if (id) openTaskActions(ctx, id);
      return true;
    }
  }
  if (pane === 'feed') return runFeed(ctx, cmd);
  if (pane === 'clocks') return runClocks(ctx, cmd, cur.key);
  if (pane === 'inbox') return cmd === 'inbox.markRead' ? (markMessage(ctx, cur.key), true) : false;
  if (pane === 'actions' && cmd === 'actions.role') {
    ui.setState({ roleFilter: NEXT_ROLE[role] });
    return true;
  }
  return false;
}

function taskIdOfRow(ctx: RouterContext, pane: PaneId, key: string | null): string | null {
  if (key === null) return null;
  if (pane === 'feed' || pane === 'clocks') return key;
  if (pane === 'actions') return actionRows(ctx.store.getState(), ctx.ui.getState().roleFilter).find((r) => `${r.taskId}:${r.action.role}:${r.action.action}` === key)?.taskId ?? null;
  return null;
}

/** Enter on a row: by key, so the row that is highlighted is the one opened, whatever arrived since. */
function openRow(ctx: RouterContext, pane: PaneId, key: string): void {
  const { ui, store } = ctx;
  const desk = store.getState();
  if (pane === 'feed' || pane === 'clocks') {
    const known = pane === 'feed' ? feedRows(desk).some((t) => t.id === key) : clockRows(desk).some((c) => c.task.id === key);
    if (!known) return;
    ui.setState({ view: { kind: 'task', taskId: key }, viewScroll: 0 });
    openTask(store, key);
    // Execution Market tasks are fetched by their own pollers, asked here.
    if (desk.tasks[key]?.market === 'execution-market') requestDetail(store, key);
    return;
  }
  if (pane === 'inbox') {
    const m = inboxRows(desk).find((x) => x.key === key);
    if (!m) return;
    ui.setState({ view: { kind: 'message', key }, viewScroll: 0 });
    // Opening a message reads it, as in a mail client.
    if (!m.read) void ctx.actions.markRead?.(m, true);
    return;
  }
  const row = actionRows(desk, ui.getState().roleFilter).find((r) => `${r.taskId}:${r.action.role}:${r.action.action}` === key);
  if (!row) return;
  // The row's order ticket when the desk can act; otherwise what the action would do, read-only.
  if (desk.conn.wallet && !desk.conn.readonly) openActionTicket(ctx, row.taskId, row.action.action);
  else if (row.market === 'taskmarket') ui.setState({ view: { kind: 'action', taskId: row.taskId, action: row.action.action as ActionName, role: row.action.role as ActionRole }, viewScroll: 0 });
  else ui.setState({ view: { kind: 'task', taskId: row.taskId }, viewScroll: 0 });
}

function runFeed(ctx: RouterContext, cmd: CommandId): boolean {
  const { ui, store } = ctx;
  if (cmd === 'feed.filter') {
    const text = store.getState().filter.text;
    openInput(ctx, { kind: 'filter', value: text, caret: Array.from(text).length });
    return true;
  }
  if (cmd === 'feed.sortNext' || cmd === 'feed.sortPrev') {
    const i = SORT_CYCLE.indexOf(store.getState().sort);
    const next = SORT_CYCLE[(i + (cmd === 'feed.sortNext' ? 1 : SORT_CYCLE.length - 1)) % SORT_CYCLE.length]!;
    setSort(store, next);
    flash(ui, `sort: ${SORT_NAMES[next]}`);
    return true;
  }
  return false;
}


function runClocks(ctx: RouterContext, cmd: CommandId, key: string | null): boolean {
  const { ui, store } = ctx;
  const t = key === null ? undefined : store.getState().tasks[key];
  if (cmd === 'clock.ack') {
    if (t) ackAlert(store, t.id);
    return true;
  }
  if (cmd === 'clock.take') {
    if (t) takeClock(ctx, t.id);
    return true;
  }
  if (cmd !== 'clock.target') return false;
  if (!t) return true;
  if (!isClockAuction(t)) {
    flash(ui, 'targets are for dutch and reverse-dutch clocks', 'warn');
    return true;
  }
  const current = store.getState().targets[t.id];
  const value = current !== undefined ? formatTarget(current) : '';
  openInput(ctx, { kind: 'target', taskId: t.id, value, caret: Array.from(value).length, replaceOnType: value !== '' });
  return true;
}

function formatTarget(v: bigint): string {
  const whole = v / 1_000_000n;
  const frac = (v % 1_000_000n).toString().padStart(6, '0');
  return `${whole}.${frac}`;
}

/** Scrolling in the open view or the help overlay. */
export function runScroll(ctx: RouterContext, which: 'view' | 'help', cmd: CommandId): void {
  const { ui } = ctx;
  const s = ui.getState();
  const page = s.pages[which];
  const max = Math.max(0, s.lineCounts[which] - page);
  const curr = Math.min(which === 'view' ? s.viewScroll : s.helpScroll, max);
  const next = scrollTarget(cmd.replace(/^move\./, 'view.'), curr, max, page);
  if (next === null) return;
  ui.setState(which === 'view' ? { viewScroll: next } : { helpScroll: next });
}
