// The desk's own replacement for Ink 6.8.0's log-update: diff-writes only the changed cells of each
// frame, with absolute cursor positioning (the frame always starts at the top-left of the screen).
//
// Why not Ink's `incrementalRendering`: ink 6.8.0 build/log-update.js createIncremental() moves the
// cursor back with `cursorUp(previousVisible - 1)`. That is right only when the previous frame had
// no trailing newline (cursor still on its last line). Ink adds '\n' to every frame shorter than the
// terminal (build/ink.js onRender: `isFullscreen ? output : output + '\n'`), so the cursor sits one
// line *below* the frame and each update lands one row lower, leaving the old rows as debris. A frame
// of exactly `rows` lines avoids the newline but then Ink clears the whole terminal on every update
// (`lastOutputHeight >= rows` branch), so no frame shape gets both. Relative moves are also fragile
// after a resize; absolute positions are not.
//
// Interface: the object Ink keeps in `instance.log` (render(str), clear, done, sync, setCursorPosition,
// isCursorDirty, willRender). Ink calls it through its throttle, bracketed by synchronized-output marks.

const ESC = '\x1b[';
const RESET = `${ESC}0m`;

export interface WriteTarget {
  write(data: string): unknown;
  columns?: number;
  rows?: number;
}

export interface CursorPosition {
  x: number;
  y: number;
}

export interface FrameLog {
  (str: string): boolean;
  clear(): void;
  done(): void;
  sync(str: string): void;
  setCursorPosition(position: CursorPosition | undefined): void;
  isCursorDirty(): boolean;
  willRender(str: string): boolean;
  /**
   * Forget what the screen is believed to show, clear it and paint the last frame in full (Ctrl-L);
   * `fallback` is painted when this log has drawn nothing yet (Ink under CI=true keeps frames to itself).
   */
  redraw(fallback?: string): void;
}

interface Cell {
  ch: string;
  /** Canonical SGR for the cell ('' = default). */
  sgr: string;
}

// ─── SGR state ────────────────────────────────────────────────────────────────────────────────

interface Style {
  fg: string;
  bg: string;
  ul: string;
  flags: number;
}

const FLAG_ON: Record<number, number> = { 1: 1, 2: 2, 3: 4, 4: 8, 5: 16, 7: 32, 8: 64, 9: 128, 53: 256 };
const FLAG_OFF: Record<number, number> = { 22: 1 | 2, 23: 4, 24: 8, 25: 16, 27: 32, 28: 64, 29: 128, 55: 256 };
const FLAG_CODES: Array<[number, number]> = [
  [1, 1],
  [2, 2],
  [4, 3],
  [8, 4],
  [16, 5],
  [32, 7],
  [64, 8],
  [128, 9],
  [256, 53],
];

const emptyStyle = (): Style => ({ fg: '', bg: '', ul: '', flags: 0 });

/** Apply one SGR parameter list to `s`; false when it holds something this parser does not model. */
function applySgr(s: Style, params: string): boolean {
  const p = params === '' ? [0] : params.split(';').map((x) => (x === '' ? 0 : Number(x)));
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (!Number.isInteger(c)) return false;
    if (c === 0) Object.assign(s, emptyStyle());
    else if (FLAG_ON[c] !== undefined) s.flags |= FLAG_ON[c]!;
    else if (FLAG_OFF[c] !== undefined) s.flags &= ~FLAG_OFF[c]!;
    else if ((c >= 30 && c <= 37) || (c >= 90 && c <= 97)) s.fg = String(c);
    else if ((c >= 40 && c <= 47) || (c >= 100 && c <= 107)) s.bg = String(c);
    else if (c === 39) s.fg = '';
    else if (c === 49) s.bg = '';
    else if (c === 59) s.ul = '';
    else if (c === 38 || c === 48 || c === 58) {
      const mode = p[i + 1];
      let spec: string;
      if (mode === 5 && p.length > i + 2) {
        spec = `${c};5;${p[i + 2]}`;
        i += 2;
      } else if (mode === 2 && p.length > i + 4) {
        spec = `${c};2;${p[i + 2]};${p[i + 3]};${p[i + 4]}`;
        i += 4;
      } else return false;
      if (c === 38) s.fg = spec;
      else if (c === 48) s.bg = spec;
      else s.ul = spec;
    } else return false;
  }
  return true;
}

function canonical(s: Style): string {
  const parts: string[] = [];
  for (const [bit, code] of FLAG_CODES) if (s.flags & bit) parts.push(String(code));
  if (s.fg) parts.push(s.fg);
  if (s.bg) parts.push(s.bg);
  if (s.ul) parts.push(s.ul);
  return parts.join(';');
}

