// The twin's diffing rules (cli §5): the first feed as task.snapshot + watch.ready (taskdesk's own), a
// silent inbox baseline, status changes only for tasks in both inbox snapshots, role requester when in
// asRequester, pendingActions from a fresh detail; unread email once.
import { describe, expect, it } from 'vitest';
import { createDeskStore } from '../../src/store/desk-store.js';
import type { WatchEvent } from '../../src/watch/events.js';
import { createTwin, SEEN_CAP } from '../../src/watch/twin.js';
import { FakeReader } from '../store/fake-reader.js';
import { action, dutch, makeTask, T0 } from '../store/fixtures.js';

const ok = (name: string) => ({ name, ok: true, nextAt: 0, failures: 0 });

function setup() {
  const reader = new FakeReader();
  const store = createDeskStore({ badge: 'SIM', apiUrl: reader.apiUrl, now: T0 });
  const events: WatchEvent[] = [];
  const twin = createTwin(store, reader, (e) => events.push(e));
  return { reader, store, events, twin };
}

describe('watch twin', () => {
  it('reports the first feed as task.snapshot then watch.ready, and later open tasks once as task.new', () => {
    const { store, events, twin } = setup();
    store.getState().setFeed([makeTask({ id: 'a' })], false, T0);
    twin.onPoll(ok('feed'));
    expect(events).toEqual([
      { event: 'task.snapshot', taskId: 'a', description: 'task a', reward: '1000000', mode: 'bounty', tags: [] },
      { event: 'watch.ready', tasks: 1 },
    ]);
    events.length = 0;
    store.getState().setFeed([makeTask({ id: 'a' }), makeTask({ id: 'b', reward: 7n, tags: ['x'] })], false, T0);
    twin.onPoll(ok('feed'));
    twin.onPoll(ok('feed'));
    expect(events).toEqual([{ event: 'task.new', taskId: 'b', description: 'task b', reward: '7', mode: 'bounty', tags: ['x'] }]);
  });

  it('waits for a good feed before the snapshot; counts only open tasks; prices the clocks right after ready', () => {
    const { store, events, twin } = setup();
    twin.onPoll({ ...ok('feed'), ok: false });
    expect(events).toEqual([]);
    store.getState().setFeed([makeTask({ id: 'c', status: 'claimed' }), dutch('d'), makeTask({ id: 'e' })], false, T0);
    twin.onPoll(ok('feed'));
    expect(events.map((e) => e.event)).toEqual(['task.snapshot', 'task.snapshot', 'watch.ready', 'task.auction_clock']);
    expect(events.filter((e) => e.event === 'task.snapshot').map((e) => (e as { taskId: string }).taskId)).toEqual(['d', 'e']);
    expect(events[2]).toEqual({ event: 'watch.ready', tasks: 2 });
    // A claimed task seen at start is not news later either.
    twin.onPoll(ok('feed'));
    expect(events).toHaveLength(4);
  });

  it('an empty market is ready with 0 tasks', () => {
    const { store, events, twin } = setup();
    store.getState().setFeed([], false, T0);
    twin.onPoll(ok('feed'));
    expect(events).toEqual([{ event: 'watch.ready', tasks: 0 }]);
  });

  it('a feed larger than the seen-id cap is not re-reported as new on the next poll', () => {
    const { store, events, twin } = setup();
    const many = Array.from({ length: SEEN_CAP + 500 }, (_, i) => makeTask({ id: `t${i}` }));
    store.getState().setFeed(many, false, T0);
    twin.onPoll(ok('feed'));
    events.length = 0;
    twin.onPoll(ok('feed'));
    expect(events).toEqual([]);
  });

  it('reports a status change with the detail pendingActions and the right role', async () => {
    const { reader, store, events, twin } = setup();
    const t = makeTask({ id: 'r', status: 'open' });
    store.getState().setInbox({ asRequester: [t], asWorker: [t], invitedPrivateTasks: [] }, T0);
    twin.onPoll(ok('inbox'));
    const changed = makeTask({
      id: 'r',
      status: 'pending_approval',
      pendingActions: [action({ role: 'requester', action: 'accept', paymentAmount: 1000n, requiresPayment: true, availableUntil: T0 + 1000 })],
    });
    reader.tasks = [changed];
    store.getState().setInbox({ asRequester: [{ ...changed, pendingActions: undefined }], asWorker: [], invitedPrivateTasks: [] }, T0 + 1);
    twin.onPoll(ok('inbox'));
    await new Promise((r) => setTimeout(r, 0));
    expect(events).toEqual([
      {
        event: 'task.status_changed',
        taskId: 'r',
        role: 'requester',
        from: 'open',
        to: 'pending_approval',
        pendingActions: [
          {
            role: 'requester',
            action: 'accept',
            command: 'taskmarket task accept',
            eligibleAddress: null,
            requiresPayment: true,
            paymentAmount: '1000',
            availableAfter: null,
            availableUntil: new Date(T0 + 1000).toISOString(),
            targetWorker: null,
          },
        ],
      },
    ]);
  });

  it('emits unread email once, sanitised', () => {
    const { store, events, twin } = setup();
    const mail = { id: 'm1', fromAddress: 'a@b', toAddress: 'me', subject: 'hi\x1b[2J', bodyText: 'x\ry', receivedAt: T0, isRead: false };
    store.getState().setEmails([mail, { ...mail, id: 'm2', isRead: true }], T0);
    twin.onPoll(ok('emails'));
    twin.onPoll(ok('emails'));
    expect(events).toEqual([
      {
        event: 'email.new',
        id: 'm1',
        fromAddress: 'a@b',
        subject: 'hi',
        bodyText: 'x\ny',
        receivedAt: new Date(T0).toISOString(),
        source: 'external_email',
        senderVerification: 'unverified',
      },
    ]);
  });
});

describe('xmtp.envelope events', () => {
  it('are the envelope with every key and string sanitised', async () => {
    const { xmtpEnvelope } = await import('../../src/watch/events.js');
    const e = xmtpEnvelope({
      type: 'task.query\x1b]0;x\x07',
      requestId: 'r1',
      senderAddress: '0x3333333333333333333333333333333333333333',
      payload: { 'k\u202eey': ['a\rb', { deep: '\x9b2Jz' }], n: 1, ok: true },
    });
    expect(e).toEqual({
      event: 'xmtp.envelope',
      type: 'task.query',
      requestId: 'r1',
      senderAddress: '0x3333333333333333333333333333333333333333',
      payload: { key: ['a\nb', { deep: 'z' }], n: 1, ok: true },
    });
  });
});
