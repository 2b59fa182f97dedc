// A full-body scrollable view over prepared lines; only the visible slice is mounted. Its keys
// (j/k, g/G, PgUp/PgDn) are active while it is the open view and no overlay sits on top.
import { Box, Text, useInput } from 'ink';
import { memo } from 'react';
import { Pane } from '../components/pane.js';
import { useDeskContext } from '../context.js';
import { useUi } from '../hooks/use-desk.js';
import { contentColumns, contentRows, type Rect } from '../layout.js';
import { fit } from '../format.js';
import type { Line } from './lines.js';

export const LinesView = memo(function LinesView({ title, lines, rect }: { title: string; lines: Line[]; rect: Rect }) {
  const { ui, theme, keymap, glyphs } = useDeskContext();
  const scroll = useUi((s) => s.viewScroll);
  const active = useUi((s) => s.overlay === null);
  const page = contentRows(rect);
  const maxScroll = Math.max(0, lines.length - page);
  const top = Math.min(scroll, maxScroll);
  useInput(
    (input, key) => {
      const cmd = keymap.resolve(['view'], input, key);
      const cur = Math.min(ui.getState().viewScroll, maxScroll);
      const to = (n: number) => ui.setState({ viewScroll: Math.max(0, Math.min(n, maxScroll)) });
      if (cmd === 'view.down') to(cur + 1);
      else if (cmd === 'view.up') to(cur - 1);
      else if (cmd === 'view.top') to(0);
      else if (cmd === 'view.bottom') to(maxScroll);
      else if (cmd === 'view.pageDown') to(cur + page - 1);
      else if (cmd === 'view.pageUp') to(cur - page + 1);
    },
    { isActive: active },
  );
  const width = contentColumns(rect);
  const info = `${lines.length > page ? `lines ${top + 1}-${Math.min(lines.length, top + page)} of ${lines.length}` : ''}  Esc back`;
  return (
    <Pane title={title} focused width={rect.width} height={rect.height} info={info}>
      <Box flexDirection="column">
        {lines.slice(top, top + page).map((l, i) => (
          <Text key={top + i} wrap="truncate" bold={l.bold} color={l.tone ? theme.color[l.tone] : undefined}>
            {fit(l.text, width, glyphs.ascii)}
          </Text>
        ))}
      </Box>
    </Pane>
  );
});
