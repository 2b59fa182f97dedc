// `?` help: every command with its effective keys, generated from the command list and key map so
// it is always true, plus the fixed terminal keys, the palette grammar and any notices. The key
// router scrolls it (view keys) and closes it (?, q, Esc).
import { Text } from 'ink';
import { memo, useEffect, useMemo } from 'react';
import { Pane } from '../components/pane.js';
import { useDeskContext } from '../context.js';
import { fit } from '../format.js';
import { useDesk, useUi } from '../hooks/use-desk.js';
import { safe } from '../text.js';
import { COMMANDS, FIXED_KEYS, KEY_CONTEXTS, type KeyContext } from '../keys/commands.js';
import { keyLabel, type Keymap } from '../keys/keymap.js';
import { contentColumns, contentRows, type Rect } from '../layout.js';
import { PALETTE_COMMANDS } from '../palette.js';

const CONTEXT_TITLE: Record<KeyContext, string> = {
  global: 'Everywhere',
  list: 'In any list pane',
  feed: 'Feed',
  clocks: 'Clocks',
  inbox: 'Inbox',
  actions: 'Actions',
  view: 'In an open view (task, message, action)',
};

export function helpLines(keymap: Keymap, ascii: boolean, notices: readonly string[] = []): { text: string; heading?: boolean }[] {
  const out: { text: string; heading?: boolean }[] = [];
  if (notices.length) {
    out.push({ text: 'Notices (config problems stay here until the file is fixed)', heading: true });
    for (const n of notices) out.push({ text: `  ${safe(n, 'error')}` });
  }
  for (const ctx of KEY_CONTEXTS) {
    out.push({ text: CONTEXT_TITLE[ctx], heading: true });
    for (const c of COMMANDS.filter((x) => x.context === ctx)) {
      const keys = keymap.keysFor(c.id).map((k) => keyLabel(k, ascii)).join(' ') || '(unbound)';
      out.push({ text: `  ${keys.padEnd(16)}${c.description}` });
    }
  }
  out.push({ text: 'Terminal keys (fixed)', heading: true });
  for (const k of FIXED_KEYS) out.push({ text: `  ${k.keys.padEnd(16)}${k.description}` });
  out.push({ text: 'Palette (:)  Tab completes the command, Up/Down recall earlier lines', heading: true });
  for (const p of PALETTE_COMMANDS) out.push({ text: `  :${p.usage}` }, { text: `      ${p.description}` });
  out.push({ text: 'No command is bound to a Ctrl-letter (tmux and vim send those).' });
  return out;
}

export const HelpOverlay = memo(function HelpOverlay({ rect }: { rect: Rect }) {
  const { ui, theme, keymap, glyphs } = useDeskContext();
  const scroll = useUi((s) => s.helpScroll);
  const notices = useDesk((s) => s.notices);
  const lines = useMemo(() => helpLines(keymap, glyphs.ascii, notices ?? []), [keymap, glyphs, notices]);
  const page = contentRows(rect);
  useEffect(() => {
    const s = ui.getState();
    if (s.pages.help !== page || s.lineCounts.help !== lines.length) ui.setState({ pages: { ...s.pages, help: page }, lineCounts: { ...s.lineCounts, help: lines.length } });
  }, [ui, page, lines.length]);
  const top = Math.min(scroll, Math.max(0, lines.length - page));
  const width = contentColumns(rect);
  return (
    <Pane title="Help" focused width={rect.width} height={rect.height} info={`${lines.length > page ? `${top + 1}-${Math.min(lines.length, top + page)} of ${lines.length}  ` : ''}? q Esc close`}>
      {lines.slice(top, top + page).map((l, i) => (
        <Text key={top + i} wrap="truncate" bold={l.heading} color={l.heading ? theme.color.title : theme.color.text}>
          {fit(l.text, width, glyphs.ascii)}
        </Text>
      ))}
    </Pane>
  );
});
