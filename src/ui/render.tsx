// renderDesk: mounts the desk with Ink (ink-engineering.md §0/§6): maxFps 30, Ctrl-C exits (no action
// lives on a Ctrl-letter), console left unpatched. incrementalRendering is OFF by default: in ink 6.8.0
// its log-update moves up (lines − 1) after a frame that ended with a newline, so every update lands
// one row lower in a real terminal and unchanged rows are left as debris (reproduced in tmux
// with a 3-line counter). TASKDESK_INCREMENTAL=1 or { incremental: true } turns it on anyway.
import { render } from 'ink';
import type { StoreApi } from 'zustand/vanilla';
import type { DeskState } from '../store/state.js';
import { App } from './app.js';
import type { DeskActions } from './context.js';
import { buildKeymap, type Overrides } from './keys/keymap.js';
import { chooseGlyphs } from './theme/glyphs.js';
import { loadTheme } from './theme/load.js';

export interface RenderDeskOptions {
  /** Theme file name under themes/ (default "default"); NO_COLOR forces mono. */
  theme?: string;
  /** true: ASCII glyphs; false: Unicode; unset: Unicode only when the locale is UTF-8. */
  ascii?: boolean;
  /** Key overrides from config: command id → key(s). Problems are returned, not thrown. */
  keymap?: Overrides;
  /** Store/market actions wired by the caller (mark read, …). */
  actions?: DeskActions;
  /** Ink incrementalRendering (default off on ink 6.8.0, see the note at the top). */
  incremental?: boolean;
  env?: NodeJS.ProcessEnv;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  stderr?: NodeJS.WriteStream;
}

export interface DeskHandle {
  unmount(): void;
  waitUntilExit(): Promise<unknown>;
  /** Theme and keymap problems (unknown theme, bad keys, conflicts) for the caller to report. */
  problems: string[];
}

export function renderDesk(store: StoreApi<DeskState>, opts: RenderDeskOptions = {}): DeskHandle {
  const env = opts.env ?? process.env;
  const { theme, problems: themeProblems } = loadTheme(opts.theme ?? 'default', { env });
  const { keymap, problems: keyProblems } = buildKeymap(opts.keymap ?? {});
  const glyphs = chooseGlyphs({ ascii: opts.ascii, env });
  const stdout = opts.stdout ?? process.stdout;
  const actions: DeskActions = { bell: () => stdout.write('\x07'), ...opts.actions };
  const instance = render(<App store={store} theme={theme} glyphs={glyphs} keymap={keymap} actions={actions} />, {
    stdout,
    stdin: opts.stdin ?? process.stdin,
    stderr: opts.stderr ?? process.stderr,
    exitOnCtrlC: true,
    patchConsole: false,
    incrementalRendering: opts.incremental ?? env.TASKDESK_INCREMENTAL === '1',
    maxFps: 30,
  });
  return {
    unmount: () => instance.unmount(),
    waitUntilExit: () => instance.waitUntilExit(),
    problems: [...themeProblems, ...keyProblems],
  };
}
