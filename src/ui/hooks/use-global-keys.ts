// Keys that work everywhere: ? help, : palette, Esc back (one level, never quits), q quit (top
// level only), Tab/Shift-Tab/1-4 pane focus. Inactive while a text input owns the keyboard.
import { useInput } from 'ink';
import { useDeskContext } from '../context.js';
import type { CommandId } from '../keys/commands.js';
import { openTask, setFilter } from '../desk-actions.js';
import { PANES, type PaneId } from '../ui-store.js';
import { useUi } from './use-desk.js';

const PANE_KEYS: Record<string, PaneId> = { 'pane.feed': 'feed', 'pane.clocks': 'clocks', 'pane.inbox': 'inbox', 'pane.actions': 'actions' };

export function useGlobalKeys(): void {
  const { ui, store, keymap, exit } = useDeskContext();
  const typing = useUi((s) => s.filterEditing || s.overlay?.kind === 'palette' || s.overlay?.kind === 'target');
  useInput(
    (input, key) => {
      for (const cmd of keymap.resolveAll(['global'], input, key)) run(cmd);
    },
    { isActive: !typing },
  );
  function run(cmd: CommandId): void {
    const s = ui.getState();
    // A chunk of keys may open a text input half-way; the rest of the chunk is not a command.
    if (s.filterEditing || s.overlay?.kind === 'palette' || s.overlay?.kind === 'target') return;
    if (s.overlay?.kind === 'help') {
      // Help takes keys first: only closing it does anything.
      if (cmd === 'back' || cmd === 'help' || cmd === 'quit') ui.setState({ overlay: null });
      return;
    }
    switch (cmd) {
      case 'help':
        return ui.setState({ overlay: { kind: 'help' }, helpScroll: 0 });
      case 'palette':
        return ui.setState({ overlay: { kind: 'palette' } });
      case 'back':
        if (s.view) {
          if (s.view.kind === 'task') openTask(store, null);
          return ui.setState({ view: null, viewScroll: 0 });
        }
        if (store.getState().filter.text) return setFilter(store, { text: '' });
        return;
      case 'quit':
        if (!s.view) exit();
        return;
      case 'pane.next':
      case 'pane.prev': {
        if (s.view) return;
        const i = PANES.indexOf(s.focus);
        const step = cmd === 'pane.next' ? 1 : PANES.length - 1;
        return ui.setState({ focus: PANES[(i + step) % PANES.length]! });
      }
      default: {
        const pane = PANE_KEYS[cmd];
        if (pane && !s.view) ui.setState({ focus: pane });
      }
    }
  }
}

