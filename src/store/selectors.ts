// Pure selectors over DeskState for the panes and the watch twin. Derived arrays are memoised on
// their inputs so React selectors (useSyncExternalStore) see stable results between ticks.
import { clockPrice } from '../core/clock.js';
import { isLiveAction } from '../core/live-task.js';
import type { IntentAction } from '../core/intent.js';
import type { ActionRole, AuctionType, Task } from '../core/types.js';
import { STALE_AFTER_MS } from './desk-store.js';
import type { DeskState, FeedFilter, FeedSort } from './state.js';

export function matchesFilter(task: Task, f: FeedFilter, now: number): boolean {
  const { fields, q } = compileFilter(f);
  return (fields === null || fields(task, now, null)) && (q.terms.length === 0 || matchKind(searchText(task), q) > 0);
}

type FieldTest = (task: Task, now: number, text: SearchText | null) => boolean;

/**
 * A filter compiled once: its fields other than the `/` text as one predicate (null when they let every
 * task through; tags and skill read the task's lowercased tags) and the text as a query.
 */
function compileFilter(f: FeedFilter): { fields: FieldTest | null; q: TextQuery; tags: boolean } {
  const q = textQuery(f.text);
  const tags = f.tags.map((t) => t.toLowerCase());
  const skill = f.skill ? f.skill.toLowerCase() : null;
  const byTags = tags.length > 0 || skill !== null;
  const open =
    f.market === 'all' && !f.category && !f.evidence && f.status === 'ALL' && !f.mode && !f.auctionType &&
    !byTags && f.minReward === null && f.maxReward === null && f.deadlineHours === null;
  if (open) return { fields: null, q, tags: false };
  const fields: FieldTest = (task, now, text) => {
    const market = task.market ?? 'taskmarket';
    if (f.market !== 'all' && market !== f.market) return false;
    if (f.category && task.em?.category !== f.category) return false;
    if (f.evidence && !task.em?.evidenceRequired.includes(f.evidence)) return false;
    if (f.status !== 'ALL' && task.status !== f.status) return false;
    if (f.mode && task.mode !== f.mode) return false;
    if (f.auctionType && task.auctionType !== f.auctionType) return false;
    if (byTags) {
      const own = lowerTags(text ?? searchText(task), task);
      if (!tags.every((t) => own.includes(t))) return false;
      if (skill !== null && !own.includes(skill)) return false;
    }
    if (f.minReward !== null && task.reward < f.minReward) return false;
    if (f.maxReward !== null && task.reward > f.maxReward) return false;
    if (f.deadlineHours !== null) {
      const left = task.expiryTime - now;
      if (left <= 0 || left > f.deadlineHours * 3_600_000) return false;
    }
    return true;
  };
  return { fields, q, tags: byTags };
}

const HEXISH = /^(0x)?[0-9a-f]+$/;

/**
 * A task's lowercased search fields, built once per task object (a changed task is a new object).
 * The fuzzy text is `short + ' ' + desc`: terms hold no whitespace, so a term is a substring of it
 * exactly when it is one of short or of desc.
 */
interface SearchText {
  /** id, reference code, mode, auction type, status and tags: the fields a term may match as a subsequence. */
  short: string;
  desc: string;
  /** fuzzyRank's prefixes. */
  id: string;
  ref: string;
  /**
   * fuzzyRank's text when it differs from short/desc: it keeps mode, type and status as they are (and
   * has an extra space without tags); with those lowercase already (lowercasing never looks across a
   * space) short and desc answer for it, and this is null.
   */
  rankLong: string | null;
  tags: string[] | null;
}

const searchCache = new WeakMap<Task, SearchText>();
const isLower = (x: string) => x === x.toLowerCase();

function searchText(task: Task): SearchText {
  let s = searchCache.get(task);
  if (s !== undefined) return s;
  const type = task.auctionType ?? '';
  const tags = task.tags.length === 0 ? '' : ` ${task.tags.length === 1 ? task.tags[0] : task.tags.join(' ')}`;
  // As [id, ref, mode, type, status, ...tags].join(' ') builds it, without join's cost.
  const short = `${task.id} ${task.referenceCode ?? ''} ${task.mode} ${type} ${task.status}${tags}`.toLowerCase();
  const desc = task.description.toLowerCase();
  const id = task.id.toLowerCase();
  const ref = (task.referenceCode ?? '').toLowerCase();
  const rankLong =
    isLower(task.mode) && isLower(type) && isLower(task.status)
      ? null
      : `${id} ${ref} ${task.mode} ${type} ${task.status} ${task.tags.join(' ').toLowerCase()} ${desc}`;
  s = { short, desc, id, ref, rankLong, tags: null };
  searchCache.set(task, s);
  return s;
}

