// One auction clock. Dutch/reverse-dutch: the price now from the schedule (core clockPrice at market
// time), floor/start–max, time left, progress, and the target with the time the clock reaches it.
// English: the lowest bid and the count; reverse English is sealed (taskmarket-backend.md §3.3).
// A narrow row drops its parts in a fixed order — progress bar, bid count, range, type — so the price,
// the countdown and the target always show.
import { Text } from 'ink';
import { memo, useMemo } from 'react';
import { priceReachesAt } from '../../core/clock.js';
import type { LiveClock } from '../../store/selectors.js';
import { clockView, isClockAuction } from '../clock-view.js';
import { progressBar } from '../components/progress-bar.js';
import { countdown, fit, fitRight, usdc } from '../format.js';
import type { Glyphs } from '../theme/glyphs.js';
import type { Theme } from '../theme/schema.js';
import { AUCTION_LABEL, shortId } from './feed-row.js';

const BAR = 10;
const W = { mark: 2, type: 10, id: 11, price: 12, range: 19, bids: 6, left: 8, bar: BAR + 1 };
type Part = 'bar' | 'bids' | 'range' | 'type';
const DROP_ORDER: Part[] = ['bar', 'bids', 'range', 'type'];

/** Which optional parts fit next to the fixed ones and the target text. */
export function clockParts(width: number, targetWidth: number): Set<Part> {
  const keep = new Set<Part>(DROP_ORDER);
  const size = () => W.mark + W.id + W.price + 1 + W.left + [...keep].reduce((n, p) => n + W[p], 0) + targetWidth;
  for (const p of DROP_ORDER) if (size() > width) keep.delete(p);
  return keep;
}

export function clockHeaderLine(width: number, targetWidth: number): string {
  const keep = clockParts(width, targetWidth);
  const line =
    `${' '.repeat(W.mark)}${keep.has('type') ? fit('TYPE', W.type) : ''}${fit('ID', W.id)}${fitRight('PRICE USDC', W.price)} ` +
    `${keep.has('range') ? fit('FLOOR-MAX', W.range) : ''}${keep.has('bids') ? fit('BIDS', W.bids) : ''}${fit('CLOSES', W.left)}${keep.has('bar') ? fit('WINDOW', W.bar) : ''}TARGET`;
  return fit(line, width);
}

/** "→ 5.000000 in 3m20s" (when the clock will reach it), "→ 5.000000 reached", or "" without one. */
export function targetText(c: LiveClock, now: number): string {
  if (c.target === null || !isClockAuction(c.task)) return '';
  const at = priceReachesAt(c.task, c.target);
  const when = c.alerted || (at !== null && at <= now) ? 'reached' : at !== null ? `in ${countdown(at, now)}` : '';
  return `${usdc(c.target)} ${when}`.trim();
}

/** `targetWidth`: the widest target text among the rows shown, so every row keeps the same columns. */
export function clockLine(c: LiveClock, now: number, selected: boolean, glyphs: Glyphs, width: number, blink: boolean, targetWidth: number, armed = ''): string {
  const task = c.task;
  // An armed order's marker (views/orders-lines.ts armedMark) rides in the target column.
  const tgt = [targetText(c, now), armed].filter(Boolean).join('  ');
  const keep = clockParts(width, Math.max(targetWidth, tgt.length));
  const mark = `${selected ? glyphs.pointer : ' '}${c.alerted ? (blink ? '!' : ' ') : ' '}`;
  const head = `${mark}${keep.has('type') ? fit(AUCTION_LABEL[task.auctionType ?? ''] ?? '', W.type) : ''}${fit(shortId(task.id, glyphs), W.id)}`;
  const left = fit(c.ended ? 'ended' : countdown(task.bidDeadline, now), W.left);
  const bar = keep.has('bar') ? `${progressBar(c.progress, BAR, glyphs)} ` : '';
  if (isClockAuction(task)) {
    const v = clockView(task, now);
    const arrow = c.ended ? ' ' : v.falling ? glyphs.down : glyphs.up;
    const price = c.price !== null ? `${usdc(c.price)}${arrow}` : '-';
    const range = keep.has('range') ? fit(`${v.low !== null ? usdc(v.low) : '?'}-${v.high !== null ? usdc(v.high) : '?'}`, W.range) : '';
    const bids = keep.has('bids') ? fit('-', W.bids) : '';
    return `${head}${fitRight(price, W.price)} ${range}${bids}${left}${bar}${tgt}`;
  }
  const sealed = task.auctionType === 'reverse_english';
  const price = sealed ? 'sealed' : task.currentLowestBid !== null ? usdc(task.currentLowestBid) : 'no bids';
  const range = keep.has('range') ? fit(task.maxPrice !== null ? `max ${usdc(task.maxPrice)}` : '', W.range) : '';
  const bids = keep.has('bids') ? fit(String(task.auctionBidCount ?? 0), W.bids) : '';
  return `${head}${fitRight(price, W.price)} ${range}${bids}${left}${bar}${armed}`;
}

export interface ClockRowProps {
  clock: LiveClock;
  now: number;
  selected: boolean;
  focused: boolean;
  width: number;
  targetWidth: number;
  theme: Theme;
  glyphs: Glyphs;
  /** The marker of an armed order on this clock, or ''. */
  armed?: string;
}

export const ClockRow = memo(function ClockRow({ clock, now, selected, focused, width, targetWidth, theme, glyphs, armed = '' }: ClockRowProps) {
  // A crossed target blinks its marker with the tick (not the row's inverse, which selection uses).
  const blink = Math.floor(now / 1000) % 2 === 0;
  const line = useMemo(() => fit(clockLine(clock, now, selected, glyphs, width, blink, targetWidth, armed), width, glyphs.ascii), [clock, now, selected, glyphs, width, blink, targetWidth, armed]);
  const c = theme.color;
  const colour = clock.alerted ? c.alert : selected && focused ? c.selection : clock.ended ? c.muted : c.text;
  return (
    <Text wrap="truncate" inverse={selected && focused} bold={clock.alerted} dimColor={clock.ended && !(selected && focused)} color={colour}>
      {line}
    </Text>
  );
});
