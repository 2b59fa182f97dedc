// The one place keys are handled. Every key of a raw input event (keys/tokenize.ts) is dispatched on
// its own, in order, to whatever owns the keyboard at that moment — a text line, then help, then the
// open view, then the focused pane, then the global commands — reading the stores afresh for each key,
// so "2j" moves the Clocks pane and ":mode auction⏎" typed in one read fills the palette.
import type { StoreApi } from 'zustand/vanilla';
import type { DeskState } from '../../store/state.js';
import type { DeskActions } from '../context.js';
import { setFilter } from '../desk-actions.js';
import { flash, type UiStore } from '../ui-store.js';
import type { KeyContext } from './commands.js';
import type { Keymap } from './keymap.js';
import { atEnd, editLine, insertText } from './line-edit.js';
import { completePalette } from '../palette.js';
import { runGlobal, runPane, runScroll } from './router-commands.js';
import { submitInput, historyStep, cancelInput } from './router-input.js';
import { createTokenizer, type KeyEvent } from './tokenize.js';
import { ticketKey } from './router-ticket.js';
import { runOrders } from '../views/orders-keys.js';

export interface RouterContext {
  store: StoreApi<DeskState>;
  ui: UiStore;
  keymap: Keymap;
  actions: DeskActions;
  exit: () => void;
  /** What :clear returns to. */
  initial: Pick<DeskState, 'filter' | 'sort'>;
}

export interface KeyRouter {
  /** One raw input event from the terminal. */
  handle(raw: string): void;
  /** One key (tests, and the tokenizer's output). */
  key(ev: KeyEvent): void;
}

const INPUT_MAX = { palette: 200, filter: 120, target: 20, password: 256 } as const;

export function createKeyRouter(ctx: RouterContext): KeyRouter {
  const tokenize = createTokenizer();
  const router: KeyRouter = {
    handle(raw) {
      for (const ev of tokenize(raw)) router.key(ev);
    },
    key(ev) {
      const { ui, keymap } = ctx;
      // The terminal's own redraw works everywhere, a text line included.
      if (ev.name === 'ctrl+l') return void ctx.actions.redraw?.();
      const s = ui.getState();
      // An open order ticket is modal: every key is its own.
      if (s.ticket) return ticketKey(ctx, ev);
      if (s.input) return typeInto(ctx, ev);
      if (ev.paste !== undefined) return flash(ui, 'paste ignored: pasted text only goes into a text line', 'warn');
      if (s.overlay?.kind === 'help') {
        const cmd = keymap.resolveName(['view', 'global'], ev.name);
        if (cmd === 'back' || cmd === 'help' || cmd === 'quit') return ui.setState({ overlay: null });
        if (cmd) runScroll(ctx, 'help', cmd);
        return;
      }
      if (s.view) {
        const cmd = keymap.resolveName(['view', 'global'], ev.name);
        if (cmd) runOrders(ctx, cmd) || runGlobal(ctx, cmd) || runScroll(ctx, 'view', cmd);
        return;
      }
      const contexts: KeyContext[] = [s.focus, 'list', 'global'];
      const cmd = keymap.resolveName(contexts, ev.name);
      if (!cmd) return;
      runPane(ctx, s.focus, cmd) || runGlobal(ctx, cmd);
    },
  };
  return router;
}

/** A key while a text line is open: edit it, submit it, cancel it or walk its history. */
function typeInto(ctx: RouterContext, ev: KeyEvent): void {
  const { ui } = ctx;
  const input = ui.getState().input!;
  const max = INPUT_MAX[input.kind];
  if (ev.name === 'escape') return cancelInput(ctx);
  if (ev.name === 'enter') return submitInput(ctx);
  if (ev.name === 'up' || ev.name === 'down') return historyStep(ctx, ev.name === 'up' ? -1 : 1);
  if (ev.name === 'tab') {
    if (input.kind !== 'palette') return;
    const done = completePalette(input.value);
    const hint = done.candidates.length > 1 ? `one of: ${done.candidates.join(', ')}` : done.candidates.length === 0 ? 'no command starts so' : null;
    return ui.setState({ input: { ...input, ...atEnd(done.line), error: hint } });
  }
  let next;
  if (ev.paste !== undefined) next = insertText(input.replaceOnType ? { value: '', caret: 0 } : input, ev.paste.replace(/[\r\n]+/g, ' '), max);
  else if (input.replaceOnType && ev.text !== undefined) next = insertText({ value: '', caret: 0 }, ev.text, max);
  else next = editLine(input, ev.name, ev.text, max);
  if (!next) return;
  ui.setState({ input: { ...input, ...next, replaceOnType: false, error: null } });
  if (input.kind === 'filter') setFilter(ctx.store, { text: next.value });
}
