// The open order ticket over the body: its lines scroll (PgUp/PgDn), the prompt and the confirmation
// line stay pinned at the bottom, so the operator always sees what they are about to confirm.
import { Box, Text } from 'ink';
import { memo, useEffect, useMemo } from 'react';
import { Pane } from '../components/pane.js';
import { useDeskContext } from '../context.js';
import { fit } from '../format.js';
import { useDesk, useUi } from '../hooks/use-desk.js';
import { contentColumns, contentRows, type Rect } from '../layout.js';
import { ticketPicture } from './ticket-lines.js';
import type { TicketState } from './model.js';

export const TicketView = memo(function TicketView({ rect, ticket }: { rect: Rect; ticket: TicketState }) {
  const { ui, theme, glyphs, store } = useDeskContext();
  // Re-drawn on every tick: checks, prices and windows move with market time.
  const now = useDesk((s) => s.now);
  const details = useDesk((s) => s.details);
  const conn = useDesk((s) => s.conn);
  const act = useDesk((s) => s.act);
  const width = contentColumns(rect);
  const pic = useMemo(() => ticketPicture(store.getState(), ticket, width, glyphs.ascii), [store, ticket, width, glyphs, now, details, conn, act]);
  const page = Math.max(1, contentRows(rect) - 2);
  const scroll = useUi((s) => s.ticket?.scroll ?? 0);
  useEffect(() => {
    const s = ui.getState();
    if (s.pages.ticket !== page || s.lineCounts.ticket !== pic.lines.length) ui.setState({ pages: { ...s.pages, ticket: page }, lineCounts: { ...s.lineCounts, ticket: pic.lines.length } });
  }, [ui, page, pic.lines.length]);
  const top = Math.min(scroll, Math.max(0, pic.lines.length - page));
  const more = pic.lines.length > page ? `lines ${top + 1}-${Math.min(pic.lines.length, top + page)} of ${pic.lines.length} (PgUp/PgDn)` : '';
  const tone = (t?: string) => (t ? theme.color[t as keyof typeof theme.color] : undefined);
  return (
    <Pane title={`Ticket: ${pic.title}`} focused width={rect.width} height={rect.height} info={more}>
      <Box flexDirection="column" height={page}>
        {pic.lines.slice(top, top + page).map((l, i) => (
          <Text key={top + i} wrap="truncate" bold={l.bold} color={tone(l.tone)}>
            {fit(l.text, width, glyphs.ascii)}
          </Text>
        ))}
      </Box>
      <Text wrap="truncate" bold={pic.prompt?.bold} color={tone(pic.prompt?.tone)}>
        {fit(pic.prompt?.text ?? '', width, glyphs.ascii)}
      </Text>
      <Text wrap="truncate" bold={pic.last.bold} color={tone(pic.last.tone)}>
        {fit(pic.last.text, width, glyphs.ascii)}
      </Text>
    </Pane>
  );
});
