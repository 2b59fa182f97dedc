// `:` command palette on the footer line: the typed command is parsed by palette.ts and applied to
// the store's filters/sort; the result shows as a flash.
import { useState } from 'react';
import { TextInput } from '../components/text-input.js';
import { useDeskContext } from '../context.js';
import { setFilter, setSort } from '../desk-actions.js';
import { parsePalette } from '../palette.js';
import type { FeedFilter, FeedSort } from '../../store/state.js';
import { flash } from '../ui-store.js';

export function PaletteOverlay({ initial }: { initial: { filter: FeedFilter; sort: FeedSort } }) {
  const { store, ui, exit } = useDeskContext();
  const [value, setValue] = useState('');
  const history = ui.getState().paletteHistory;
  // Position in history while stepping with Up/Down; history.length means "the line being typed".
  const [pos, setPos] = useState(history.length);
  const close = () => ui.setState({ overlay: null });
  return (
    <TextInput
      prompt=":"
      value={value}
      placeholder="mode auction · status open · tags a,b · reward 1-5 · deadline 24 · sort price · clear"
      onChange={setValue}
      onCancel={close}
      onHistory={(step) => {
        const next = Math.max(0, Math.min(history.length, pos + step));
        setPos(next);
        setValue(history[next] ?? '');
      }}
      onSubmit={(line) => {
        const r = parsePalette(line);
        if (line.trim() && history.at(-1) !== line.trim()) ui.setState({ paletteHistory: [...history, line.trim()].slice(-50) });
        close();
        switch (r.kind) {
          case 'patch':
            if (r.filter) setFilter(store, r.filter);
            if (r.sort) setSort(store, r.sort);
            ui.setState({ cursor: { ...ui.getState().cursor, feed: 0, clocks: 0 } });
            return flash(ui, r.message);
          case 'clear':
            setFilter(store, { ...initial.filter, text: '' });
            setSort(store, initial.sort);
            return flash(ui, r.message);
          case 'help':
            return ui.setState({ overlay: { kind: 'help' }, helpScroll: 0 });
          case 'quit':
            return exit();
          case 'error':
            return flash(ui, r.message, 'error');
        }
      }}
    />
  );
}
