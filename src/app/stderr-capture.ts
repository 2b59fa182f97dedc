// While the desk owns the terminal, nothing may write to it behind the frame writer's back: a Node
// warning, console.error, a library's log line would land in the middle of the desk and stay there.
// This takes over process.stderr.write, turns what arrives into sanitised one-line notices for the
// desk, and keeps the text so it can be written to the real stderr once the desk has let go.
// Writes straight to fd 2 (fs.writeSync(2), native code, process._rawDebug) cannot be caught here.
import { StringDecoder } from 'node:string_decoder';
import { capLength, sanitize } from '../core/text/sanitize.js';

export interface StderrCaptureOptions {
  /** The stream to take over (default process.stderr). */
  stream?: NodeJS.WriteStream;
  /** Longest notice, in characters (default 300). */
  maxLineLength?: number;
  /** Most text kept for the replay at exit, in characters; the oldest goes first (default 256 KiB). */
  maxKeptChars?: number;
  /** Most notices handed over per batch; the rest are counted in one line (default 10). */
  maxLinesPerBatch?: number;
  /** Notices are handed over at most this often, so a chatty library cannot re-render the desk per line (default 100 ms). */
  batchMs?: number;
}

export interface StderrCapture {
  /**
   * Receive what arrives on stderr as notices: one sanitised, capped line each, prefixed "stderr: ",
   * in batches. Lines captured before the call are delivered too. Returns an unsubscribe.
   */
  onLines(listener: (lines: string[]) => void): () => void;
  /** Stop capturing (the stream's own write is back) and return all text captured, as written. Idempotent. */
  release(): string;
}

const PREFIX = 'stderr: ';
const MAX_BACKLOG = 200;
const MAX_PARTIAL = 16 * 1024;
const NODE_HINT = /^\(Use `node --trace-[a-z-]+ \.\.\.` to show where the warning was created\)$/;

type WriteCallback = (err?: Error | null) => void;

export function captureStderr(opts: StderrCaptureOptions = {}): StderrCapture {
  const stream = opts.stream ?? process.stderr;
  const maxLine = opts.maxLineLength ?? 300;
  const maxKept = opts.maxKeptChars ?? 256 * 1024;
  const perBatch = opts.maxLinesPerBatch ?? 10;
  const batchMs = opts.batchMs ?? 100;
  const decoder = new StringDecoder('utf8');
  // Usually write lives on the prototype; put back exactly what was there.
  const ownWrite = Object.prototype.hasOwnProperty.call(stream, 'write') ? stream.write : undefined;

  let kept = '';
  let dropped = 0;
  let partial = '';
  let partialSince = 0;
  let backlog: string[] = [];
  let listener: ((lines: string[]) => void) | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let released = false;

  const deliver = () => {
    timer = null;
    if (partial !== '') {
      // A line still open after a whole batch period is shown as it is (a prompt, a progress dot).
      if (Date.now() - partialSince >= batchMs) {
        takeLine(partial);
        partial = '';
      } else schedule();
    }
    if (!listener || backlog.length === 0) return;
    const lines = backlog.length > perBatch ? [...backlog.slice(0, perBatch - 1), `${PREFIX}(+${backlog.length - perBatch + 1} more lines; all are printed when the desk exits)`] : backlog;
    backlog = [];
    listener(lines);
  };
  const schedule = () => {
    if (timer || released) return;
    timer = setTimeout(deliver, batchMs);
    timer.unref?.();
  };
  const takeLine = (raw: string) => {
    // Node's "(Use `node --trace-warnings ...` …)" hint would push the warning itself out of the footer.
    if (NODE_HINT.test(raw.trim())) return;
    const line = sanitize(raw, { maxLength: maxLine }).trim();
    if (line !== '') backlog.push(capLength(`${PREFIX}${line}`, maxLine));
    // Nobody listening yet (or a flood): keep the newest; the replay at exit has everything.
    if (backlog.length > MAX_BACKLOG) backlog.splice(0, backlog.length - MAX_BACKLOG);
  };
  const take = (text: string) => {
    kept += text;
    if (kept.length > maxKept) {
      dropped += kept.length - maxKept;
      kept = kept.slice(kept.length - maxKept);
    }
    const parts = (partial + text).split(/\r?\n/);
    if (partial === '') partialSince = Date.now();
    partial = parts.pop() ?? '';
    if (parts.length > 0) partialSince = Date.now();
    for (const p of parts) takeLine(p);
    if (partial.length > MAX_PARTIAL) {
      // One endless line: show its start, forget the rest (the notice is capped anyway).
      takeLine(partial);
      partial = '';
    }
    schedule();
  };

  const capture = function (this: unknown, chunk: unknown, encoding?: unknown, cb?: unknown): boolean {
    const done = (typeof encoding === 'function' ? encoding : cb) as WriteCallback | undefined;
    try {
      if (typeof chunk === 'string') take(chunk);
      else if (chunk instanceof Uint8Array) take(decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
    } catch {
      // Capturing must never be the thing that throws.
    }
    if (done) process.nextTick(done);
    return true;
  };
  stream.write = capture as typeof stream.write;

  return {
    onLines(fn) {
      listener = fn;
      if (backlog.length > 0) schedule();
      return () => {
        if (listener === fn) listener = null;
      };
    },
    release() {
      if (!released) {
        released = true;
        if (timer) clearTimeout(timer);
        timer = null;
        const rest = decoder.end();
        if (rest) kept += rest;
        // Only if nobody replaced it since: their write then stays theirs.
        if (stream.write === (capture as unknown)) {
          if (ownWrite) stream.write = ownWrite;
          else delete (stream as { write?: unknown }).write;
        }
        listener = null;
        if (dropped > 0) kept = `[taskdesk: ${dropped} earlier characters of stderr were dropped]\n${kept}`;
      }
      return kept;
    },
  };
}

/** Text for the real stderr after the desk: as written when stderr is a file or pipe; one sanitised line each on a terminal. */
export function replayText(captured: string, toTerminal: boolean): string {
  if (captured === '') return '';
  if (!toTerminal) return captured.endsWith('\n') ? captured : `${captured}\n`;
  const lines = captured.split(/\r?\n/).map((l) => sanitize(l, { maxLength: 4000 }));
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
