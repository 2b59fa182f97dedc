// The open view (task detail, message, or action), looked up fresh from the store on every change.
import { memo, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { liveActions } from '../../core/live-task.js';
import { useDesk, useUi } from '../hooks/use-desk.js';
import { inboxItems } from '../inbox-items.js';
import { contentColumns, type Rect } from '../layout.js';
import { safe } from '../text.js';
import { actionLines } from './action-lines.js';
import type { Line } from './lines.js';
import { LinesView } from './lines-view.js';
import { messageLines } from './message-lines.js';
import { journalLines } from './journal-lines.js';
import { fleetLines } from './fleet-lines.js';
import { useDeskContext } from '../context.js';
import { taskLines } from './task-lines.js';
import { emTaskLines } from './em-task-lines.js';

export const OpenView = memo(function OpenView({ rect }: { rect: Rect }) {
  const view = useUi((s) => s.view);
  const { actions, glyphs } = useDeskContext();
  const s = useDesk(useShallow((st) => ({ tasks: st.tasks, details: st.details, em: st.em, agent: st.conn.agent ?? null, messages: st.messages, emails: st.emails, now: st.now })));
  const width = contentColumns(rect);
  const built = useMemo((): { title: string; lines: Line[] } => {
    if (!view) return { title: '', lines: [] };
    if (view.kind === 'task') {
      const task = s.details[view.taskId]?.task ?? s.tasks[view.taskId];
      if (!task) return { title: 'Task', lines: [{ text: `task ${safe(view.taskId, 'id')} is no longer known`, tone: 'warning' }] };
      if (task.market === 'execution-market' && task.em) return { title: 'Task detail', lines: emTaskLines(task, s.em.details[view.taskId], s.now, width) };
      return { title: 'Task detail', lines: taskLines(task, s.details[view.taskId], s.now, width) };
    }
    if (view.kind === 'journal') return { title: 'Journal', lines: journalLines(actions.journal?.(), width) };
    if (view.kind === 'orders') return { title: 'Orders', lines: [] }; // drawn by views/orders-view.tsx (app.tsx)
    if (view.kind === 'fleet') return { title: 'Fleet', lines: fleetLines(actions.fleet?.(), { now: s.now, width, ascii: glyphs.ascii, pointer: glyphs.pointer, actingAs: s.agent }) };
    if (view.kind === 'message') {
      const m = inboxItems(s.messages, s.emails).find((x) => x.key === view.key);
      if (!m) return { title: 'Message', lines: [{ text: 'message no longer in the inbox', tone: 'warning' }] };
      return { title: 'Message', lines: messageLines(m, width, s.now) };
    }
    const task = s.details[view.taskId]?.task ?? s.tasks[view.taskId];
    const a = task?.pendingActions ? liveActions(task.pendingActions, task, s.now).find((x) => x.action === view.action && x.role === view.role) : undefined;
    if (!task || !a) return { title: 'Action', lines: [{ text: 'this action is no longer pending', tone: 'warning' }] };
    return { title: 'Action', lines: actionLines(task, a, s.now, width) };
  }, [view, s, width, actions, glyphs]);
  return <LinesView title={built.title} lines={built.lines} rect={rect} />;
});
