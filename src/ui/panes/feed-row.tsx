// One feed row: id, mode, auction type, status (when more than one is in view), reward (or the live
// price when sorting by price), the next deadline the operator can act on, submission/bid counts, tags.
import { Text } from 'ink';
import { memo } from 'react';
import { displayStatus, nextDeadline } from '../../core/live-task.js';
import type { Task } from '../../core/types.js';
import { livePrice } from '../../store/selectors.js';
import type { FeedSort } from '../../store/state.js';
import type { Glyphs } from '../theme/glyphs.js';
import type { Theme } from '../theme/schema.js';
import { countdown, fit, fitRight, usdc } from '../format.js';
import { safe, safeTags } from '../text.js';

export const AUCTION_LABEL: Record<string, string> = {
  dutch: 'dutch',
  english: 'english',
  reverse_dutch: 'rev-dutch',
  reverse_english: 'rev-eng',
};

/** Short status words that fit the column (pending_approval is the long one). */
export const STATUS_LABEL: Record<string, string> = {
  open: 'open',
  claimed: 'claimed',
  worker_selected: 'selected',
  pending_approval: 'pending',
  review: 'review',
  appealing: 'appealing',
  disputed: 'disputed',
  completed: 'completed',
  expired: 'expired',
  cancelled: 'cancelled',
};

/** Column widths; tags take what is left. */
const W = { mark: 2, mkt: 3, id: 11, mode: 10, type: 10, status: 10, money: 12, next: 13, counts: 9 };

export interface FeedColumns {
  /** Show the STATUS column (more than one status in view). */
  status: boolean;
  sort: FeedSort;
}

const SORT_MARK: Partial<Record<FeedSort, { col: 'money' | 'next'; up: boolean }>> = {
  reward_desc: { col: 'money', up: false },
  reward_asc: { col: 'money', up: true },
  deadline_asc: { col: 'next', up: true },
  clock_price: { col: 'money', up: true },
};

export function feedHeaderLine(width: number, cols: FeedColumns, glyphs: Glyphs): string {
  const mark = SORT_MARK[cols.sort];
  const arrow = (col: 'money' | 'next') => (mark?.col === col ? (mark.up ? glyphs.up : glyphs.down) : '');
  const money = `${cols.sort === 'clock_price' ? 'PRICE' : 'REWARD'} USDC${arrow('money')}`;
  const fixed =
    `${' '.repeat(W.mark)}${fit('MK', W.mkt)}${fit('ID', W.id)}${fit('MODE', W.mode)}${fit('TYPE', W.type)}${cols.status ? fit('STATUS', W.status) : ''}` +
    `${fitRight(money, W.money)} ${fit(`NEXT${arrow('next')}`, W.next)}${fit('SUB/BID', W.counts)}`;
  return fit(`${fixed}TAGS`, width);
}

export function shortId(id: string, glyphs: Glyphs, max = W.id - 1): string {
  const clean = safe(id, 'id');
  return clean.length > max ? `${clean.slice(0, max - 1)}${glyphs.ellipsis}` : clean;
}

/** "bid 1h59m", "pitch 14m42s", "exp 23h59m"; "-" on a terminal task (no countdown runs there). */
export function nextLabel(task: Task, now: number): string {
  const d = nextDeadline(task, now);
  if (!d) return '-';
  const left = countdown(d.at, now);
  return left === 'ended' ? (d.kind === 'exp' ? 'expired' : `${d.kind} closed`) : `${d.kind} ${left}`;
}

export function feedLine(task: Task, now: number, cols: FeedColumns, selected: boolean, isNew: boolean, width: number, glyphs: Glyphs): string {
  const mark = `${selected ? glyphs.pointer : ' '}${isNew ? '+' : ' '}`;
  const em = task.market === 'execution-market' ? task.em : undefined;
  // EM tasks: the category in TYPE, applications in the counts column.
  const counts = em ? `a${em.applicationsCount ?? '?'}` : `s${task.submissionCount}/b${task.auctionBidCount ?? 0}`;
  const type = em ? safe(em.category, 20).replace(/_/g, '-') : task.auctionType ? (AUCTION_LABEL[task.auctionType] ?? '') : '';
  const status = cols.status ? fit(STATUS_LABEL[displayStatus(task, now)] ?? displayStatus(task, now), W.status) : '';
  const money = cols.sort === 'clock_price' ? (livePrice(task, now) ?? task.reward) : task.reward;
  const fixed =
    `${mark}${fit(em ? 'EM' : 'TM', W.mkt)}${fit(shortId(task.id, glyphs), W.id)}${fit(em ? 'bounty' : task.mode, W.mode)}${fit(type, W.type - 1, glyphs.ascii)} ${status}` +
    `${fitRight(usdc(money), W.money)} ${fit(nextLabel(task, now), W.next)}${fit(counts, W.counts)}`;
  return fit(`${fixed}${safeTags(task.tags).join(',')}`, width, glyphs.ascii);
}

export interface FeedRowProps {
  task: Task;
  selected: boolean;
  focused: boolean;
  isNew: boolean;
  now: number;
  cols: FeedColumns;
  width: number;
  theme: Theme;
  glyphs: Glyphs;
}

export const FeedRow = memo(function FeedRow({ task, selected, focused, isNew, now, cols, width, theme, glyphs }: FeedRowProps) {
  const c = theme.color;
  const live = displayStatus(task, now) === 'open';
  return (
    <Text wrap="truncate" inverse={selected && focused} bold={isNew} color={selected && focused ? c.selection : isNew ? c.highlightNew : live ? c.text : c.muted}>
      {feedLine(task, now, cols, selected, isNew, width, glyphs)}
    </Text>
  );
});
