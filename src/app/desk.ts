// `taskdesk` with a terminal: draw the desk first (config + an empty store, "connecting"), then open
// the market behind it, so the first frame never waits for the simulator or viem to load.
// Ink and React load here only, never on the --help / --version / no-terminal paths.
//
// The desk owns the terminal from the first byte to the last (./terminal-owner.ts): the alternate
// screen, stderr turned into notices, and one way out for q (0), Ctrl-C (130), SIGHUP/SIGTERM (the
// signal re-raised after a clean stop: 129/143 in a shell) and a crash (1, the error printed after
// the screen is restored).
import { paintBootFrame } from '../ui/boot-frame.js';
import type { DeskHandle } from '../ui/render.js';
import type { DeskArgs } from './args.js';
import { chooseColorLevel } from './color-level.js';
import { reraise, SIGNAL_STATUS } from './exit-guard.js';
import { connectSession, prepareSession, type Session } from './session.js';
import { ownTerminal } from './terminal-owner.js';
import { startTestHooks } from './test-hooks.js';

/** How long a signal waits for the clean stop (bots finishing a request, the sim closing) before it ends the process anyway. */
const SIGNAL_GRACE_MS = 3_000;

export async function runDesk(args: DeskArgs): Promise<number> {
  const prep = prepareSession(args);
  const { store, config } = prep;
  const env = process.env;
  let session: Session | null = null;
  let handle: DeskHandle | null = null;
  const owner = ownTerminal({ stdout: process.stdout, stdin: process.stdin, stderr: process.stderr }, { unmount: () => handle?.unmount() });
  let connecting: Promise<Session | null> = Promise.resolve(null);
  try {
    // The outline first (no Ink, no React: ~0.5 s sooner), then Ink takes the screen over cell by cell.
    const ascii = args.ascii || config.ascii ? true : undefined;
    const bootFrame =
      env.TASKDESK_BOOT_FRAME === '0' ? null : paintBootFrame(process.stdout, process.stdin, { badge: store.getState().conn.badge, ascii });
    // The market opens while Ink loads, so the first poll's rows are in the store by Ink's first frame
    // (TASKDESK_CONNECT_AFTER_INK=1: after, as before issue 9; the benchmark's comparison only).
    const connect = () => (connecting = connectSession(prep, args, { act: true }).then(
      (s) => {
        session = s;
        store.getState().addNotices(s.backend.notes);
        return s;
      },
      (err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        store.getState().setConn({ status: 'disconnected', lastError: `could not open the market: ${message}` });
        return null;
      },
    ));
    const early = env.TASKDESK_CONNECT_AFTER_INK !== '1';
    if (early) connect();
    const { renderDesk } = await import('../ui/render.js');
    handle = renderDesk(store, {
      bootFrame,
      theme: args.theme ?? config.theme,
      ascii,
      keymap: config.keys,
      colorLevel: chooseColorLevel(env, process.stdout.isTTY === true),
      onInterrupt: () => owner.quit(SIGNAL_STATUS.SIGINT),
      actions: {
        markRead: async (m, read) => {
          store.getState().markRead(m.key, read);
          if (m.source === 'email' && session && !store.getState().conn.readonly) {
            await session.backend.reader.markEmailRead(m.id, read).catch(() => {});
          }
        },
        refresh: () => session?.refresh(),
        journal: () => session?.acting?.journalView() ?? { table: ['the market is not open yet'], reports: [] },
        fleet: () => session?.fleet?.snapshot() ?? null,
        actAs: (name, password) => (session ? session.actAs(name, password) : Promise.resolve({ ok: false, message: 'the market is not open yet' })),
        agentNeedsPassword: (name) => session?.agentNeedsPassword(name) ?? null,
        // A ticket's confirmed Intent: performed once by the session's runner (journaled, verified).
        runIntent: (intent, approval, extra) =>
          session?.acting ? session.acting.runIntent(intent, approval, extra) : Promise.resolve({ ok: false, title: 'the market is not open yet', lines: [] }),
        // OSC 52: the terminal (and tmux with set-clipboard) puts the text on the clipboard. Only task ids go here.
        copy: (text) => void process.stdout.write(`\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`),
      },
    });
    owner.onStderrLines((lines) => store.getState().addNotices(lines));
    store.getState().addNotices([...prep.problems, ...handle.problems]);
    // A signal that came while Ink was loading: the way out (the market, if opening, is closed below).
    if (owner.quitting) handle.unmount();
    else if (!early) connect();
    const stopHooks = startTestHooks(env, process.stdout, connecting);
    try {
      await handle.waitUntilExit();
    } finally {
      stopHooks();
      // The shell's screen comes back at once; closing the market may take a few seconds more.
      owner.letGo();
    }
  } finally {
    owner.letGo();
    try {
      const stopping = connecting.then((s) => s?.stop());
      if (owner.signal) await Promise.race([stopping, new Promise((r) => setTimeout(r, SIGNAL_GRACE_MS).unref())]);
      else await stopping;
    } finally {
      owner.dispose();
    }
  }
  return owner.signal ? reraise(owner.signal) : owner.status;
}
