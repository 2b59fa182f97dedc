// One feed row: mode, auction type, reward, deadline countdown, tags, submission/bid counts.
import { Text } from 'ink';
import { memo } from 'react';
import { formatUsdcShort } from '../../core/money.js';
import type { Task } from '../../core/types.js';
import type { Glyphs } from '../theme/glyphs.js';
import type { Theme } from '../theme/schema.js';
import { countdown, fit, fitRight } from '../format.js';
import { safe, safeTags } from '../text.js';

export const AUCTION_LABEL: Record<string, string> = {
  dutch: 'dutch',
  english: 'english',
  reverse_dutch: 'rev-dutch',
  reverse_english: 'rev-eng',
};

/** Column widths; tags take what is left. */
const W = { mark: 2, id: 11, mode: 10, type: 10, reward: 11, due: 8, counts: 9 };

export function feedHeaderLine(width: number): string {
  const fixed = `${' '.repeat(W.mark)}${fit('ID', W.id)}${fit('MODE', W.mode)}${fit('TYPE', W.type)}${fitRight('REWARD', W.reward - 1)} ${fit('DUE', W.due)}${fit('SUB/BID', W.counts)}`;
  return fit(`${fixed}TAGS`, width);
}

export function shortId(id: string, glyphs: Glyphs, max = W.id - 1): string {
  const clean = safe(id, 'id');
  return clean.length > max ? `${clean.slice(0, max - 1)}${glyphs.ellipsis}` : clean;
}

export interface FeedRowProps {
  task: Task;
  selected: boolean;
  focused: boolean;
  isNew: boolean;
  now: number;
  width: number;
  theme: Theme;
  glyphs: Glyphs;
}

export const FeedRow = memo(function FeedRow({ task, selected, focused, isNew, now, width, theme, glyphs }: FeedRowProps) {
  const c = theme.color;
  const mark = `${selected ? glyphs.pointer : ' '}${isNew ? '+' : ' '}`;
  const counts = `s${task.submissionCount}/b${task.auctionBidCount ?? 0}`;
  const fixed =
    `${mark}${fit(shortId(task.id, glyphs), W.id)}${fit(task.mode, W.mode)}${fit(task.auctionType ? (AUCTION_LABEL[task.auctionType] ?? '') : '', W.type)}` +
    `${fitRight(formatUsdcShort(task.reward), W.reward - 1)} ${fit(countdown(task.expiryTime, now), W.due)}${fit(counts, W.counts)}`;
  const tags = safeTags(task.tags).join(',');
  const line = fit(`${fixed}${tags}`, width, glyphs.ascii);
  return (
    <Text
      wrap="truncate"
      inverse={selected && focused}
      bold={isNew}
      color={selected && focused ? c.selection : isNew ? c.highlightNew : task.status === 'open' ? c.text : c.muted}
    >
      {line}
    </Text>
  );
});
