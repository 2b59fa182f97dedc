// Feed: the filtered, sorted task list. Virtualised: only the rows in the window are mounted.
import { Text } from 'ink';
import { memo, useMemo } from 'react';
import { formatUsdcShort } from '../../core/money.js';
import type { FeedFilter, FeedSort } from '../../store/state.js';
import { TextInput } from '../components/text-input.js';
import { useDeskContext } from '../context.js';
import { setFilter } from '../desk-actions.js';
import { useDesk, useUi } from '../hooks/use-desk.js';
import { useFeed } from '../hooks/use-feed.js';
import { useListKeys } from '../hooks/use-list-keys.js';
import { useTaskWindow } from '../hooks/use-task-window.js';
import { contentColumns, contentRows, type Rect } from '../layout.js';
import { Pane } from '../components/pane.js';
import { safe } from '../text.js';
import { FeedRow, feedHeaderLine } from './feed-row.js';

/** How long a newly seen task stays highlighted. */
export const NEW_HIGHLIGHT_MS = 5_000;

const SORT_LABEL: Record<FeedSort, string> = {
  newest: 'newest',
  reward_desc: 'reward-desc',
  reward_asc: 'reward-asc',
  deadline_asc: 'deadline',
  clock_price: 'price',
};

/** First seen after the first listing, and within the last NEW_HIGHLIGHT_MS. */
export function isNewTask(seenAt: number | undefined, firstLoadAt: number, now: number): boolean {
  return seenAt !== undefined && seenAt > firstLoadAt && seenAt > now - NEW_HIGHLIGHT_MS;
}

export function filterSummary(f: FeedFilter, sort: FeedSort): string {
  const parts: string[] = [];
  if (f.status !== 'ALL') parts.push(`status:${f.status}`);
  if (f.mode) parts.push(`mode:${f.mode}`);
  if (f.auctionType) parts.push(`type:${f.auctionType}`);
  if (f.tags.length) parts.push(`tags:${f.tags.map((t) => safe(t, 'tag')).join(',')}`);
  if (f.skill) parts.push(`skill:${safe(f.skill, 'tag')}`);
  if (f.minReward !== null || f.maxReward !== null)
    parts.push(`reward:${f.minReward !== null ? formatUsdcShort(f.minReward) : '0'}-${f.maxReward !== null ? formatUsdcShort(f.maxReward) : 'max'}`);
  if (f.deadlineHours !== null) parts.push(`due<${f.deadlineHours}h`);
  if (f.text) parts.push(`/${safe(f.text, 40)}`);
  parts.push(`sort:${SORT_LABEL[sort]}`);
  return parts.join(' ');
}

export const FeedPane = memo(function FeedPane({ rect, focused }: { rect: Rect; focused: boolean }) {
  const { ui, store, theme, glyphs } = useDeskContext();
  const tasks = useFeed();
  const now = useDesk((s) => s.now);
  const firstSeenAt = useDesk((s) => s.firstSeenAt);
  // Tasks from the desk's first listing are not "new"; only later arrivals get the highlight.
  const firstLoadAt = useMemo(() => Object.values(firstSeenAt).reduce((a, b) => Math.min(a, b), Infinity), [firstSeenAt]);
  const filter = useDesk((s) => s.filter);
  const sort = useDesk((s) => s.sort);
  const cursor = useUi((s) => s.cursor.feed);
  const editing = useUi((s) => s.filterEditing);
  const width = contentColumns(rect);
  // One row for the column header, one for the filter line while typing.
  const page = Math.max(1, contentRows(rect) - 1 - (editing ? 1 : 0));
  const { count, selected, start, visible, onOpen } = useTaskWindow(tasks, cursor, page);
  useListKeys({
    pane: 'feed',
    count,
    page,
    onOpen,
    onCommand: (id) => {
      if (id === 'feed.filter') ui.setState({ filterEditing: true });
    },
  });

  const end = Math.min(count, start + page);
  // Scroll position: selected/total, and how many rows sit above and below the window.
  const position = count === 0 ? '0/0' : `${selected + 1}/${count} ${glyphs.up}${start} ${glyphs.down}${count - end}`;
  return (
    <Pane title="Feed" index={1} focused={focused} width={rect.width} height={rect.height} info={`${position}  ${filterSummary(filter, sort)}`}>
      {editing ? (
        <TextInput
          prompt="/"
          value={filter.text}
          placeholder="fuzzy filter: Enter keeps, Esc clears"
          onChange={(text) => setFilter(store, { text })}
          onSubmit={() => ui.setState({ filterEditing: false })}
          onCancel={() => {
            setFilter(store, { text: '' });
            ui.setState({ filterEditing: false });
          }}
        />
      ) : null}
      <Text color={theme.color.muted} wrap="truncate">
        {feedHeaderLine(width)}
      </Text>
      {count === 0 ? <Text color={theme.color.muted}>no tasks match{filter.text || filter.tags.length ? ' (Esc or :clear resets)' : ''}</Text> : null}
      {visible.map((t, i) => (
        <FeedRow
          key={t.id}
          task={t}
          selected={start + i === selected}
          focused={focused}
          isNew={isNewTask(firstSeenAt[t.id], firstLoadAt, now)}
          now={now}
          width={width}
          theme={theme}
          glyphs={glyphs}
        />
      ))}
    </Pane>
  );
});

