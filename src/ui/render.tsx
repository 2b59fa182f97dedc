// renderDesk: mounts the desk with Ink (ink-engineering.md §0/§6): maxFps 30, Ctrl-C exits (no action
// lives on a Ctrl-letter), console left unpatched.
//
// Incremental output is ON by default, but not Ink's: ink 6.8.0's incrementalRendering moves up
// (lines − 1) after a frame that ended with a newline, so every update lands one row lower and leaves
// debris (root cause in ./frame-writer.ts). We build Ink's instance ourselves and give it our own
// log-update (frame-writer: changed cells only, absolute cursor positions) before the first frame.
// TASKDESK_INCREMENTAL=0 or { incremental: false } falls back to Ink's full redraw per frame.
import { renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { render } from 'ink';
import type { ReactNode } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { DeskState } from '../store/state.js';
import { App } from './app.js';
import type { BootFrame } from './boot-frame.js';
import type { DeskActions } from './context.js';
import { createFrameLog, type FrameLogOptions } from './frame-writer.js';
import { shareInkOutputCaches } from './output-cache.js';
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
  /** Diff-write only changed cells (default on; TASKDESK_INCREMENTAL=0 turns it off). See the note at the top. */
  incremental?: boolean;
  /** The outline already painted before Ink loaded (./boot-frame.ts); Ink's first frame replaces it. */
  bootFrame?: BootFrame | null;
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
  const incremental = opts.incremental ?? env.TASKDESK_INCREMENTAL !== '0';
  const node = <App store={store} theme={theme} glyphs={glyphs} keymap={keymap} actions={actions} />;
  const inkOptions = {
    stdout,
    stdin: opts.stdin ?? process.stdin,
    stderr: opts.stderr ?? process.stderr,
    debug: false,
    exitOnCtrlC: true,
    patchConsole: false,
    incrementalRendering: false,
    concurrent: false,
    maxFps: 30,
  };
  const useFrameLog = incremental && InkClass !== null;
  // Ink's own log-update draws from the cursor down: start it from the top, over the boot frame.
  if (opts.bootFrame && !useFrameLog) stdout.write('\x1b[H\x1b[J');
  const instance = useFrameLog
    ? mountWithFrameLog(node, inkOptions, { onFrame: frameDump(env.TASKDESK_FRAME_DUMP), seed: opts.bootFrame ?? undefined })
    : render(node, inkOptions);
  return {
    unmount: () => instance.unmount(),
    waitUntilExit: () => instance.waitUntilExit(),
    problems: [...themeProblems, ...keyProblems],
  };
}

// ─── Ink's instance with our log-update ──────────────────────────────────────────────────────────

interface InkInstance {
  log: unknown;
  render(node: ReactNode): void;
  unmount(): void;
  waitUntilExit(): Promise<unknown>;
}
type InkCtor = new (options: Record<string, unknown>) => InkInstance;

/** ink/build/ink.js (the class render() uses; not in Ink's exports map), or null if this Ink has none. */
async function loadInkClass(): Promise<InkCtor | null> {
  try {
    const index = createRequire(import.meta.url).resolve('ink');
    const mod = (await import(new URL('./ink.js', pathToFileURL(index)).href)) as { default?: unknown };
    const Ink = mod.default as (InkCtor & { prototype: object }) | undefined;
    return typeof Ink === 'function' ? Ink : null;
  } catch {
    return null;
  }
}

const InkClass = await loadInkClass();
await shareInkOutputCaches();

/** What ink's render() does (build/render.js), with the log swapped before the first frame. */
function mountWithFrameLog(node: ReactNode, options: Record<string, unknown> & { stdout: NodeJS.WriteStream }, frameOpts: FrameLogOptions) {
  const instance = new InkClass!(options);
  // Swap only a log shaped like ink 6.8's (a callable with these methods); otherwise keep Ink's own.
  const inks = instance.log as Record<string, unknown> | undefined;
  const shaped = typeof inks === 'function' && ['clear', 'done', 'sync', 'setCursorPosition', 'isCursorDirty', 'willRender'].every((k) => typeof inks[k] === 'function');
  if (shaped) instance.log = createFrameLog(options.stdout, frameOpts);
  else if (frameOpts.seed) options.stdout.write('\x1b[H\x1b[J');
  instance.render(node);
  return instance;
}

/** TASKDESK_FRAME_DUMP=<file>: keep the last frame Ink asked for in <file> (the e2e screen check's oracle). */
function frameDump(path: string | undefined): ((str: string) => void) | undefined {
  if (!path) return undefined;
  return (str) => {
    try {
      writeFileSync(`${path}.tmp`, str);
      renameSync(`${path}.tmp`, path);
    } catch {
      // a test aid only
    }
  };
}
