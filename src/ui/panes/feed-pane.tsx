// Feed: the filtered, sorted task list. Virtualised: only the rows in the window are mounted. The
// selection is a task id (hooks/use-list-selection.ts), so it stays on its task as rows move.
import { Text } from 'ink';
import { memo, useEffect, useMemo } from 'react';
import { displayStatus } from '../../core/live-task.js';
import { warmFeedSearch } from '../../store/selectors.js';
import type { FeedFilter, FeedSort } from '../../store/state.js';
import { TextLine } from '../components/text-line.js';
import { useDeskContext } from '../context.js';
import { rewardRange } from '../format.js';
import { useDesk, useUi } from '../hooks/use-desk.js';
import { useListSelection } from '../hooks/use-list-selection.js';
import { SORT_NAMES } from '../sorts.js';
import { contentColumns, contentRows, type Rect } from '../layout.js';
import { Pane } from '../components/pane.js';
import { feedRows } from '../pane-rows.js';
import { safe } from '../text.js';
import { FeedRow, feedHeaderLine, shortId, type FeedColumns } from './feed-row.js';

/** How long a newly seen task stays highlighted. */
export const NEW_HIGHLIGHT_MS = 5_000;

/** First seen after the first listing, and within the last NEW_HIGHLIGHT_MS (wall time). */
export function isNewTask(seenAt: number | undefined, firstLoadAt: number, wallNow: number): boolean {
  return seenAt !== undefined && seenAt > firstLoadAt && seenAt > wallNow - NEW_HIGHLIGHT_MS;
}

export function filterSummary(f: FeedFilter, sort: FeedSort): string {
  const parts: string[] = [];
  if (f.market !== 'all') parts.push(`market:${f.market === 'taskmarket' ? 'tm' : 'em'}`);
  if (f.status !== 'ALL') parts.push(`status:${f.status}`);
  if (f.category) parts.push(`category:${safe(f.category, 30)}`);
  if (f.evidence) parts.push(`evidence:${safe(f.evidence, 30)}`);
  if (f.mode) parts.push(`mode:${f.mode}`);
  if (f.auctionType) parts.push(`type:${f.auctionType}`);
  if (f.tags.length) parts.push(`tags:${f.tags.map((t) => safe(t, 'tag')).join(',')}`);
  if (f.skill) parts.push(`skill:${safe(f.skill, 'tag')}`);
  if (f.minReward !== null || f.maxReward !== null) parts.push(`reward:${rewardRange(f.minReward, f.maxReward)}`);
  if (f.deadlineHours !== null) parts.push(`due<${f.deadlineHours}h`);
  if (f.text) parts.push(`/${safe(f.text, 40)}`);
  parts.push(`sort:${SORT_NAMES[sort]}`);
  return parts.join(' ');
}

/** The position in the title: "3/112", plus what lies outside the window when there is any. */
export function positionText(index: number, count: number, top: number, page: number): string {
  if (count === 0) return '0/0';
  const below = Math.max(0, count - (top + page));
  const more = [top > 0 ? `${top} above` : '', below > 0 ? `${below} below` : ''].filter(Boolean).join(', ');
  return `${index + 1}/${count}${more ? ` (${more})` : ''}`;
}

export const FeedPane = memo(function FeedPane({ rect, focused }: { rect: Rect; focused: boolean }) {
  const { theme, glyphs, store } = useDeskContext();
  const tasks = useDesk(feedRows);
  const keys = useMemo(() => tasks.map((t) => t.id), [tasks]);
  const now = useDesk((s) => s.now);
  const wallNow = useDesk((s) => s.wallNow);
  const loaded = useDesk((s) => s.feedLoadedAt !== null);
  const firstSeenAt = useDesk((s) => s.firstSeenAt);
  // Tasks from the desk's first listing are not "new"; only later arrivals get the highlight.
  const firstLoadAt = useMemo(() => Object.values(firstSeenAt).reduce((a, b) => Math.min(a, b), Infinity), [firstSeenAt]);
  const filter = useDesk((s) => s.filter);
  const sort = useDesk((s) => s.sort);
  const input = useUi((s) => (s.input?.kind === 'filter' ? s.input : null));
  const prompting = input !== null;
  // The `/` prompt opened: build the search texts now, not on the first keystroke.
  useEffect(() => {
    if (prompting) warmFeedSearch(store.getState());
  }, [prompting, store]);
  const width = contentColumns(rect);
  // One row for the column header, one for the filter line while typing.
  const page = Math.max(1, contentRows(rect) - 1 - (input ? 1 : 0));
  const sel = useListSelection('feed', keys, page, (id) => shortId(id, glyphs, 12));
  const visible = tasks.slice(sel.top, sel.top + page);
  // A STATUS column whenever more than one status is in view (an expired row among open ones counts).
  const seen = new Set<string>();
  for (const t of visible) seen.add(displayStatus(t, now));
  const showStatus = filter.status === 'ALL' || seen.size > 1;
  // The same object while its values hold, so rows that did not change skip rendering (FeedRow is memo).
  const cols: FeedColumns = useMemo(() => ({ status: showStatus, sort }), [showStatus, sort]);
  const empty = !loaded ? `loading the market${glyphs.ellipsis}` : filter.text ? 'no tasks match (Esc clears the / text; :clear resets every filter)' : 'no tasks match (:clear resets the filters)';
  return (
    <Pane title="Feed" index={1} focused={focused} width={rect.width} height={rect.height} info={`${positionText(sel.index, tasks.length, sel.top, page)}  ${filterSummary(filter, sort)}`}>
      {input ? <TextLine prompt="/" input={input} placeholder="fuzzy filter: Enter keeps, Esc clears" /> : null}
      <Text color={theme.color.muted} wrap="truncate">
        {feedHeaderLine(width, cols, glyphs)}
      </Text>
      {tasks.length === 0 ? <Text color={theme.color.muted}>{empty}</Text> : null}
      {visible.map((t, i) => (
        <FeedRow
          key={t.id}
          task={t}
          selected={sel.top + i === sel.index}
          focused={focused}
          isNew={isNewTask(firstSeenAt[t.id], firstLoadAt, wallNow)}
          now={now}
          cols={cols}
          width={width}
          theme={theme}
          glyphs={glyphs}
        />
      ))}
    </Pane>
  );
});
