// One auction clock. Dutch/reverse-dutch: the price now from the schedule (core clockPrice with the
// shared tick), floor/start and max, time left, progress and the price path. English: lowest bid and
// count. Reverse English: sealed, so only the bid count (taskmarket-backend.md §3.3).
import { Text } from 'ink';
import { memo, useMemo } from 'react';
import { formatUsdc, formatUsdcShort } from '../../core/money.js';
import { clockPath, clockProgress } from '../../core/clock.js';
import type { Task } from '../../core/types.js';
import { clockView, isClockAuction } from '../clock-view.js';
import { progressBar } from '../components/progress-bar.js';
import { sparkline } from '../components/sparkline.js';
import { countdown, fit, fitRight } from '../format.js';
import type { Glyphs } from '../theme/glyphs.js';
import type { Theme } from '../theme/schema.js';
import { AUCTION_LABEL, shortId } from './feed-row.js';

export const SPARK_POINTS = 16;
const BAR = 10;

export interface ClockRowProps {
  task: Task;
  now: number;
  selected: boolean;
  focused: boolean;
  target: bigint | undefined;
  alerting: boolean;
  width: number;
  theme: Theme;
  glyphs: Glyphs;
}

export function clockLine(task: Task, now: number, target: bigint | undefined, alerting: boolean, selected: boolean, glyphs: Glyphs, width = 120): string {
  const mark = `${selected ? glyphs.pointer : ' '}${alerting ? '!' : ' '}`;
  const head = `${mark}${fit(AUCTION_LABEL[task.auctionType ?? ''] ?? '', 10)}${fit(shortId(task.id, glyphs), 11)}`;
  const left = fit(countdown(task.bidDeadline, now), 8);
  if (isClockAuction(task)) {
    const v = clockView(task, now);
    const arrow = v.falling ? glyphs.down : glyphs.up;
    const price = v.price !== null ? `${formatUsdc(v.price)}${arrow}` : '-';
    const range = `${v.low !== null ? formatUsdcShort(v.low) : '?'}-${v.high !== null ? formatUsdcShort(v.high) : '?'}`;
    const tgt = target !== undefined ? ` tgt ${formatUsdcShort(target)}` : '';
    const base = `${head}${fitRight(price, 10)} ${fit(range, 12)}${left}${progressBar(v.progress, BAR, glyphs)} `;
    // The sparkline takes what the row has left (up to SPARK_POINTS), so the target always shows.
    const points = Math.max(0, Math.min(SPARK_POINTS, width - base.length - tgt.length));
    const path = points > 1 ? clockPath(task, task.createdAt, task.bidDeadline ?? task.createdAt, points) : [];
    return `${base}${sparkline(path, glyphs)}${tgt}`;
  }
  const bids = `${task.auctionBidCount ?? 0} bids`;
  const bar = progressBar(clockProgress(task, now), BAR, glyphs);
  if (task.auctionType === 'reverse_english') return `${head}${fitRight('sealed', 10)} ${fit(bids, 12)}${left}${bar}`;
  const low = task.currentLowestBid !== null ? `low ${formatUsdcShort(task.currentLowestBid)}` : 'no bids';
  return `${head}${fitRight(low, 10)} ${fit(bids, 12)}${left}${bar}`;
}

export const ClockRow = memo(function ClockRow({ task, now, selected, focused, target, alerting, width, theme, glyphs }: ClockRowProps) {
  const line = useMemo(() => fit(clockLine(task, now, target, alerting, selected, glyphs, width), width, glyphs.ascii), [task, now, target, alerting, selected, glyphs, width]);
  // A crossed target flashes with the tick: inverse on even seconds.
  const flashOn = alerting && Math.floor(now / 1000) % 2 === 0;
  return (
    <Text wrap="truncate" inverse={(selected && focused) || flashOn} bold={alerting} color={alerting ? theme.color.alert : selected && focused ? theme.color.selection : theme.color.text}>
      {line}
    </Text>
  );
});
