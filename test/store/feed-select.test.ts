// The Feed's selectors (caches per task, per sort order, per filter) against the plain implementation
// they replaced, kept here as the oracle: the same rows in the same order for every filter and sort,
// through keystrokes, sort cycles, ticks and replaced tasks.
import { describe, expect, it } from 'vitest';
import { clockPrice } from '../../src/core/clock.js';
import type { Task } from '../../src/core/types.js';
import { fuzzyMatch, fuzzyRank, matchesFilter, selectFeed, sortTasks } from '../../src/store/selectors.js';
import type { DeskState, FeedFilter, FeedSort } from '../../src/store/state.js';
import { dutch, makeTask, T0 } from './fixtures.js';

// ---- the oracle: the selectors as they were before the caches ----
const HEXISH = /^(0x)?[0-9a-f]+$/;
const terms = (text: string) => text.toLowerCase().split(/\s+/).filter(Boolean);
function isSubsequence(needle: string, hay: string): boolean {
  let i = 0;
  for (const ch of hay) if (i < needle.length && ch === needle[i]) i++;
  return i === needle.length;
}
function oFuzzyMatch(task: Task, text: string): boolean {
  const short = [task.id, task.referenceCode ?? '', task.mode, task.auctionType ?? '', task.status, ...task.tags].join(' ').toLowerCase();
  const long = `${short} ${task.description.toLowerCase()}`;
  return terms(text).every((term) => long.includes(term) || (!HEXISH.test(term) && isSubsequence(term, short)));
}
function oMatches(task: Task, f: FeedFilter, now: number): boolean {
  const market = task.market ?? 'taskmarket';
  if (f.market !== 'all' && market !== f.market) return false;
  if (f.category && task.em?.category !== f.category) return false;
  if (f.evidence && !task.em?.evidenceRequired.includes(f.evidence)) return false;
  if (f.status !== 'ALL' && task.status !== f.status) return false;
  if (f.mode && task.mode !== f.mode) return false;
  if (f.auctionType && task.auctionType !== f.auctionType) return false;
  const tags = task.tags.map((t) => t.toLowerCase());
  if (f.tags.length > 0 && !f.tags.every((t) => tags.includes(t.toLowerCase()))) return false;
  if (f.skill && !tags.includes(f.skill.toLowerCase())) return false;
  if (f.minReward !== null && task.reward < f.minReward) return false;
  if (f.maxReward !== null && task.reward > f.maxReward) return false;
  if (f.deadlineHours !== null) {
    const left = task.expiryTime - now;
    if (left <= 0 || left > f.deadlineHours * 3_600_000) return false;
  }
  return f.text.trim() === '' || oFuzzyMatch(task, f.text);
}
function oRank(task: Task, text: string): number {
  const ts = terms(text);
  const id = task.id.toLowerCase();
  const ref = (task.referenceCode ?? '').toLowerCase();
  if (ts.some((t) => id.startsWith(t) || id.startsWith(`0x${t}`) || (ref !== '' && ref.startsWith(t)))) return 0;
  const long = `${id} ${ref} ${task.mode} ${task.auctionType ?? ''} ${task.status} ${task.tags.join(' ').toLowerCase()} ${task.description.toLowerCase()}`;
  return ts.every((t) => long.includes(t)) ? 1 : 2;
}
const cmp = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
const oPrice = (t: Task, now: number) => clockPrice(t, now) ?? t.currentAuctionPrice ?? t.currentLowestBid ?? null;
function oSort(tasks: Task[], sort: FeedSort, now: number): Task[] {
  const out = [...tasks];
  const byId = (a: Task, b: Task) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  switch (sort) {
    case 'newest':
      return out.sort((a, b) => b.createdAt - a.createdAt || byId(a, b));
    case 'reward_desc':
      return out.sort((a, b) => cmp(b.reward, a.reward) || byId(a, b));
    case 'reward_asc':
      return out.sort((a, b) => cmp(a.reward, b.reward) || byId(a, b));
    case 'deadline_asc':
      return out.sort((a, b) => a.expiryTime - b.expiryTime || byId(a, b));
    case 'clock_price': {
      const priced = out.map((t) => [t, oPrice(t, now)] as const);
      priced.sort(([a, pa], [b, pb]) => {
        if (pa !== null && pb !== null) return cmp(pa, pb) || byId(a, b);
        if (pa !== null) return -1;
        if (pb !== null) return 1;
        return cmp(a.reward, b.reward) || byId(a, b);
      });
      return priced.map(([t]) => t);
    }
  }
}
function oFeed(s: Pick<DeskState, 'tasks' | 'feedIds' | 'filter' | 'sort' | 'now'> & { em: { feedIds: string[] } }): Task[] {
  const now = s.sort === 'clock_price' || s.filter.deadlineHours !== null ? s.now : 0;
  const source = [...new Set([...s.feedIds, ...s.em.feedIds])].map((id) => s.tasks[id]).filter((t): t is Task => t !== undefined);
  const sorted = oSort(source.filter((t) => oMatches(t, s.filter, now)), s.sort, now);
  if (s.filter.text.trim() === '') return sorted;
  return sorted.map((t, i) => [oRank(t, s.filter.text), i, t] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, , t]) => t);
}

