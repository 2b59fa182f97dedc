// `taskdesk` with a terminal: start a session and hand the store to the Ink desk (src/ui/render.tsx).
import type { DeskArgs } from './args.js';
import { optionalImport } from './optional-import.js';
import { startSession } from './session.js';

interface RenderModule {
  renderDesk: (
    store: unknown,
    opts: { theme?: string; ascii?: boolean; keymap?: Record<string, string | string[]>; actions?: Record<string, unknown> },
  ) => { waitUntilExit(): Promise<unknown>; unmount(): void; problems: string[] };
}



export async function runDesk(args: DeskArgs): Promise<number> {
  const ui = await optionalImport<RenderModule>('../ui/render.js');
  if (!ui) {
    process.stderr.write('taskdesk: this build has no desk UI; try `taskdesk watch --json`\n');
    return 2;
  }
  const session = await startSession(args);
  const { store, config } = session;
  const handle = ui.renderDesk(store, {
    theme: args.theme ?? config.theme,
    ascii: args.ascii || config.ascii,
    keymap: config.keys,
    actions: {
      markRead: async (m: { key: string; source: string; id: string }) => {
        store.getState().markRead(m.key, true);
        if (m.source === 'email') await session.backend.reader.markEmailRead(m.id, true).catch(() => {});
      },
    },
  });
  const problems = [...session.problems, ...handle.problems];
  store.getState().addNotices(problems);
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