function lowerTags(s: SearchText, task: Task): string[] {
  return (s.tags ??= task.tags.map((t) => t.toLowerCase()));
}

/** The `/` text as terms, each with its hex-likeness, its 0x-prefixed form and whether it holds a surrogate. */
interface TextQuery {
  terms: string[];
  hexish: boolean[];
  prefixed: string[];
  surrogate: boolean[];
}

let lastQuery: { text: string; q: TextQuery } | null = null;

function textQuery(text: string): TextQuery {
  if (lastQuery?.text === text) return lastQuery.q;
  const ts = terms(text);
  const q = { terms: ts, hexish: ts.map((t) => HEXISH.test(t)), prefixed: ts.map((t) => `0x${t}`), surrogate: ts.map((t) => /[\ud800-\udfff]/.test(t)) };
  lastQuery = { text, q };
  return q;
}

/** 0: some term matches nowhere; 1: every term is a substring; 2: a match, some term only as a subsequence. */
function matchKind(s: SearchText, q: TextQuery): 0 | 1 | 2 {
  let kind: 1 | 2 = 1;
  for (let i = 0; i < q.terms.length; i++) {
    const term = q.terms[i]!;
    if (s.short.includes(term) || s.desc.includes(term)) continue;
    if (q.hexish[i] || !isSubsequence(term, s.short, q.surrogate[i]!)) return 0;
    kind = 2;
  }
  return kind;
}

/**
 * Each space-separated term is a substring of the task's text or a subsequence of its short fields.
 * Terms that look like hex (ids, digits) match as substrings only: a 64-digit id holds almost any short
 * digit sequence as a subsequence, so "4538" would match nearly every task.
 */
export function fuzzyMatch(task: Task, text: string): boolean {
  const q = textQuery(text);
  return q.terms.length === 0 || matchKind(searchText(task), q) > 0;
}

const terms = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);

/** needle's code units in order in hay, hay read by code point (a surrogate pair never matches one unit). */
function isSubsequence(needle: string, hay: string, surrogate: boolean): boolean {
  if (!surrogate) {
    // No surrogate in the needle: a unit found by indexOf is a whole character of hay; greedy is exact.
    let at = 0;
    for (let i = 0; i < needle.length; i++) {
      const j = hay.indexOf(needle[i]!, at);
      if (j < 0) return false;
      at = j + 1;
    }
    return true;
  }
  let i = 0;
  for (const ch of hay) if (i < needle.length && ch === needle[i]) i++;
  return i === needle.length;
}

/** 0: the id (or reference code) starts with a term; 1: every term is a substring; 2: subsequence matches. */
export function fuzzyRank(task: Task, text: string): number {
  const s = searchText(task);
  const q = textQuery(text);
  return rankOf(s, q, q.terms.length === 0 ? 1 : matchKind(s, q));
}

/** String.prototype.startsWith, unit by unit: most rows fail at the first unit, and this inlines. */
function startsWith(hay: string, prefix: string): boolean {
  if (prefix.length > hay.length) return false;
  for (let i = 0; i < prefix.length; i++) if (hay.charCodeAt(i) !== prefix.charCodeAt(i)) return false;
  return true;
}

/** The rank of a task whose matchKind is `kind`. */
function rankOf(s: SearchText, q: TextQuery, kind: number): number {
  for (let i = 0; i < q.terms.length; i++) {
    const t = q.terms[i]!;
    if (startsWith(s.id, t) || startsWith(s.id, q.prefixed[i]!) || (s.ref !== '' && startsWith(s.ref, t))) return 0;
  }
  const long = s.rankLong;
  if (long !== null) return q.terms.every((t) => long.includes(t)) ? 1 : 2;
  return kind === 1 ? 1 : 2;
}

const cmp = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

/** The price the operator would pay/receive now: the local clock for dutch kinds, else the market's. */
export function livePrice(task: Task, now: number): bigint | null {
  return clockPrice(task, now) ?? task.currentAuctionPrice ?? task.currentLowestBid ?? null;
}

