// Keys in the Orders view: j/k (and the other movement keys) select an order, r resumes a paused or
// suspended one, d disarms at once (no confirmation: stopping an order is always safe). True when handled.
import { flash } from '../ui-store.js';
import type { CommandId } from '../keys/commands.js';
import type { RouterContext } from '../keys/router.js';
import { orderRows } from './orders-lines.js';

export function runOrders(ctx: RouterContext, cmd: CommandId): boolean {
  const { ui, store } = ctx;
  const v = ui.getState().view;
  if (v?.kind !== 'orders') return false;
  const rows = orderRows(store.getState().armed.orders);
  const sel = Math.max(0, Math.min(v.sel, rows.length - 1));
  const move = (i: number) => ui.setState({ view: { kind: 'orders', sel: Math.max(0, Math.min(i, rows.length - 1)) } });
  switch (cmd) {
    case 'view.down':
      move(sel + 1);
      return true;
    case 'view.up':
      move(sel - 1);
      return true;
    case 'view.top':
      move(0);
      return true;
    case 'view.bottom':
      move(rows.length - 1);
      return true;
  }
  if (cmd !== 'orders.resume' && cmd !== 'orders.disarm') return false;
  const o = rows[sel];
  const control = store.getState().armed.control;
  if (!o) return true;
  if (!control) {
    flash(ui, 'this desk cannot change armed orders now (no journal open)', 'warn');
    return true;
  }
  if (cmd === 'orders.disarm') {
    const ok = control.disarm(o.id);
    flash(ui, ok ? `disarmed ${o.id.slice(0, 8)}` : `${o.id.slice(0, 8)} is ${o.status}: nothing to disarm`, ok ? 'info' : 'warn');
    return true;
  }
  if (o.status !== 'paused' && o.status !== 'suspended') {
    flash(ui, `${o.id.slice(0, 8)} is ${o.status}: only a paused or suspended order resumes`, 'warn');
    return true;
  }
  flash(ui, `resuming ${o.id.slice(0, 8)}: reading its task fresh…`);
  void control.resume(o.id).then((ok) => flash(ui, ok ? `resumed ${o.id.slice(0, 8)}` : `${o.id.slice(0, 8)} could not resume`, ok ? 'info' : 'warn'));
  return true;
}
