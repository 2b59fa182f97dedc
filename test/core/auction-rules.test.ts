import { describe, expect, it } from 'vitest';
import {
  bidsSealed,
  checkAuctionAccept,
  checkBid,
  checkSelectWinner,
  lowestPrice,
  selectWinner,
  type AuctionRuleTask,
  type BidRow,
} from '../../src/core/auction-rules.js';

const NOW = 1_700_000_000_000;
const HOUR = 3_600_000;
const ID = '0xtask';

const task = (o: Partial<AuctionRuleTask> = {}): AuctionRuleTask => ({
  id: ID,
  mode: 'auction',
  status: 'open',
  taskVisibility: 'public',
  auctionType: 'english',
  createdAt: NOW - HOUR,
  expiryTime: NOW + 24 * HOUR,
  bidDeadline: NOW + HOUR,
  maxPrice: 5_000_000n,
  auctionStartPrice: null,
  auctionFloorPrice: null,
  ...o,
});
const bid = (id: string, workerAddress: string, price: bigint, createdAt = NOW - 1000): BidRow => ({ id, workerAddress, price, createdAt });

describe('checkBid: router checks 1–8 in order (§1.3)', () => {
  it.each<[string, Partial<AuctionRuleTask> | null, bigint, number, number, string]>([
    ['unknown task', null, 1n, NOW, 404, 'Task not found'],
    ['private without access', { taskVisibility: 'private' }, 1n, NOW, 403, 'Not authorized to bid on this private task'],
    ['not an auction', { mode: 'bounty' }, 1n, NOW, 400, 'Not an Auction task'],
    ['not open', { status: 'claimed' }, 1n, NOW, 400, 'Task not open for bids'],
    ['t = bidDeadline', {}, 1n, NOW + HOUR, 400, 'Bid deadline has passed'],
    ['t past deadline', {}, 1n, NOW + 2 * HOUR, 400, 'Bid deadline has passed'],
    ['over maxPrice', {}, 5_000_001n, NOW, 400, 'Bid exceeds max price'],
    [
      'dutch',
      { auctionType: 'dutch', auctionFloorPrice: 0n },
      1n,
      NOW,
      400,
      `This auction type (dutch) uses auction-accept, not bid. Run: taskmarket task auction-accept ${ID}`,
    ],
    [
      'reverse dutch',
      { auctionType: 'reverse_dutch' },
      1n,
      NOW,
      400,
      `This auction type (reverse_dutch) uses auction-accept, not bid. Run: taskmarket task auction-accept ${ID}`,
    ],
    // Order: the status check wins over the deadline, the deadline over the price.
    ['closed and late', { status: 'cancelled' }, 9_000_000n, NOW + 2 * HOUR, 400, 'Task not open for bids'],
    ['late and too high', {}, 9_000_000n, NOW + 2 * HOUR, 400, 'Bid deadline has passed'],
  ])('%s', (_name, o, price, now, status, error) => {
    expect(checkBid({ task: o === null ? null : task(o), bids: [], bidder: '0xW', price, now })).toEqual({ ok: false, status, error });
  });

  it('accepts a first bid at exactly maxPrice, 1 ms before the deadline, and on a private task with access', () => {
    expect(checkBid({ task: task(), bids: [], bidder: '0xW', price: 5_000_000n, now: NOW + HOUR - 1 })).toEqual({
      ok: true,
      replacesBidId: null,
    });
    expect(
      checkBid({ task: task({ taskVisibility: 'private' }), bids: [], bidder: '0xW', price: 1n, now: NOW, privateAccess: true }).ok,
    ).toBe(true);
  });

  it('chain reverts after the router checks: untyped auction, bid limit', () => {
    const p = { bids: [], bidder: '0xW', price: 1n, now: NOW };
    expect(checkBid({ ...p, task: task({ auctionType: null }) })).toEqual({
      ok: false,
      status: 400,
      error: 'Contract call rejected: NotABidAuction',
    });
    expect(checkBid({ ...p, task: task(), chainBidCount: 499 }).ok).toBe(true);
    expect(checkBid({ ...p, task: task(), chainBidCount: 500 })).toMatchObject({ error: 'Contract call rejected: BidLimitReached' });
  });

  it('a null bidDeadline never closes the window', () => {
    expect(checkBid({ task: task({ bidDeadline: null }), bids: [], bidder: '0xW', price: 1n, now: NOW + 99 * HOUR }).ok).toBe(true);
  });

  describe('english: strictly undercut the global lowest', () => {
    const bids = [bid('b1', '0xA', 3_000_000n), bid('b2', '0xB', 2_800_000n)];
    it.each<[string, string, bigint, boolean]>([
      ['tie rejected', '0xC', 2_800_000n, false],
      ['above lowest rejected', '0xC', 2_900_000n, false],
      ['one base unit under accepted', '0xC', 2_799_999n, true],
      ['own lowest bid must be beaten too', '0xB', 2_800_000n, false],
      ['owner re-bid lower accepted', '0xb', 2_700_000n, true],
    ])('%s', (_name, bidder, price, ok) => {
      const r = checkBid({ task: task(), bids, bidder, price, now: NOW });
      if (ok) expect(r.ok).toBe(true);
      else expect(r).toEqual({ ok: false, status: 400, error: 'Bid must undercut the current lowest bid of 2800000 base units' });
    });
    it('a re-bid replaces the bidder’s row (case-insensitive address)', () => {
      expect(checkBid({ task: task(), bids, bidder: '0xa', price: 1n, now: NOW })).toEqual({ ok: true, replacesBidId: 'b1' });
    });
  });

  describe('reverse english: only the bidder’s own previous bid constrains', () => {
    const t = task({ auctionType: 'reverse_english' });
    const bids = [bid('b1', '0xA', 3_000_000n), bid('b2', '0xB', 1_000_000n)];
    it('others’ lower bids do not matter', () => {
      expect(checkBid({ task: t, bids, bidder: '0xC', price: 4_000_000n, now: NOW })).toEqual({ ok: true, replacesBidId: null });
      expect(checkBid({ task: t, bids, bidder: '0xA', price: 2_999_999n, now: NOW })).toEqual({ ok: true, replacesBidId: 'b1' });
    });
    it.each([3_000_000n, 3_000_001n])('own re-bid at %s rejected', (price) => {
      expect(checkBid({ task: t, bids, bidder: '0xA', price, now: NOW })).toEqual({
        ok: false,
        status: 400,
        error: 'Re-bid must be lower than your current bid of 3000000 base units',
      });
    });
  });

  it('preflight wording', () => {
    const pre = (o: Partial<AuctionRuleTask>, bids: BidRow[] = [], price = 1n, now = NOW) =>
      checkBid({ task: task(o), bids, bidder: '0xA', price, now, wording: 'preflight' });
    expect(pre({ mode: 'claim' })).toMatchObject({ error: 'Task is not an auction' });
    expect(pre({ status: 'claimed' })).toMatchObject({ error: 'Task is not open' });
    expect(pre({ bidDeadline: null, expiryTime: NOW })).toMatchObject({ error: 'Bid deadline has passed' });
    expect(pre({ auctionType: 'dutch' })).toMatchObject({ error: 'Clock auctions use auction-accept, not bid' });
    expect(pre({}, [bid('b', '0xB', 5n)], 5n)).toMatchObject({ error: 'Bid must undercut the current lowest bid' });
    expect(pre({ auctionType: 'reverse_english' }, [bid('b', '0xA', 5n)], 5n)).toMatchObject({
      error: 'Re-bid must be lower than the worker current bid',
    });
  });
});