/** Each task's place in id order, ties (the same id) in list order: the sorts' last key, as one number. */
function idRanks(tasks: readonly Task[]): Int32Array {
  const ids = tasks.map((t) => t.id);
  const order = Array.from(ids.keys()).sort((a, b) => {
    const x = ids[a]!;
    const y = ids[b]!;
    return x < y ? -1 : x > y ? 1 : a - b;
  });
  const rank = new Int32Array(tasks.length);
  for (let r = 0; r < order.length; r++) rank[order[r]!] = r;
  return rank;
}

const EXACT = 2n ** 53n;

/** bigints as doubles when every one converts exactly (the comparators then stay in numbers), else null. */
function asDoubles(xs: readonly bigint[]): Float64Array | null {
  const out = new Float64Array(xs.length);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!;
    if (x > EXACT || x < -EXACT) return null;
    out[i] = Number(x);
  }
  return out;
}

/**
 * The list positions of `tasks` in a Feed order: each order a strict total order ending in the id (r),
 * so sorting a filtered list and filtering the sorted list agree. Keys are read once per task.
 */
function sortOrder(tasks: readonly Task[], sort: FeedSort, now: number, r: Int32Array): Int32Array {
  const n = tasks.length;
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  switch (sort) {
    case 'newest': {
      const k = Float64Array.from(tasks, (t) => t.createdAt);
      return idx.sort((a, b) => k[b]! - k[a]! || r[a]! - r[b]!);
    }
    case 'deadline_asc': {
      const k = Float64Array.from(tasks, (t) => t.expiryTime);
      return idx.sort((a, b) => k[a]! - k[b]! || r[a]! - r[b]!);
    }
    case 'reward_desc':
    case 'reward_asc': {
      const big = tasks.map((t) => t.reward);
      const k = asDoubles(big);
      const sign = sort === 'reward_asc' ? 1 : -1;
      if (k) return idx.sort((a, b) => sign * (k[a]! - k[b]!) || r[a]! - r[b]!);
      return idx.sort((a, b) => sign * cmp(big[a]!, big[b]!) || r[a]! - r[b]!);
    }
    case 'clock_price': {
      // Tasks with a live price first, cheapest first; the rest after by reward.
      const group = new Uint8Array(n);
      const big = tasks.map((t, i) => {
        const p = livePrice(t, now);
        if (p !== null) return p;
        group[i] = 1;
        return t.reward;
      });
      const k = asDoubles(big);
      if (k) return idx.sort((a, b) => group[a]! - group[b]! || k[a]! - k[b]! || r[a]! - r[b]!);
      return idx.sort((a, b) => group[a]! - group[b]! || cmp(big[a]!, big[b]!) || r[a]! - r[b]!);
    }
  }
}

export function sortTasks(tasks: Task[], sort: FeedSort, now: number): Task[] {
  return Array.from(sortOrder(tasks, sort, now, idRanks(tasks)), (i) => tasks[i]!);
}

/** Memoise a selector on a list of inputs compared by identity. */
function memo<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let last: A | null = null;
  let value: R;
  return (...args: A) => {
    if (last && last.length === args.length && last.every((x, i) => Object.is(x, args[i]))) return value;
    last = args;
    value = fn(...args);
    return value;
  };
}

/** One listing of the Feed and what is derived from it once: id ranks, search text, each sort order, the field mask. */
interface FeedListing {
  tasks: Task[];
  ranks: Int32Array | null;
  text: ListingText | null;
  orders: Map<FeedSort, SortedFeed>;
  /** The clock order, for one instant of market time. */
  clock: { now: number; sorted: SortedFeed } | null;
  /** Which tasks pass the filter's fields other than the text (null: all), kept while those fields hold. */
  mask: { filter: FeedFilter; now: number; keep: Uint8Array | null } | null;
}

interface SortedFeed {
  listing: FeedListing;
  order: Int32Array;
  rows: Task[] | null;
}

/**
 * Every task's search text, and all of them as one string (`short desc` per task, a newline between
 * tasks) with each task's end: a term is found with one sweep of indexOf over the whole listing. The
 * short fields alone are joined the same way for the subsequence sweep.
 */
