// The rows of each list pane, and their keys: one function per pane, shared by the pane that draws
// them and the key router that moves through them, so a key always acts on the row that is shown.
import type { Task } from '../core/types.js';
import { selectActions, selectClocks, selectFeed, type ActionRow, type LiveClock } from '../store/selectors.js';
import type { DeskState, Message } from '../store/state.js';
import { inboxItems } from './inbox-items.js';
import type { PaneId, RoleFilter } from './ui-store.js';

export const actionKey = (r: Pick<ActionRow, 'taskId' | 'action'>) => `${r.taskId}:${r.action.role}:${r.action.action}`;

export const feedRows = (s: DeskState): Task[] => selectFeed(s);
export const clockRows = (s: DeskState): LiveClock[] => selectClocks(s);
export const inboxRows = (s: DeskState): Message[] => inboxMemo(s.messages, s.emails);
export const actionRows = (s: DeskState, role: RoleFilter): ActionRow[] => selectActions(s, role);

let inboxIn: [DeskState['messages'], DeskState['emails']] | null = null;
let inboxOut: Message[] = [];
function inboxMemo(messages: DeskState['messages'], emails: DeskState['emails']): Message[] {
  if (inboxIn && inboxIn[0] === messages && inboxIn[1] === emails) return inboxOut;
  inboxIn = [messages, emails];
  inboxOut = inboxItems(messages, emails);
  return inboxOut;
}

const keysCache = new WeakMap<object, string[]>();
function keysOf<T extends object>(rows: T[], key: (r: T) => string): string[] {
  const hit = keysCache.get(rows);
  if (hit) return hit;
  const keys = rows.map(key);
  keysCache.set(rows, keys);
  return keys;
}

/** Row keys of a pane in display order (task ids, message keys, action keys). */
export function paneKeys(pane: PaneId, s: DeskState, role: RoleFilter): string[] {
  switch (pane) {
    case 'feed':
      return keysOf(feedRows(s), (t) => t.id);
    case 'clocks':
      return clockRows(s).map((c) => c.task.id);
    case 'inbox':
      return keysOf(inboxRows(s), (m) => m.key);
    case 'actions':
      return actionRows(s, role).map(actionKey);
  }
}
