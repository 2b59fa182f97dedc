// Order states and their transitions, arming-time checks and the phrase typed to arm.
import { describe, expect, it } from 'vitest';
import { fillAgainstTrigger, isTerminal, transition, type ArmedKind, type OrderEvent, type OrderState, type OrderStatus } from '../../../src/core/armed/order.js';
import { armingPhrase, checkSpec, fireLimit } from '../../../src/core/armed/validate.js';
import { EMPTY_CLAIM_FILTER } from '../../../src/core/armed/claim-rule.js';
import type { AuctionAcceptSpec, ClaimRuleSpec, LadderSpec } from '../../../src/core/armed/order.js';
import { makeTask, TASK_ID, WORKER } from '../fixtures.js';

const S = (status: OrderStatus): OrderState =>
  status === 'suspended' ? { status, reason: 'r' } : status === 'expired' || status === 'exhausted' ? { status, reason: 'r' } : ({ status } as OrderState);

const EVENTS: OrderEvent[] = [
  { type: 'fire' },
  { type: 'fired', done: false },
  { type: 'fired', done: true },
  { type: 'stand_down' },
  { type: 'suspend', reason: 'x' },
  { type: 'pause' },
  { type: 'resume' },
  { type: 'disarm' },
  { type: 'expire', reason: 'x' },
  { type: 'exhaust', reason: 'x' },
];
const label = (e: OrderEvent) => (e.type === 'fired' ? `fired(${e.done ? 'done' : 'more'})` : e.type);

function table(kind: ArmedKind): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const s of ['armed', 'firing', 'fired', 'suspended', 'paused', 'disarmed', 'expired', 'exhausted'] as OrderStatus[]) {
    out[s] = {};
    for (const e of EVENTS) {
      const t = transition(S(s), e, kind);
      out[s]![label(e)] = t.ok ? t.state.status : '-';
    }
  }
  return out;
}

describe('transition', () => {
  it('an auction-accept: armed → firing → fired (terminal), suspend/resume, pause after a restart, disarm and expire from any live state', () => {
    expect(table('auction_accept')).toEqual({
      armed: { fire: 'firing', 'fired(more)': '-', 'fired(done)': '-', stand_down: '-', suspend: 'suspended', pause: 'paused', resume: '-', disarm: 'disarmed', expire: 'expired', exhaust: 'exhausted' },
      firing: { fire: '-', 'fired(more)': 'fired', 'fired(done)': 'fired', stand_down: 'armed', suspend: 'suspended', pause: '-', resume: '-', disarm: 'disarmed', expire: 'expired', exhaust: 'exhausted' },
      fired: { fire: '-', 'fired(more)': '-', 'fired(done)': '-', stand_down: '-', suspend: '-', pause: '-', resume: '-', disarm: '-', expire: '-', exhaust: '-' },
      suspended: { fire: '-', 'fired(more)': '-', 'fired(done)': '-', stand_down: '-', suspend: '-', pause: 'paused', resume: 'armed', disarm: 'disarmed', expire: 'expired', exhaust: '-' },
      paused: { fire: '-', 'fired(more)': '-', 'fired(done)': '-', stand_down: '-', suspend: '-', pause: '-', resume: 'armed', disarm: 'disarmed', expire: 'expired', exhaust: '-' },
      disarmed: { fire: '-', 'fired(more)': '-', 'fired(done)': '-', stand_down: '-', suspend: '-', pause: '-', resume: '-', disarm: '-', expire: '-', exhaust: '-' },
      expired: { fire: '-', 'fired(more)': '-', 'fired(done)': '-', stand_down: '-', suspend: '-', pause: '-', resume: '-', disarm: '-', expire: '-', exhaust: '-' },
      exhausted: { fire: '-', 'fired(more)': '-', 'fired(done)': '-', stand_down: '-', suspend: '-', pause: '-', resume: '-', disarm: '-', expire: '-', exhaust: '-' },
    });
  });

  it('a claim rule or ladder goes back to armed after a fire until its fills are used, then is exhausted', () => {
    for (const kind of ['claim', 'ladder'] as const) {
      const t = table(kind);
      expect(t.firing).toMatchObject({ 'fired(more)': 'armed', 'fired(done)': 'exhausted' });
      expect(t.exhausted).toEqual(table('auction_accept').fired);
    }
  });

  it('terminal states are exactly fired, disarmed, expired, exhausted', () => {
    const terminal = (['armed', 'firing', 'fired', 'suspended', 'paused', 'disarmed', 'expired', 'exhausted'] as OrderStatus[]).filter((s) => isTerminal(S(s)));
    expect(terminal).toEqual(['fired', 'disarmed', 'expired', 'exhausted']);
  });

  it('a refused transition says why', () => {
    const t = transition({ status: 'paused' }, { type: 'fire' }, 'claim');
    expect(t).toEqual({ ok: false, error: 'an order that is paused cannot fire' });
  });
});

