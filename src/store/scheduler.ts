// Chained-timeout pollers: one request in flight per poller (the next run is scheduled only after
// the previous settles), a per-request timeout, and capped exponential backoff with jitter on
// retryable failures (429/5xx/network), honouring Retry-After. Uses global timers (fake-able).
import { MarketError } from '../markets/errors.js';

export interface PollContext {
  signal: AbortSignal;
  /** How many failures in a row preceded this run. */
  failures: number;
}

export interface PollerSpec {
  name: string;
  /** One poll. Resolve with the ms until the next run (or undefined for `intervalMs`). */
  run: (ctx: PollContext) => Promise<number | void>;
  intervalMs: number;
  /** Abort a run after this long (default 10 s); a function is asked before each run. */
  timeoutMs?: number | (() => number);
  /** Delay before the first run (default 0). */
  initialDelayMs?: number;
  /** Whether the poller may run now (e.g. false while the network mismatches). */
  enabled?: () => boolean;
}

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** [0,1) source for jitter; injectable for tests. */
  random: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, maxMs: 60_000, random: Math.random };

export interface PollOutcome {
  name: string;
  ok: boolean;
  error?: MarketError;
  /** When the next run is due (epoch ms). */
  nextAt: number;
  failures: number;
}

/** Exponential backoff: min(max, base·2^(n−1)) scaled into [½, 1] by jitter, never below Retry-After. */
export function backoffDelay(failures: number, opts: BackoffOptions, retryAfterMs?: number): number {
  const exp = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.max(0, failures - 1));
  const jittered = Math.round(exp * (0.5 + 0.5 * opts.random()));
  return Math.max(jittered, Math.min(retryAfterMs ?? 0, opts.maxMs * 5));
}

/** Anything thrown becomes a MarketError so callers can decide on backoff uniformly. */
export function toMarketError(err: unknown, timedOut: boolean): MarketError {
  if (err instanceof MarketError) return err;
  if (timedOut) return new MarketError('timeout', 'request timed out', { cause: err });
  const message = err instanceof Error ? err.message : String(err);
  return new MarketError('network', message, { cause: err });
}

interface Slot {
  spec: PollerSpec;
  timer: ReturnType<typeof setTimeout> | null;
  running: boolean;
  failures: number;
  kicked: boolean;
  abort: AbortController | null;
}

export class Scheduler {
  private slots = new Map<string, Slot>();
  private started = false;
  /** Number of runs started per poller, for tests and benchmarks. */
  readonly runs = new Map<string, number>();

  constructor(
    private readonly onOutcome: (o: PollOutcome) => void = () => {},
    private readonly backoff: BackoffOptions = DEFAULT_BACKOFF,
  ) {}

  add(spec: PollerSpec): void {
    this.slots.set(spec.name, { spec, timer: null, running: false, failures: 0, kicked: false, abort: null });
    if (this.started) this.schedule(spec.name, spec.initialDelayMs ?? 0);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    for (const [name, slot] of this.slots) this.schedule(name, slot.spec.initialDelayMs ?? 0);
  }

  stop(): void {
    this.started = false;
    for (const slot of this.slots.values()) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.timer = null;
      slot.abort?.abort();
    }
  }

  /** Run a poller as soon as possible (after the in-flight run, never alongside it). */
  kick(name: string): void {
    const slot = this.slots.get(name);
    if (!slot || !this.started) return;
    if (slot.running) {
      slot.kicked = true;
      return;
    }
    this.schedule(name, 0);
  }

  /** Move a poller's next run to `delayMs` from now (unless it is running; then it keeps its own turn). */
  runIn(name: string, delayMs: number): void {
    const slot = this.slots.get(name);
    if (!slot || !this.started || slot.running) return;
    this.schedule(name, delayMs);
  }

  isRunning(name: string): boolean {
    return this.slots.get(name)?.running ?? false;
  }

  private schedule(name: string, delay: number): void {
    const slot = this.slots.get(name);
    if (!slot || !this.started) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = setTimeout(() => {
      slot.timer = null;
      void this.fire(name);
    }, Math.max(0, delay));
    // Pollers never keep the process alive by themselves.
    (slot.timer as { unref?: () => void }).unref?.();
  }

  private async fire(name: string): Promise<void> {
    const slot = this.slots.get(name);
    if (!slot || slot.running || !this.started) return;
    const { spec } = slot;
    if (spec.enabled && !spec.enabled()) {
      this.schedule(name, spec.intervalMs);
      return;
    }
    slot.running = true;
    this.runs.set(name, (this.runs.get(name) ?? 0) + 1);
    const abort = new AbortController();
    slot.abort = abort;
    let timedOut = false;
    const timeout = setTimeout(() => {
      timedOut = true;
      abort.abort(new MarketError('timeout', `${name}: request timed out`));
    }, (typeof spec.timeoutMs === 'function' ? spec.timeoutMs() : spec.timeoutMs) ?? 10_000);
    let delay: number;
    let outcome: Omit<PollOutcome, 'nextAt'>;
    // Race the abort so a run that ignores its signal still cannot hold the slot past its timeout; the
    // listener comes off when the run settles, so nothing stays attached to a signal a run may share.
    let onAbort: () => void = () => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(abort.signal.reason);
      abort.signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const next = await Promise.race([spec.run({ signal: abort.signal, failures: slot.failures }), aborted]);
      slot.failures = 0;
      delay = typeof next === 'number' ? next : spec.intervalMs;
      outcome = { name, ok: true, failures: 0 };
    } catch (err) {
      const error = toMarketError(err, timedOut);
      if (error.retryable) {
        slot.failures += 1;
        delay = backoffDelay(slot.failures, this.backoff, error.details.retryAfterMs);
      } else {
        // A permanent refusal is reported and retried at the normal cadence, not hammered.
        slot.failures = 0;
        delay = spec.intervalMs;
      }
      outcome = { name, ok: false, error, failures: slot.failures };
    } finally {
      clearTimeout(timeout);
      abort.signal.removeEventListener('abort', onAbort);
      slot.running = false;
      slot.abort = null;
    }
    if (!this.started) return;
    if (slot.kicked) {
      slot.kicked = false;
      delay = Math.min(delay, 0);
    }
    this.onOutcome({ ...outcome, nextAt: Date.now() + delay });
    this.schedule(name, delay);
  }
}
