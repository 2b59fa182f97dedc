// Inbox: emails and XMTP messages, every one labelled UNTRUSTED; unread marker; Enter opens, m marks read.
import { Text } from 'ink';
import { memo, useCallback, useMemo } from 'react';
import { Pane } from '../components/pane.js';
import { useDeskContext } from '../context.js';
import { ago, fit } from '../format.js';
import { useDesk, useUi } from '../hooks/use-desk.js';
import { useListKeys } from '../hooks/use-list-keys.js';
import { inboxItems } from '../inbox-items.js';
import { contentColumns, contentRows, type Rect } from '../layout.js';
import { safe } from '../text.js';
import { markReadLocal } from '../desk-actions.js';
import { flash, windowStart } from '../ui-store.js';

export const InboxPane = memo(function InboxPane({ rect, focused }: { rect: Rect; focused: boolean }) {
  const { ui, store, theme, glyphs, actions } = useDeskContext();
  const messages = useDesk((s) => s.messages);
  const emails = useDesk((s) => s.emails);
  const now = useDesk((s) => s.now);
  const badLines = useDesk((s) => s.badLines ?? 0);
  const items = useMemo(() => inboxItems(messages, emails), [messages, emails]);
  const cursor = useUi((s) => s.cursor.inbox);
  const width = contentColumns(rect);
  const page = contentRows(rect);
  const count = items.length;
  const selected = Math.min(cursor, Math.max(0, count - 1));
  const start = windowStart(selected, count, page);
  const unread = items.filter((m) => !m.read).length;

  const onOpen = useCallback(
    (i: number) => {
      const m = items[i];
      if (m) ui.setState({ view: { kind: 'message', key: m.key }, viewScroll: 0 });
    },
    [items, ui],
  );
  useListKeys({
    pane: 'inbox',
    count,
    page,
    onOpen,
    onCommand: (id, i) => {
      if (id !== 'inbox.markRead') return;
      const m = items[i];
      if (!m) return;
      if (m.read) return flash(ui, 'already read');
      // The caller's action marks it at the market (and in the store); without one, the store alone.
      if (!actions.markRead) {
        markReadLocal(store, m.key);
        return flash(ui, 'marked read');
      }
      Promise.resolve(actions.markRead(m)).then(
        () => flash(ui, 'marked read'),
        (err: unknown) => flash(ui, `mark read failed: ${safe(err instanceof Error ? err.message : err, 'error')}`, 'error'),
      );
    },
  });

  return (
    <Pane title="Inbox" index={3} focused={focused} width={rect.width} height={rect.height} info={`${count ? `${selected + 1}/${count}  ${unread} unread` : 'empty'}${badLines ? `  ${badLines} bad lines skipped` : ''}`}>
      {items.slice(start, start + page).map((m, i) => {
        const sel = start + i === selected;
        const head = `${sel ? glyphs.pointer : ' '}${m.read ? ' ' : glyphs.unread} `;
        const rest = ` ${m.source === 'email' ? 'mail' : 'xmtp'} ${fit(safe(m.from, 'address'), 14, glyphs.ascii)} ${safe(m.subject || m.body, 'subject')}`;
        const when = ` ${ago(m.receivedAt, now)}`;
        const avail = Math.max(1, width - head.length - 'UNTRUSTED'.length - when.length);
        return (
          <Text key={m.key} wrap="truncate" inverse={sel && focused} bold={!m.read}>
            {head}
            <Text color={theme.color.untrusted}>UNTRUSTED</Text>
            <Text color={m.read ? theme.color.muted : theme.color.text}>{fit(rest, avail, glyphs.ascii)}</Text>
            <Text color={theme.color.muted}>{when}</Text>
          </Text>
        );
      })}
    </Pane>
  );
});
