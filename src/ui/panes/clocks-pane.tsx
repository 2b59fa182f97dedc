// Clocks: every auction in view. One shared tick (state.now) moves every price; no request per tick.
import { Text } from 'ink';
import { memo, useMemo } from 'react';
import { selectClocks } from '../../store/selectors.js';
import { isClockAuction } from '../clock-view.js';
import { Pane } from '../components/pane.js';
import { useDeskContext } from '../context.js';
import { ackAlert } from '../desk-actions.js';
import { useDesk, useUi } from '../hooks/use-desk.js';
import { useFeed } from '../hooks/use-feed.js';
import { useListKeys } from '../hooks/use-list-keys.js';
import { useTaskWindow } from '../hooks/use-task-window.js';
import { contentColumns, contentRows, type Rect } from '../layout.js';
import { flash } from '../ui-store.js';
import { ClockRow } from './clock-row.js';

export const ClocksPane = memo(function ClocksPane({ rect, focused }: { rect: Rect; focused: boolean }) {
  const { ui, store, theme, glyphs } = useDeskContext();
  const feed = useFeed();
  const now = useDesk((s) => s.now);
  const targets = useDesk((s) => s.targets);
  const alerts = useDesk((s) => s.alerts);
  // selectClocks builds fresh rows every call, so it runs here on its inputs rather than as a subscription.
  const tasks = useMemo(() => selectClocks(store.getState()).map((c) => c.task), [store, feed, now, targets, alerts]);
  const cursor = useUi((s) => s.cursor.clocks);
  const width = contentColumns(rect);
  const page = contentRows(rect);
  const { count, selected, start, visible, onOpen } = useTaskWindow(tasks, cursor, page);
  useListKeys({
    pane: 'clocks',
    count,
    page,
    onOpen,
    onCommand: (id, i) => {
      const t = tasks[i];
      if (!t) return;
      if (id === 'clock.ack') return ackAlert(store, t.id);
      if (id !== 'clock.target') return;
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
