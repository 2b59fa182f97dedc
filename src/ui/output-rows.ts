// Row-level reuse for Ink's Output.get (ink/build/output.js): Ink turns every frame back into a grid
// of styled cells and re-serialises all 40 rows char by char (diffAnsiCodes per cell), though a 1 s
// tick changes only the clock rows. Here each screen row is keyed by what is written onto it (x, clip,
// the styled line, in order); a row with a key seen before reuses its string, and only rows with a new
// key are built, by Ink's own get() on a one-row output holding just that row's writes, so every cell
// comes out exactly as Ink would draw it. The row cache is bounded.
export interface RowClip {
  x1?: number;
  x2?: number;
  y1?: number;
  y2?: number;
}
export type RowOp =
  | { type: 'clip'; clip: RowClip }
  | { type: 'unclip' }
  | { type: 'write'; x: number; y: number; text: string; transformers: Array<(line: string, index: number) => string> };

export interface RowCache {
  rows: Map<string, string>;
  max: number;
}

export const createRowCache = (max = 2_000): RowCache => ({ rows: new Map(), max });

type Get = (this: { width: number; height: number; operations: RowOp[]; caches: unknown }) => { output: string; height: number };

/** Ink's get() result for this output, built row by row through `cache`. */
export function rowCachedOutput(
  self: { width: number; height: number; operations: RowOp[]; caches: unknown },
  inkGet: Get,
  cache: RowCache,
): { output: string; height: number } {
  const { width, height } = self;
  const keys: string[][] = Array.from({ length: height }, () => []);
  const ops: RowOp[][] = Array.from({ length: height }, () => []);
  const clips: RowClip[] = [];
  for (const op of self.operations) {
    if (op.type === 'clip') clips.push(op.clip);
    else if (op.type === 'unclip') clips.pop();
    else if (op.type === 'write') {
      const clip = clips.at(-1);
      const lines = op.text.split('\n');
      for (let i = 0; i < lines.length; i++) {
        const y = op.y + i;
        if (y < 0 || y >= height) continue;
        const line = lines[i]!;
        let styled = line;
        for (const t of op.transformers) styled = t(styled, i);
        const rowClip = clip ? { x1: clip.x1, x2: clip.x2, y1: clip.y1 === undefined ? undefined : clip.y1 - y, y2: clip.y2 === undefined ? undefined : clip.y2 - y } : null;
        keys[y]!.push(`${op.x}\u0000${rowClip ? `${rowClip.x1},${rowClip.x2},${rowClip.y1},${rowClip.y2}` : '-'}\u0000${styled}`);
        const write: RowOp = { type: 'write', x: op.x, y: 0, text: line, transformers: op.transformers.map((t) => (l: string) => t(l, i)) };
        if (rowClip) ops[y]!.push({ type: 'clip', clip: rowClip }, write, { type: 'unclip' });
        else ops[y]!.push(write);
      }
    }
  }
  if (cache.rows.size > cache.max) cache.rows.clear();
  const out: string[] = new Array<string>(height);
  for (let y = 0; y < height; y++) {
    const key = `${width}\u0001${keys[y]!.join('\u0001')}`;
    let row = cache.rows.get(key);
    if (row === undefined) {
      row = inkGet.call({ width, height: 1, operations: ops[y]!, caches: self.caches }).output;
      cache.rows.set(key, row);
    }
    out[y] = row;
  }
  return { output: out.join('\n'), height };
}