// ─── Lines → cells ────────────────────────────────────────────────────────────────────────────

/** Code points every terminal draws one column wide (non-CJK locale). Anything else: write the whole line. */
function isNarrow(cp: number): boolean {
  return (
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0x2ff && cp !== 0xad) ||
    (cp >= 0x370 && cp <= 0x52f) ||
    (cp >= 0x2010 && cp <= 0x2027) ||
    (cp >= 0x2030 && cp <= 0x205e) ||
    (cp >= 0x20a0 && cp <= 0x20bf) ||
    (cp >= 0x2100 && cp <= 0x214f) ||
    (cp >= 0x2190 && cp <= 0x21ff) ||
    (cp >= 0x2200 && cp <= 0x22ff) ||
    (cp >= 0x2500 && cp <= 0x25fc) ||
    (cp >= 0x2800 && cp <= 0x28ff) ||
    cp === 0x2605 ||
    cp === 0x2606 ||
    cp === 0x2713 ||
    cp === 0x2714 ||
    cp === 0x2717 ||
    cp === 0x2718
  );
}

// CSI … m (SGR) or any other escape; only SGR is understood.
const ESCAPE = /\x1b\[([0-9;:]*)([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b./y;

/** One cell per column, or null when the line holds something whose width or effect is not modelled. */
export function toCells(line: string): Cell[] | null {
  const cells: Cell[] = [];
  const style = emptyStyle();
  let sgr = '';
  let i = 0;
  while (i < line.length) {
    const code = line.charCodeAt(i);
    if (code === 0x1b) {
      ESCAPE.lastIndex = i;
      const m = ESCAPE.exec(line);
      if (!m || m[2] !== 'm' || (m[1] ?? '').includes(':')) return null;
      if (!applySgr(style, m[1] ?? '')) return null;
      sgr = canonical(style);
      i = ESCAPE.lastIndex;
      continue;
    }
    const cp = line.codePointAt(i)!;
    if (!isNarrow(cp)) return null;
    const ch = String.fromCodePoint(cp);
    cells.push({ ch, sgr });
    i += ch.length;
  }
  return cells;
}

// ─── The writer ───────────────────────────────────────────────────────────────────────────────

/** Runs of unchanged cells shorter than this are rewritten rather than skipped with a cursor move. */
const GAP = 6;

const moveTo = (row: number, col: number) => `${ESC}${row + 1};${col + 1}H`;
const sgrOf = (sgr: string) => (sgr === '' ? RESET : `${ESC}0;${sgr}m`);

function frameLines(str: string): string[] {
  const lines = str.split('\n');
  if (str.endsWith('\n')) lines.pop();
  return lines;
}

export interface FrameLogOptions {
  showCursor?: boolean;
  /** Called with every frame written (tests: the e2e check compares the screen with it). */
  onFrame?: (str: string) => void;
  /** What the screen already shows from its top-left (the boot frame), at that terminal size. */
  seed?: { lines: string[]; columns: number; rows: number };
}

export function createFrameLog(stream: WriteTarget, opts: FrameLogOptions = {}): FrameLog {
  let prevStr = '';
  /** What the screen shows, line by line; null = unknown, repaint everything. */
  let prev: Array<{ text: string; cells: Cell[] | null }> | null = null;
  let size = '';
  let firstPaint = true;
  let cursorHidden = false;
  let cursor: CursorPosition | undefined;
  let cursorDirty = false;
  let shownCursor: CursorPosition | undefined;

  const sizeKey = () => `${stream.columns ?? 0}x${stream.rows ?? 0}`;
  if (opts.seed) {
    prev = opts.seed.lines.map((text) => ({ text, cells: toCells(text) }));
    size = `${opts.seed.columns}x${opts.seed.rows}`;
    firstPaint = false;
    cursorHidden = true;
  }

  const render = ((str: string): boolean => {
    const active = cursorDirty ? cursor : undefined;
    cursorDirty = false;
    const sameCursor = active?.x === shownCursor?.x && active?.y === shownCursor?.y;
    if (prev !== null && str === prevStr && size === sizeKey() && sameCursor) return false;
    let out = '';
    if (!opts.showCursor && (!cursorHidden || shownCursor)) {
      out += `${ESC}?25l`;
      cursorHidden = true;
    }
    const lines = frameLines(str);
    if (prev === null || size !== sizeKey()) {
      // Unknown screen (start, resize, clear): home and wipe, then paint every line.
      out += firstPaint ? `${ESC}H${ESC}2J` : `${ESC}H${RESET}${ESC}J`;
      firstPaint = false;
      prev = [];
      size = sizeKey();
    }
    let current: string | null = null; // the terminal's SGR state while writing this frame
    const next: Array<{ text: string; cells: Cell[] | null }> = [];
    // Rows past the bottom cannot be shown; absolute moves there would pile onto the last row.
    const count = Math.min(Math.max(lines.length, prev.length), stream.rows || Number.MAX_SAFE_INTEGER);
    for (let row = 0; row < count; row++) {
      const text = lines[row];
      const old = prev[row];
      if (text === undefined) {
        // The frame got shorter: blank the rows it no longer covers.
        out += `${moveTo(row, 0)}${RESET}${ESC}2K`;
        current = '';
        continue;
      }
      if (old !== undefined && old.text === text) {
        next.push(old);
        continue;
      }
      const cells = toCells(text);
      next.push({ text, cells });
      if (old === undefined || cells === null || old.cells === null) {
        // Whole line: home the line, wipe it, write Ink's text as is.
        out += `${moveTo(row, 0)}${RESET}${ESC}2K${text}`;
        current = null;
        continue;
      }
      // Cell diff; the shorter line is padded with default blanks (what the screen holds there).
      const width = Math.max(cells.length, old.cells.length);
      let col = 0;
      while (col < width) {
        if (same(cells[col], old.cells[col])) {
          col++;
          continue;
        }
        // A run of changes, extended over short unchanged gaps.
        let end = col + 1;
        let gap = 0;
        for (let x = end; x < width && gap < GAP; x++) {
          if (same(cells[x], old.cells[x])) gap++;
          else {
            end = x + 1;
            gap = 0;
          }
        }
        out += moveTo(row, col);
        // Past the end of the new line up to the end of the run: erase rather than write blanks.
        const stop = end === width && end > cells.length ? Math.max(col, cells.length) : end;
        for (let x = col; x < stop; x++) {
          const c = cells[x] ?? { ch: ' ', sgr: '' };
          if (c.sgr !== current) {
            out += sgrOf(c.sgr);
            current = c.sgr;
          }
          out += c.ch;
        }
        if (stop < end) {
          if (current !== '') {
            out += RESET;
            current = '';
          }
          out += `${ESC}K`;
        }
        col = end;
      }
    }
    if (out !== '' && current !== '') out += RESET;
    if (active) out += `${moveTo(active.y, active.x)}${ESC}?25h`;
    shownCursor = active ? { ...active } : undefined;
    prev = next;
    prevStr = str;
    if (out !== '') stream.write(out);
    opts.onFrame?.(str);
    return true;
  }) as FrameLog;

  render.clear = () => {
    stream.write(`${ESC}H${RESET}${ESC}J`);
    prev = null;
    prevStr = '';
    firstPaint = false;
    shownCursor = undefined;
  };
  render.done = () => {
    // Leave the cursor under the last frame, as Ink does, so the shell prompt follows it.
    const below = prev?.length ?? 0;
    stream.write(`${moveTo(below, 0)}${RESET}${opts.showCursor ? '' : `${ESC}?25h`}`);
    cursorHidden = false;
    prev = null;
    prevStr = '';
    shownCursor = undefined;
  };
  render.sync = (str: string) => {
    // Ink wrote `str` itself from the top of a cleared screen (its full-height path).
    cursorDirty = false;
    prev = frameLines(str).map((text) => ({ text, cells: toCells(text) }));
    prevStr = str;
    opts.onFrame?.(str);
    size = sizeKey();
    firstPaint = false;
    shownCursor = undefined;
  };
  render.redraw = (fallback?: string) => {
    // Something wrote behind our back (another process, a stray stderr line): trust nothing on screen.
    const str = prevStr || fallback || '';
    if (shownCursor) {
      cursor = { ...shownCursor };
      cursorDirty = true;
    }
    prev = null; // the next paint homes, resets colours and erases the whole screen first
    prevStr = '';
    firstPaint = false;
    cursorHidden = false;
    shownCursor = undefined;
    if (str !== '') render(str);
    else stream.write(`${ESC}H${RESET}${ESC}J`);
  };
  render.setCursorPosition = (position) => {
    cursor = position;
    cursorDirty = true;
  };
  render.isCursorDirty = () => cursorDirty;
  render.willRender = (str: string) => prev === null || str !== prevStr || size !== sizeKey() || cursorDirty;
  return render;
}

function same(a: Cell | undefined, b: Cell | undefined): boolean {
  const ach = a?.ch ?? ' ';
  const bch = b?.ch ?? ' ';
  return ach === bch && (a?.sgr ?? '') === (b?.sgr ?? '');
}
