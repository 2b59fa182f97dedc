// `taskdesk` with a terminal: draw the desk first (config + an empty store, "connecting"), then open
// the market behind it, so the first frame never waits for the simulator or viem to load.
// Ink and React load here only, never on the --help / --version / no-terminal paths.
import { paintBootFrame } from '../ui/boot-frame.js';
import type { DeskArgs } from './args.js';
import { connectSession, prepareSession, type Session } from './session.js';

export async function runDesk(args: DeskArgs): Promise<number> {
  const prep = prepareSession(args);
  const { store, config } = prep;
  let session: Session | null = null;
  // The outline first (no Ink, no React: ~0.5 s sooner), then Ink takes the screen over cell by cell.
  const ascii = args.ascii || config.ascii ? true : undefined;
  const bootFrame =
    process.env.TASKDESK_BOOT_FRAME === '0' ? null : paintBootFrame(process.stdout, process.stdin, { badge: store.getState().conn.badge, ascii });
  const { renderDesk } = await import('../ui/render.js');
  const handle = renderDesk(store, {
    bootFrame,
    theme: args.theme ?? config.theme,
    ascii,
    keymap: config.keys,
    actions: {
      markRead: async (m) => {
        store.getState().markRead(m.key, true);
        if (m.source === 'email' && session && !store.getState().conn.readonly) {
          await session.backend.reader.markEmailRead(m.id, true).catch(() => {});
        }
      },
    },
  });
  store.getState().addNotices([...prep.problems, ...handle.problems]);
  const connecting = connectSession(prep, args).then(
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
  );
  const stopOnSignal = () => handle.unmount();
  process.once('SIGTERM', stopOnSignal);
  process.once('SIGHUP', stopOnSignal);
  try {
    await handle.waitUntilExit();
  } finally {
    process.off('SIGTERM', stopOnSignal);
    process.off('SIGHUP', stopOnSignal);
    await (await connecting)?.stop();
  }
  return 0;
}
