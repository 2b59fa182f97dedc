// The desk's hold on the terminal. It draws on the alternate screen, so whatever the shell showed
// before comes back on exit, and one idempotent restore() undoes everything the desk changed (raw
// mode, hidden cursor, colours, the alternate screen) on every way out: q, Ctrl-C, a signal, a crash.
// A terminal that goes away (SSH drop, tmux kill-session) shows up as EIO/EPIPE on a read or write;
// those errors are caught here (unhandled, they crash the process mid-cleanup) and reported as lost.
export const ENTER_ALT_SCREEN = '\x1b[?1049h';
/** Colours off, cursor shown, back to the normal screen (which brings the shell's text and cursor back). */
export const LEAVE_ALT_SCREEN = '\x1b[0m\x1b[?25h\x1b[?1049l';

export interface TerminalIo {
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  stderr?: NodeJS.WriteStream;
}

export interface TerminalHold {
  /** Leave raw mode and the alternate screen and show the cursor. Synchronous, idempotent, never throws. */
  restore(): void;
  /** True once a read or write on the terminal failed (it is gone); restore() then writes nothing. */
  readonly lost: boolean;
}

export interface HoldTerminalOptions {
  /** Called once, the first time the terminal is found gone. */
  onLost?: () => void;
}

export function holdTerminal(io: TerminalIo, opts: HoldTerminalOptions = {}): TerminalHold {
  const { stdout, stdin } = io;
  let lost = false;
  let restored = false;
  const onError = () => {
    if (lost) return;
    lost = true;
    opts.onLost?.();
  };
  // Kept for the rest of the process: a write after the terminal is gone must not become a crash.
  for (const s of [stdout, stdin, io.stderr ?? process.stderr]) s.on('error', onError);
  // A terminal that hangs up delivers end-of-file on stdin before (or instead of) SIGHUP.
  stdin.on('end', onError);
  write(stdout, ENTER_ALT_SCREEN);
  return {
    get lost() {
      return lost;
    },
    restore() {
      if (restored) return;
      restored = true;
      stdin.off('end', onError);
      try {
        if (stdin.isTTY) stdin.setRawMode(false);
      } catch {
        // a terminal that is gone cannot be configured; nothing to restore then
      }
      if (!lost) write(stdout, LEAVE_ALT_SCREEN);
    },
  };
}

function write(stream: NodeJS.WriteStream, data: string): void {
  try {
    if (!stream.destroyed && stream.writable !== false) stream.write(data);
  } catch {
    // reported through the 'error' listener
  }
}
