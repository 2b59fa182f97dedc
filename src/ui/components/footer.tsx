// Footer: key hints for where the operator is (from the command list and key map), or the latest
// flash message for a few seconds.
import { Box, Text } from 'ink';
import { memo } from 'react';
import { useDeskContext } from '../context.js';
import { useDesk, useUi } from '../hooks/use-desk.js';
import type { CommandId } from '../keys/commands.js';
import { keyLabel } from '../keys/keymap.js';
import type { PaneId } from '../ui-store.js';

export const FLASH_MS = 5_000;

const PANE_HINTS: Record<PaneId, CommandId[]> = {
  feed: ['open', 'feed.filter', 'feed.sortNext'],
  clocks: ['open', 'clock.target'],
  inbox: ['open', 'inbox.markRead'],
  actions: ['open', 'actions.role'],
};
const HINT_NAMES: Partial<Record<CommandId, string>> = {
  open: 'open', 'feed.filter': 'filter', 'feed.sortNext': 'sort', 'clock.target': 'target', 'inbox.markRead': 'read/unread', 'actions.role': 'role', refresh: 'refresh',
  help: 'help', palette: 'palette', 'pane.next': 'pane', quit: 'quit', back: 'back',
  'view.down': 'scroll', 'move.down': 'down', 'move.up': 'up',
};

export const Footer = memo(function Footer({ width }: { width: number }) {
  const { theme, keymap, glyphs } = useDeskContext();
  const focus = useUi((s) => s.focus);
  const inView = useUi((s) => s.view !== null);
  const flash = useUi((s) => s.flash);
  const now = useDesk((s) => s.now);
  const ids: CommandId[] = inView ? ['back', 'view.down', 'help'] : [...PANE_HINTS[focus], 'move.down', 'pane.next', 'palette', 'refresh', 'help', 'quit'];
  const hint = (id: CommandId) => `${keymap.keysFor(id).slice(0, 1).map((k) => keyLabel(k, glyphs.ascii)).join('') || '-'} ${HINT_NAMES[id] ?? id}`;
  // The flash shows for FLASH_MS of wall time; Date.now() is compared on each shared tick.
  void now; // subscribed so the flash expires on the next tick
  const showFlash = flash !== null && Date.now() - flash.at < FLASH_MS;
  const colour = flash?.level === 'error' ? theme.color.negative : flash?.level === 'warn' ? theme.color.warning : theme.color.accent;
  return (
    <Box height={1} width={width} overflow="hidden">
      {showFlash ? (
        <Text color={colour} wrap="truncate">
          {flash.text}
        </Text>
      ) : (
        <Text color={theme.color.muted} wrap="truncate">
          {ids.map(hint).join('  ')}
        </Text>
      )}
    </Box>
  );
});
