// Reading a terminal grid like a person does: the text inside the bordered pane with a given title.
const TOP_LEFT = new Set(['╭', '┌', '╔', '┏', '+']);
const TOP_RIGHT = new Set(['╮', '┐', '╗', '┓', '+']);
const BOTTOM_LEFT = new Set(['╰', '└', '╚', '┗', '+']);

function findTitle(grid: string[][], title: string): Array<{ row: number; col: number }> {
  const hits: Array<{ row: number; col: number }> = [];
  grid.forEach((cells, row) => {
    const text = cells.join('');
    let from = 0;
    for (;;) {
      const i = text.indexOf(title, from);
      if (i < 0) break;
      // Map the string index back to a column (cells may be '' for wide-char tails).
      let len = 0;
      let col = 0;
      for (; col < cells.length && len < i; col++) len += (cells[col] ?? '').length;
      hits.push({ row, col });
      from = i + title.length;
    }
  });
  return hits;
}

export interface PaneBox {
  top: number;
  left: number;
  bottom: number;
  right: number;
  /** The inside of the box (borders removed), one string per row, trailing spaces trimmed. */
  body: string[];
  /** The whole box including the title border row. */
  text: string;
}

/** The bordered box whose top border (or first inner row) carries `title`, or null when none encloses it. */
export function paneBox(grid: string[][], title: string): PaneBox | null {
  for (const hit of findTitle(grid, title)) {
    for (let top = hit.row; top >= Math.max(0, hit.row - 1); top--) {
      const row = grid[top] ?? [];
      for (let left = hit.col - 1; left >= 0; left--) {
        if (!TOP_LEFT.has(row[left] ?? '')) continue;
        let right = -1;
        for (let x = left + 1; x < row.length; x++) {
          if (TOP_RIGHT.has(row[x] ?? '')) {
            right = x;
            break;
          }
        }
        if (right <= hit.col) continue;
        let bottom = -1;
        for (let y = top + 1; y < grid.length; y++) {
          if (BOTTOM_LEFT.has(grid[y]?.[left] ?? '')) {
            bottom = y;
            break;
          }
        }
        if (bottom < 0) continue;
        const body: string[] = [];
        for (let y = top + 1; y < bottom; y++) body.push((grid[y] ?? []).slice(left + 1, right).join('').trimEnd());
        const text = [(grid[top] ?? []).slice(left, right + 1).join(''), ...body].join('\n');
        return { top, left, bottom, right, body, text };
      }
    }
  }
  return null;
}

/** Money-looking figures (e.g. 12.345678, $1.20) in reading order. */
export function moneyFigures(text: string): string[] {
  return text.match(/\d[\d,]*\.\d{2,6}/g) ?? [];
}
