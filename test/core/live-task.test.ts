import { describe, expect, it } from 'vitest';
import { displayStatus, isPastExpiry, liveActions, liveWindowOpen, nextDeadline } from '../../src/core/live-task.js';
import type { PendingAction } from '../../src/core/types.js';
import { taskWith } from '../fixtures/task.js';

const makeTask = (o: Parameters<typeof taskWith>[0]) => taskWith(o);

const action = (a: Partial<PendingAction> & Pick<PendingAction, 'action'>): PendingAction => ({
  role: 'worker',
  command: `taskmarket task ${a.action} 0x1`,
  eligibleAddress: null,
  requiresPayment: false,
  paymentAmount: null,
  availableAfter: null,
  availableUntil: null,
  targetWorker: null,
  ...a,
});

describe('live task', () => {
  const t = makeTask({ status: 'open', mode: 'claim', expiryTime: 10_000, submissionWindowOpen: true });

  it('shows an open task as expired from the instant its expiry passes', () => {
    expect(displayStatus(t, 9_999)).toBe('open');
    expect(displayStatus(t, 10_000)).toBe('expired');
    expect(isPastExpiry(t, 10_000)).toBe(true);
    expect(isPastExpiry({ ...t, status: 'completed' }, 20_000)).toBe(false);
  });

  it('closes the submission window at expiry', () => {
    expect(liveWindowOpen(t, 9_999)).toBe(true);
    expect(liveWindowOpen(t, 10_000)).toBe(false);
  });

  it('drops actions whose window closed, and cancel after expiry', () => {
    const actions = [
      action({ action: 'claim', availableUntil: 10_000 }),
      action({ action: 'cancel', role: 'requester' }),
      action({ action: 'update', role: 'requester' }),
      action({ action: 'forfeit', availableAfter: 10_000 }),
    ];
    expect(liveActions(actions, t, 9_999)).toBe(actions);
    expect(liveActions(actions, t, 10_000).map((a) => a.action)).toEqual(['update', 'forfeit']);
  });

  it('names the next deadline the operator can act on', () => {
    const auction = makeTask({ status: 'open', mode: 'auction', auctionType: 'english', bidDeadline: 5_000, expiryTime: 10_000 });
    expect(nextDeadline(auction, 1_000)).toEqual({ kind: 'bid', at: 5_000 });
    expect(nextDeadline(auction, 5_000)).toEqual({ kind: 'exp', at: 10_000 });
    const pitch = makeTask({ status: 'open', mode: 'pitch', pitchDeadline: 3_000, expiryTime: 10_000 });
    expect(nextDeadline(pitch, 0)).toEqual({ kind: 'pitch', at: 3_000 });
    expect(nextDeadline({ ...pitch, status: 'completed' }, 0)).toBeNull();
  });
});
