// NDJSON to stdout, one `{"ok":true,"data":…}` object per line like the daemon (cli §5/§7), safe when
// the reader goes away: EPIPE (or any write error) ends the process quietly with status 0.
import type { Writable } from 'node:stream';

export interface NdjsonWriter {
  write(data: unknown): void;
  /** Resolves once everything written so far is flushed. */
  flush(): Promise<void>;
  readonly closed: boolean;
}

export function createNdjsonWriter(out: Writable, onClosed: () => void): NdjsonWriter {
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    onClosed();
  };
  out.on('error', (err: NodeJS.ErrnoException) => {
    // EPIPE/ECONNRESET: the reader left (`… | head -1`); anything else is no better to report on stdout.
    void err;
    close();
  });
  out.on('close', close);
  return {
    get closed() {
      return closed;
    },
    write(data) {
      if (closed) return;
      const text = JSON.stringify({ ok: true, data }, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
      out.write(`${text}\n`);
    },
    flush() {
      if (closed || out.writableLength === 0) return Promise.resolve();
      return new Promise((resolve) => {
        out.once('drain', () => resolve());
        out.once('close', () => resolve());
        out.once('error', () => resolve());
      });
    },
  };
}
