// Clocks: every open auction the market lists — its own scope, whatever the Feed filter. One shared
// tick (market time) moves every price; no request per tick. Ended clocks sink to the bottom, dimmed.
import { Text } from 'ink';
import { memo, useMemo } from 'react';
import { Pane } from '../components/pane.js';
import { useDeskContext } from '../context.js';
import { useDesk } from '../hooks/use-desk.js';
import { useListSelection } from '../hooks/use-list-selection.js';
import { contentColumns, contentRows, type Rect } from '../layout.js';
import { clockRows } from '../pane-rows.js';
import { plural } from '../format.js';
import { ClockRow, clockHeaderLine, targetText } from './clock-row.js';
import { positionText } from './feed-pane.js';
import { shortId } from './feed-row.js';
import { orderOnTask } from '../../store/armed.js';
import { armedMark } from '../views/orders-lines.js';

export const ClocksPane = memo(function ClocksPane({ rect, focused }: { rect: Rect; focused: boolean }) {
  const { theme, glyphs } = useDeskContext();
  const now = useDesk((s) => s.now);
  // clockRows builds fresh rows every call (prices move with the tick), so it runs on its inputs here.
  const tasks = useDesk((s) => s.tasks);
  const clockIds = useDesk((s) => s.clockIds);
  const feedIds = useDesk((s) => s.feedIds);
  const targets = useDesk((s) => s.targets);
  const alerts = useDesk((s) => s.alerts);
  const loaded = useDesk((s) => s.clocksLoadedAt !== null || s.feedLoadedAt !== null);
  const { store } = useDeskContext();
  const clocks = useMemo(() => clockRows(store.getState()), [store, tasks, clockIds, feedIds, now, targets, alerts]);
  const keys = useMemo(() => clocks.map((c) => c.task.id), [clocks]);
  const width = contentColumns(rect);
  const page = Math.max(1, contentRows(rect) - 1);
  const sel = useListSelection('clocks', keys, page, (id) => shortId(id, glyphs, 12));
  const visible = clocks.slice(sel.top, sel.top + page);
  const armedSlice = useDesk((s) => s.armed);
  const armedOf = (id: string) => armedMark(orderOnTask(armedSlice, id), now);
  const targetWidth = Math.max(0, ...visible.map((c) => [targetText(c, now), armedOf(c.task.id)].filter(Boolean).join('  ').length));
  const live = clocks.filter((c) => !c.ended).length;
  const info = clocks.length === 0 ? 'all open auctions' : `${positionText(sel.index, clocks.length, sel.top, page)}  all open auctions, ${live} live${alerts.length ? `  ${plural(alerts.length, 'alert')}` : ''}`;
  return (
    <Pane title="Clocks" index={2} focused={focused} width={rect.width} height={rect.height} info={info}>
      <Text color={theme.color.muted} wrap="truncate">
        {clockHeaderLine(width, targetWidth)}
      </Text>
      {clocks.length === 0 ? <Text color={theme.color.muted}>{loaded ? 'no open auctions on this market' : `loading the market${glyphs.ellipsis}`}</Text> : null}
      {visible.map((c, i) => (
        <ClockRow key={c.task.id} clock={c} now={now} selected={sel.top + i === sel.index} focused={focused} width={width} targetWidth={targetWidth} theme={theme} glyphs={glyphs} armed={armedOf(c.task.id)} />
      ))}
    </Pane>
  );
});
