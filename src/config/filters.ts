// Turn the config's default filters (USDC text amounts) into the store's FeedFilter patch and sort.
import { parseUsdc } from '../core/money.js';
import type { FeedFilter, FeedSort } from '../store/state.js';
import type { FiltersConfig } from './schema.js';

export function filtersFromConfig(f: FiltersConfig): { filter: Partial<FeedFilter>; sort?: FeedSort } {
  const filter: Partial<FeedFilter> = {};
  if (f.status !== undefined) filter.status = f.status;
  if (f.mode !== undefined) filter.mode = f.mode;
  if (f.auctionType !== undefined) filter.auctionType = f.auctionType;
  if (f.tags !== undefined) filter.tags = f.tags;
  if (f.skill !== undefined) filter.skill = f.skill;
  if (f.minReward !== undefined) filter.minReward = f.minReward === null ? null : parseUsdc(f.minReward, { allowZero: true });
  if (f.maxReward !== undefined) filter.maxReward = f.maxReward === null ? null : parseUsdc(f.maxReward, { allowZero: true });
  if (f.deadlineHours !== undefined) filter.deadlineHours = f.deadlineHours;
  return f.sort !== undefined ? { filter, sort: f.sort } : { filter };
}