describe('checkAuctionAccept (§1.3 bids/accept)', () => {
  // dutch 5 → 1 USDC over [NOW − 1h, NOW + 1h]: 3 USDC at NOW.
  const dutch = (o: Partial<AuctionRuleTask> = {}) => task({ auctionType: 'dutch', auctionFloorPrice: 1_000_000n, ...o });

  it.each<[string, AuctionRuleTask | null, number, number, string]>([
    ['unknown', null, NOW, 404, 'Task not found'],
    ['private', dutch({ taskVisibility: 'private' }), NOW, 403, 'Not authorized to accept this private task'],
    ['not auction', dutch({ mode: 'pitch' }), NOW, 400, 'Not an auction task'],
    ['english', task(), NOW, 400, 'auction-accept is only for dutch and reverse_dutch auctions. This task is english.'],
    ['untyped', task({ auctionType: null }), NOW, 400, 'auction-accept is only for dutch and reverse_dutch auctions. This task is untyped.'],
    ['claimed already', dutch({ status: 'claimed' }), NOW, 400, 'Task is not open'],
    ['t = bidDeadline', dutch(), NOW + HOUR, 400, 'Bid deadline has passed — auction clock has expired'],
    ['no bidDeadline', dutch({ bidDeadline: null }), NOW, 400, 'Could not compute current clock price'],
  ])('%s', (_name, t, now, status, error) => {
    expect(checkAuctionAccept({ task: t, now })).toEqual({ ok: false, status, error });
  });

  it('returns the clock price; minPrice equal passes, one unit above fails', () => {
    expect(checkAuctionAccept({ task: dutch(), now: NOW })).toEqual({ ok: true, price: 3_000_000n });
    expect(checkAuctionAccept({ task: dutch(), now: NOW, minPrice: 3_000_000n })).toEqual({ ok: true, price: 3_000_000n });
    expect(checkAuctionAccept({ task: dutch(), now: NOW, minPrice: 3_000_001n })).toEqual({
      ok: false,
      status: 400,
      error: 'Clock price (3000000 base units) is below your minimum (3000001 base units). Current price: 3000000',
    });
    expect(checkAuctionAccept({ task: dutch(), now: NOW, minPrice: 3_000_001n, wording: 'preflight' })).toMatchObject({
      error: 'Current price is below minPrice',
    });
  });

  it('router: an expired task (clock still running) hits the chain TaskIsExpired revert', () => {
    const t = dutch({ expiryTime: NOW - 1, bidDeadline: NOW + HOUR });
    expect(checkAuctionAccept({ task: t, now: NOW })).toEqual({ ok: false, status: 400, error: 'Contract call rejected: TaskIsExpired' });
    expect(checkAuctionAccept({ task: dutch({ expiryTime: NOW }), now: NOW }).ok).toBe(true);
  });

  it('reverse dutch at creation is the start price', () => {
    const t = task({ auctionType: 'reverse_dutch', auctionStartPrice: 500_000n });
    expect(checkAuctionAccept({ task: t, now: t.createdAt })).toEqual({ ok: true, price: 500_000n });
  });

  it('preflight wording for the clock checks, incl. an expired task', () => {
    const pre = (t: AuctionRuleTask, now = NOW) => checkAuctionAccept({ task: t, now, wording: 'preflight' });
    expect(pre(dutch(), NOW + HOUR)).toMatchObject({ error: 'Auction clock has expired' });
    expect(pre(dutch({ bidDeadline: null, expiryTime: NOW }))).toMatchObject({ error: 'Auction clock has expired' });
    expect(pre(dutch({ bidDeadline: null }))).toMatchObject({ error: 'Current auction price is unavailable' });
  });
});

