// The filtered, sorted feed (store selector, memoised on its inputs), shared by Feed and Clocks.
import type { Task } from '../../core/types.js';
import { selectFeed } from '../../store/selectors.js';
import { useDesk } from './use-desk.js';

export function useFeed(): Task[] {
  return useDesk(selectFeed);
}
