// A full-body scrollable view over prepared lines; only the visible slice is mounted. The key router
// scrolls it (j/k, g/G, PgUp/PgDn) and closes it (Esc, q); it reports its page and length for that.
import { Box, Text } from 'ink';
import { memo, useEffect } from 'react';
import { Pane } from '../components/pane.js';
import { useDeskContext } from '../context.js';
import { useUi } from '../hooks/use-desk.js';
import { contentColumns, contentRows, type Rect } from '../layout.js';
import { fit } from '../format.js';
import type { Line } from './lines.js';

export const LinesView = memo(function LinesView({ title, lines, rect }: { title: string; lines: Line[]; rect: Rect }) {
  const { ui, theme, glyphs } = useDeskContext();
  const scroll = useUi((s) => s.viewScroll);
  const page = contentRows(rect);
  useEffect(() => {
    const s = ui.getState();
    if (s.pages.view !== page || s.lineCounts.view !== lines.length) ui.setState({ pages: { ...s.pages, view: page }, lineCounts: { ...s.lineCounts, view: lines.length } });
  }, [ui, page, lines.length]);
  const top = Math.min(scroll, Math.max(0, lines.length - page));
  const width = contentColumns(rect);
  const info = `${lines.length > page ? `lines ${top + 1}-${Math.min(lines.length, top + page)} of ${lines.length}  ` : ''}Esc/q back`;
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
