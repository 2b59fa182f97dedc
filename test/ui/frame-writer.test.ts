// The desk's frame writer (src/ui/frame-writer.ts) against a headless xterm: after any sequence of
// frames the terminal shows exactly the last one (text and colours), and unchanged cells cost nothing.
import xterm from '@xterm/headless';
import { describe, expect, it } from 'vitest';
import { createFrameLog, toCells } from '../../src/ui/frame-writer.js';

const COLS = 40;
const ROWS = 12;

function setup(seed?: { lines: string[]; columns: number; rows: number }) {
  const term = new xterm.Terminal({ cols: COLS, rows: ROWS, allowProposedApi: true, scrollback: 0 });
  let bytes = 0;
  const stream = {
    columns: COLS,
    rows: ROWS,
    write(data: string) {
      bytes += Buffer.byteLength(data);
      term.write(data);
      return true;
    },
  };
  const log = createFrameLog(stream, seed ? { seed } : {});
  const flush = () => new Promise<void>((r) => term.write('', () => r()));
  const screen = () => {
    const out: string[] = [];
    for (let y = 0; y < ROWS; y++) out.push(term.buffer.active.getLine(y)?.translateToString(true) ?? '');
    return out;
  };
  const fg = (x: number, y: number) => term.buffer.active.getLine(y)?.getCell(x)?.getFgColor();
  return { term, stream, log, flush, screen, fg, bytes: () => bytes };
}

const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
const expected = (frame: string) => {
  const lines = frame.split('\n');
  if (frame.endsWith('\n')) lines.pop();
  const out = lines.map((l) => plain(l).trimEnd());
  while (out.length < ROWS) out.push('');
  return out;
};

describe('frame writer', () => {
  it('leaves exactly the last frame on screen (Ink frames end in a newline), whatever came before', async () => {
    const t = setup();
    const frames = [
      'header\n╭──────╮\n│ a  1 │\n╰──────╯\nfooter\n',
      'header\n╭──────╮\n│ a  2 │\n╰──────╯\nfooter\n',
      'HEADER two\n╭──────╮\n│ \x1b[31mb\x1b[39m  2 │\n│ extra │\n╰──────╯\nfooter\n',
      'h\n',
      'header\n╭──────╮\n│ a  3 │\n╰──────╯\nfooter\n',
    ];
    for (const f of frames) {
      t.log(f);
      await t.flush();
      expect(t.screen()).toEqual(expected(f));
    }
  });

  it('writes only the changed cells of a ticking line, with their colour', async () => {
    const t = setup();
    const line = (n: number) => `║ dutch  \x1b[32m7.97${n}\x1b[39m  14m5${n}s  ░░░░ ║\n`;
    t.log(`top\n${line(1)}bottom\n`);
    await t.flush();
    const before = t.bytes();
    t.log(`top\n${line(2)}bottom\n`);
    await t.flush();
    expect(t.screen()).toEqual(expected(`top\n${line(2)}bottom\n`));
    expect(t.bytes() - before).toBeLessThan(40);
    // The price digit keeps its green.
    const x = t.screen()[1]!.indexOf('7.972') + 4;
    expect(t.fg(x, 1)).toBe(2);
  });

  it('takes over a screen it was seeded with (the boot frame) without repainting it', async () => {
    const boot = ['hdr', '+--+', '|  |', '+--+'];
    const t = setup({ lines: boot, columns: COLS, rows: ROWS });
    t.stream.write(`\x1b[H\x1b[2J${boot.map((l, i) => `\x1b[${i + 1};1H${l}`).join('')}`);
    await t.flush();
    const before = t.bytes();
    const frame = 'hdr OK\n+--+\n|x |\n+--+\n';
    t.log(frame);
    await t.flush();
    expect(t.screen()).toEqual(expected(frame));
    expect(t.bytes() - before).toBeLessThan(30);
  });

  it('repaints everything after clear() and after a size change', async () => {
    const t = setup();
    t.log('one\ntwo\nthree\n');
    t.log.clear();
    t.log('four\n');
    await t.flush();
    expect(t.screen()).toEqual(expected('four\n'));
    t.stream.columns = 30;
    t.log('four\n');
    await t.flush();
    expect(t.screen()).toEqual(expected('four\n'));
  });

  it('falls back to whole lines for what it cannot measure (wide characters, other escapes)', () => {
    expect(toCells('a\x1b[1;38;5;200mb\x1b[0m')).toHaveLength(2);
    expect(toCells('漢字')).toBeNull();
    expect(toCells('\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\')).toBeNull();
  });
});

describe('frame writer redraw (Ctrl-L)', () => {
  it('repaints the last frame over whatever was written behind its back, then diffs from it again', async () => {
    const t = setup();
    const frame = 'header\n╭──────╮\n│ \x1b[32ma\x1b[39m  1 │\n╰──────╯\nfooter\n';
    t.log(frame);
    await t.flush();
    // A stray writer (a warning on stderr, another process) scribbles over the frame and off its end.
    t.stream.write('\x1b[2;3H\x1b[31mGARBAGE\x1b[8;1Hmore garbage');
    await t.flush();
    expect(t.screen()).not.toEqual(expected(frame));
    // Same frame again: the writer believes nothing changed, so the damage stays.
    t.log(frame);
    await t.flush();
    expect(t.screen().join('\n')).toContain('GARBAGE');
    t.log.redraw();
    await t.flush();
    expect(t.screen()).toEqual(expected(frame));
    const x = t.screen()[2]!.indexOf('a');
    expect(t.fg(x, 2)).toBe(2);
    // After the repaint it is incremental again: one changed digit costs a few bytes.
    const before = t.bytes();
    const next = frame.replace('1 │', '2 │');
    t.log(next);
    await t.flush();
    expect(t.screen()).toEqual(expected(next));
    expect(t.bytes() - before).toBeLessThan(30);
  });

  it('redraw() before any frame just clears the screen', async () => {
    const t = setup();
    t.stream.write('junk');
    t.log.redraw();
    await t.flush();
    expect(t.screen()).toEqual(expected(''));
  });
});
