// Live updates: the signed /ws upgrade, user/global/task rooms, events parsed and turned into re-read tasks;
// a socket the server refuses (or that cannot connect) is a clear `fallback` state, and polling then keeps
// the tracked tasks current inside the rate budget.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apply, assign, publish, submit } from '../../src/markets/execution-market/actions/index.js';
import type { EmClient } from '../../src/markets/execution-market/client.js';
import { createEmLive } from '../../src/markets/execution-market/live.js';
import { createEmReader } from '../../src/markets/execution-market/reader.js';
import { createEmFeed, feedUrl, type EmFeed, type EmFeedEvent, type EmFeedState } from '../../src/markets/execution-market/ws.js';
import type { Task } from '../../src/core/types.js';
import { emClient, EVIDENCE, localWallet, newWorker, startEmSim, TASK, until, type EmSim, type TestWallet } from './helpers.js';

let sim: EmSim;
let pw: TestWallet;
let pub: EmClient;
const feeds: EmFeed[] = [];

beforeAll(async () => {
  sim = await startEmSim();
  pw = localWallet();
  pub = emClient(sim, pw);
  await sim.faucet(pw.address, 1_000_000n);
});
afterAll(async () => {
  for (const f of feeds) f.close();
  await sim?.close();
});

function feedOf(client: EmClient, o: Partial<Parameters<typeof createEmFeed>[0]> = {}) {
  const events: EmFeedEvent[] = [];
  const states: EmFeedState[] = [];
  const faults: string[] = [];
  const feed = createEmFeed({ client, onEvent: (e) => events.push(e), onState: (s) => states.push(s), onFault: (f) => faults.push(f), ...o });
  feeds.push(feed);
  return { feed, events, states, faults };
}

describe('/em/ws feed', () => {
  it('a signed socket hears its user room, global and a task room; the live view re-reads the task', async () => {
    expect(feedUrl(pub)).toBe(`ws://127.0.0.1:${sim.port}/em/ws`);
    const w = await newWorker(sim);
    const p = feedOf(pub);
    expect(await p.feed.settled()).toBe(true);
    expect(p.feed.state()).toMatchObject({ kind: 'open', failures: 0, reason: null });
    const wf = feedOf(w.client);
    expect(await wf.feed.settled()).toBe(true);

    const { task } = await publish(pub, TASK);
    const created = await until(() => p.events.find((e) => e.name === 'TaskCreated' && e.taskId === task.id), 'TaskCreated');
    expect(created.room).toBe(`user:${pw.lower}`);
    await until(() => wf.events.find((e) => e.name === 'TaskCreated' && e.room === 'global' && e.taskId === task.id), 'TaskCreated in global');

    await apply(w.client, { taskId: task.id, executorId: w.executorId });
    wf.feed.subscribeTask(task.id);
    await until(() => p.events.find((e) => e.name === 'ApplicationReceived' && e.taskId === task.id), 'ApplicationReceived');

    // The worker's live view: pushes about its task become re-read tasks.
    const reader = createEmReader({ client: w.client, executorId: w.executorId });
    const seen: Array<{ task: Task; source: string }> = [];
    const live = createEmLive({ reader, feed: wf.feed, onTask: (t, source) => seen.push({ task: t, source }), coalesceMs: 50 });
    const unhook = wf.events.length;
    const pump = setInterval(() => {
      for (const e of wf.events.splice(unhook)) live.handleEvent(e);
    }, 20);
    try {
      expect(live.mode()).toBe('push');
      await assign(pub, { taskId: task.id, executorId: w.executorId, workerWallet: w.lower });
      const accepted = await until(() => seen.find((s) => s.task.em?.status === 'accepted'), 'the accepted task pushed');
      expect(accepted.source).toBe('push');
      expect(accepted.task.claimedBy).toBe(w.lower); // the assignee is this wallet
      expect(reader.tracked()).toContain(task.id);
      await submit(w.client, { taskId: task.id, executorId: w.executorId, evidence: EVIDENCE, requiredEvidence: ['json_response'] });
      await until(() => p.events.find((e) => e.name === 'SubmissionReceived' && e.taskId === task.id), 'SubmissionReceived to the publisher');
    } finally {
      clearInterval(pump);
      live.stop();
    }
    expect(p.faults).toEqual([]);
  });

  it('a refused upgrade is `fallback` (poll instead), and polling keeps the tracked task current', async () => {
    const w = await newWorker(sim);
    // The server refuses this path with 404: a permanent refusal, straight to fallback.
    const refused = feedOf(w.client, { url: `ws://127.0.0.1:${sim.port}/em/ws-nope`, backoff: { initialMs: 50, maxMs: 60_000 } });
    expect(await refused.feed.settled()).toBe(false);
    expect(refused.feed.state()).toMatchObject({ kind: 'fallback' });
    expect(refused.feed.state().reason).toMatch(/HTTP 404: polling instead/);

    const { task } = await publish(pub, TASK);
    await apply(w.client, { taskId: task.id, executorId: w.executorId });
    const reader = createEmReader({ client: w.client, executorId: w.executorId });
    reader.track(task.id);
    const seen: Task[] = [];
    const live = createEmLive({ reader, feed: refused.feed, onTask: (t) => seen.push(t), minIntervalMs: 100, budgetPerMinute: 600 });
    try {
      expect(live.mode()).toBe('poll');
      await until(() => seen.find((t) => t.em?.status === 'published'), 'a polled task');
      await assign(pub, { taskId: task.id, executorId: w.executorId, workerWallet: w.lower });
      const polled = await until(() => seen.find((t) => t.em?.status === 'accepted'), 'the assignment seen by polling');
      expect(polled.claimedBy).toBe(w.lower);
    } finally {
      live.stop();
    }
    // The budget: 30 requests a minute by default → 10 tracked tasks poll every 20 s, never faster than 5 s.
    const budgeted = createEmLive({ reader, feed: null, onTask: () => {} });
    expect(budgeted.intervalFor(10)).toBe(20_000);
    expect(budgeted.intervalFor(1)).toBe(5_000);
    budgeted.stop();
  });

  it('a connection that cannot be made retries with backoff, then falls back', async () => {
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
    const port = (srv.address() as AddressInfo).port;
    await new Promise<void>((r) => srv.close(() => r()));
    const f = feedOf(pub, { url: `ws://127.0.0.1:${port}/em/ws`, backoff: { initialMs: 20, maxMs: 200, fallbackAfter: 3 } });
    expect(await f.feed.settled()).toBe(false);
    const kinds = f.states.map((s) => s.kind);
    expect(kinds.slice(0, 2)).toEqual(['reconnecting', 'reconnecting']);
    expect(f.feed.state()).toMatchObject({ kind: 'fallback', failures: 3 });
    f.feed.close();
    expect(f.feed.state().kind).toBe('closed');
  });

  it('a wallet-less client does not pretend: no socket, fallback at once', async () => {
    const f = feedOf(emClient(sim, null));
    expect(await f.feed.settled()).toBe(false);
    expect(f.feed.state().reason).toMatch(/no wallet/);
  });
});
