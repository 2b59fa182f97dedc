// UI-only state (focus, open view, overlay, cursors): a small zustand vanilla store per desk, so
// panes subscribe to their own slice and key hooks act through getState() without re-rendering.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ActionName, ActionRole } from '../core/types.js';

export const PANES = ['feed', 'clocks', 'inbox', 'actions'] as const;
export type PaneId = (typeof PANES)[number];
export const PANE_TITLES: Record<PaneId, string> = { feed: 'Feed', clocks: 'Clocks', inbox: 'Inbox', actions: 'Actions' };

export type Overlay = { kind: 'help' } | { kind: 'palette' } | { kind: 'target'; taskId: string } | null;
export type View =
  | { kind: 'task'; taskId: string }
  | { kind: 'message'; key: string }
  | { kind: 'action'; taskId: string; action: ActionName; role: ActionRole }
  | null;
export type { RoleFilter } from '../store/selectors.js';
import type { RoleFilter } from '../store/selectors.js';
export type FlashLevel = 'info' | 'warn' | 'error';

export interface UiState {
  focus: PaneId;
  overlay: Overlay;
  view: View;
  viewScroll: number;
  helpScroll: number;
  /** True while the `/` filter line is being typed. */
  filterEditing: boolean;
  cursor: Record<PaneId, number>;
  roleFilter: RoleFilter;
  flash: { text: string; level: FlashLevel; at: number } | null;
  /** Palette lines entered this session, oldest first (Up recalls). */
  paletteHistory: string[];
}

export type UiStore = StoreApi<UiState>;

export function createUiStore(): UiStore {
  return createStore<UiState>()(() => ({
    focus: 'feed',
    overlay: null,
    view: null,
    viewScroll: 0,
    helpScroll: 0,
    filterEditing: false,
    cursor: { feed: 0, clocks: 0, inbox: 0, actions: 0 },
    roleFilter: 'all',
    flash: null,
    paletteHistory: [],
  }));
}

/** Move a pane's cursor to `next`, clamped to [0, count). */
export function setCursor(ui: UiStore, pane: PaneId, next: number, count: number): void {
  const clamped = Math.max(0, Math.min(next, count - 1));
  const cur = ui.getState().cursor;
  if (cur[pane] !== clamped) ui.setState({ cursor: { ...cur, [pane]: clamped } });
}

export function flash(ui: UiStore, text: string, level: FlashLevel = 'info'): void {
  ui.setState({ flash: { text, level, at: Date.now() } });
}

/** The first visible row of a window of `page` rows keeping `cursor` in view (centred scrolling). */
export function windowStart(cursor: number, count: number, page: number): number {
  if (count <= page) return 0;
  return Math.max(0, Math.min(cursor - Math.floor(page / 2), count - page));
}
