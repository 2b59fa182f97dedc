// The filtered, sorted feed, shared by Feed and Clocks: computed once per change of its inputs
// (a one-entry cache keyed by identity), not once per pane or per tick.
import type { Task } from '../../core/types.js';
import type { DeskState } from '../../store/state.js';
import { feedTasks } from '../feed-view.js';
import { useDesk } from './use-desk.js';

let last: { tasks: unknown; feedIds: unknown; filter: unknown; sort: unknown; nowKey: number; result: Task[] } | null = null;

/** Time only matters for the deadline filter and the clock-price sort. */
function nowKey(s: DeskState): number {
  return s.filter.deadlineHours !== null || s.sort === 'clock_price' ? s.now : 0;
}

export function selectFeed(s: DeskState): Task[] {
  const key = nowKey(s);
  if (last && last.tasks === s.tasks && last.feedIds === s.feedIds && last.filter === s.filter && last.sort === s.sort && last.nowKey === key) {
    return last.result;
  }
  const result = feedTasks(s.tasks, s.feedIds, s.filter, s.sort, s.now);
  last = { tasks: s.tasks, feedIds: s.feedIds, filter: s.filter, sort: s.sort, nowKey: key, result };
  return result;
}

export function useFeed(): Task[] {
  return useDesk(selectFeed);
}
