import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MarketError } from '../../src/markets/errors.js';
import { createDeskStore } from '../../src/store/desk-store.js';
import { createPollers } from '../../src/store/pollers.js';
import { backoffDelay, Scheduler } from '../../src/store/scheduler.js';
import { startTicker } from '../../src/store/ticker.js';
import { FakeReader } from './fake-reader.js';
import { dutch, makeTask, T0 } from './fixtures.js';

const ME = '0x2222222222222222222222222222222222222222' as const;
const noJitter = { baseMs: 1000, maxMs: 30_000, random: () => 1 };

function setup(wallet: typeof ME | null = ME) {
  const reader = new FakeReader();
  const store = createDeskStore({ badge: 'SIM', apiUrl: reader.apiUrl, now: Date.now(), wallet });
  const scheduler = createPollers(store, reader, { backoff: noJitter, pageSize: 2, maxFeedPages: 3, deepFeedPages: 3 });
  return { reader, store, scheduler };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('pollers', () => {
  it('follow the cadence table: feed 15 s, inbox/email/balance 60 s', async () => {
    const { reader, scheduler } = setup();
    reader.tasks = [makeTask({ id: 'a' })];
    scheduler.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(reader.count('listTasks')).toBe(1);
    expect(reader.count('inbox')).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(reader.count('listTasks')).toBe(5);
    expect(reader.count('inbox')).toBe(2);
    expect(reader.count('emails')).toBe(2);
    expect(reader.count('balance')).toBe(2);
    scheduler.stop();
  });

  it('pages through the cursor up to the cap', async () => {
    const { reader, store, scheduler } = setup();
    reader.tasks = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => makeTask({ id }));
    scheduler.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(reader.count('listTasks')).toBe(3);
    expect(store.getState().feedIds).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(store.getState().feedHasMore).toBe(true);
    scheduler.stop();
  });

  it('sweeps deep now and then; ordinary rounds refresh the newest pages and keep the older tail', async () => {
    const reader = new FakeReader();
    const store = createDeskStore({ badge: 'SIM', apiUrl: reader.apiUrl, now: Date.now(), wallet: ME });
    const scheduler = createPollers(store, reader, { backoff: noJitter, pageSize: 2, maxFeedPages: 1, deepFeedPages: 10, deepSweepEvery: 3 });
    reader.tasks = ['a', 'b', 'c', 'd', 'e'].map((id, i) => makeTask({ id, createdAt: T0 - i * 1000 }));
    scheduler.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(reader.count('listTasks')).toBe(3); // deep: all three pages
    expect(store.getState().feedIds).toEqual(['a', 'b', 'c', 'd', 'e']);
    const tailFetchedAt = store.getState().taskFetchedAt['e'];
    await vi.advanceTimersByTimeAsync(15_000);
    expect(reader.count('listTasks')).toBe(4); // ordinary: the newest page only
    expect(store.getState().feedIds).toEqual(['a', 'b', 'c', 'd', 'e']);
    // Rows not fetched this round keep their own fetch time (staleness stays honest).
    expect(store.getState().taskFetchedAt['e']).toBe(tailFetchedAt);
    expect(store.getState().taskFetchedAt['a']).toBeGreaterThan(tailFetchedAt!);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(reader.count('listTasks')).toBe(5);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(reader.count('listTasks')).toBe(8); // third round after the first sweep: deep again
    scheduler.stop();
  });

  it('never overlaps two requests of one poller', async () => {
    const { reader, scheduler } = setup(null);
    let release!: () => void;
    reader.gate = new Promise((r) => (release = r));
    scheduler.start();
    await vi.advanceTimersByTimeAsync(9_000); // well past the 15 s cadence is not needed: kick instead
    scheduler.kick('feed');
    scheduler.kick('feed');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(reader.count('listTasks')).toBe(1);
    expect(reader.maxInFlight).toBeLessThanOrEqual(2); // feed + network at most, never two feeds
    reader.gate = null;
    release();
    await vi.advanceTimersByTimeAsync(10);
    expect(reader.count('listTasks')).toBe(2); // the kick ran once, after the first settled
    scheduler.stop();
  });

  it('times out a hung request and backs off', async () => {
    const { reader, store, scheduler } = setup(null);
    reader.gate = new Promise(() => {});
    scheduler.start();
    await vi.advanceTimersByTimeAsync(30_001); // feed timeout is 10 s × 3 pages
    expect(store.getState().conn.lastError).toMatch(/timed out/);
    expect(store.getState().conn.status).toBe('disconnected');
    expect(store.getState().conn.retryAt).toBe(T0 + 31_001);
    scheduler.stop();
  });

  it('backs off exponentially on 5xx up to the cap, honours Retry-After, and recovers', async () => {
    const { reader, store, scheduler } = setup(null);
    reader.failures.listTasks = Array.from({ length: 8 }, () => new MarketError('server', 'HTTP 503', { status: 503 }));
    scheduler.start();
    const times: number[] = [];
    const origList = reader.listTasks.bind(reader);
    reader.listTasks = (q) => {
      if (q.mode !== 'auction') times.push(Date.now() - T0); // the Feed's listing, not the Clocks'
      return origList(q);
    };
    await vi.advanceTimersByTimeAsync(200_000);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps.slice(0, 7)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(gaps[7]).toBe(30000); // last failure's backoff, then success
    expect(gaps[8]).toBe(15000); // back on the normal cadence
    expect(store.getState().conn.status).toBe('ok');
    expect(store.getState().conn.retryAt).toBeNull();
    scheduler.stop();
  });

  it('honours Retry-After on 429', async () => {
    const { reader, store, scheduler } = setup(null);
    reader.failures.listTasks = [new MarketError('rate_limited', 'HTTP 429', { status: 429, retryAfterMs: 7000 })];
    scheduler.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(store.getState().conn.retryAt).toBe(T0 + 7001); // the feed starts 1 ms in, once the network is known
    await vi.advanceTimersByTimeAsync(6_900);
    expect(reader.count('listTasks')).toBe(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(reader.count('listTasks')).toBe(2);
    scheduler.stop();
  });

  it('backoff jitter stays within [½, 1] of the capped exponential', () => {
    const opts = { baseMs: 1000, maxMs: 60_000 };
    expect(backoffDelay(1, { ...opts, random: () => 0 })).toBe(500);
    expect(backoffDelay(3, { ...opts, random: () => 0.999999 })).toBe(4000);
    expect(backoffDelay(20, { ...opts, random: () => 0.5 })).toBe(45_000);
  });

  it('keeps identity of unchanged tasks across polls', async () => {
    const { reader, store, scheduler } = setup(null);
    reader.tasks = [makeTask({ id: 'a' }), makeTask({ id: 'b' })];
    scheduler.start();
    await vi.advanceTimersByTimeAsync(10);
    const before = store.getState().tasks;
    reader.tasks = [makeTask({ id: 'a' }), makeTask({ id: 'b', status: 'claimed' })];
    await vi.advanceTimersByTimeAsync(15_000);
    const after = store.getState().tasks;
    expect(after.a).toBe(before.a);
    expect(after.b).not.toBe(before.b);
    expect(store.getState().taskFetchedAt.a).toBe(T0 + 15_001);
    scheduler.stop();
  });

  it('goes stale after 60 s without task data, and back to ok', async () => {
    const { reader, store, scheduler } = setup(null);
    const ticker = startTicker(store);
    scheduler.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(store.getState().conn.status).toBe('ok');
    reader.failures.listTasks = Array.from({ length: 5 }, () => new MarketError('http', 'HTTP 400', { status: 400 }));
    reader.failures.networkInfo = Array.from({ length: 5 }, () => new MarketError('http', 'HTTP 400', { status: 400 }));
    await vi.advanceTimersByTimeAsync(62_000);
    expect(store.getState().conn.status).toBe('stale');
    reader.failures.listTasks = [];
    await vi.advanceTimersByTimeAsync(15_000);
    expect(store.getState().conn.status).toBe('ok');
    ticker.stop();
    scheduler.stop();
  });

  it('a network mismatch is shown and blocks the task pollers', async () => {
    const reader = new FakeReader();
    const store = createDeskStore({ badge: 'LIVE', apiUrl: reader.apiUrl, wallet: ME });
    const scheduler = createPollers(store, reader, { expectNetwork: { chainId: 8453 }, backoff: noJitter });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(store.getState().conn.mismatch).toMatch(/chain 84532/);
    expect(reader.count('listTasks')).toBe(0);
    expect(reader.count('inbox')).toBe(0);
    expect(reader.count('balance')).toBe(0);
    reader.network = { ...reader.network, chainId: 8453 };
    await vi.advanceTimersByTimeAsync(300_000);
    expect(store.getState().conn.mismatch).toBeNull();
    expect(reader.count('listTasks')).toBeGreaterThan(0);
    scheduler.stop();
  });

  it('polls inbox task details at the guide cadence: dutch 5 s, awaiting accept 15 s, open 60 s', async () => {
    const { reader, store, scheduler } = setup();
    const d = dutch('d', { createdAt: T0, bidDeadline: T0 + 3_600_000 });
    const w = makeTask({ id: 'w', status: 'pending_approval' });
    const o = makeTask({ id: 'o', mode: 'pitch' });
    reader.tasks = [d, w, o];
    reader.inboxView = { asRequester: [d, o], asWorker: [w], invitedPrivateTasks: [] };
    scheduler.start();
    await vi.advanceTimersByTimeAsync(60_500);
    const gets = reader.calls.filter((c) => c === 'getTask').length;
    // d: 0,5,…,60 → 13; w: 0,15,30,45,60 → 5; o: 0,60 → 2
    expect(gets).toBe(20);
    expect(store.getState().details.d?.task.id).toBe('d');
    scheduler.stop();
  });

  it('opening a task fetches its detail at once', async () => {
    const { reader, store, scheduler } = setup(null);
    reader.tasks = [makeTask({ id: 'x' })];
    scheduler.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(reader.count('getTask')).toBe(0);
    store.getState().openTask('x');
    await vi.advanceTimersByTimeAsync(10);
    expect(reader.count('getTask')).toBe(1);
    expect(store.getState().details.x).toBeDefined();
    scheduler.stop();
  });

  it('a ticket asking while the task\'s read is in flight gets a read that began after it', async () => {
    const { reader, store, scheduler } = setup(null);
    reader.tasks = [makeTask({ id: 'x' })];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const starts: number[] = [];
    const real = reader.getTask.bind(reader);
    reader.getTask = async (id: string) => {
      starts.push(Date.now());
      if (starts.length === 1) await held;
      return real(id);
    };
    scheduler.start();
    await vi.advanceTimersByTimeAsync(10);
    store.getState().openTask('x'); // the first read starts and hangs
    await vi.advanceTimersByTimeAsync(50);
    expect(starts).toHaveLength(1);
    store.getState().requestDetail('x'); // the ticket opens during it
    const asked = store.getState().detailRequests.x!;
    await vi.advanceTimersByTimeAsync(50);
    release();
    await vi.advanceTimersByTimeAsync(50);
    // The held read landed, but began before the request: another read follows at once, not at the cadence.
    expect(starts).toHaveLength(2);
    expect(starts[1]!).toBeGreaterThanOrEqual(asked);
    expect(store.getState().taskFetch.x?.startedAt).toBe(starts[1]);
    scheduler.stop();
  });

  it('the ticker moves `now` every second without any request', async () => {
    const reader = new FakeReader();
    const store = createDeskStore({ badge: 'SIM', apiUrl: reader.apiUrl });
    const ticker = startTicker(store);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(store.getState().now).toBe(T0 + 5_000);
    expect(reader.calls).toEqual([]);
    ticker.stop();
  });

  it('a scheduler run that throws a non-market error is reported and retried', async () => {
    const seen: string[] = [];
    const s = new Scheduler((o) => seen.push(`${o.name}:${o.ok}:${o.error?.kind ?? ''}`), noJitter);
    let n = 0;
    s.add({ name: 'x', intervalMs: 5000, run: async () => {
      if (n++ === 0) throw new Error('ECONNREFUSED');
    } });
    s.start();
    await vi.advanceTimersByTimeAsync(1500);
    expect(seen).toEqual(['x:false:network', 'x:true:']);
    s.stop();
  });

  it('holds each task once when a market repeats a page, and stops paging on a page with nothing new', async () => {
    const { reader, store, scheduler } = setup(null);
    reader.tasks = ['a', 'b', 'c'].map((id) => makeTask({ id }));
    // A backend that ignores the cursor for this query: every page is page 1, hasMore stays true.
    const orig = reader.listTasks.bind(reader);
    reader.listTasks = async (q) => {
      const page = await orig({ ...q, cursor: undefined });
      return q.mode === 'auction' ? page : { ...page, hasMore: true, nextCursor: 'again' };
    };
    scheduler.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(store.getState().feedIds).toEqual(['a', 'b']);
    expect(reader.count('listTasks')).toBe(2); // page 2 brought nothing new: stop
    store.getState().setFeed([makeTask({ id: 'a' }), makeTask({ id: 'a' })], false, Date.now(), ['a', 'b']);
    expect(store.getState().feedIds).toEqual(['a', 'b']);
    scheduler.stop();
  });

  it('a wrong-shaped 200 (schema fault) is STALE at once and wipes nothing', async () => {
    const { reader, store, scheduler } = setup(null);
    reader.tasks = [makeTask({ id: 'a' })];
    scheduler.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(store.getState().conn.status).toBe('ok');
    reader.failures.listTasks = [new MarketError('schema', 'GET /api/tasks returned an unexpected shape at tasks (expected array)')];
    await vi.advanceTimersByTimeAsync(15_000);
    expect(store.getState().conn.status).toBe('stale');
    expect(store.getState().conn.lastError).toMatch(/unexpected shape/);
    expect(store.getState().feedIds).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(store.getState().conn.status).toBe('ok');
    scheduler.stop();
  });

  it('while the market is unreachable only one probe retries, with one countdown', async () => {
    const { reader, store, scheduler } = setup();
    reader.tasks = [makeTask({ id: 'a' })];
    scheduler.start();
    await vi.advanceTimersByTimeAsync(10);
    const down = () => new MarketError('network', 'ECONNREFUSED');
    for (const m of ['listTasks', 'listAuctions', 'inbox', 'networkInfo', 'getTask', 'emails', 'balance']) reader.failures[m] = Array.from({ length: 100 }, down);
    const before = reader.calls.length;
    await vi.advanceTimersByTimeAsync(15_000);
    expect(store.getState().conn.status).toBe('disconnected');
    const retryAt = store.getState().conn.retryAt!;
    await vi.advanceTimersByTimeAsync(retryAt - Date.now() - 1);
    expect(store.getState().conn.retryAt).toBe(retryAt); // the countdown does not jump around
    await vi.advanceTimersByTimeAsync(30_000);
    const during = reader.calls.slice(before);
    expect(during.filter((c) => c === 'listTasks').length).toBeLessThanOrEqual(2);
    expect(during.filter((c) => c === 'networkInfo').length).toBeGreaterThanOrEqual(3);
    reader.failures = {};
    await vi.advanceTimersByTimeAsync(40_000);
    expect(store.getState().conn.status).toBe('ok');
    scheduler.stop();
  });

  it('a failed detail fetch is recorded per task and does not starve the others', async () => {
    const { reader, store, scheduler } = setup();
    const a = makeTask({ id: 'a' });
    const b = makeTask({ id: 'b' });
    reader.tasks = [a, b];
    reader.inboxView = { asRequester: [a, b], asWorker: [], invitedPrivateTasks: [] };
    reader.failures.getTask = [new MarketError('schema', 'GET /api/tasks/{taskId} returned an unexpected shape')];
    scheduler.start();
    await vi.advanceTimersByTimeAsync(50);
    expect(store.getState().taskFetch.a).toMatchObject({ ok: false });
    expect(store.getState().taskFetch.b).toMatchObject({ ok: true });
    expect(store.getState().details.b).toBeDefined();
    scheduler.stop();
  });
});
