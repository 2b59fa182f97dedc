// A full-body scrollable view over prepared lines; only the visible slice is mounted. Its keys
// (j/k, g/G, PgUp/PgDn) are active while it is the open view and no overlay sits on top.
import { Box, Text, useInput } from 'ink';
import { memo } from 'react';
import { Pane } from '../components/pane.js';
import { useDeskContext } from '../context.js';
import { useUi } from '../hooks/use-desk.js';
import { contentColumns, contentRows, type Rect } from '../layout.js';
import { fit } from '../format.js';
import { scrollTarget, type Line } from './lines.js';

export const LinesView = memo(function LinesView({ title, lines, rect }: { title: string; lines: Line[]; rect: Rect }) {
  const { ui, theme, keymap, glyphs } = useDeskContext();
  const scroll = useUi((s) => s.viewScroll);
  const active = useUi((s) => s.overlay === null);
  const page = contentRows(rect);
  const maxScroll = Math.max(0, lines.length - page);
  const top = Math.min(scroll, maxScroll);
  useInput(
    (input, key) => {
      for (const cmd of keymap.resolveAll(['view'], input, key)) {
        const next = scrollTarget(cmd, Math.min(ui.getState().viewScroll, maxScroll), maxScroll, page);
        if (next !== null) ui.setState({ viewScroll: next });
      }
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
