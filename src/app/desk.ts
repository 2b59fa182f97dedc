// `taskdesk` with a terminal: start a session and hand the store to the Ink desk (src/ui/render.tsx).
// Ink and React load here only, never on the --help / --version / no-terminal paths.
import type { DeskArgs } from './args.js';
import { startSession } from './session.js';

export async function runDesk(args: DeskArgs): Promise<number> {
  const [{ renderDesk }, session] = await Promise.all([import('../ui/render.js'), startSession(args)]);
  const { store, config } = session;
  const handle = renderDesk(store, {
    theme: args.theme ?? config.theme,
    ascii: args.ascii || config.ascii ? true : undefined,
    keymap: config.keys,
    actions: {
      markRead: async (m) => {
        store.getState().markRead(m.key, true);
        if (m.source === 'email' && !store.getState().conn.readonly) {
          await session.backend.reader.markEmailRead(m.id, true).catch(() => {});
        }
      },
    },
  });
  store.getState().addNotices([...session.problems, ...handle.problems]);
  const stopOnSignal = () => handle.unmount();
  process.once('SIGTERM', stopOnSignal);
  process.once('SIGHUP', stopOnSignal);
  try {
    await handle.waitUntilExit();
  } finally {
    process.off('SIGTERM', stopOnSignal);
    process.off('SIGHUP', stopOnSignal);
    await session.stop();
  }
  return 0;
}