interface ListingText {
  texts: SearchText[];
  all: string;
  /** Where each task's text ends in `all` (it starts one past the previous end). */
  end: Int32Array;
  shorts: string;
  shortEnd: Int32Array;
  /** fuzzyRank's prefixes: each task's lowercased id, newline, reference code, newline. */
  keys: string;
  /** Where each task's id starts in `keys`, where its reference code starts, and where that ends. */
  idAt: Int32Array;
  refAt: Int32Array;
  refEnd: Int32Array;
  /** Tasks whose fuzzyRank text is their own (rankLong), not short and desc. */
  ownRank: Uint8Array;
}

// Both markets' listings, each task once (the store merges pages by id; the Set makes it the pane's property too).
const listingMemo = memo((tasks: DeskState['tasks'], ids: string[], emIds: string[]): FeedListing => {
  const seen = new Set<string>();
  const out: Task[] = [];
  for (const list of [ids, emIds]) {
    for (const id of list) {
      if (seen.has(id)) continue;
      seen.add(id);
      const t = tasks[id];
      if (t !== undefined) out.push(t);
    }
  }
  return { tasks: out, ranks: null, text: null, orders: new Map(), clock: null, mask: null };
});

function listingText(l: FeedListing): ListingText {
  if (l.text) return l.text;
  const n = l.tasks.length;
  const texts = l.tasks.map(searchText);
  const end = new Int32Array(n);
  const shortEnd = new Int32Array(n);
  const idAt = new Int32Array(n);
  const refAt = new Int32Array(n);
  const refEnd = new Int32Array(n);
  const ownRank = new Uint8Array(n);
  let at = -1;
  let atShort = -1;
  let atKey = 0;
  for (let i = 0; i < n; i++) {
    const t = texts[i]!;
    atShort += 1 + t.short.length;
    shortEnd[i] = atShort;
    at += 1 + t.short.length + 1 + t.desc.length;
    end[i] = at;
    idAt[i] = atKey;
    refAt[i] = atKey + t.id.length + 1;
    refEnd[i] = refAt[i]! + t.ref.length;
    atKey = refEnd[i]! + 1;
    ownRank[i] = t.rankLong === null ? 0 : 1;
  }
  l.text = {
    texts,
    all: texts.map((t) => `${t.short} ${t.desc}`).join('\n'),
    end,
    shorts: texts.map((t) => t.short).join('\n'),
    shortEnd,
    keys: texts.map((t) => `${t.id}\n${t.ref}\n`).join(''),
    idAt,
    refAt,
    refEnd,
    ownRank,
  };
  return l.text;
}

/** `keys` holds `prefix` at `from`, within `to` (String.prototype.startsWith on a span, unit by unit). */
function prefixAt(keys: string, from: number, to: number, prefix: string): boolean {
  if (prefix.length > to - from) return false;
  for (let i = 0; i < prefix.length; i++) if (keys.charCodeAt(from + i) !== prefix.charCodeAt(i)) return false;
  return true;
}

/** rankOf over the listing's strings for task j, whose matchKind is `kind`. */
function rankAt(lt: ListingText, j: number, q: TextQuery, kind: number): number {
  const idAt = lt.idAt[j]!;
  const idEnd = lt.refAt[j]! - 1;
  const refAt = lt.refAt[j]!;
  const refEnd = lt.refEnd[j]!;
  for (let i = 0; i < q.terms.length; i++) {
    const t = q.terms[i]!;
    if (prefixAt(lt.keys, idAt, idEnd, t) || prefixAt(lt.keys, idAt, idEnd, q.prefixed[i]!) || (refEnd > refAt && prefixAt(lt.keys, refAt, refEnd, t))) return 0;
  }
  const long = lt.ownRank[j] ? lt.texts[j]!.rankLong : null;
  if (long !== null) return q.terms.every((t) => long.includes(t)) ? 1 : 2;
  return kind === 1 ? 1 : 2;
}

/** Build the Feed's search text ahead of the first `/` keystroke (the Feed calls it as the prompt opens). */
export function warmFeedSearch(s: DeskState): void {
  listingText(listingMemo(s.tasks, s.feedIds, s.em.feedIds));
}

/** The listing in one order; every order is kept until the listing changes, so `>`/`<` sort once per order. */
function sortedFeed(l: FeedListing, sort: FeedSort, now: number): SortedFeed {
  if (sort === 'clock_price' && l.clock?.now === now) return l.clock.sorted;
  const hit = sort === 'clock_price' ? undefined : l.orders.get(sort);
  if (hit) return hit;
  l.ranks ??= idRanks(l.tasks);
  const sorted = { listing: l, order: sortOrder(l.tasks, sort, now, l.ranks), rows: null };
  if (sort === 'clock_price') l.clock = { now, sorted };
  else l.orders.set(sort, sorted);
  return sorted;
}

