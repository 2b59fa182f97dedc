// UI-only state (focus, open view, overlays, the line being typed, each list's selection): a small
// zustand vanilla store per desk. The key router (keys/router.ts) is its only writer for key-driven
// changes; panes subscribe to their slice and render.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ActionName, ActionRole } from '../core/types.js';
import type { TicketState } from './tickets/model.js';

export const PANES = ['feed', 'clocks', 'inbox', 'actions'] as const;
export type PaneId = (typeof PANES)[number];
export const PANE_TITLES: Record<PaneId, string> = { feed: 'Feed', clocks: 'Clocks', inbox: 'Inbox', actions: 'Actions' };

export type Overlay = { kind: 'help' } | null;
export type View =
  | { kind: 'task'; taskId: string }
  | { kind: 'message'; key: string }
  | { kind: 'action'; taskId: string; action: ActionName; role: ActionRole }
  | { kind: 'journal' }
  | { kind: 'fleet' }
  /** Armed orders (views/orders-*.ts); `sel` is the selected row. */
  | { kind: 'orders'; sel: number }
  | null;
export type { RoleFilter } from '../store/selectors.js';
import type { RoleFilter } from '../store/selectors.js';
export type FlashLevel = 'info' | 'warn' | 'error';

/** The one line being typed, if any: it owns the keyboard (input priority). */
export type InputKind = 'palette' | 'filter' | 'target' | 'password';
export interface InputState {
  kind: InputKind;
  value: string;
  /** Caret position in code points. */
  caret: number;
  /** The first printable key replaces the whole value (a prefilled field, like a selected text box). */
  replaceOnType?: boolean;
  /** target: the clock it is for. */
  taskId?: string;
  /** password: the fleet agent whose keystore it opens (the line is drawn masked and kept nowhere). */
  agent?: string;
  /** Why the last Enter was refused; the line stays open with its text. */
  error?: string | null;
  /** palette: position while stepping through history with Up/Down. */
  historyPos?: number;
}

/**
 * A list's selection: the row's key (a task id, a message key), so it stays on its task through polls,
 * re-sorts, filters and inserts above it; `index` is where it was last seen (its neighbour takes over
 * if it leaves); `top` is the first visible row (scrolling moves only at the window's edges).
 */
export interface ListSel {
  key: string | null;
  index: number;
  top: number;
}

export interface UiState {
  focus: PaneId;
  overlay: Overlay;
  view: View;
  viewScroll: number;
  helpScroll: number;
  input: InputState | null;
  sel: Record<PaneId, ListSel>;
  /** Visible rows per list and view, reported by their components after layout (PgUp/PgDn step). */
  pages: Record<PaneId | 'view' | 'help' | 'ticket', number>;
  /** Lines in the open view, the help overlay and the ticket (for End / scroll limits). */
  lineCounts: { view: number; help: number; ticket: number };
  roleFilter: RoleFilter;
  /** The open order ticket (modal: it takes every key), or null. */
  ticket: TicketState | null;
  flash: { text: string; level: FlashLevel; at: number } | null;
  /** Palette lines entered this session, oldest first (Up recalls). */
  paletteHistory: string[];
}

export type UiStore = StoreApi<UiState>;

const noSel = (): ListSel => ({ key: null, index: 0, top: 0 });

export function createUiStore(): UiStore {
  return createStore<UiState>()(() => ({
    focus: 'feed',
    overlay: null,
    view: null,
    viewScroll: 0,
    helpScroll: 0,
    input: null,
    sel: { feed: noSel(), clocks: noSel(), inbox: noSel(), actions: noSel() },
    pages: { feed: 10, clocks: 5, inbox: 5, actions: 5, view: 20, help: 20, ticket: 20 },
    lineCounts: { view: 0, help: 0, ticket: 0 },
    roleFilter: 'all',
    ticket: null,
    flash: null,
    paletteHistory: [],
  }));
}

export function flash(ui: UiStore, text: string, level: FlashLevel = 'info'): void {
  ui.setState({ flash: { text, level, at: Date.now() } });
}

export function setSel(ui: UiStore, pane: PaneId, next: ListSel): void {
  const cur = ui.getState().sel[pane];
  if (cur.key === next.key && cur.index === next.index && cur.top === next.top) return;
  ui.setState({ sel: { ...ui.getState().sel, [pane]: next } });
}

/** Where a selection stands in `keys` now: its row, the window's first row, and whether its row left. */
export interface ResolvedSel {
  index: number;
  top: number;
  key: string | null;
  /** The selected key is no longer in the list (its neighbour at `index` is shown selected). */
  left: boolean;
}

export function resolveSel(sel: ListSel, keys: readonly string[], page: number): ResolvedSel {
  const n = keys.length;
  if (n === 0) return { index: 0, top: 0, key: null, left: sel.key !== null };
  const found = sel.key === null ? -1 : keys.indexOf(sel.key);
  const index = found >= 0 ? found : Math.max(0, Math.min(sel.index, n - 1));
  return { index, top: windowTop(sel.top, index, n, page), key: keys[index] ?? null, left: sel.key !== null && found < 0 };
}

/** The first visible row: the old one unless the selection left the window (edge scrolling, htop/k9s). */
export function windowTop(top: number, index: number, count: number, page: number): number {
  const p = Math.max(1, page);
  let t = Math.min(top, index);
  if (index >= t + p) t = index - p + 1;
  return Math.max(0, Math.min(t, Math.max(0, count - p)));
}
