import { describe, expect, it } from 'vitest';
import { createDeskStore, STALE_AFTER_MS } from '../../src/store/desk-store.js';
import { selectActions, selectClocks, selectFeed } from '../../src/store/selectors.js';
import { action, dutch, makeTask, T0 } from './fixtures.js';

const ME = '0x2222222222222222222222222222222222222222' as const;
const fresh = () => createDeskStore({ badge: 'SIM', apiUrl: 'http://127.0.0.1:1', now: T0, wallet: ME });

describe('desk store', () => {
  it('keeps identity for unchanged tasks, including bigint fields', () => {
    const store = fresh();
    store.getState().setFeed([makeTask({ id: 'a' }), makeTask({ id: 'b' })], false, T0);
    const first = store.getState();
    store.getState().setFeed([makeTask({ id: 'a' }), makeTask({ id: 'b', reward: 2_000_000n })], false, T0 + 5000);
    const second = store.getState();
    expect(second.tasks.a).toBe(first.tasks.a);
    expect(second.tasks.b).not.toBe(first.tasks.b);
    expect(second.tasks.b?.reward).toBe(2_000_000n);
    expect(second.feedIds).toBe(first.feedIds);
    expect(second.taskFetchedAt.a).toBe(T0 + 5000);
    expect(second.firstSeenAt.a).toBe(T0);
  });

  it('a list row does not replace an equal detail row', () => {
    const store = fresh();
    const detailed = makeTask({ id: 'a', pendingActions: [action({ role: 'anyone', action: 'claim' })] });
    store.getState().setDetail({ task: detailed, bids: [], submissions: [], pitches: [], fetchedAt: T0 });
    const held = store.getState().tasks.a;
    store.getState().upsertTasks([makeTask({ id: 'a' })], T0 + 1000);
    expect(store.getState().tasks.a).toBe(held);
    expect(store.getState().tasks.a?.pendingActions).toHaveLength(1);
  });

  it('filters locally with the fuzzy text and sorts by live clock price', () => {
    const store = fresh();
    store.getState().setFeed(
      [
        dutch('d1', { description: 'translate docs', maxPrice: 10_000_000n, reward: 10_000_000n }),
        dutch('d2', { description: 'rust parser', maxPrice: 4_000_000n, reward: 4_000_000n }),
        makeTask({ id: 'b1', description: 'write a rust crate', reward: 1_000_000n }),
      ],
      false,
      T0,
    );
    store.getState().setSort('clock_price');
    store.getState().tick(T0 + 50_000); // d1 at 5.0 USDC, d2 at 2.0
    expect(selectFeed(store.getState()).map((t) => t.id)).toEqual(['d2', 'd1', 'b1']);
    store.getState().setFilter({ text: 'rust' });
    expect(selectFeed(store.getState()).map((t) => t.id)).toEqual(['d2', 'b1']);
    // The Clocks pane keeps its own scope: every open auction, whatever the Feed's text filter.
    expect(selectClocks(store.getState()).map((c) => [c.task.id, c.price])).toEqual([['d1', 5_000_000n], ['d2', 2_000_000n]]);
  });

  it('raises an alert when a dutch clock crosses the target, once', () => {
    const store = fresh();
    store.getState().setFeed([dutch('d1')], false, T0);
    store.getState().setTarget('d1', 6_000_000n);
    store.getState().tick(T0 + 30_000); // 7.0
    expect(store.getState().alerts).toEqual([]);
    store.getState().tick(T0 + 41_000); // 5.9
    expect(store.getState().alerts).toEqual(['d1']);
    store.getState().tick(T0 + 42_000);
    expect(store.getState().alerts).toEqual(['d1']);
    store.getState().ackAlert('d1');
    store.getState().tick(T0 + 43_000);
    expect(store.getState().alerts).toEqual([]);
  });

  it('goes stale when task data is older than 60 s', () => {
    const store = fresh();
    store.getState().connOk(T0);
    store.getState().tick(T0 + STALE_AFTER_MS);
    expect(store.getState().conn.status).toBe('ok');
    store.getState().tick(T0 + STALE_AFTER_MS + 1000);
    expect(store.getState().conn.status).toBe('stale');
    store.getState().connOk(T0 + STALE_AFTER_MS + 1000);
    expect(store.getState().conn.status).toBe('ok');
  });

  it('lists my pending actions by role with their windows', () => {
    const store = fresh();
    const mine = makeTask({
      id: 'r1',
      requester: ME,
      pendingActions: [
        action({ role: 'requester', action: 'cancel', eligibleAddress: ME }),
        action({ role: 'worker', action: 'submit', eligibleAddress: '0x3333333333333333333333333333333333333333' }),
        action({ role: 'anyone', action: 'refund_expired', availableAfter: T0 + 10_000 }),
      ],
    });
    const working = makeTask({ id: 'w1', pendingActions: [action({ role: 'worker', action: 'submit', eligibleAddress: ME })] });
    store.getState().setInbox({ asRequester: [mine], asWorker: [working], invitedPrivateTasks: [] }, T0);
    for (const task of [mine, working]) store.getState().setDetail({ task, bids: [], submissions: [], pitches: [], fetchedAt: T0 });
    const all = selectActions(store.getState());
    expect(all.map((r) => `${r.taskId}:${r.action.action}:${r.availableNow}`)).toEqual([
      'r1:cancel:true',
      'w1:submit:true',
      'r1:refund_expired:false',
    ]);
    expect(selectActions(store.getState(), 'worker').map((r) => r.taskId)).toEqual(['w1']);
  });

  it('dedupes messages and marks them read', () => {
    const store = fresh();
    const m = { key: 'xmtp:1', source: 'xmtp' as const, id: '1', from: 'x', subject: 's', body: 'b', receivedAt: T0, read: false, type: 't' };
    store.getState().addMessages([m, m]);
    store.getState().addMessages([m]);
    expect(store.getState().messages).toHaveLength(1);
    store.getState().markRead('xmtp:1');
    expect(store.getState().messages[0]?.read).toBe(true);
  });
});
