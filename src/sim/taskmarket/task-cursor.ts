// The GET /api/tasks cursor: one keyset order per sort over (sort key, createdAt, position in creation
// order), so walking nextCursor from page 1 visits every matching row exactly once, ties included.
//
// Deliberate difference: taskmarket-backend.md §1.2 says the real backend applies the cursor only to
// sort=newest (`createdAt < cursor`) and serves every other sort as a single page. The simulator pages
// every sort on purpose, so a client that follows hasMore/nextCursor never loops on a repeated page.
//
// Cursor strings: newest keeps the backend's ISO createdAt (the CLI and the desk send it back as is);
// under a shared millisecond it carries the row's position in 6 extra fraction digits (still the same ISO
// instant to Date.parse). Every other sort uses `ks1:<sort>:<key>:<createdAt ms>:<position>`, opaque to
// clients and told apart by its prefix.

export const LIST_SORTS = ['newest', 'reward_desc', 'reward_asc', 'deadline_asc', 'relevance'] as const;
export type ListSort = (typeof LIST_SORTS)[number];

/** Where a row sits in a sort's order. `pos` is its index in state.taskOrder (stable: tasks are never removed). */
export interface RowKey {
  /** reward (base units), expiry (ms) or relevance score; 0 for newest. */
  key: bigint;
  createdAt: number;
  pos: number;
}

const KEYSET = 'ks1:';
const ASCENDING: ReadonlySet<ListSort> = new Set(['reward_asc', 'deadline_asc']);

/** Negative when `a` comes first. The sort key in its direction, then newer createdAt, then later position. */
export function compareRows(sort: ListSort, a: RowKey, b: RowKey): number {
  if (a.key !== b.key) return (a.key < b.key) === ASCENDING.has(sort) ? -1 : 1;
  if (a.createdAt !== b.createdAt) return a.createdAt > b.createdAt ? -1 : 1;
  return b.pos - a.pos;
}

/** The decoded cursor, or null when it does not parse for this sort. */
export function parseCursor(sort: ListSort, raw: string): RowKey | null {
  if (sort === 'newest') {
    const at = Date.parse(raw);
    if (Number.isNaN(at)) return null;
    // No position digits: the backend's `createdAt < cursor`, i.e. after every row of that millisecond.
    const m = /\.\d{3}(\d{6})Z$/.exec(raw);
    return { key: 0n, createdAt: at, pos: m ? Number(m[1]) : -1 };
  }
  const m = /^ks1:([a-z_]+):(\d{1,80}):(\d{1,16}):(\d{1,9})$/.exec(raw);
  if (!m || m[1] !== sort) return null;
  const createdAt = Number(m[3]);
  if (!Number.isSafeInteger(createdAt)) return null;
  return { key: BigInt(m[2] as string), createdAt, pos: Number(m[4]) };
}

/** Why a cursor is refused (a zod issue message), or null when it parses. */
export function cursorProblem(sort: ListSort, raw: string): string | null {
  if (parseCursor(sort, raw) !== null) return null;
  return sort === 'newest'
    ? 'Invalid cursor: expected an ISO createdAt (the nextCursor of a sort=newest page)'
    : `Invalid cursor for sort=${sort}: pass the nextCursor of the previous sort=${sort} page`;
}

/** nextCursor after `last`, when `next` is the first row of the following page. */
export function formatCursor(sort: ListSort, last: RowKey, next: RowKey): string {
  if (sort !== 'newest') return `${KEYSET}${sort}:${last.key}:${last.createdAt}:${last.pos}`;
  const iso = new Date(last.createdAt).toISOString();
  // The backend's cursor skips rows sharing the last row's millisecond (every task under a frozen manual
  // clock): only then the position rides along. Six digits, not more: V8's Date.parse misreads 12
  // fraction digits when the milliseconds start with 0 (".065000000003" → 650 ms).
  return next.createdAt === last.createdAt ? iso.replace(/Z$/, `${String(last.pos).padStart(6, '0')}Z`) : iso;
}
