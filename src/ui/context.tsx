// What every pane needs besides its selectors: the desk store, the UI store, theme, glyphs, key map
// and the actions the caller wired in. Provided once by App.
import { createContext, useContext } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { GateStatus } from '../core/gate.js';
import type { Intent } from '../core/intent.js';
import type { FleetSnapshot } from '../store/fleet-state.js';
import type { ActionRow } from '../store/selectors.js';
import type { TicketOutcome } from './tickets/model.js';
import type { DeskState, Message } from '../store/state.js';
import type { Keymap } from './keys/keymap.js';
import type { Glyphs } from './theme/glyphs.js';
import type { Theme } from './theme/schema.js';
import type { UiStore } from './ui-store.js';

export interface DeskActions {
  /** Mark an inbox message read or unread (store and market, wired by the caller). */
  markRead?: (message: Message, read: boolean) => void | Promise<void>;
  /** Ring the terminal bell (default writes \x07 to stdout). */
  bell?: () => void;
  /** Repaint the whole screen (Ctrl-L). */
  redraw?: () => void;
  /** Poll every market now (R), retrying at once when it is down. */
  refresh?: () => void;
  /** Put text on the terminal's clipboard (OSC 52). */
  copy?: (text: string) => void;
  /** Enter on an Actions row: open its order ticket (when the desk can act); else the action view shows. */
  openAction?: (row: ActionRow) => void;
  /** Perform a confirmed Intent once: journal, execute, verify; resolves with the completion report. */
  /** The journal for the journal view (palette :journal). */
  journal?: () => { table: string[]; reports: { id: string; lines: string[] }[] };
  /** The fleet's agents and pipelines for the Fleet view (F, :fleet); null until the market is open. */
  fleet?: () => FleetSnapshot | null;
  /** Act as the fleet agent `name` (null: the desk's own wallet) from now on (palette :act-as). */
  actAs?: (name: string | null, password?: string) => Promise<{ ok: boolean; message: string }>;
  /** Whether acting as `name` needs its keystore's password typed; null when the desk cannot act as it. */
  agentNeedsPassword?: (name: string) => boolean | null;
  runIntent?: (intent: Intent, approval: Approval, extra: { shownPrice?: bigint | undefined; taskExpiresAt?: number | undefined }) => Promise<TicketOutcome>;
}

/** What the operator confirmed on a ticket (journaled as the `approved` step). */
export interface Approval {
  confirmation: 'typed' | 'press';
  phrase: string;
  checks: { id: string; status: GateStatus }[];
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