/** Two filters alike but for the `/` text (arrays compared by their items). */
function sameFields(a: FeedFilter, b: FeedFilter): boolean {
  if (a === b) return true;
  const keys = Object.keys(a) as (keyof FeedFilter)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => {
    if (k === 'text') return true;
    const x = a[k];
    const y = b[k];
    if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => Object.is(v, y[i]));
    return Object.is(x, y);
  });
}

function fieldMask(l: FeedListing, filter: FeedFilter, now: number, fields: FieldTest | null, tags: boolean): Uint8Array | null {
  if (l.mask && l.mask.now === now && sameFields(l.mask.filter, filter)) return l.mask.keep;
  let keep: Uint8Array | null = null;
  if (fields !== null) {
    const texts = tags ? listingText(l).texts : null;
    keep = new Uint8Array(l.tasks.length);
    for (let i = 0; i < keep.length; i++) keep[i] = fields(l.tasks[i]!, now, texts?.[i] ?? null) ? 1 : 0;
  }
  l.mask = { filter, now, keep };
  return keep;
}

/** matchKind of every task that `keep` lets through (0 for the rest), each term found by sweeps over the listing. */
function textKinds(lt: ListingText, q: TextQuery, keep: Uint8Array | null): Uint8Array {
  const n = lt.texts.length;
  const kind = new Uint8Array(n);
  for (let i = 0; i < n; i++) kind[i] = keep === null || keep[i] ? 1 : 0;
  const found = new Uint8Array(n);
  for (let k = 0; k < q.terms.length; k++) {
    const term = q.terms[k]!;
    found.fill(0);
    // No term holds whitespace, so none spans two tasks (a newline) or short and desc (a space).
    let i = 0;
    for (let p = lt.all.indexOf(term); p !== -1; ) {
      while (lt.end[i]! < p) i++;
      found[i] = 1;
      p = lt.all.indexOf(term, lt.end[i]! + 1);
    }
    if (q.hexish[k]) {
      for (let j = 0; j < n; j++) if (!found[j]) kind[j] = 0;
      continue;
    }
    const sub = subsequences(lt, term, q.surrogate[k]!, (j) => kind[j] !== 0 && found[j] === 0);
    for (let j = 0; j < n; j++) if (kind[j] !== 0 && !found[j]) kind[j] = sub[j]! >= 0 ? 2 : 0;
  }
  return kind;
}

/**
 * For each task `want` names, whether needle is a subsequence of its short fields (>= 0) or not (-1).
 * Greedy, one needle unit at a time over all tasks: the next occurrence found serves every task up to
 * it, so each unit costs one pass of indexOf over `shorts`.
 */
function subsequences(lt: ListingText, needle: string, surrogate: boolean, want: (j: number) => boolean): Int32Array {
  const n = lt.texts.length;
  const pos = new Int32Array(n);
  for (let j = 0; j < n; j++) pos[j] = want(j) ? (j === 0 ? 0 : lt.shortEnd[j - 1]! + 1) : -1;
  if (surrogate) {
    // A surrogate in the needle: hay is read by code point, task by task.
    for (let j = 0; j < n; j++) if (pos[j]! >= 0 && !isSubsequence(needle, lt.texts[j]!.short, true)) pos[j] = -1;
    return pos;
  }
  for (let c = 0; c < needle.length; c++) {
    const unit = needle[c]!;
    let next = -1;
    let none = false;
    for (let j = 0; j < n; j++) {
      const at = pos[j]!;
      if (at < 0) continue;
      if (!none && next < at) {
        next = lt.shorts.indexOf(unit, at);
        none = next === -1;
      }
      pos[j] = none || next >= lt.shortEnd[j]! ? -1 : next + 1;
    }
  }
  return pos;
}

