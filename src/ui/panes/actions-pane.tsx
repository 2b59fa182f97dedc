// Actions: pendingActions where the wallet is requester or worker, with availability countdowns.
// Read-only in this issue: Enter shows what an action would do, nothing is executed.
import { Text } from 'ink';
import { memo, useCallback, useMemo } from 'react';
import { formatUsdcShort } from '../../core/money.js';
import { selectActions } from '../../store/selectors.js';
import { Pane } from '../components/pane.js';
import { useDeskContext } from '../context.js';
import { countdown, fit } from '../format.js';
import { useDesk, useUi } from '../hooks/use-desk.js';
import { useListKeys } from '../hooks/use-list-keys.js';
import { contentColumns, contentRows, type Rect } from '../layout.js';
import { windowStart, type RoleFilter } from '../ui-store.js';
import { shortId } from './feed-row.js';

const NEXT_ROLE: Record<RoleFilter, RoleFilter> = { all: 'requester', requester: 'worker', worker: 'all' };

/** "in 5m" before availableAfter, "left 2h03m" until availableUntil, "now" otherwise. */
export function availability(after: number | null, until: number | null, now: number): string {
  if (after !== null && after > now) return `in ${countdown(after, now)}`;
  if (until !== null) return until > now ? `left ${countdown(until, now)}` : 'closed';
  return 'now';
}

export const ActionsPane = memo(function ActionsPane({ rect, focused }: { rect: Rect; focused: boolean }) {
  const { ui, store, theme, glyphs } = useDeskContext();
  const details = useDesk((s) => s.details);
  const inbox = useDesk((s) => s.inbox);
  const wallet = useDesk((s) => s.conn.wallet);
  const now = useDesk((s) => s.now);
  const role = useUi((s) => s.roleFilter);
  // selectActions builds fresh rows, so it runs on its inputs here rather than as a subscription.
  const items = useMemo(() => selectActions(store.getState(), role), [store, details, inbox, wallet, now, role]);
  const cursor = useUi((s) => s.cursor.actions);
  const width = contentColumns(rect);
  const page = contentRows(rect);
  const count = items.length;
  const selected = Math.min(cursor, Math.max(0, count - 1));
  const start = windowStart(selected, count, page);

  const onOpen = useCallback(
    (i: number) => {
      const it = items[i];
      if (it) ui.setState({ view: { kind: 'action', taskId: it.taskId, action: it.action.action, role: it.action.role }, viewScroll: 0 });
    },
    [items, ui],
  );
  useListKeys({
    pane: 'actions',
    count,
    page,
    onOpen,
    onCommand: (id) => {
      if (id === 'actions.role') ui.setState({ roleFilter: NEXT_ROLE[ui.getState().roleFilter], cursor: { ...ui.getState().cursor, actions: 0 } });
    },
  });

  return (
    <Pane title="Actions" index={4} focused={focused} width={rect.width} height={rect.height} info={`role:${role}  ${count ? `${selected + 1}/${count}` : 'none'}  read-only`}>
      {items.slice(start, start + page).map((it, i) => {
        const sel = start + i === selected;
        const a = it.action;
        const pay = a.requiresPayment ? (a.paymentAmount !== null ? `${formatUsdcShort(a.paymentAmount)}$` : 'pays') : '';
        const line = `${sel ? glyphs.pointer : ' '}${fit(it.myRole === 'requester' ? 'req' : 'wrk', 4)}${fit(a.action, 19)}${fit(shortId(it.taskId, glyphs), 11)}${fit(pay, 9)}${availability(it.availableAfter, it.availableUntil, now)}`;
        return (
          <Text key={`${it.taskId}:${a.role}:${a.action}`} wrap="truncate" inverse={sel && focused} color={it.availableNow ? theme.color.text : theme.color.muted}>
            {fit(line, width, glyphs.ascii)}
          </Text>
        );
      })}
      {count === 0 ? <Text color={theme.color.muted}>no pending actions for this wallet</Text> : null}
    </Pane>
  );
});
