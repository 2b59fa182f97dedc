// renderDesk: mounts the desk with Ink (ink-engineering.md §0/§6): maxFps 30, console left unpatched.
// Ctrl-L repaints the whole screen: the key router calls actions.redraw, which is handle.redraw unless
// the caller wires its own. Ctrl-C is read straight off stdin, whatever the router does, and calls
// onInterrupt. No action lives on a Ctrl-letter.
//
// Incremental output is ON by default, but not Ink's: ink 6.8.0's incrementalRendering moves up
// (lines − 1) after a frame that ended with a newline, so every update lands one row lower and leaves
// debris (root cause in ./frame-writer.ts). We build Ink's instance ourselves and give it our own
// log-update (frame-writer: changed cells only, absolute cursor positions) before the first frame.
// TASKDESK_INCREMENTAL=0 or { incremental: false } falls back to Ink's full redraw per frame.
import { renameSync, writeFileSync } from 'node:fs';
import { render, useStdin } from 'ink';
import { useEffect, useRef, type ReactNode } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { DeskState } from '../store/state.js';
import { App } from './app.js';
import type { BootFrame } from './boot-frame.js';
import type { DeskActions } from './context.js';
import { createFrameLog, type FrameLog, type FrameLogOptions } from './frame-writer.js';
import { loadInkInternals } from './ink-internals.js';
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
  /** Colour level for Ink's chalk (0 none, 1 basic, 2 256, 3 truecolor); unset leaves chalk's own guess. */
  colorLevel?: ColorLevel;
  /** Ctrl-C (0x03 anywhere in what stdin delivered). Default: unmount, as Ink's exitOnCtrlC would. */
  onInterrupt?: () => void;
}

export type ColorLevel = 0 | 1 | 2 | 3;

export interface DeskHandle {
  unmount(): void;
  waitUntilExit(): Promise<unknown>;
  /** Theme and keymap problems (unknown theme, bad keys, conflicts) for the caller to report. */
  problems: string[];
  /** Forget what the terminal is believed to show, clear it and paint the last frame in full (Ctrl-L). */
  redraw(): void;
}

export function renderDesk(store: StoreApi<DeskState>, opts: RenderDeskOptions = {}): DeskHandle {
  const env = opts.env ?? process.env;
  const { theme, problems: themeProblems } = loadTheme(opts.theme ?? 'default', { env });
  const { keymap, problems: keyProblems } = buildKeymap(opts.keymap ?? {});
  const glyphs = chooseGlyphs({ ascii: opts.ascii, env });
  const stdout = opts.stdout ?? process.stdout;
  const incremental = opts.incremental ?? env.TASKDESK_INCREMENTAL !== '0';
  if (opts.colorLevel !== undefined && inkChalk) inkChalk.level = opts.colorLevel;
  let mounted: { instance: InkInstance; frameLog: FrameLog | null } | null = null;
  let live = true;
  const redraw = () => {
    if (!mounted || !live) return;
    const sync = stdout.isTTY === true;
    if (sync) stdout.write(BSU);
    if (mounted.frameLog) {
      const last = (mounted.instance as { lastOutput?: unknown }).lastOutput;
      mounted.frameLog.redraw(typeof last === 'string' ? last : undefined);
    }
    else repaintInkLog(mounted.instance, stdout);
    if (sync) stdout.write(ESU);
  };
  const actions: DeskActions = { bell: () => stdout.write('\x07'), redraw, ...opts.actions };
  const interrupt = opts.onInterrupt ?? (() => mounted?.instance.unmount());
  // Anywhere in a read: Ctrl-C pressed twice quickly, or with other keys over a slow link, still quits.
  const onChunk = (chunk: string) => {
    if (chunk.includes('\x03')) setImmediate(interrupt);
  };
  const node = (
    <>
      <App store={store} theme={theme} glyphs={glyphs} keymap={keymap} actions={actions} />
      <TerminalKeys onChunk={onChunk} />
    </>
  );
  const inkOptions = {
    stdout,
    stdin: opts.stdin ?? process.stdin,
    stderr: opts.stderr ?? process.stderr,
    debug: false,
    // Ctrl-C is ours (TerminalKeys): Ink's fires only when 0x03 arrives alone, and cannot say why it exited.
    exitOnCtrlC: false,
    patchConsole: false,
    incrementalRendering: false,
    concurrent: false,
    maxFps: 30,
  };
  const useFrameLog = incremental && InkClass !== null;
  // Ink's own log-update draws from the cursor down: start it from the top, over the boot frame.
  if (opts.bootFrame && !useFrameLog) stdout.write('\x1b[H\x1b[J');
  mounted = InkClass
    ? mountInk(node, inkOptions, useFrameLog ? { onFrame: frameDump(env.TASKDESK_FRAME_DUMP), seed: opts.bootFrame ?? undefined } : null)
    : { instance: render(node, inkOptions) as unknown as InkInstance, frameLog: null };
  const { instance } = mounted;
  const exited = instance.waitUntilExit();
  void exited.then(
    () => (live = false),
    () => (live = false),
  );
  return {
    unmount: () => {
      live = false;
      instance.unmount();
    },
    waitUntilExit: () => exited,
    problems: [...themeProblems, ...keyProblems],
    redraw,
  };
}

