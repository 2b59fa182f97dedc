// `taskdesk watch --json [--api URL]`: the desk's session without a screen, streaming daemon-shaped
// NDJSON (cli §5) to stdout. Exits 0 quietly when the reader goes (EPIPE), and on SIGINT/SIGTERM.
import type { DeskArgs } from '../app/args.js';
import { startSession, type Session } from '../app/session.js';
import { stamped, xmtpEnvelope, type WatchEvent } from './events.js';
import { createNdjsonWriter } from './ndjson.js';
import { AUCTION_CLOCK_MS, createTwin, type Twin } from './twin.js';

export interface RunWatchOptions {
  out?: NodeJS.WritableStream & import('node:stream').Writable;
  env?: Record<string, string | undefined>;
  /** Resolve to stop (tests); default: SIGINT/SIGTERM or the reader leaving. */
  until?: Promise<void>;
  auctionClockMs?: number;
  /** Called once the session is up (tests wait on its store). */
  onSession?: (s: Session) => void;
}

export async function runWatch(args: DeskArgs, opts: RunWatchOptions = {}): Promise<number> {
  let finish!: () => void;
  const finished = new Promise<void>((r) => (finish = r));
  const out = opts.out ?? process.stdout;
  const writer = createNdjsonWriter(out, () => finish());
  const emit = (e: WatchEvent) => writer.write(stamped(e, new Date()));
  let twin: Twin | null = null;
  const session = await startSession(args, {
    ...(opts.env ? { env: opts.env } : {}),
    pollers: {
      onPoll: (o) => twin?.onPoll(o),
      // The daemon's defaults (cli §5): inbox and new-task polls every 15 s.
      intervals: { inbox: 15_000, feed: args.taskIntervalMs ?? 15_000 },
    },
    onEnvelope: (e) => emit(xmtpEnvelope(e)),
  });
  twin = createTwin(session.store, session.backend.reader, emit);
  opts.onSession?.(session);
  for (const p of session.problems) process.stderr.write(`taskdesk watch: ${p}\n`);
  // A ref'd timer: it keeps the process alive (the pollers' timers are unref'd) and drives the clocks.
  const clock = setInterval(() => twin?.emitClocks(), opts.auctionClockMs ?? args.auctionIntervalMs ?? AUCTION_CLOCK_MS);
  const onSignal = () => finish();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  if (opts.until) void opts.until.then(finish);
  await finished;
  clearInterval(clock);
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  await writer.flush();
  await session.stop();
  return 0;
}
