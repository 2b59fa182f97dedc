// The feed as the operator sees it: the market's last listing, narrowed locally by the same filters
// the pollers send (so the view is right before the next poll lands) plus the `/` fuzzy text, sorted.
import { clockPriceAt } from './clock-view.js';
import type { Task } from '../core/types.js';
import type { FeedFilter, FeedSort } from '../store/state.js';

export function matchesFilter(task: Task, f: FeedFilter, now: number): boolean {
  if (f.status !== 'ALL' && task.status !== f.status) return false;
  if (f.mode && task.mode !== f.mode) return false;
  if (f.auctionType && task.auctionType !== f.auctionType) return false;
  if (f.tags.length > 0 && !f.tags.every((t) => task.tags.some((x) => x.toLowerCase() === t.toLowerCase()))) return false;
  if (f.skill && !task.tags.some((x) => x.toLowerCase() === f.skill!.toLowerCase())) return false;
  if (f.minReward !== null && task.reward < f.minReward) return false;
  if (f.maxReward !== null && task.reward > f.maxReward) return false;
  if (f.deadlineHours !== null) {
    const left = task.expiryTime - now;
    if (left <= 0 || left > f.deadlineHours * 3_600_000) return false;
  }
  if (f.text.trim() !== '' && !fuzzyMatch(task, f.text)) return false;
  return true;
}

/** Every space-separated term must be a substring of the task's text, or a subsequence of its short fields. */
export function fuzzyMatch(task: Task, text: string): boolean {
  const short = `${task.id} ${task.referenceCode ?? ''} ${task.mode} ${task.auctionType ?? ''} ${task.status} ${task.tags.join(' ')}`.toLowerCase();
  const long = `${short} ${task.description}`.toLowerCase();
  return text
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((term) => long.includes(term) || isSubsequence(term, short));
}

function isSubsequence(needle: string, hay: string): boolean {
  let i = 0;
  for (const ch of hay) if (ch === needle[i]) i++;
  return i === needle.length;
}

function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortTasks(tasks: Task[], sort: FeedSort, now: number): Task[] {
  const out = [...tasks];
  switch (sort) {
    case 'newest':
      return out.sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
    case 'reward_desc':
      return out.sort((a, b) => compareBig(b.reward, a.reward) || a.id.localeCompare(b.id));
    case 'reward_asc':
      return out.sort((a, b) => compareBig(a.reward, b.reward) || a.id.localeCompare(b.id));
    case 'deadline_asc':
      return out.sort((a, b) => a.expiryTime - b.expiryTime || a.id.localeCompare(b.id));
    case 'clock_price': {
      // Live clock auctions first by their current price (cheapest first); everything else after, by reward.
      const price = (t: Task) => clockPriceAt(t, now) ?? t.currentAuctionPrice ?? null;
      return out.sort((a, b) => {
        const pa = price(a);
        const pb = price(b);
        if (pa !== null && pb !== null) return compareBig(pa, pb) || a.id.localeCompare(b.id);
        if (pa !== null) return -1;
        if (pb !== null) return 1;
        return compareBig(a.reward, b.reward) || a.id.localeCompare(b.id);
      });
    }
  }
}

/** Ids in feed order: the market's listing (or every known task when nothing is listed yet). */
export function feedTasks(
  tasks: Record<string, Task>,
  feedIds: readonly string[],
  filter: FeedFilter,
  sort: FeedSort,
  now: number,
): Task[] {
  const source = feedIds.length > 0 ? feedIds.map((id) => tasks[id]).filter((t): t is Task => t !== undefined) : Object.values(tasks);
  return sortTasks(source.filter((t) => matchesFilter(t, filter, now)), sort, now);
}