// ─── Terminal keys read off stdin ────────────────────────────────────────────────────────────────

/**
 * Hands every chunk stdin delivers to `onChunk`. The 'data' listener goes on only after Ink's own
 * 'readable' reader is attached (setRawMode below does that), so the stream never switches to flowing
 * mode and Ink still sees every key; it comes off with the desk, before Ink detaches its reader.
 */
function TerminalKeys({ onChunk }: { onChunk: (chunk: string) => void }): null {
  const { stdin, setRawMode, isRawModeSupported } = useStdin();
  const latest = useRef(onChunk);
  latest.current = onChunk;
  useEffect(() => {
    if (!isRawModeSupported) return;
    setRawMode(true);
    const onData = (data: string | Buffer) => latest.current(String(data));
    stdin.on('data', onData);
    return () => {
      stdin.off('data', onData);
      setRawMode(false);
    };
  }, [stdin, setRawMode, isRawModeSupported]);
  return null;
}

const BSU = '\x1b[?2026h';
const ESU = '\x1b[?2026l';

/** Ctrl-L on Ink's own log-update (TASKDESK_INCREMENTAL=0): wipe the screen and have Ink write its last output whole. */
function repaintInkLog(instance: InkInstance, stdout: NodeJS.WriteStream): void {
  const ink = instance as unknown as { log?: { sync?: (s: string) => void }; restoreLastOutput?: () => void };
  if (typeof ink.log?.sync !== 'function' || typeof ink.restoreLastOutput !== 'function') return;
  stdout.write('\x1b[H\x1b[0m\x1b[2J');
  ink.log.sync(''); // log-update now believes nothing is on screen, so it writes every line
  ink.restoreLastOutput();
}

// ─── Ink's instance with our log-update ──────────────────────────────────────────────────────────

interface InkInstance {
  log: unknown;
  render(node: ReactNode): void;
  unmount(): void;
  waitUntilExit(): Promise<unknown>;
}
type InkCtor = new (options: Record<string, unknown>) => InkInstance;

// ink/build/ink.js (the class render() uses; not in Ink's exports map) and Ink's chalk, via ./ink-internals.ts.
const internals = await loadInkInternals();
const InkClass: InkCtor | null = typeof internals.Ink === 'function' ? (internals.Ink as InkCtor) : null;
const inkChalk = isChalk(internals.chalk) ? internals.chalk : null;
shareInkOutputCaches(internals.Output);

function isChalk(c: unknown): c is { level: number } {
  return typeof c === 'function' || (typeof c === 'object' && c !== null) ? typeof (c as { level?: unknown }).level === 'number' : false;
}

/** What ink's render() does (build/render.js), with our frame log swapped in before the first frame when asked. */
function mountInk(node: ReactNode, options: Record<string, unknown> & { stdout: NodeJS.WriteStream }, frameOpts: FrameLogOptions | null) {
  const instance = new InkClass!(options);
  // Swap only a log shaped like ink 6.8's (a callable with these methods); otherwise keep Ink's own.
  const inks = instance.log as Record<string, unknown> | undefined;
  const shaped = typeof inks === 'function' && ['clear', 'done', 'sync', 'setCursorPosition', 'isCursorDirty', 'willRender'].every((k) => typeof inks[k] === 'function');
  const frameLog = frameOpts && shaped ? createFrameLog(options.stdout, frameOpts) : null;
  if (frameLog) instance.log = frameLog;
  else if (frameOpts?.seed) options.stdout.write('\x1b[H\x1b[J');
  instance.render(node);
  return { instance, frameLog };
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
