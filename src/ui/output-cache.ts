// Ink 6.8 builds a fresh OutputCaches (tokenised lines, string widths) for every frame
// (ink/build/output.js), so each 1 s tick re-tokenises and re-measures every line on screen, even
// though only the clock rows changed: that was most of the desk's idle CPU. This keeps one cache
// across frames (the functions cached are pure in their string key), cleared when it grows past a
// bound so hours of ticking prices cannot grow it without limit. No-op on an Ink without that shape.

import { createRowCache, rowCachedOutput } from './output-rows.js';

// A styled line is an array of one object per cell (~120 per row): 4,000 of them held ~180,000 objects
// and their V8 shapes (~50 MB, the 8-hour soak's growth). A frame draws ~150 distinct lines, and the row
// cache (./output-rows.ts) needs styled lines only for rows that changed, so a few hundred is plenty.
export const MAX_STYLED_LINES = 400;
const MAX_ENTRIES = 4_000;

interface Caches {
  widths: Map<unknown, unknown>;
  blockWidths: Map<unknown, unknown>;
  styledChars: Map<unknown, unknown>;
}
interface Clip {
  x1?: number;
  x2?: number;
  y1?: number;
  y2?: number;
}
type Op = { type: 'clip'; clip: Clip } | { type: 'unclip' } | { type: 'write'; x: number; y: number; text: string; transformers: unknown[] };
interface OutputThis {
  caches: Caches & { getWidestLine(text: string): number };
  operations: Op[];
  width: number;
  height: number;
}
interface OutputProto {
  get(this: OutputThis): unknown;
  __taskdeskSharedCaches?: boolean;
}
type OutputCtor = (new (opts: { width: number; height: number }) => { caches?: unknown }) & { prototype: OutputProto };

const isCaches = (c: unknown): c is Caches =>
  typeof c === 'object' && c !== null && ['widths', 'blockWidths', 'styledChars'].every((k) => (c as Record<string, unknown>)[k] instanceof Map);

/** Patch Ink's Output class (ink/build/output.js, from ./ink-internals.ts) to share one bounded cache across frames; true when patched. */
export function shareInkOutputCaches(OutputClass: unknown): boolean {
  try {
    const Output = OutputClass as OutputCtor | undefined;
    if (typeof Output !== 'function' || typeof Output.prototype.get !== 'function') return false;
    if (Output.prototype.__taskdeskSharedCaches) return true;
    const sample = new Output({ width: 1, height: 1 }).caches;
    if (!isCaches(sample)) return false;
    const shared = sample;
    const get = Output.prototype.get;
    const rows = createRowCache();
    const byRow = process.env.TASKDESK_ROW_CACHE !== '0';
    Output.prototype.get = function (this: OutputThis) {
      if (shared.styledChars.size > MAX_STYLED_LINES || shared.widths.size > MAX_ENTRIES * 4 || shared.blockWidths.size > MAX_ENTRIES) {
        shared.styledChars.clear();
        shared.widths.clear();
        shared.blockWidths.clear();
      }
      this.caches = shared as OutputThis['caches'];
      this.operations = unclipWhatFits(this.operations, this.caches);
      // TASKDESK_ROW_CACHE=0: Ink's whole-frame build (the benchmark's comparison).
      return byRow ? rowCachedOutput(this as unknown as Parameters<typeof rowCachedOutput>[0], get as never, rows) : get.call(this);
    };
    Output.prototype.__taskdeskSharedCaches = true;
    return true;
  } catch {
    return false;
  }
}

const NO_CLIP: Clip = {};

/**
 * Ink slices every line written inside an overflow-hidden box (sliceAnsi, per frame), even when the
 * text lies wholly inside the clip; the desk's rows always do (they are fitted to the pane). Such a
 * write is wrapped in an empty clip, which Ink treats as "no clipping": the same cells, no slicing.
 */
export function unclipWhatFits(ops: Op[], caches: { getWidestLine(text: string): number }): Op[] {
  const clips: Clip[] = [];
  let out: Op[] | null = null;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (op.type === 'clip') clips.push(op.clip);
    else if (op.type === 'unclip') clips.pop();
    const clip = clips.at(-1);
    // Transformers (Text's styling) run after the slice on each line; a full-width slice changes nothing.
    if (op.type === 'write' && clip && typeof op.text === 'string') {
      const h = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
      const v = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
      const height = op.text.split('\n').length;
      const fits =
        (h || v) &&
        (!h || (op.x >= clip.x1! && op.x + caches.getWidestLine(op.text) <= clip.x2!)) &&
        (!v || (op.y >= clip.y1! && op.y + height <= clip.y2!));
      if (fits) {
        out ??= ops.slice(0, i);
        out.push({ type: 'clip', clip: NO_CLIP }, op, { type: 'unclip' });
        continue;
      }
    }
    out?.push(op);
  }
  return out ?? ops;
}