describe('fill against the trigger', () => {
  it('more is better for the worker, on either clock', () => {
    expect(fillAgainstTrigger(2_499_990n, 2_500_000n)).toEqual({ diff: -10n, better: false });
    expect(fillAgainstTrigger(2_500_007n, 2_500_000n)).toEqual({ diff: 7n, better: true });
  });
});

const T0 = 1_700_000_000_000;
const H = 3_600_000;
const clockTask = makeTask({ mode: 'auction', auctionType: 'dutch', status: 'open', createdAt: T0, bidDeadline: T0 + H, expiryTime: T0 + 24 * H, maxPrice: 5_000_000n, auctionFloorPrice: 1_000_000n });
const accept = (o: Partial<AuctionAcceptSpec> = {}): AuctionAcceptSpec => ({ id: 'a', kind: 'auction_accept', wallet: WORKER as `0x${string}`, agent: null, taskId: TASK_ID, auctionType: 'dutch', trigger: 3_000_000n, minPrice: 2_900_000n, expiresAt: T0 + H, ...o });
const claim = (o: Partial<ClaimRuleSpec> = {}): ClaimRuleSpec => ({ id: 'c', kind: 'claim', wallet: WORKER as `0x${string}`, agent: null, filter: EMPTY_CLAIM_FILTER, minReward: 1_000_000n, maxFills: 3, expiresAt: null, ...o });
const ladder = (o: Partial<LadderSpec> = {}): LadderSpec => ({ id: 'l', kind: 'ladder', wallet: WORKER as `0x${string}`, agent: null, taskId: TASK_ID, auctionType: 'english', step: 100_000n, floor: 2_000_000n, maxBids: 5, expiresAt: T0 + H, ...o });
const englishTask = makeTask({ mode: 'auction', auctionType: 'english', status: 'open', createdAt: T0, bidDeadline: T0 + H, maxPrice: 5_000_000n });

describe('checkSpec and the arming phrase', () => {
  it('an auction-accept: its crossing instant, and every way it cannot be armed', () => {
    expect(checkSpec(accept(), clockTask, T0)).toEqual({ ok: true, timing: { kind: 'at', at: T0 + H / 2, price: 3_000_000n } });
    expect(checkSpec(accept({ trigger: 1_000_000n, minPrice: 0n }), clockTask, T0)).toMatchObject({ ok: false, errors: { trigger: expect.stringMatching(/never fires: .*only at the bid deadline/) } });
    expect(checkSpec(accept({ minPrice: 3_000_001n }), clockTask, T0)).toMatchObject({ ok: false, errors: { minPrice: expect.stringMatching(/above the trigger/) } });
    expect(checkSpec(accept({ expiresAt: T0 + 2 * H }), clockTask, T0)).toMatchObject({ ok: false, errors: { expiresAt: 'after the bid deadline' } });
    expect(checkSpec(accept({ expiresAt: T0 + H / 4 }), clockTask, T0)).toMatchObject({ ok: false, errors: { trigger: expect.stringMatching(/order expiry/) } });
    expect(checkSpec(accept(), { ...clockTask, status: 'claimed' }, T0)).toMatchObject({ ok: false, errors: { task: 'the task is claimed' } });
    expect(checkSpec(accept({ auctionType: 'reverse_dutch' }), clockTask, T0)).toMatchObject({ ok: false, errors: { task: expect.stringMatching(/not auction\/reverse_dutch/) } });
    expect(checkSpec(accept(), null, T0)).toMatchObject({ ok: false });
  });

  it('a claim rule and a ladder', () => {
    expect(checkSpec(claim(), null, T0)).toEqual({ ok: true, timing: null });
    expect(checkSpec(claim({ maxFills: 0 }), null, T0)).toMatchObject({ ok: false, errors: { maxFills: expect.any(String) } });
    expect(checkSpec(ladder(), englishTask, T0)).toEqual({ ok: true, timing: null });
    expect(checkSpec(ladder({ floor: 6_000_000n }), englishTask, T0)).toMatchObject({ ok: false, errors: { floor: 'above the max price' } });
    expect(checkSpec(ladder({ step: 0n }), englishTask, T0)).toMatchObject({ ok: false, errors: { step: expect.any(String) } });
    expect(checkSpec(ladder(), englishTask, T0 + H)).toMatchObject({ ok: false, errors: { task: 'the bid deadline has passed' } });
  });

  it('the phrase is P, N or the floor; the fire limit 1, N, or N bids (one on a sealed auction)', () => {
    expect([armingPhrase(accept()), armingPhrase(claim()), armingPhrase(ladder())]).toEqual(['3.000000', '3', '2.000000']);
    expect([fireLimit(accept()), fireLimit(claim()), fireLimit(ladder()), fireLimit(ladder({ auctionType: 'reverse_english' }))]).toEqual([1, 3, 5, 1]);
  });
});
