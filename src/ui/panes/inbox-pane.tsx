// Inbox: emails and XMTP messages, all UNTRUSTED (the title says so, each row carries a mark in the
// untrusted colour); unread marker; Enter opens (and reads), m toggles read and moves to the next unread.
import { Text } from 'ink';
import { memo, useMemo } from 'react';
import { Pane } from '../components/pane.js';
import { useDeskContext } from '../context.js';
import { ago, fit, plural } from '../format.js';
import { useDesk } from '../hooks/use-desk.js';
import { useListSelection } from '../hooks/use-list-selection.js';
import { contentColumns, contentRows, type Rect } from '../layout.js';
import { inboxRows } from '../pane-rows.js';
import { safe } from '../text.js';
import { positionText } from './feed-pane.js';

export const InboxPane = memo(function InboxPane({ rect, focused }: { rect: Rect; focused: boolean }) {
  const { theme, glyphs } = useDeskContext();
  const items = useDesk(inboxRows);
  const keys = useMemo(() => items.map((m) => m.key), [items]);
  const now = useDesk((s) => s.now);
  const badLines = useDesk((s) => s.badLines ?? 0);
  const width = contentColumns(rect);
  const page = contentRows(rect);
  const sel = useListSelection('inbox', keys, page, () => 'the message');
  const unread = items.filter((m) => !m.read).length;
  const info = `${items.length ? `${positionText(sel.index, items.length, sel.top, page)}  ${unread} unread` : 'empty'}  all UNTRUSTED${badLines ? `  ${plural(badLines, 'bad line')} skipped` : ''}`;
  return (
    <Pane title="Inbox" index={3} focused={focused} width={rect.width} height={rect.height} info={info}>
      {items.slice(sel.top, sel.top + page).map((m, i) => {
        const selected = sel.top + i === sel.index;
        const head = `${selected ? glyphs.pointer : ' '}${m.read ? ' ' : glyphs.unread}`;
        const when = ` ${ago(m.receivedAt, now)}`;
        const from = fit(safe(m.from, 'address'), 16, glyphs.ascii);
        const subject = safe(m.subject || m.body, 'subject');
        const rest = fit(` ${m.source === 'email' ? 'mail' : 'xmtp'} ${from} ${subject}`, Math.max(1, width - head.length - 1 - when.length), glyphs.ascii);
        return (
          <Text key={m.key} wrap="truncate" inverse={selected && focused} bold={!m.read}>
            {head}
            <Text color={theme.color.untrusted}>!</Text>
            <Text color={m.read ? theme.color.muted : theme.color.text}>{rest}</Text>
            <Text color={theme.color.muted}>{when}</Text>
          </Text>
        );
      })}
    </Pane>
  );
});
