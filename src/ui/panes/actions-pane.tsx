// Actions: the pendingActions where this wallet is requester or worker (and the actions the Execution
// Market adapter derived for it), with when each can be taken.
// Rows the backend would already omit (a closed window, cancel past expiry) leave at that instant.
import { Text } from 'ink';
import { memo, useMemo } from 'react';
import { Pane } from '../components/pane.js';
import { useDeskContext } from '../context.js';
import { countdown, fit, fitRight, usdc } from '../format.js';
import { useDesk, useUi } from '../hooks/use-desk.js';
import { useListSelection } from '../hooks/use-list-selection.js';
import { contentColumns, contentRows, type Rect } from '../layout.js';
import { actionKey, actionRows } from '../pane-rows.js';
import { positionText } from './feed-pane.js';
import { shortId } from './feed-row.js';

/** "opens 5m00s" before availableAfter, "closes 2h03m" (time left) with an availableUntil, "now" otherwise. */
export function availability(after: number | null, until: number | null, now: number): string {
  if (after !== null && after > now) return `opens ${countdown(after, now)}`;
  if (until !== null) return until > now ? `closes ${countdown(until, now)}` : 'closed';
  return 'now';
}

const W = { mark: 1, mk: 3, role: 5, action: 19, task: 10, fee: 9 };

/** `both`: the desk has both markets open, so each row says which one it is on (MK). */
export function actionsHeaderLine(width: number, both = false): string {
  return fit(`${' '.repeat(W.mark)}${both ? fit('MK', W.mk) : ''}${fit('ROLE', W.role)}${fit('ACTION', W.action)}${fit('TASK', W.task)}${fitRight('FEE USDC', W.fee - 1)} WHEN`, width);
}

export const ActionsPane = memo(function ActionsPane({ rect, focused }: { rect: Rect; focused: boolean }) {
  const { theme, glyphs, store } = useDeskContext();
  const details = useDesk((s) => s.details);
  const emDetails = useDesk((s) => s.em.details);
  const both = useDesk((s) => s.em.enabled);
  const inbox = useDesk((s) => s.inbox);
  const wallet = useDesk((s) => s.conn.wallet);
  const readonly = useDesk((s) => s.conn.readonly);
  const now = useDesk((s) => s.now);
  const role = useUi((s) => s.roleFilter);
  // actionRows builds fresh rows, so it runs on its inputs here rather than as a subscription.
  const items = useMemo(() => actionRows(store.getState(), role), [store, details, emDetails, inbox, wallet, now, role]);
  const keys = useMemo(() => items.map(actionKey), [items]);
  const width = contentColumns(rect);
  const page = Math.max(1, contentRows(rect) - 1);
  const sel = useListSelection('actions', keys, page, (k) => `${k.split(':')[2] ?? 'the action'} on ${shortId(k.split(':')[0] ?? '', glyphs, 12)}`);
  const empty = wallet === null ? 'no wallet: actions need a keystore (taskmarket init)' : 'no pending actions for this wallet';
  return (
    <Pane title="Actions" index={4} focused={focused} width={rect.width} height={rect.height} info={`role:${role}  ${items.length ? positionText(sel.index, items.length, sel.top, page) : 'none'}${readonly ? '  read-only' : ''}`}>
      <Text color={theme.color.muted} wrap="truncate">
        {actionsHeaderLine(width, both)}
      </Text>
      {items.length === 0 ? <Text color={theme.color.muted}>{empty}</Text> : null}
      {items.slice(sel.top, sel.top + page).map((it, i) => {
        const selected = sel.top + i === sel.index;
        const a = it.action;
        const fee = a.requiresPayment ? (a.paymentAmount !== null ? usdc(a.paymentAmount) : 'paid') : '-';
        const em = it.market === 'execution-market';
        const line = `${selected ? glyphs.pointer : ' '}${both ? fit(em ? 'EM' : 'TM', W.mk) : ''}${fit(it.myRole === 'requester' ? 'req' : 'wrk', W.role)}${fit(em ? a.action.replace(/^em_/, '') : a.action, W.action)}${fit(shortId(it.taskId, glyphs, W.task - 1), W.task)}${fitRight(fee, W.fee - 1)} ${availability(it.availableAfter, it.availableUntil, now)}`;
        return (
          <Text key={actionKey(it)} wrap="truncate" inverse={selected && focused} color={it.availableNow ? theme.color.text : theme.color.muted}>
            {fit(line, width, glyphs.ascii)}
          </Text>
        );
      })}
    </Pane>
  );
});
