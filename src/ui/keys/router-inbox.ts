// `m` in the Inbox: toggle the selected message read/unread, then move to the next unread one.
import { inboxRows } from '../pane-rows.js';
import { safe } from '../text.js';
import { flash, setSel } from '../ui-store.js';
import type { RouterContext } from './router.js';

export function markMessage(ctx: RouterContext, key: string | null): void {
  const { ui, store } = ctx;
  const rows = inboxRows(store.getState());
  const i = rows.findIndex((m) => m.key === key);
  const m = rows[i];
  if (!m) return;
  const read = !m.read;
  Promise.resolve(ctx.actions.markRead?.(m, read)).then(
    () => flash(ui, read ? 'marked read' : 'marked unread'),
    (err: unknown) => flash(ui, `mark ${read ? 'read' : 'unread'} failed: ${safe(err instanceof Error ? err.message : err, 'error')}`, 'error'),
  );
  if (!read) return;
  // On to the next unread below (then from the top), like a mail reader.
  const order = [...rows.slice(i + 1), ...rows.slice(0, i)];
  const next = order.find((x) => !x.read);
  if (next) {
    const index = rows.indexOf(next);
    setSel(ui, 'inbox', { key: next.key, index, top: ui.getState().sel.inbox.top });
  }
}