describe('select-winner', () => {
  it('lowest price wins; ties go to the earliest bid', () => {
    const bids = [bid('late', '0xB', 100n, NOW), bid('early', '0xA', 100n, NOW - 5), bid('high', '0xC', 200n, NOW - 10)];
    expect(selectWinner(bids)?.id).toBe('early');
    expect(selectWinner([])).toBeNull();
    expect(selectWinner([bid('x', '0xA', 7n)])?.id).toBe('x');
    expect(lowestPrice(bids)).toBe(100n);
    expect(lowestPrice([])).toBeNull();
  });

  it.each<[string, AuctionRuleTask | null, BidRow[], number, string]>([
    ['unknown', null, [], NOW, 'Task not found'],
    ['not auction', task({ mode: 'claim' }), [], NOW + HOUR, 'Not an Auction task'],
    ['not open', task({ status: 'claimed' }), [], NOW + HOUR, 'Task not open'],
    ['1 ms before deadline', task(), [], NOW + HOUR - 1, 'Bid deadline has not passed yet'],
    ['dutch', task({ auctionType: 'dutch' }), [], NOW + HOUR, 'dutch auctions use auction-accept for immediate selection, not select-winner'],
    ['expired', task({ expiryTime: NOW + HOUR }), [bid('b', '0xA', 1n)], NOW + HOUR + 1, 'Contract call rejected: TaskIsExpired'],
    ['no bids', task(), [], NOW + HOUR, 'Contract call rejected: NoBidsSubmitted'],
  ])('rejects: %s', (_name, t, bids, now, error) => {
    const r = checkSelectWinner({ task: t, bids, now });
    expect(r.ok ? null : r.error).toBe(error);
  });

  it('selects at t = bidDeadline, with a null deadline, and at t = expiry', () => {
    const bids = [bid('b1', '0xA', 3n), bid('b2', '0xB', 2n)];
    expect(checkSelectWinner({ task: task(), bids, now: NOW + HOUR })).toEqual({ ok: true, winner: bids[1] });
    expect(checkSelectWinner({ task: task({ bidDeadline: null }), bids, now: NOW }).ok).toBe(true);
    expect(checkSelectWinner({ task: task({ expiryTime: NOW + HOUR }), bids, now: NOW + HOUR }).ok).toBe(true);
  });

  it('sealed only for reverse english, open, before a set deadline', () => {
    const t = task({ auctionType: 'reverse_english' });
    expect(bidsSealed(t, NOW)).toBe(true);
    expect(bidsSealed(t, NOW + HOUR)).toBe(false);
    expect(bidsSealed({ ...t, bidDeadline: null }, NOW)).toBe(false);
    expect(bidsSealed({ ...t, status: 'claimed' }, NOW)).toBe(false);
    expect(bidsSealed(task(), NOW)).toBe(false);
  });
});
