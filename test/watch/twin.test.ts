// The twin's diffing rules (cli §5): silent baselines, status changes only for tasks in both inbox
// snapshots, role requester when in asRequester, pendingActions from a fresh detail; unread email once.
import { describe, expect, it } from 'vitest';
import { createDeskStore } from '../../src/store/desk-store.js';
import type { WatchEvent } from '../../src/watch/events.js';
import { createTwin } from '../../src/watch/twin.js';
import { FakeReader } from '../store/fake-reader.js';
import { action, makeTask, T0 } from '../store/fixtures.js';

const ok = (name: string) => ({ name, ok: true, nextAt: 0, failures: 0 });

function setup() {
  const reader = new FakeReader();
  const store = createDeskStore({ badge: 'SIM', apiUrl: reader.apiUrl, now: T0 });
  const events: WatchEvent[] = [];
  const twin = createTwin(store, reader, (e) => events.push(e));
  return { reader, store, events, twin };
}

describe('watch twin', () => {
  it('treats the first feed as a baseline and reports later open tasks once', () => {
    const { store, events, twin } = setup();
    store.getState().setFeed([makeTask({ id: 'a' })], false, T0);
    twin.onPoll(ok('feed'));
    expect(events).toEqual([]);
    store.getState().setFeed([makeTask({ id: 'a' }), makeTask({ id: 'b', reward: 7n, tags: ['x'] })], false, T0);
    twin.onPoll(ok('feed'));
    twin.onPoll(ok('feed'));
    expect(events).toEqual([{ event: 'task.new', taskId: 'b', description: 'task b', reward: '7', mode: 'bounty', tags: ['x'] }]);
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
