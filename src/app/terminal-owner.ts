// Everything the desk does to own the terminal while it runs, in one place: the alternate screen and
// its restore (./terminal.ts), stderr turned into notices (./stderr-capture.ts), and the signal and
// crash handlers (./exit-guard.ts). desk.ts asks it to quit and reads back how the process should end.
import { sanitize } from '../core/text/sanitize.js';
import { runExitCleanups } from './exit-cleanup.js';
import { guardExit, reraise, SIGNAL_STATUS, type ExitSignal } from './exit-guard.js';
import { captureStderr, replayText } from './stderr-capture.js';
import { holdTerminal, type TerminalIo } from './terminal.js';

export interface TerminalOwner {
  /** End the desk with this status (and, for a signal, re-raise it afterwards). The first call decides. */
  quit(status: number, signal?: ExitSignal): void;
  readonly quitting: boolean;
  readonly status: number;
  readonly signal: ExitSignal | null;
  /** Hand what arrives on stderr to the desk (sanitised "stderr: …" lines, batched). */
  onStderrLines(listener: (lines: string[]) => void): () => void;
  /** Give the terminal back (raw mode off, cursor on, normal screen), then print what stderr got meanwhile. Idempotent. */
  letGo(): void;
  /** Remove the signal and crash handlers and run the exit cleanups still registered. */
  dispose(): void;
}

export interface OwnTerminalHooks {
  /** Take the desk off the screen (Ink unmount); called on quit and before a crash report. */
  unmount(): void;
}

export function ownTerminal(io: TerminalIo & { stderr: NodeJS.WriteStream }, hooks: OwnTerminalHooks): TerminalOwner {
  let status = 0;
  let signal: ExitSignal | null = null;
  let quitting = false;
  let released = false;

  const quit = (s: number, sig?: ExitSignal) => {
    if (!quitting) {
      quitting = true;
      status = s;
      signal = sig ?? null;
    }
    try {
      hooks.unmount();
    } catch {
      // a desk that cannot unmount is restored all the same
    }
  };
  // Capture first, so nothing written from here on lands on the desk.
  const captured = captureStderr({ stream: io.stderr });
  const hold = holdTerminal(io, { onLost: () => quit(SIGNAL_STATUS.SIGHUP, 'SIGHUP') });
  const print = (text: string) => {
    if (text === '' || hold.lost) return;
    try {
      io.stderr.write(text);
    } catch {
      // stderr went with the terminal
    }
  };
  const letGo = () => {
    if (released) return;
    released = true;
    hold.restore();
    print(replayText(captured.release(), io.stderr.isTTY === true));
  };
  const guard = guardExit({
    onSignal: (sig) => quit(SIGNAL_STATUS[sig], sig),
    onCrash: (err, sig) => {
      try {
        hooks.unmount();
      } catch {
        // already broken; the restore below is what matters
      }
      letGo();
      if (!sig) print(`taskdesk: crashed: ${describe(err)}\n`);
      guard.dispose();
      runExitCleanups();
      // A terminal that is gone cannot take Node's exit-time tty reset (it aborts); end by the signal instead.
      const by = sig ?? (hold.lost ? 'SIGHUP' : null);
      process.exit(by ? reraise(by) : 1);
    },
  });

  return {
    quit,
    get quitting() {
      return quitting;
    },
    get status() {
      return status;
    },
    get signal() {
      return signal;
    },
    onStderrLines: (listener) => captured.onLines(listener),
    letGo,
    dispose() {
      guard.dispose();
      runExitCleanups();
    },
  };
}

function describe(err: unknown): string {
  const text = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
  return sanitize(text, { multiline: true, maxLength: 4000 });
}
