// The Actions pane's rows: pendingActions on the wallet's inbox tasks (as requester or worker)
// that the wallet may take (taskmarket-backend.md §2.2: eligibleAddress, role). Pure.
import type { PendingAction, Task } from '../core/types.js';
import type { DeskState } from '../store/state.js';
import type { RoleFilter } from './ui-store.js';

export interface ActionItem {
  taskId: string;
  task: Task;
  /** Index in the task's pendingActions, to reopen the same entry. */
  index: number;
  action: PendingAction;
}

export function taskWithActions(s: Pick<DeskState, 'tasks' | 'details'>, id: string): Task | undefined {
  return s.details[id]?.task ?? s.tasks[id];
}

export function actionItems(s: Pick<DeskState, 'tasks' | 'details' | 'inbox' | 'conn'>, role: RoleFilter): ActionItem[] {
  const wallet = s.conn.wallet?.toLowerCase() ?? null;
  const ids = [...new Set([...s.inbox.asRequester, ...s.inbox.asWorker])];
  const out: ActionItem[] = [];
  for (const id of ids) {
    const task = taskWithActions(s, id);
    if (!task?.pendingActions) continue;
    task.pendingActions.forEach((action, index) => {
      if (action.role !== 'requester' && action.role !== 'worker') return;
      if (role !== 'all' && action.role !== role) return;
      // An action pinned to another address is not ours to take.
      if (action.eligibleAddress && wallet && action.eligibleAddress.toLowerCase() !== wallet) return;
      out.push({ taskId: id, task, index, action });
    });
  }
  return out.sort((a, b) => (a.action.availableUntil ?? Infinity) - (b.action.availableUntil ?? Infinity) || a.taskId.localeCompare(b.taskId) || a.index - b.index);
}
