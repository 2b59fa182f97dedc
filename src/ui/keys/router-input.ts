// The text lines (palette, `/` filter, clock target): opening one, Enter, Esc and palette history.
// A refused Enter keeps the line open with its text and says why (the operator fixes it, not retypes it).
import { clockPrice } from '../../core/clock.js';
import { formatUsdc, MoneyError, parseUsdc } from '../../core/money.js';
import { clockView } from '../clock-view.js';
import { openTask, setFilter, setSort, setTarget } from '../desk-actions.js';
import { parsePalette } from '../palette.js';
import { safe } from '../text.js';
import { flash, type InputState } from '../ui-store.js';
import { atEnd } from './line-edit.js';
import { openActionTicket, openArmClaim } from './router-open-ticket.js';
import type { RouterContext } from './router.js';

export function openInput(ctx: RouterContext, input: InputState): void {
  ctx.ui.setState({ input: { error: null, ...input } });
}

export function cancelInput(ctx: RouterContext): void {
  const input = ctx.ui.getState().input;
  // Esc on the `/` line clears the filter (Enter keeps it).
  if (input?.kind === 'filter') setFilter(ctx.store, { text: '' });
  ctx.ui.setState({ input: null });
}

const refuse = (ctx: RouterContext, error: string) => {
  const input = ctx.ui.getState().input;
  if (input) ctx.ui.setState({ input: { ...input, error } });
};

export function submitInput(ctx: RouterContext): void {
  const input = ctx.ui.getState().input;
  if (!input) return;
  if (input.kind === 'filter') return ctx.ui.setState({ input: null });
  if (input.kind === 'target') return submitTarget(ctx, input);
  if (input.kind === 'password') {
    // The typed password leaves the UI state at once; only the session holds it (for this agent's signings).
    ctx.ui.setState({ input: null });
    return switchWallet(ctx, input.agent ?? null, input.value);
  }
  submitPalette(ctx, input.value);
}

export function historyStep(ctx: RouterContext, step: -1 | 1): void {
  const { ui } = ctx;
  const input = ui.getState().input;
  if (input?.kind !== 'palette') return;
  const history = ui.getState().paletteHistory;
  const pos = Math.max(0, Math.min(history.length, (input.historyPos ?? history.length) + step));
  ui.setState({ input: { ...input, ...atEnd(history[pos] ?? ''), historyPos: pos, error: null } });
}

function switchWallet(ctx: RouterContext, agent: string | null, password?: string): void {
  flash(ctx.ui, agent ? `switching to ${safe(agent, 60)}…` : "switching to this desk's wallet…");
  void ctx.actions.actAs?.(agent, password).then((r) => flash(ctx.ui, safe(r.message, 'error'), r.ok ? 'info' : 'error'));
}

function submitPalette(ctx: RouterContext, line: string): void {
  const { ui, store } = ctx;
  const trimmed = line.trim();
  const history = ui.getState().paletteHistory;
  if (trimmed && history.at(-1) !== trimmed) ui.setState({ paletteHistory: [...history, trimmed].slice(-50) });
  const r = parsePalette(line);
  if (r.kind === 'error') return refuse(ctx, r.message);
  ui.setState({ input: null });
  switch (r.kind) {
    case 'patch':
      if (r.filter) setFilter(store, r.filter);
      if (r.sort) setSort(store, r.sort);
      return flash(ui, r.message);
    case 'clear':
      setFilter(store, { ...ctx.initial.filter, text: '' });
      setSort(store, ctx.initial.sort);
      return flash(ui, r.message);
    case 'help':
      return ui.setState({ overlay: { kind: 'help' }, helpScroll: 0 });
    case 'quit':
      return ctx.exit();
    case 'journal':
      return ui.setState({ view: { kind: 'journal' }, viewScroll: 0 });
    case 'fleet':
      return ui.setState({ view: { kind: 'fleet' }, viewScroll: 0 });
    case 'orders':
      return ui.setState({ view: { kind: 'orders', sel: 0 }, viewScroll: 0 });
    case 'armClaim':
      return openArmClaim(ctx, { minReward: r.minReward, maxFills: r.maxFills });
    case 'wallet':
      return openActionTicket(ctx, null, r.action);
    case 'actAs': {
      if (!ctx.actions.actAs) return flash(ui, 'this desk cannot switch wallets', 'warn');
      if (r.agent !== null && ctx.actions.agentNeedsPassword?.(r.agent) === true) {
        return openInput(ctx, { kind: 'password', agent: r.agent, value: '', caret: 0 });
      }
      return switchWallet(ctx, r.agent);
    }
    case 'goto': {
      const desk = store.getState();
      const prefix = r.prefix.toLowerCase();
      const hits = Object.keys(desk.tasks).filter((id) => id.toLowerCase().startsWith(prefix));
      if (hits.length === 0) return flash(ui, `no known task starts with ${safe(r.prefix, 'id')}`, 'error');
      if (hits.length > 1) return flash(ui, `${hits.length} tasks start with ${safe(r.prefix, 'id')}; type more of the id`, 'warn');
      ui.setState({ view: { kind: 'task', taskId: hits[0]! }, viewScroll: 0 });
      openTask(store, hits[0]!);
      return;
    }
  }
}

function submitTarget(ctx: RouterContext, input: InputState): void {
  const { ui, store } = ctx;
  const taskId = input.taskId!;
  if (input.value.trim() === '') {
    setTarget(store, taskId, null);
    ui.setState({ input: null });
    return flash(ui, 'target cleared');
  }
  let price: bigint;
  try {
    price = parseUsdc(input.value);
  } catch (err) {
    if (err instanceof MoneyError) return refuse(ctx, err.message);
    throw err;
  }
  const task = store.getState().tasks[taskId];
  if (task) {
    const v = clockView(task, store.getState().now);
    if (v.low !== null && v.high !== null && (price < v.low || price > v.high)) {
      return refuse(ctx, `outside this clock's range ${formatUsdc(v.low)}-${formatUsdc(v.high)} USDC: it can never be reached`);
    }
    setTarget(store, taskId, price);
    ui.setState({ input: null });
    const now = clockPrice(task, store.getState().now);
    const crossed = now !== null && (v.falling ? now <= price : now >= price);
    if (crossed) return flash(ui, `target ${formatUsdc(price)} USDC set, but the clock is already ${v.falling ? 'at or below' : 'at or above'} it (${formatUsdc(now)})`, 'warn');
    return flash(ui, `target ${formatUsdc(price)} USDC set`);
  }
  setTarget(store, taskId, price);
  ui.setState({ input: null });
  flash(ui, `target ${formatUsdc(price)} USDC set`);
}
