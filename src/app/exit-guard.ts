// While the desk runs it answers for every way the process can end. Termination signals ask for the
// clean way out (the caller unmounts, closes the market, restores the terminal, then re-raises the
// signal so the parent sees it: a shell reports 128+n, 129 for SIGHUP and 143 for SIGTERM). A second
// signal, or an uncaught exception / unhandled rejection, goes to onCrash, which must not return.
export type ExitSignal = 'SIGHUP' | 'SIGINT' | 'SIGTERM';

/** The status a shell reports for a process ended by `signal` (128 + its number). */
export const SIGNAL_STATUS: Record<ExitSignal, number> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

export interface ExitGuardHandlers {
  /** The first termination signal: start the clean way out. */
  onSignal(signal: ExitSignal): void;
  /** A crash (uncaught exception, unhandled rejection) or a second signal while stopping. */
  onCrash(error: unknown, signal?: ExitSignal): void;
}

export interface ExitGuard {
  /** Remove every handler this installed (before re-raising a signal, or when the desk is done). */
  dispose(): void;
}

export function guardExit(h: ExitGuardHandlers): ExitGuard {
  let signalled = false;
  const onSignal = (signal: ExitSignal) => {
    if (signalled) return h.onCrash(new Error(`${signal} while shutting down`), signal);
    signalled = true;
    h.onSignal(signal);
  };
  const bySignal = Object.fromEntries((Object.keys(SIGNAL_STATUS) as ExitSignal[]).map((s) => [s, () => onSignal(s)])) as Record<ExitSignal, () => void>;
  const onException = (err: unknown) => h.onCrash(err);
  const onRejection = (reason: unknown) => h.onCrash(reason);
  for (const [s, fn] of Object.entries(bySignal)) process.on(s, fn);
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return {
    dispose() {
      for (const [s, fn] of Object.entries(bySignal)) process.off(s, fn);
      process.off('uncaughtException', onException);
      process.off('unhandledRejection', onRejection);
    },
  };
}

/**
 * End the process by `signal` with its default action, as if it had never been caught. Falls back to
 * a plain exit status when something else still listens (the signal would then not end the process).
 */
export function reraise(signal: ExitSignal): number {
  if (process.listenerCount(signal) === 0) {
    try {
      process.kill(process.pid, signal);
    } catch {
      // fall through to the status
    }
  }
  return SIGNAL_STATUS[signal];
}
