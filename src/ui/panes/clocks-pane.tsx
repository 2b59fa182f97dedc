// Clocks: every auction in view. One shared tick (state.now) moves every price; no request per tick.
import { Text } from 'ink';
import { memo, useCallback, useMemo } from 'react';
import type { Task } from '../../core/types.js';
import { isAuction, isClockAuction } from '../clock-view.js';
import { Pane } from '../components/pane.js';
import { useDeskContext } from '../context.js';
import { useDesk, useUi } from '../hooks/use-desk.js';
import { useFeed } from '../hooks/use-feed.js';
import { useListKeys } from '../hooks/use-list-keys.js';
import { contentColumns, contentRows, type Rect } from '../layout.js';
import { flash, windowStart } from '../ui-store.js';
import { ClockRow } from './clock-row.js';

/** Auctions in the feed view that still have a clock running or bids to watch. */
export function clockTasks(feed: readonly Task[]): Task[] {
  return feed.filter((t) => isAuction(t) && t.status === 'open');
}

export const ClocksPane = memo(function ClocksPane({ rect, focused }: { rect: Rect; focused: boolean }) {
  const { ui, theme, glyphs } = useDeskContext();
  const feed = useFeed();
  const tasks = useMemo(() => clockTasks(feed), [feed]);
  const now = useDesk((s) => s.now);
  const targets = useDesk((s) => s.targets);
  const alerts = useDesk((s) => s.alerts);
  const cursor = useUi((s) => s.cursor.clocks);
  const width = contentColumns(rect);
  const page = contentRows(rect);
  const count = tasks.length;
  const selected = Math.min(cursor, Math.max(0, count - 1));
  const start = windowStart(selected, count, page);
  const visible = tasks.slice(start, start + page);

  const onOpen = useCallback(
    (i: number) => {
      const t = tasks[i];
      if (t) ui.setState({ view: { kind: 'task', taskId: t.id }, viewScroll: 0 });
    },
    [tasks, ui],
  );
  useListKeys({
    pane: 'clocks',
    count,
    page,
    onOpen,
    onCommand: (id, i) => {
      if (id !== 'clock.target') return;
      const t = tasks[i];
      if (!t) return;
      if (!isClockAuction(t)) return flash(ui, 'targets are for dutch and reverse-dutch clocks', 'warn');
      ui.setState({ overlay: { kind: 'target', taskId: t.id } });
    },
  });

  const end = Math.min(count, start + page);
  const info = count === 0 ? 'no auctions in view' : `${selected + 1}/${count} ${glyphs.up}${start} ${glyphs.down}${count - end}${alerts.length ? `  ${alerts.length} alert${alerts.length > 1 ? 's' : ''}` : ''}`;
  return (
    <Pane title="Clocks" index={2} focused={focused} width={rect.width} height={rect.height} info={info}>
      {count === 0 ? <Text color={theme.color.muted}>auction clocks appear here</Text> : null}
      {visible.map((t, i) => (
        <ClockRow
          key={t.id}
          task={t}
          now={now}
          selected={start + i === selected}
          focused={focused}
          target={targets[t.id]}
          alerting={alerts.includes(t.id)}
          width={width}
          theme={theme}
          glyphs={glyphs}
        />
      ))}
    </Pane>
  );
});
