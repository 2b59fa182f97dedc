// The command list: every key-driven thing the desk can do, with its default keys and the context
// where it applies. Help and the footer are generated from this list, so they are always true.
// No command sits on a Ctrl-letter (tmux and vim send those; tui-anchors.md §0 item 1).

export const KEY_CONTEXTS = ['global', 'list', 'feed', 'clocks', 'inbox', 'actions', 'view'] as const;
export type KeyContext = (typeof KEY_CONTEXTS)[number];

export interface Command {
  id: string;
  description: string;
  keys: string[];
  context: KeyContext;
}

export const COMMANDS = [
  { id: 'help', description: 'show this help', keys: ['?'], context: 'global' },
  { id: 'palette', description: 'command palette (:mode, :status, :tags, :reward, :deadline, :sort, :clear)', keys: [':'], context: 'global' },
  { id: 'back', description: 'back out one level (never quits)', keys: ['escape'], context: 'global' },
  { id: 'quit', description: 'quit (from the top level)', keys: ['q'], context: 'global' },
  { id: 'pane.next', description: 'next pane', keys: ['tab'], context: 'global' },
  { id: 'pane.prev', description: 'previous pane', keys: ['shift+tab'], context: 'global' },
  { id: 'pane.feed', description: 'focus Feed', keys: ['1'], context: 'global' },
  { id: 'pane.clocks', description: 'focus Clocks', keys: ['2'], context: 'global' },
  { id: 'pane.inbox', description: 'focus Inbox', keys: ['3'], context: 'global' },
  { id: 'pane.actions', description: 'focus Actions', keys: ['4'], context: 'global' },
  { id: 'move.down', description: 'down one row', keys: ['j', 'down'], context: 'list' },
  { id: 'move.up', description: 'up one row', keys: ['k', 'up'], context: 'list' },
  { id: 'move.top', description: 'first row', keys: ['g', 'home'], context: 'list' },
  { id: 'move.bottom', description: 'last row', keys: ['G', 'end'], context: 'list' },
  { id: 'move.pageDown', description: 'page down', keys: ['pagedown'], context: 'list' },
  { id: 'move.pageUp', description: 'page up', keys: ['pageup'], context: 'list' },
  { id: 'open', description: 'open the selected row', keys: ['enter'], context: 'list' },
  { id: 'feed.filter', description: 'fuzzy filter the feed (Enter keeps, Esc clears)', keys: ['/'], context: 'feed' },
  { id: 'clock.target', description: 'set a target price on the selected clock (empty clears)', keys: ['t'], context: 'clocks' },
  { id: 'clock.ack', description: "acknowledge the selected clock's crossed target", keys: ['a'], context: 'clocks' },
  { id: 'inbox.markRead', description: 'mark the selected message read', keys: ['m'], context: 'inbox' },
  { id: 'actions.role', description: 'cycle role filter: all / requester / worker', keys: ['r'], context: 'actions' },
  { id: 'view.down', description: 'scroll down', keys: ['j', 'down'], context: 'view' },
  { id: 'view.up', description: 'scroll up', keys: ['k', 'up'], context: 'view' },
  { id: 'view.top', description: 'scroll to top', keys: ['g', 'home'], context: 'view' },
  { id: 'view.bottom', description: 'scroll to bottom', keys: ['G', 'end'], context: 'view' },
  { id: 'view.pageDown', description: 'page down', keys: ['pagedown'], context: 'view' },
  { id: 'view.pageUp', description: 'page up', keys: ['pageup'], context: 'view' },
] as const satisfies readonly Command[];

export type CommandId = (typeof COMMANDS)[number]['id'];

/** Contexts that can be active at the same moment as `ctx` (a key must be unique across them). */
export function overlappingContexts(ctx: KeyContext): KeyContext[] {
  if (ctx === 'global') return [...KEY_CONTEXTS];
  if (ctx === 'list') return ['global', 'list', 'feed', 'clocks', 'inbox', 'actions'];
  if (ctx === 'view') return ['global', 'view'];
  return ['global', 'list', ctx];
}
