// GET /api/tasks pages every sort (the real backend pages only newest, §1.2; the simulator on purpose
// pages all): walking nextCursor from page 1 visits each matching row exactly once, with ties in reward,
// expiry, relevance score and createdAt (a manual clock that stands still between creates).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSim, type TestSim } from '../helpers/sim.js';
import { createTask } from '../helpers/tasks.js';
import { newWallet, type Wallet } from '../helpers/x402.js';

interface Row {
  id: string;
  reward: string;
  expiryTime: string;
  createdAt: string;
  description: string;
}
interface Page {
  tasks: Row[];
  hasMore: boolean;
  nextCursor: string | null;
}

let sim: TestSim;
const created: string[] = [];
const alpha = new Set<string>();
const GROUPS = 3;
const PER_GROUP = 80; // 240 tasks: every sort needs three pages of 100

beforeAll(async () => {
  // A millisecond starting with 0 (.065) once tripped Date.parse on long newest cursors.
  sim = await startTestSim({ manualClock: true, startAt: Math.floor(Date.now() / 1000) * 1000 + 65 });
  const wallets: Wallet[] = [newWallet(), newWallet(), newWallet(), newWallet()];
  for (const w of wallets) await sim.faucet(w.address, 10_000_000_000n);
  let n = 0;
  for (let g = 0; g < GROUPS; g += 1) {
    // Inside a group every createdAt is the same millisecond; groups differ by a second.
    const bodies = Array.from({ length: PER_GROUP }, () => {
      const i = n++;
      const words = i % 4 === 0 ? '' : ` alpha${' alpha'.repeat(i % 3)}`; // relevance scores 1..3, many equal
      return {
        i,
        body: {
          description: `paging task ${i}${words}`,
          reward: String(((i % 3) + 1) * 1_000_000), // three reward values
          duration: [1, 2, 24][(i >> 2) % 3] as number, // three expiries per group
          tags: [],
        },
      };
    });
    for (let k = 0; k < bodies.length; k += wallets.length) {
      const batch = bodies.slice(k, k + wallets.length);
      const ids = await Promise.all(batch.map((b, j) => createTask(sim, wallets[j] as Wallet, b.body)));
      ids.forEach((id, j) => {
        created.push(id);
        if (batch[j]!.body.description.includes('alpha')) alpha.add(id);
      });
    }
    await sim.advance(1000);
  }
}, 120_000);

afterAll(async () => {
  await sim.close();
});

async function walk(query: string, limit: number): Promise<{ pages: Page[]; rows: Row[] }> {
  const pages: Page[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 500; guard += 1) {
    const q: string = `${query}&limit=${limit}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
    const r = await sim.get<Page>(`/api/tasks?${q}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    pages.push(r.body);
    if (!r.body.hasMore) break;
    expect(r.body.nextCursor).not.toBeNull();
    cursor = r.body.nextCursor;
  }
  return { pages, rows: pages.flatMap((p) => p.tasks) };
}

const ms = (s: string) => Date.parse(s);
const cmpBig = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);
const score = (r: Row) => r.description.split('alpha').length - 1;

/** Non-negative when b may follow a in this sort; the tie-break is newer createdAt first. */
const ORDER: Record<string, (a: Row, b: Row) => number> = {
  newest: (a, b) => ms(a.createdAt) - ms(b.createdAt),
  reward_desc: (a, b) => cmpBig(a.reward, b.reward) || ms(a.createdAt) - ms(b.createdAt),
  reward_asc: (a, b) => cmpBig(b.reward, a.reward) || ms(a.createdAt) - ms(b.createdAt),
  deadline_asc: (a, b) => ms(b.expiryTime) - ms(a.expiryTime) || ms(a.createdAt) - ms(b.createdAt),
  relevance: (a, b) => score(a) - score(b) || ms(a.createdAt) - ms(b.createdAt),
};

describe('every sort pages through all rows exactly once', () => {
  for (const sort of ['newest', 'reward_desc', 'reward_asc', 'deadline_asc'] as const) {
    for (const limit of [100, 7]) {
      it(`sort=${sort}, limit=${limit}`, async () => {
        const { pages, rows } = await walk(`status=open&sort=${sort}`, limit);
        const ids = rows.map((r) => r.id);
        expect(new Set(ids).size).toBe(ids.length); // no overlap between pages
        expect(new Set(ids)).toEqual(new Set(created)); // the union is the full set
        expect(pages.length).toBe(Math.ceil(created.length / limit));
        const last = pages[pages.length - 1] as Page;
        expect(last.hasMore).toBe(false);
        expect(last.nextCursor).toBeNull();
        for (let i = 1; i < rows.length; i += 1) expect(ORDER[sort]!(rows[i - 1]!, rows[i]!)).toBeGreaterThanOrEqual(0);
      });
    }
  }

  it('sort=relevance with a free-text q pages the matching rows (equal scores included)', async () => {
    expect(alpha.size).toBeGreaterThan(100);
    const { pages, rows } = await walk('q=alpha&sort=relevance', 50);
    const ids = rows.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(alpha);
    expect(pages[pages.length - 1]!.hasMore).toBe(false);
    for (let i = 1; i < rows.length; i += 1) expect(ORDER.relevance!(rows[i - 1]!, rows[i]!)).toBeGreaterThanOrEqual(0);
  });

  it('sort=relevance without q orders and pages as newest', async () => {
    const rel = (await walk('sort=relevance', 100)).rows.map((r) => r.id);
    const newest = (await walk('sort=newest', 100)).rows.map((r) => r.id);
    expect(rel).toEqual(newest);
  });
});

describe('cursor strings', () => {
  it('newest keeps an ISO createdAt cursor; other sorts use a prefixed opaque one', async () => {
    const newest = (await sim.get<Page>('/api/tasks?limit=100&sort=newest')).body;
    expect(newest.hasMore).toBe(true);
    expect(Number.isNaN(Date.parse(newest.nextCursor as string))).toBe(false);
    expect(Date.parse(newest.nextCursor as string)).toBe(ms(newest.tasks[99]!.createdAt));
    for (const sort of ['reward_desc', 'reward_asc', 'deadline_asc', 'relevance']) {
      const p = (await sim.get<Page>(`/api/tasks?limit=100&sort=${sort}`)).body;
      expect(p.nextCursor).toMatch(new RegExp(`^ks1:${sort}:`));
    }
  });

  it('a cursor that does not parse for the sort is a 400 naming the cursor', async () => {
    const reward = (await sim.get<Page>('/api/tasks?limit=10&sort=reward_desc')).body.nextCursor as string;
    const iso = (await sim.get<Page>('/api/tasks?limit=10&sort=newest')).body.nextCursor as string;
    const bad: Array<[string, string]> = [
      ['newest', 'not-a-date'],
      ['newest', reward],
      ['reward_desc', iso],
      ['deadline_asc', reward],
      ['reward_asc', 'ks1:reward_asc:abc:1:2'],
      ['relevance', ''],
    ];
    for (const [sort, cursor] of bad) {
      const r = await sim.get(`/api/tasks?sort=${sort}&cursor=${encodeURIComponent(cursor)}`);
      expect(r.status, `${sort} ${cursor}`).toBe(400);
      expect(r.body.code).toBe('BAD_REQUEST');
      expect(r.body.message).toMatch(/^cursor: Invalid cursor/);
    }
  });
});
