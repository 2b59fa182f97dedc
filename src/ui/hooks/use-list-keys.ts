// Keys shared by every list pane: j/k/arrows, g/G, PgUp/PgDn, Enter; plus the pane's own commands.
// Active only while the pane has focus and no view, overlay or text input is open (input priority).
import { useInput } from 'ink';
import type { CommandId } from '../keys/commands.js';
import { useDeskContext } from '../context.js';
import { setCursor, type PaneId, type UiState } from '../ui-store.js';
import { useUi } from './use-desk.js';

export interface ListKeysOptions {
  pane: PaneId;
  count: number;
  page: number;
  onOpen?: (index: number) => void;
  /** The pane's own commands; return true when handled. */
  onCommand?: (id: CommandId, index: number) => boolean | void;
}

const ownsKeys = (s: UiState, pane: PaneId) => s.focus === pane && s.overlay === null && s.view === null && !s.filterEditing;

export function useListKeys({ pane, count, page, onOpen, onCommand }: ListKeysOptions): void {
  const { ui, keymap } = useDeskContext();
  const active = useUi((s) => ownsKeys(s, pane));
  const run = (cmd: CommandId): void => {
    // A chunk of keys ("jj\r") may open a view half-way; the rest is then not this pane's.
    if (!ownsKeys(ui.getState(), pane)) return;
    const cur = ui.getState().cursor[pane];
    switch (cmd) {
      case 'move.down':
        return setCursor(ui, pane, cur + 1, count);
      case 'move.up':
        return setCursor(ui, pane, cur - 1, count);
      case 'move.top':
        return setCursor(ui, pane, 0, count);
      case 'move.bottom':
        return setCursor(ui, pane, count - 1, count);
      case 'move.pageDown':
        return setCursor(ui, pane, cur + Math.max(1, page - 1), count);
      case 'move.pageUp':
        return setCursor(ui, pane, cur - Math.max(1, page - 1), count);
      case 'open':
        if (count > 0) onOpen?.(Math.min(cur, count - 1));
        return;
      default:
        onCommand?.(cmd, Math.min(cur, Math.max(0, count - 1)));
    }
  };
  useInput(
    (input, key) => {
      for (const cmd of keymap.resolveAll([pane, 'list'], input, key)) run(cmd);
    },
    { isActive: active },
  );
}
