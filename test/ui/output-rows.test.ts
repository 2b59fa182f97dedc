// The row cache over Ink's Output.get (src/ui/output-rows.ts) against Ink's own get(): the same frame
// string for clipped, overlapping, styled, multi-line and wide-character writes, frame after frame,
// with the cache holding no more than its bound.
import { describe, expect, it } from 'vitest';
import { loadInkInternals } from '../../src/ui/ink-internals.js';
import { createRowCache, rowCachedOutput, type RowOp } from '../../src/ui/output-rows.js';

type OutputLike = { width: number; height: number; operations: RowOp[]; caches: unknown; get(): { output: string; height: number } };
type OutputCtor = new (o: { width: number; height: number }) => OutputLike;

const { Output } = await loadInkInternals();
const Out = Output as OutputCtor;

const red = (l: string) => `\x1b[31m${l}\x1b[39m`;
const bold = (l: string, i: number) => (i % 2 ? `\x1b[1m${l}\x1b[22m` : l);

function frame(tick: number): RowOp[] {
  return [
    { type: 'write', x: 0, y: 0, text: `header ${tick} ╔═══╗`, transformers: [red] },
    { type: 'clip', clip: { x1: 2, x2: 20, y1: 1, y2: 5 } },
    { type: 'write', x: 0, y: 1, text: `clipped left and right ${tick % 3} ………………`, transformers: [] },
    { type: 'write', x: 4, y: 2, text: 'fits\ninside\nthree\nand one below the clip', transformers: [bold] },
    { type: 'unclip' },
    { type: 'write', x: 10, y: 3, text: `over ${tick % 2 ? '漢字' : 'ab'} it`, transformers: [red, bold] },
    { type: 'write', x: 30, y: 7, text: 'past the bottom\nrow 8\nrow 9 is outside', transformers: [] },
    { type: 'clip', clip: { y1: 6, y2: 7 } },
    { type: 'write', x: 1, y: 5, text: 'above\ninside\nbelow', transformers: [] },
    { type: 'unclip' },
  ];
}

const make = (ops: RowOp[]) => {
  const o = new Out({ width: 40, height: 9 });
  o.operations = ops;
  return o;
};

describe("the row cache over Ink's Output.get", () => {
  it('gives the same frame as Ink, frame after frame, and keeps its bound', () => {
    expect(typeof Output).toBe('function');
    const cache = createRowCache(12);
    const inkGet = Out.prototype.get as never;
    let maxSize = 0;
    for (let tick = 0; tick < 40; tick++) {
      const want = make(frame(tick)).get();
      const got = rowCachedOutput(make(frame(tick)), inkGet, cache);
      expect(got).toEqual(want);
      maxSize = Math.max(maxSize, cache.rows.size);
    }
    // Emptied when it passes the bound: never more than one frame's rows above it.
    expect(maxSize).toBeLessThanOrEqual(12 + 9);
    expect(cache.rows.size).toBeGreaterThan(0);
  });

  it('reuses a row whose writes did not change (Ink is not asked to build it again)', () => {
    const cache = createRowCache();
    let built = 0;
    const inkGet = function (this: OutputLike) {
      built++;
      return (Out.prototype.get as () => { output: string; height: number }).call(this);
    };
    rowCachedOutput(make(frame(1)), inkGet as never, cache);
    const first = built;
    expect(first).toBe(9);
    built = 0;
    // Tick 7: same tick%3 and parity as tick 1, so only the header row (it shows the tick) is rebuilt.
    const got = rowCachedOutput(make(frame(7)), inkGet as never, cache);
    expect(built).toBe(1);
    expect(got).toEqual(make(frame(7)).get());
  });
});
