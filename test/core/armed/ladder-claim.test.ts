// The ladder's next bid by the backend's bid rules, its most in fees, and the claim rule's match.
import { describe, expect, it } from 'vitest';
import { EMPTY_CLAIM_FILTER, matchClaimRule } from '../../../src/core/armed/claim-rule.js';
import { ladderMaxFees, nextLadderBid, type LadderQuery } from '../../../src/core/armed/ladder.js';
import { makeTask, REQUESTER, WORKER } from '../fixtures.js';

const T0 = 1_700_000_000_000;
const H = 3_600_000;
const english = (o: Parameters<typeof makeTask>[0] = {}) =>
  makeTask({ mode: 'auction', auctionType: 'english', status: 'open', createdAt: T0, bidDeadline: T0 + H, expiryTime: T0 + 24 * H, maxPrice: 5_000_000n, currentLowestBid: null, ...o });
const q = (o: Partial<LadderQuery> = {}): LadderQuery => ({ task: english(), step: 250_000n, floor: 2_000_000n, maxBids: 4, bidsSoFar: 0, ownBid: null, wallet: WORKER, now: T0 + 1000, ...o });

describe('nextLadderBid (english)', () => {
  it('opens at the max price when nobody has bid', () => {
    expect(nextLadderBid(q())).toEqual({ kind: 'bid', price: 5_000_000n });
  });

  it('undercuts someone else\'s lowest by the step', () => {
    expect(nextLadderBid(q({ task: english({ currentLowestBid: 4_000_000n }) }))).toEqual({ kind: 'bid', price: 3_750_000n });
    expect(nextLadderBid(q({ task: english({ currentLowestBid: 4_000_000n }), ownBid: 4_200_000n, bidsSoFar: 1 }))).toEqual({ kind: 'bid', price: 3_750_000n });
  });

  it('holds while the lowest bid is its own', () => {
    expect(nextLadderBid(q({ task: english({ currentLowestBid: 3_750_000n }), ownBid: 3_750_000n, bidsSoFar: 1 }))).toMatchObject({ kind: 'hold', reason: 'you hold the lowest bid' });
  });

  it('never below the floor: a short last step bids the floor itself, then nothing is left', () => {
    expect(nextLadderBid(q({ task: english({ currentLowestBid: 2_100_000n }) }))).toEqual({ kind: 'bid', price: 2_000_000n });
    expect(nextLadderBid(q({ task: english({ currentLowestBid: 2_000_000n }) }))).toMatchObject({ kind: 'done', end: 'floor' });
    expect(nextLadderBid(q({ task: english({ currentLowestBid: 1_500_000n }) }))).toMatchObject({ kind: 'done', end: 'floor' });
  });

  it('at most N bids, and none at or after the deadline or once the task is not open', () => {
    expect(nextLadderBid(q({ task: english({ currentLowestBid: 4_000_000n }), bidsSoFar: 4 }))).toMatchObject({ kind: 'done', end: 'used', reason: 'all 4 bids used' });
    expect(nextLadderBid(q({ now: T0 + H }))).toMatchObject({ kind: 'done', end: 'deadline' });
    expect(nextLadderBid(q({ task: english({ status: 'claimed' }) }))).toMatchObject({ kind: 'done', end: 'closed' });
  });

  it('the backend\'s rule is the last word (a bid above the max is refused)', () => {
    // The market shows a lowest above the max (a stale or odd read): lowest − step is still over the max.
    expect(nextLadderBid(q({ task: english({ currentLowestBid: 6_000_000n }) }))).toEqual({ kind: 'done', end: 'rule', reason: 'Bid exceeds max price' });
  });
});

describe('nextLadderBid (reverse_english, sealed)', () => {
  const sealed = (o: Parameters<typeof makeTask>[0] = {}) => english({ auctionType: 'reverse_english', ...o });
  it('one sealed bid at the floor, then it stops: nothing to undercut is visible', () => {
    expect(nextLadderBid(q({ task: sealed() }))).toEqual({ kind: 'bid', price: 2_000_000n });
    expect(nextLadderBid(q({ task: sealed(), ownBid: 2_000_000n, bidsSoFar: 1 }))).toMatchObject({ kind: 'done', end: 'used' });
  });

  it('the most in fees is N × the bid fee, one fee on a sealed auction', () => {
    expect(ladderMaxFees('english', 4, 1000n)).toBe(4000n);
    expect(ladderMaxFees('reverse_english', 4, 1000n)).toBe(1000n);
  });
});

describe('matchClaimRule', () => {
  const claim = (o: Parameters<typeof makeTask>[0] = {}) => makeTask({ mode: 'claim', status: 'open', reward: 2_000_000n, tags: ['Rust', 'parsing'], description: 'Write a Rust parser for TOML', expiryTime: T0 + 2 * H, ...o });
  const rule = { filter: EMPTY_CLAIM_FILTER, minReward: 1_000_000n, wallet: WORKER, now: T0 };

  it('matches an open claim task above the minimum', () => {
    expect(matchClaimRule(claim(), rule)).toEqual({ ok: true });
  });

  it('refuses other modes, closed or expired tasks, your own tasks, rewards outside the range', () => {
    expect(matchClaimRule(claim({ mode: 'bounty' }), rule)).toEqual({ ok: false, reason: 'a bounty task, not claim' });
    expect(matchClaimRule(claim({ status: 'claimed' }), rule)).toMatchObject({ ok: false, reason: 'the task is claimed' });
    expect(matchClaimRule(claim({ expiryTime: T0 }), rule)).toMatchObject({ ok: false, reason: 'the task has expired' });
    expect(matchClaimRule(claim({ requester: WORKER }), rule)).toMatchObject({ ok: false, reason: 'your own task' });
    expect(matchClaimRule(claim({ reward: 999_999n }), rule)).toMatchObject({ ok: false });
    expect(matchClaimRule(claim(), { ...rule, filter: { ...EMPTY_CLAIM_FILTER, minReward: 3_000_000n } })).toMatchObject({ ok: false });
    expect(matchClaimRule(claim(), { ...rule, filter: { ...EMPTY_CLAIM_FILTER, maxReward: 1_500_000n } })).toMatchObject({ ok: false });
    expect(matchClaimRule(claim({ market: 'execution-market' }), rule)).toMatchObject({ ok: false });
    expect(claim().requester).toBe(REQUESTER);
  });

  it('the Feed\'s filters: tags (all), skill, deadline, text terms as substrings only', () => {
    const f = (o: Partial<typeof EMPTY_CLAIM_FILTER>) => ({ ...rule, filter: { ...EMPTY_CLAIM_FILTER, ...o } });
    expect(matchClaimRule(claim(), f({ tags: ['rust', 'PARSING'] }))).toEqual({ ok: true });
    expect(matchClaimRule(claim(), f({ tags: ['rust', 'go'] }))).toEqual({ ok: false, reason: 'no tag go' });
    expect(matchClaimRule(claim(), f({ skill: 'parsing' }))).toEqual({ ok: true });
    expect(matchClaimRule(claim(), f({ deadlineHours: 1 }))).toMatchObject({ ok: false });
    expect(matchClaimRule(claim(), f({ deadlineHours: 3 }))).toEqual({ ok: true });
    expect(matchClaimRule(claim(), f({ text: 'toml parser' }))).toEqual({ ok: true });
    // "wrp" is a subsequence of "write a rust parser" (the Feed's fuzzy match would take it): a rule does not.
    expect(matchClaimRule(claim(), f({ text: 'wrp' }))).toMatchObject({ ok: false });
  });
});
