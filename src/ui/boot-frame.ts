// The boot frame: the desk's outline (header, the four pane borders and titles, at the real layout)
// painted straight to the terminal before Ink and React load. Loading Ink alone takes ~0.5 s (its
// es-toolkit/compat barrel is 400+ modules, yoga's wasm, react-reconciler); this module imports only
// the pure layout and glyph code, so the operator sees the desk at once. Ink's first frame then
// replaces it cell by cell: the frame writer starts from these lines (src/ui/frame-writer.ts seed).
// Keys typed meanwhile are not lost: the terminal goes raw here and Ink reads them once it mounts.
import { computeLayout, tooSmall, type Rect } from './layout.js';
import { chooseGlyphs } from './theme/glyphs.js';

export interface BootFrame {
  /** What was painted, one string per row from the top (plain text). */
  lines: string[];
  columns: number;
  rows: number;
}

export interface BootFrameOptions {
  badge: string;
  ascii?: boolean;
  env?: NodeJS.ProcessEnv;
}

const BORDERS = {
  round: ['╭', '╮', '╰', '╯', '─', '│'],
  double: ['╔', '╗', '╚', '╝', '═', '║'],
  classic: ['+', '+', '+', '+', '-', '|'],
} as const;

/** The outline as plain lines, or null when the terminal is below the desk's minimum size. */
export function bootFrameLines(columns: number, rows: number, opts: BootFrameOptions): string[] | null {
  if (tooSmall(columns, rows)) return null;
  const glyphs = chooseGlyphs({ ascii: opts.ascii, env: opts.env ?? process.env });
  const chrome = 2; // one header line + the footer, as the desk's first frame has
  const layout = computeLayout(columns, rows, chrome);
  const height = 1 + layout.body.height + 1;
  const grid: string[][] = Array.from({ length: height }, () => Array<string>(columns).fill(' '));
  const put = (row: number, col: number, text: string) => {
    const line = grid[row];
    if (!line) return;
    let x = col;
    for (const ch of text) {
      if (x >= columns) break;
      line[x++] = ch;
    }
  };
  const box = (top: number, left: number, rect: Rect, title: string, focused: boolean) => {
    const b = BORDERS[focused ? glyphs.borderFocusStyle === 'double' ? 'double' : 'classic' : glyphs.borderStyle === 'round' ? 'round' : 'classic'];
    const inner = Math.max(0, rect.width - 2);
    put(top, left, b[0] + b[4].repeat(inner) + b[1]);
    for (let y = 1; y < rect.height - 1; y++) {
      put(top + y, left, b[5]);
      put(top + y, left + rect.width - 1, b[5]);
    }
    put(top + rect.height - 1, left, b[2] + b[4].repeat(inner) + b[3]);
    put(top + 1, left + 2, title.slice(0, Math.max(0, inner - 2)));
  };
  put(0, 0, ` ${opts.badge}   CONNECTING`);
  const p = layout.panes;
  const top = 1;
  box(top, 0, p.feed, '1 Feed', true);
  if (layout.mode === 'wide') {
    const x = p.feed.width;
    box(top, x, p.clocks, '2 Clocks', false);
    box(top + p.clocks.height, x, p.inbox, '3 Inbox', false);
    box(top + p.clocks.height + p.inbox.height, x, p.actions, '4 Actions', false);
  } else {
    box(top + p.feed.height, 0, p.clocks, '2 Clocks', false);
    const y = top + p.feed.height + p.clocks.height;
    box(y, 0, p.inbox, '3 Inbox', false);
    box(y, p.inbox.width, p.actions, '4 Actions', false);
  }
  return grid.map((cells) => cells.join('').trimEnd());
}

/** Paint the outline from the top-left of a cleared screen and put the terminal in raw mode. */
export function paintBootFrame(stdout: NodeJS.WriteStream, stdin: NodeJS.ReadStream, opts: BootFrameOptions): BootFrame | null {
  if (!stdout.isTTY) return null;
  const columns = stdout.columns || 80;
  const rows = stdout.rows || 24;
  const lines = bootFrameLines(columns, rows, opts);
  if (!lines) return null;
  try {
    if (stdin.isTTY) stdin.setRawMode(true);
  } catch {
    // not fatal: keys typed before Ink mounts would echo
  }
  let out = '\x1b[?25l\x1b[H\x1b[2J';
  lines.forEach((line, i) => {
    if (line !== '') out += `\x1b[${i + 1};1H${line}`;
  });
  stdout.write(out);
  return { lines, columns, rows };
}
