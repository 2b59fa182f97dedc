// The command list: every key-driven thing the desk can do, with its default keys and the context
// where it applies. Help and the footer are generated from this list, so they are always true.
// No command sits on a Ctrl-letter (tmux and vim send those; tui-anchors.md §0 item 1). The terminal's
// own editing keys are fixed, not commands: Ctrl-L redraws; in a text line Ctrl-U/W/A/E/K edit as in
// readline; Ctrl-C quits (exit status 130).

/** Fixed terminal keys, listed in help beside the commands. */
export const FIXED_KEYS: { keys: string; description: string }[] = [
  { keys: 'Ctrl-L', description: 'redraw the whole screen' },
  { keys: 'Ctrl-C', description: 'quit at once (exit status 130)' },
  { keys: 'Ctrl-U Ctrl-W', description: 'in a text line: delete to the start / the word before the caret' },
  { keys: 'Ctrl-A Ctrl-E', description: 'in a text line: caret to the start / end (also Home / End)' },
  { keys: 'paste', description: 'pasted text goes only into a text line; elsewhere it is ignored' },
];

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
  { id: 'palette', description: 'command palette: filters (:mode :status :type :market …), :goto, :journal, :publish, :act-as, :withdraw … (Tab completes; :help lists all)', keys: [':'], context: 'global' },
  { id: 'back', description: 'back out one level (never quits)', keys: ['escape'], context: 'global' },
  { id: 'quit', description: 'quit the desk; in an open view or help, close it', keys: ['q'], context: 'global' },
  { id: 'task.new', description: 'new task (every mode and auction type)', keys: ['n'], context: 'global' },
  { id: 'refresh', description: 'poll the market now (and retry at once when it is down)', keys: ['R'], context: 'global' },
  { id: 'fleet', description: 'the Fleet view: every agent side by side, each pipeline per cycle (also :fleet)', keys: ['F'], context: 'global' },
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
  { id: 'move.pageDown', description: 'page down (a full page)', keys: ['pagedown'], context: 'list' },
  { id: 'move.pageUp', description: 'page up (a full page)', keys: ['pageup'], context: 'list' },
  { id: 'open', description: 'open the selected row', keys: ['enter'], context: 'list' },
  { id: 'copyId', description: "copy the selected task's full id to the clipboard (OSC 52)", keys: ['y'], context: 'list' },
  { id: 'task.act', description: "act on the selected task: choose one of this wallet's pending actions", keys: ['x'], context: 'list' },
  { id: 'orders', description: 'the Orders view: every armed order with its state, outcome and reason (also :orders)', keys: ['O'], context: 'list' },
  { id: 'arm.claim', description: "arm a claim rule from the Feed's current filters (a ticket: minimum reward, N; also :arm-claim)", keys: ['C'], context: 'feed' },
  { id: 'feed.filter', description: 'fuzzy filter the feed (Enter keeps, Esc clears)', keys: ['/'], context: 'feed' },
  { id: 'feed.sortNext', description: 'next sort order (newest, reward, reward-asc, deadline, price)', keys: ['>'], context: 'feed' },
  { id: 'feed.sortPrev', description: 'previous sort order', keys: ['<'], context: 'feed' },
  { id: 'clock.target', description: 'set a target price on the selected clock (empty clears)', keys: ['t'], context: 'clocks' },
  { id: 'clock.take', description: 'take the clock: auction-accept a dutch clock, bid on an English one', keys: ['b'], context: 'clocks' },
  { id: 'clock.ack', description: "acknowledge the selected clock's crossed target", keys: ['a'], context: 'clocks' },
  { id: 'inbox.markRead', description: 'toggle read/unread and move to the next unread', keys: ['m'], context: 'inbox' },
  { id: 'actions.role', description: 'cycle role filter: all / requester / worker', keys: ['r'], context: 'actions' },
  { id: 'view.down', description: 'scroll down', keys: ['j', 'down'], context: 'view' },
  { id: 'view.up', description: 'scroll up', keys: ['k', 'up'], context: 'view' },
  { id: 'view.top', description: 'scroll to top', keys: ['g', 'home'], context: 'view' },
  { id: 'view.bottom', description: 'scroll to bottom', keys: ['G', 'end'], context: 'view' },
  { id: 'view.pageDown', description: 'page down', keys: ['pagedown'], context: 'view' },
  { id: 'view.pageUp', description: 'page up', keys: ['pageup'], context: 'view' },
  { id: 'view.copyId', description: "copy the open task's full id (OSC 52)", keys: ['y'], context: 'view' },
  { id: 'orders.resume', description: 'in the Orders view: resume the selected paused or suspended order (it re-reads its task first)', keys: ['r'], context: 'view' },
  { id: 'orders.disarm', description: 'in the Orders view: disarm the selected order at once (no confirmation)', keys: ['d'], context: 'view' },
  { id: 'view.act', description: "act on the open task: choose one of this wallet's pending actions", keys: ['x'], context: 'view' },
] as const satisfies readonly Command[];

export type CommandId = (typeof COMMANDS)[number]['id'];

/** Contexts that can be active at the same moment as `ctx` (a key must be unique across them). */
export function overlappingContexts(ctx: KeyContext): KeyContext[] {
  if (ctx === 'global') return [...KEY_CONTEXTS];
  if (ctx === 'list') return ['global', 'list', 'feed', 'clocks', 'inbox', 'actions'];
  if (ctx === 'view') return ['global', 'view'];
  return ['global', 'list', ctx];
}
