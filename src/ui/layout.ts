// Pane geometry from the terminal size. The frame is kept to rows-1 lines: taller output makes Ink
// clear the whole screen on every update (tui-anchors.md §0 item 7).
import type { PaneId } from './ui-store.js';

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;
/** A whole Clocks row (all columns and a target) plus the pane's border and padding. */
export const CLOCKS_MIN_WIDTH = 106;
/** Side by side from here: the Feed keeps ~94 columns (every column and some tags) beside the Clocks. */
export const WIDE_FROM = 200;

export interface Rect {
  width: number;
  height: number;
}

export interface Layout {
  mode: 'wide' | 'narrow';
  body: Rect;
  panes: Record<PaneId, Rect>;
}

export function tooSmall(columns: number, rows: number): boolean {
  return columns < MIN_COLUMNS || rows < MIN_ROWS;
}

/** `chrome` = header + banner + footer lines. */
export function computeLayout(columns: number, rows: number, chrome: number): Layout {
  const width = columns;
  const height = Math.max(9, rows - 1 - chrome);
  if (columns >= WIDE_FROM) {
    // Feed left; Clocks, Inbox, Actions stacked on the right. The right column is never narrower than a
    // whole clock row (clock-row.tsx), so side by side starts only where both fit.
    const rightW = Math.max(CLOCKS_MIN_WIDTH, Math.floor(width * 0.45));
    const feedW = width - rightW;
    const clocksH = Math.max(5, Math.floor(height * 0.4));
    const inboxH = Math.max(4, Math.floor((height - clocksH) / 2));
    const actionsH = height - clocksH - inboxH;
    return {
      mode: 'wide',
      body: { width, height },
      panes: {
        feed: { width: feedW, height },
        clocks: { width: rightW, height: clocksH },
        inbox: { width: rightW, height: inboxH },
        actions: { width: rightW, height: actionsH },
      },
    };
  }
  // Feed on top; Clocks full width below; Inbox and Actions side by side at the bottom.
  const feedH = Math.max(5, Math.floor(height * 0.42));
  const clocksH = Math.max(4, Math.floor((height - feedH) / 2));
  const bottomH = height - feedH - clocksH;
  const inboxW = Math.floor(width / 2);
  return {
    mode: 'narrow',
    body: { width, height },
    panes: {
      feed: { width, height: feedH },
      clocks: { width, height: clocksH },
      inbox: { width: inboxW, height: bottomH },
      actions: { width: width - inboxW, height: bottomH },
    },
  };
}

/** Rows of content inside a bordered pane with a title line. */
export function contentRows(rect: Rect): number {
  return Math.max(1, rect.height - 3);
}

/** Columns inside a bordered pane (one space of padding each side). */
export function contentColumns(rect: Rect): number {
  return Math.max(10, rect.width - 4);
}
