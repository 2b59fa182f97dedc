// Finding 4: while the desk owns the terminal, stderr is captured: the desk gets sanitised one-line
// notices, and the whole text is kept for the real stderr after exit.
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { captureStderr, replayText, type StderrCapture } from '../../src/app/stderr-capture.js';

class FakeStream extends EventEmitter {
  isTTY = true;
  written: string[] = [];
  write(chunk: string): boolean {
    this.written.push(chunk);
    return true;
  }
}

let capture: StderrCapture | null = null;
afterEach(() => {
  capture?.release();
  capture = null;
});

function start(opts: Parameters<typeof captureStderr>[0] = {}) {
  const stream = new FakeStream();
  capture = captureStderr({ batchMs: 5, ...opts, stream: stream as unknown as NodeJS.WriteStream });
  const batches: string[][] = [];
  capture.onLines((l) => batches.push(l));
  return { stream, batches, capture };
}

const tick = (ms = 30) => new Promise((r) => setTimeout(r, ms));

describe('captureStderr', () => {
  it('takes every write off the stream and hands over one sanitised, labelled notice per line', async () => {
    const { stream, batches } = start();
    stream.write('plain line\n');
    stream.write(Buffer.from('\x1b[31mred\x1b[0m and a \x1b]0;title\x07 osc\r\nsecond\tline\n') as unknown as string);
    await tick();
    expect(stream.written).toEqual([]);
    expect(batches.flat()).toEqual(['stderr: plain line', 'stderr: red and a  osc', 'stderr: second  line']);
  });

  it('calls write callbacks (console waits for them) and returns true', async () => {
    const { stream } = start();
    let called = 0;
    const write = stream.write as unknown as (c: string, e?: unknown, cb?: () => void) => boolean;
    expect(write.call(stream, 'a\n', () => called++)).toBe(true);
    expect(write.call(stream, 'b\n', 'utf8', () => called++)).toBe(true);
    await tick();
    expect(called).toBe(2);
  });

  it('joins a line written in pieces, and shows a line left open once a batch period has passed', async () => {
    const { stream, batches } = start({ batchMs: 20 });
    stream.write('half ');
    stream.write('and half\nprompt> ');
    await tick(100);
    expect(batches.flat()).toEqual(['stderr: half and half', 'stderr: prompt>']);
  });

  it('caps each notice and each batch; drops Node\'s --trace-warnings hint', async () => {
    const { stream, batches } = start({ maxLineLength: 20, maxLinesPerBatch: 3 });
    stream.write(`${'x'.repeat(50)}\n`);
    stream.write('(Use `node --trace-warnings ...` to show where the warning was created)\n');
    for (let i = 0; i < 5; i++) stream.write(`line ${i}\n`);
    await tick();
    const lines = batches.flat();
    expect(lines[0]).toBe(`stderr: ${'x'.repeat(11)}…`);
    expect(lines[0]!.length).toBe(20);
    expect(lines).toHaveLength(3);
    expect(lines.at(-1)).toMatch(/^stderr: \(\+4 more lines/);
  });

  it('delivers what came before a listener subscribed', async () => {
    const stream = new FakeStream();
    capture = captureStderr({ batchMs: 5, stream: stream as unknown as NodeJS.WriteStream });
    stream.write('early\n');
    const got: string[] = [];
    capture.onLines((l) => got.push(...l));
    await tick();
    expect(got).toEqual(['stderr: early']);
  });

  it('release() puts the stream\'s own write back and returns the text exactly as written', async () => {
    const { stream, capture: c } = start();
    const own = FakeStream.prototype.write;
    stream.write('one\x1b[31m\n');
    stream.write('two');
    expect(c.release()).toBe('one\x1b[31m\ntwo');
    expect(c.release()).toBe('one\x1b[31m\ntwo');
    expect(stream.write).toBe(own);
    stream.write('after\n');
    expect(stream.written).toEqual(['after\n']);
  });

  it('keeps at most maxKeptChars for the replay, saying how much went', () => {
    const { stream, capture: c } = start({ maxKeptChars: 10 });
    stream.write('0123456789abcdef\n');
    expect(c.release()).toBe('[taskdesk: 7 earlier characters of stderr were dropped]\n789abcdef\n');
  });

  it('takes over process.stderr by default: direct writes and Node warnings are caught', async () => {
    // (vitest replaces the global console, so console.error is covered by the pty test instead.)
    const c = captureStderr({ batchMs: 5 });
    capture = c;
    const got: string[] = [];
    c.onLines((l) => got.push(...l));
    process.stderr.write('from process.stderr.write\n');
    process.emitWarning('from a warning');
    await tick(50);
    const text = c.release();
    expect(text).toContain('from process.stderr.write\n');
    expect(text).toMatch(/Warning: from a warning/);
    expect(got).toContain('stderr: from process.stderr.write');
    expect(got.some((l) => /^stderr: \(node:\d+\) Warning: from a warning$/.test(l))).toBe(true);
  });
});

describe('replayText', () => {
  it('as written for a file or pipe; sanitised lines for a terminal', () => {
    expect(replayText('a\x1b[2Jb\nc', false)).toBe('a\x1b[2Jb\nc\n');
    expect(replayText('a\x1b[2Jb\n\tc\n\n', true)).toBe('ab\n  c\n');
    expect(replayText('', true)).toBe('');
  });
});