const filterMemo = memo((sorted: SortedFeed, filter: FeedFilter, now: number): Task[] => {
  const l = sorted.listing;
  const { fields, q, tags } = compileFilter(filter);
  const text = q.terms.length > 0;
  if (fields === null && !text) return (sorted.rows ??= Array.from(sorted.order, (i) => l.tasks[i]!));
  const keep = fieldMask(l, filter, now, fields, tags);
  // The orders are total, so walking the sorted order over the kept rows is sorting the filtered ones.
  if (!text) {
    const rows: Task[] = [];
    for (const i of sorted.order) if (keep === null || keep[i]) rows.push(l.tasks[i]!);
    return rows;
  }
  const lt = listingText(l);
  const kind = textKinds(lt, q, keep);
  // With a `/` text, id-prefix matches come first, then substring matches, then the looser ones (stable).
  const ranked: [Task[], Task[], Task[]] = [[], [], []];
  for (const i of sorted.order) if (kind[i]) ranked[rankAt(lt, i, q, kind[i]!)]!.push(l.tasks[i]!);
  return ranked[0].concat(ranked[1], ranked[2]);
});

/** Feed rows: the market's listing, narrowed by the filters and the `/` text, then sorted. */
export function selectFeed(s: DeskState): Task[] {
  // The time only matters to the feed for clock sorting and deadline windows; otherwise nothing re-sorts per tick.
  const sorted = sortedFeed(listingMemo(s.tasks, s.feedIds, s.em.feedIds), s.sort, s.sort === 'clock_price' ? s.now : 0);
  return filterMemo(sorted, s.filter, s.filter.deadlineHours !== null ? s.now : 0);
}

export interface LiveClock {
  task: Task;
  auctionType: AuctionType;
  /** dutch kinds: the local clock; english kinds: the current lowest bid (null when sealed or none). */
  price: bigint | null;
  /** 0..1 through the bidding window, null without one. */
  progress: number | null;
  msLeft: number | null;
  /** The bid window has closed (market time): the row sinks and dims. */
  ended: boolean;
  target: bigint | null;
  alerted: boolean;
}

/** How long an ended clock stays at the bottom of the pane before it drops out (market time). */
export const ENDED_CLOCK_KEEP_MS = 10 * 60_000;

const auctionsMemo = memo((tasks: DeskState['tasks'], clockIds: string[], feedIds: string[], loaded: boolean) => {
  // Before the Clocks listing first answers, the Feed's auctions stand in.
  const ids = loaded ? clockIds : feedIds;
  const out: Task[] = [];
  for (const id of ids) {
    const t = tasks[id];
    if (t && t.mode === 'auction' && t.auctionType !== null && t.status === 'open') out.push(t);
  }
  return out;
});

/**
 * Every open auction the market lists (the Clocks pane's own scope, not the Feed filter): live clocks
 * first (dutch kinds, then English kinds, soonest close first), then ended ones, newest ended first,
 * until ENDED_CLOCK_KEEP_MS after they closed. Recomputed per tick; prices at market time.
 */
export function selectClocks(s: DeskState): LiveClock[] {
  const rows: LiveClock[] = [];
  for (const task of auctionsMemo(s.tasks, s.clockIds, s.feedIds, s.clocksLoadedAt !== null)) {
    const type = task.auctionType!;
    const dutch = type === 'dutch' || type === 'reverse_dutch';
    const end = task.bidDeadline;
    if (end !== null && s.now - end > ENDED_CLOCK_KEEP_MS) continue;
    const total = end !== null ? end - task.createdAt : null;
    const progress = total !== null && total > 0 ? Math.min(1, Math.max(0, (s.now - task.createdAt) / total)) : null;
    rows.push({
      task,
      auctionType: type,
      price: dutch ? clockPrice(task, s.now) : task.currentLowestBid,
      progress,
      msLeft: end !== null ? Math.max(0, end - s.now) : null,
      ended: end !== null && end <= s.now,
      target: s.targets[task.id] ?? null,
      alerted: s.alerts.includes(task.id),
    });
  }
  const rank = (c: LiveClock) => (c.ended ? 2 : c.auctionType === 'dutch' || c.auctionType === 'reverse_dutch' ? 0 : 1);
  return rows.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.ended ? (b.task.bidDeadline ?? 0) - (a.task.bidDeadline ?? 0) : (a.msLeft ?? Infinity) - (b.msLeft ?? Infinity)) ||
      (a.task.id < b.task.id ? -1 : 1),
  );
}

export type RoleFilter = 'all' | 'requester' | 'worker';

/** One action the wallet may take: a Taskmarket pendingActions entry, or one the EM adapter derived. */
export interface ActionEntry {
  role: string;
  action: IntentAction;
  command: string;
  eligibleAddress: string | null;
  requiresPayment: boolean;
  paymentAmount: bigint | null;
  availableAfter: number | null;
  availableUntil: number | null;
  targetWorker: string | null;
}

