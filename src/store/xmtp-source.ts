// XMTP envelopes into the store: NDJSON from `taskmarket xmtp listen` (spawned WITHOUT a shell, argv
// only, only when the CLI is installed) or from a file / stdin (`--xmtp-file PATH|-`). Bad lines are
// counted and skipped, never fatal; a line longer than 1 MiB is dropped whole.
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream, existsSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { DeskStore } from './desk-store.js';
import { envelopeMessage, parseEnvelopeLine, type Envelope } from './xmtp-envelope.js';

const MAX_LINE = 1024 * 1024;

export interface LineSink {
  envelope(e: Envelope): void;
  bad(): void;
}

export interface XmtpSource {
  stop(): void;
  /** Resolves when the input ends (file EOF, process exit). */
  done: Promise<void>;
}

/** Split a byte stream into lines with a length cap, feeding each parsed envelope to the sink. */
export function readEnvelopes(stream: Readable, sink: LineSink): Promise<void> {
  return new Promise((resolve) => {
    let buf = '';
    let skipping = false;
    const line = (l: string) => {
      const t = l.trim();
      if (t === '') return;
      const e = parseEnvelopeLine(t);
      if (e) sink.envelope(e);
      else sink.bad();
    };
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      let start = 0;
      for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', start)) {
        if (!skipping) line(buf + chunk.slice(start, i));
        buf = '';
        skipping = false;
        start = i + 1;
      }
      if (!skipping) buf += chunk.slice(start);
      if (buf.length > MAX_LINE) {
        // Too long to be an envelope: count it once, drop until the next newline.
        buf = '';
        skipping = true;
        sink.bad();
      }
    });
    const end = () => {
      if (!skipping && buf !== '') line(buf);
      buf = '';
      resolve();
    };
    stream.on('end', end);
    stream.on('close', end);
    stream.on('error', end);
  });
}

export function storeSink(store: DeskStore, onEnvelope?: (e: Envelope) => void): LineSink {
  return {
    envelope: (e) => {
      store.getState().addMessages([envelopeMessage(e, Date.now())]);
      onEnvelope?.(e);
    },
    bad: () => store.getState().countBadLine(),
  };
}

/** `--xmtp-file PATH` ("-" reads stdin). */
export function startXmtpFile(path: string, sink: LineSink): XmtpSource {
  const stream = path === '-' ? process.stdin : createReadStream(path);
  const done = readEnvelopes(stream, sink);
  return { done, stop: () => (path === '-' ? stream.pause() : stream.destroy()) };
}

/** The official CLI's binary: the package's own node_modules/.bin first, then PATH. null when absent. */
export function findTaskmarketCli(env: Record<string, string | undefined> = process.env): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const local = join(here, '..', '..', 'node_modules', '.bin', 'taskmarket');
  if (existsSync(local)) return local;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'taskmarket'))) return join(dir, 'taskmarket');
  }
  return null;
}

/** Spawn `taskmarket xmtp listen` as argv (never a shell) and read its stdout. */
export function startXmtpCli(bin: string, sink: LineSink, env: NodeJS.ProcessEnv = process.env): XmtpSource {
  let child: ChildProcess | null = spawn(bin, ['xmtp', 'listen'], { shell: false, stdio: ['ignore', 'pipe', 'ignore'], env });
  const done = new Promise<void>((resolve) => {
    child!.once('error', () => resolve());
    child!.once('exit', () => resolve());
    if (child!.stdout) void readEnvelopes(child!.stdout, sink);
  });
  return {
    done,
    stop: () => {
      child?.kill('SIGTERM');
      child = null;
    },
  };
}