// ---- a varied market ----
function rng(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x / 2_147_483_648;
  };
}
const WORDS = ['translate', 'label', 'Audit', 'scrape', 'REVIEW', 'bench', 'ΟΔΟΣ', 'İstanbul', 'emoji 😀 row', 'lone \ud83d half', 'rust parser', 'σίσυφος'];
const TAGS = ['rust', 'Go', 'ΣΟΦΙΑ', 'ml', 'İ', 'docs', '😀', 'x\udc00y'];
const MODES = ['bounty', 'claim', 'pitch', 'benchmark', 'auction'] as const;

function market(n: number, seed = 7): Task[] {
  const r = rng(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const out: Task[] = [];
  for (let i = 0; i < n; i++) {
    const hexId = `0x${Math.floor(r() * 2 ** 48).toString(16).padStart(12, '0')}${i.toString(16).padStart(4, '0')}`;
    const id = i % 17 === 0 ? hexId.toUpperCase().replace('0X', '0x') : i % 23 === 0 ? `task-${i}` : hexId;
    const base = {
      id,
      referenceCode: i % 3 === 0 ? null : `TM-${(i * 7919).toString(16).toUpperCase()}`,
      description: `${pick(WORDS)} ${pick(WORDS)} #${i}`,
      tags: i % 4 === 0 ? [] : [pick(TAGS), ...(i % 5 === 0 ? [pick(TAGS)] : [])],
      // Ties on every key, and rewards past 2^53 on a few rows (the exact bigint path).
      reward: i % 29 === 0 ? 2n ** 60n + BigInt(i % 3) : BigInt(1 + (i % 7)) * 1_000_000n,
      createdAt: T0 - (i % 11) * 1000,
      expiryTime: T0 + (i % 5) * 3_600_000,
      status: i % 9 === 0 ? ('expired' as const) : ('open' as const),
      mode: pick(MODES),
    };
    if (base.mode === 'auction') out.push(dutch(id, { ...base, maxPrice: BigInt(2 + (i % 6)) * 1_000_000n, bidDeadline: T0 + 50_000 + (i % 4) * 10_000 }));
    else out.push(makeTask({ ...base, currentAuctionPrice: i % 13 === 0 ? 3_000_000n : null }));
  }
  // Two rows with upper-case enums (a cast: the wire validates them) take fuzzyRank's own text path.
  out.push(makeTask({ id: '0xfeed01', mode: 'BOUNTY' as Task['mode'], description: 'upper mode' }));
  out.push(makeTask({ id: '0xfeed02', status: 'OPEN' as Task['status'], tags: [], description: 'upper status' }));
  // An Execution Market row with its own category and evidence.
  out.push(makeTask({ id: 'em-1', market: 'execution-market', description: 'photo of a storefront', em: { category: 'physical_presence', evidenceRequired: ['photo'] } as unknown as Task['em'] }));
  return out;
}

const FILTER: FeedFilter = { status: 'ALL', mode: null, auctionType: null, tags: [], skill: null, minReward: null, maxReward: null, deadlineHours: null, text: '', market: 'all', category: null, evidence: null };
const SORTS: FeedSort[] = ['newest', 'reward_desc', 'reward_asc', 'deadline_asc', 'clock_price'];
const TEXTS = ['', '  ', 'a', 'au', 'aud', 'AUD', 'audit', '0x', '0x0', 'f', 'tm-', 'tm-1', 'rev lab', 'rust  go', 'σ', 'ς', 'οδος', 'i̇', 'i̇stanbul', '😀', '\ud83d', 'r\ud83d', 'g\ude00', 'r\udc00', 'xyz', 'upper', 'bounty', 'open', 'expired', 'task-2', 'bnt', 'clm', 'ee', 'tss', 'oo', 'x', '4538', 'b0 r', 'photo'];
const FILTERS: Partial<FeedFilter>[] = [
  {},
  { status: 'open' },
  { mode: 'auction' },
  { auctionType: 'dutch' },
  { tags: ['RUST'] },
  { tags: ['rust', 'go'] },
  { skill: 'σοφια' },
  { minReward: 3_000_000n },
  { maxReward: 2_000_000n, minReward: 2_000_000n },
  { deadlineHours: 2 },
  { market: 'execution-market' },
  { market: 'taskmarket', text: 'a' },
  { category: 'physical_presence' },
  { evidence: 'photo' },
  { status: 'open', text: 'rust', minReward: 2_000_000n },
];

type FeedState = Pick<DeskState, 'tasks' | 'feedIds' | 'filter' | 'sort' | 'now'> & { em: { feedIds: string[] } };
const asDesk = (s: FeedState) => s as unknown as DeskState;
const ids = (ts: Task[]) => ts.map((t) => t.id);

function stateOf(tasks: Task[], over: Partial<FeedState> = {}): FeedState {
  const byId: Record<string, Task> = {};
  for (const t of tasks) byId[t.id] = t;
  const list = tasks.map((t) => t.id);
  // The EM listing repeats some Taskmarket ids and names one the store does not hold.
  return { tasks: byId, feedIds: list.filter((id) => id !== 'em-1'), em: { feedIds: ['em-1', list[3]!, 'missing'] }, filter: FILTER, sort: 'newest', now: T0 + 60_000, ...over };
}

describe('feed selectors against the plain implementation', () => {
  const tasks = market(400);

  it('fuzzyMatch, fuzzyRank and matchesFilter agree on every task and text', () => {
    for (const t of tasks) {
      for (const text of TEXTS) {
        expect(fuzzyMatch(t, text), `${t.id} /${text}`).toBe(oFuzzyMatch(t, text));
        expect(fuzzyRank(t, text), `${t.id} /${text}`).toBe(oRank(t, text));
      }
      for (const f of FILTERS) expect(matchesFilter(t, { ...FILTER, ...f }, T0), `${t.id} ${JSON.stringify(f, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`).toBe(oMatches(t, { ...FILTER, ...f }, T0));
    }
  });

  it('the oracle is not trivial: the texts split the market several ways', () => {
    const counts = new Set(TEXTS.map((text) => tasks.filter((t) => oFuzzyMatch(t, text)).length));
    expect(counts.size).toBeGreaterThan(8);
    expect(new Set(tasks.filter((t) => oFuzzyMatch(t, 'a')).map((t) => oRank(t, 'a')))).toEqual(new Set([0, 1]));
    expect(tasks.some((t) => oFuzzyMatch(t, 'bnt') && oRank(t, 'bnt') === 2)).toBe(true);
  });

  it('sortTasks gives the same order for every sort, ties and huge rewards included', () => {
    for (const sort of SORTS) for (const now of [T0, T0 + 55_000, T0 + 200_000]) expect(ids(sortTasks(tasks, sort, now)), sort).toEqual(ids(oSort(tasks, sort, now)));
    // Duplicate ids keep their list order, as a stable sort does.
    const dup = [makeTask({ id: 'x', description: 'first' }), makeTask({ id: 'x', description: 'second' }), makeTask({ id: 'a' })];
    expect(sortTasks(dup, 'reward_desc', T0).map((t) => t.description)).toEqual(oSort(dup, 'reward_desc', T0).map((t) => t.description));
  });

  it('selectFeed gives the same rows for every filter × text × sort', () => {
    for (const sort of SORTS) {
      for (const f of FILTERS) {
        for (const text of ['', 'a', 'au', 'rust go', 'bnt', '0x0', 'σ']) {
          const s = stateOf(tasks, { sort, filter: { ...FILTER, ...f, text: f.text ?? text } });
          expect(ids(selectFeed(asDesk(s))), `${sort} ${JSON.stringify(f, (_k, v) => (typeof v === 'bigint' ? String(v) : v))} /${text}`).toEqual(ids(oFeed(s)));
        }
      }
    }
  });

  it('selectFeed ranks every text as the plain implementation does (the one-string sweep)', () => {
    for (const sort of ['newest', 'reward_asc'] as const) {
      for (const text of [...TEXTS, 'a au', 'ab cd', 'audit 😀', 'x\udc00y', '#1', ')', '0xfeed', 'TM-']) {
        const s = stateOf(tasks, { sort, filter: { ...FILTER, text } });
        expect(ids(selectFeed(asDesk(s))), `${sort} /${text}`).toEqual(ids(oFeed(s)));
      }
    }
  });

  it('stays right through keystrokes, sort cycles, ticks and replaced tasks (caches by identity)', () => {
    let s = stateOf(tasks);
    const check = (why: string) => expect(ids(selectFeed(asDesk(s))), why).toEqual(ids(oFeed(s)));
    check('start');
    for (const text of ['a', 'au', 'aud', 'au', 'a', '']) {
      s = { ...s, filter: { ...s.filter, text } };
      check(`typed /${text}`);
    }
    for (let i = 0; i < 2 * SORTS.length; i++) {
      s = { ...s, sort: SORTS[i % SORTS.length]! };
      check(`sort ${s.sort}`);
      s = { ...s, now: s.now + 7_000 };
      check(`tick under ${s.sort}`);
    }
    // A task changes (a new object, as the store does): its new text and reward count at once.
    const victim = tasks[5]!;
    s = { ...s, sort: 'reward_desc', filter: { ...s.filter, text: 'zebra' } };
    check('before the change');
    expect(selectFeed(asDesk(s))).toEqual([]);
    s = { ...s, tasks: { ...s.tasks, [victim.id]: { ...victim, description: 'zebra crossing', reward: 2n ** 62n } } };
    check('after the change');
    expect(ids(selectFeed(asDesk(s)))).toEqual([victim.id]);
    s = { ...s, filter: { ...s.filter, text: '' } };
    check('cleared');
    expect(selectFeed(asDesk(s))[0]?.id).toBe(victim.id);
    // A new listing (ids) re-sorts.
    s = { ...s, feedIds: [...s.feedIds].reverse().slice(0, 100) };
    check('a new listing');
  });

  it('the same inputs give the same array (React selectors see no change), a new filter a new one', () => {
    const s = stateOf(tasks, { sort: 'deadline_asc' });
    const a = selectFeed(asDesk(s));
    expect(selectFeed(asDesk({ ...s, now: s.now + 1000 }))).toBe(a);
    const typed = { ...s, filter: { ...s.filter, text: 'a' } };
    const b = selectFeed(asDesk(typed));
    expect(b).not.toBe(a);
    expect(selectFeed(asDesk(typed))).toBe(b);
    // Back to the first order: the sorted listing is kept per order, the rows are the same.
    expect(selectFeed(asDesk({ ...s, filter: { ...s.filter } }))).toEqual(a);
  });
});