export interface ActionRow {
  taskId: string;
  task: Task;
  market: 'taskmarket' | 'execution-market';
  /** Requester (EM: the publisher) or worker. */
  myRole: 'requester' | 'worker';
  action: ActionEntry;
  /** Whether the window is open now (availableAfter passed, availableUntil not). */
  availableNow: boolean;
  availableAfter: number | null;
  availableUntil: number | null;
  fetchedAt: number;
}

const actionRole = (r: ActionRole): r is 'requester' | 'worker' => r === 'requester' || r === 'worker';

const actionsMemo = memo((details: DeskState['details'], inbox: DeskState['inbox'], wallet: string | null, em: DeskState['em']['details'], tasks: DeskState['tasks']) => {
  const rows: Omit<ActionRow, 'availableNow'>[] = [];
  const me = wallet?.toLowerCase() ?? null;
  const seen = new Set<string>();
  for (const [ids, myRole] of [
    [inbox.asRequester, 'requester'],
    [inbox.asWorker, 'worker'],
  ] as const) {
    for (const id of ids) {
      const d = details[id];
      if (!d?.task.pendingActions) continue;
      for (const a of d.task.pendingActions) {
        // Mine: my role on this task (or 'anyone'), and no other address is named (§2.2 eligibleAddress).
        if (a.role !== 'anyone' && (!actionRole(a.role) || a.role !== myRole)) continue;
        if (a.eligibleAddress && me && a.eligibleAddress.toLowerCase() !== me) continue;
        const key = `${id}:${a.role}:${a.action}`;
        if (seen.has(key)) continue;
        seen.add(key);
        rows.push({ taskId: id, task: d.task, market: 'taskmarket', myRole, action: a, availableAfter: a.availableAfter, availableUntil: a.availableUntil, fetchedAt: d.fetchedAt });
      }
    }
  }
  // Execution Market has no pendingActions: the adapter derived these from status and role.
  for (const [id, d] of Object.entries(em)) {
    const task = tasks[id];
    if (!task) continue;
    for (const a of d.actions) {
      rows.push({
        taskId: id,
        task,
        market: 'execution-market',
        myRole: a.role === 'publisher' ? 'requester' : 'worker',
        action: { role: a.role, action: a.action, command: '', eligibleAddress: null, requiresPayment: false, paymentAmount: null, availableAfter: null, availableUntil: a.availableUntil, targetWorker: null },
        availableAfter: null,
        availableUntil: a.availableUntil,
        fetchedAt: d.fetchedAt,
      });
    }
  }
  return rows;
});

/** The actions of every task where the wallet is requester or worker, on both markets. */
export function selectActions(s: DeskState, role: RoleFilter = 'all'): ActionRow[] {
  return actionsMemo(s.details, s.inbox, s.conn.wallet, s.em.details, s.tasks)
    // What the backend would already omit at this instant (a closed window, cancel past expiry) is gone now, not at the next poll.
    .filter((r) => (role === 'all' || r.myRole === role) && isLiveAction(r.action, r.task, s.now))
    .map((r) => ({
      ...r,
      availableNow:
        (r.availableAfter === null || r.availableAfter <= s.now) && (r.availableUntil === null || s.now < r.availableUntil),
    }))
    .sort((a, b) => Number(b.availableNow) - Number(a.availableNow) || (a.availableUntil ?? Infinity) - (b.availableUntil ?? Infinity));
}

/** Task data age for the gate and the header: ms since this task was fetched (Infinity if never). */
export function taskAge(s: DeskState, taskId: string): number {
  const at = s.details[taskId]?.fetchedAt ?? s.taskFetchedAt[taskId];
  return at === undefined ? Infinity : s.wallNow - at;
}

export function isTaskStale(s: DeskState, taskId: string): boolean {
  return taskAge(s, taskId) > STALE_AFTER_MS;
}

export function selectUnreadCount(s: DeskState): number {
  return s.messages.reduce((n, m) => n + (m.read ? 0 : 1), 0);
}

/** Seconds until the next retry, for the header's countdown (null when none pending). */
export function selectRetryIn(s: DeskState): number | null {
  return s.conn.retryAt === null ? null : Math.max(0, Math.ceil((s.conn.retryAt - s.wallNow) / 1000));
}
