// The visible slice of a task list pane (only these rows are mounted) and what Enter on a row does:
// open the task view and fetch its detail. Shared by the Feed and Clocks panes.
import { useCallback } from 'react';
import type { Task } from '../../core/types.js';
import { useDeskContext } from '../context.js';
import { openTask } from '../desk-actions.js';
import { windowStart } from '../ui-store.js';

export function useTaskWindow(tasks: Task[], cursor: number, page: number) {
  const { ui, store } = useDeskContext();
  const count = tasks.length;
  const selected = Math.min(cursor, Math.max(0, count - 1));
  const start = windowStart(selected, count, page);
  const visible = tasks.slice(start, start + page);
  const onOpen = useCallback(
    (i: number) => {
      const t = tasks[i];
      if (!t) return;
      ui.setState({ view: { kind: 'task', taskId: t.id }, viewScroll: 0 });
      openTask(store, t.id);
    },
    [tasks, ui, store],
  );
  return { count, selected, start, visible, onOpen };
}
