// What every pane needs besides its selectors: the desk store, the UI store, theme, glyphs, key map
// and the actions the caller wired in. Provided once by App.
import { createContext, useContext } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { DeskState, Message } from '../store/state.js';
import type { Keymap } from './keys/keymap.js';
import type { Glyphs } from './theme/glyphs.js';
import type { Theme } from './theme/schema.js';
import type { UiStore } from './ui-store.js';

export interface DeskActions {
  /** Mark an inbox message read (store/market action wired by the caller). */
  markRead?: (message: Message) => void | Promise<void>;
  /** Ring the terminal bell (default writes \x07 to stdout). */
  bell?: () => void;
}

export interface DeskContextValue {
  store: StoreApi<DeskState>;
  ui: UiStore;
  theme: Theme;
  glyphs: Glyphs;
  keymap: Keymap;
  actions: DeskActions;
  exit: () => void;
}

export const DeskContext = createContext<DeskContextValue | null>(null);

export function useDeskContext(): DeskContextValue {
  const ctx = useContext(DeskContext);
  if (!ctx) throw new Error('DeskContext missing: render panes inside <App>');
  return ctx;
}
