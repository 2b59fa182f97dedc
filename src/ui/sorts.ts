// The Feed's sort orders: the cycle `<` / `>` walk, and the names the title and the palette use.
import type { FeedSort } from '../store/state.js';

export const SORT_CYCLE: FeedSort[] = ['newest', 'reward_desc', 'reward_asc', 'deadline_asc', 'clock_price'];
export const SORT_NAMES: Record<FeedSort, string> = { newest: 'newest', reward_desc: 'reward', reward_asc: 'reward-asc', deadline_asc: 'deadline', clock_price: 'price' };
