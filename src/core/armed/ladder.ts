// The English bid ladder's next step, by the backend's own bid rules (core/auction-rules.ts checkBid,
// taskmarket-backend.md §1.3, §3.3). Pure.
//
// english (open outcry): with no bids yet the ladder opens at the max price (a bid may equal it, and the
// worker is paid the winning bid); after that it bids only when someone else holds the lowest bid, at that
// lowest minus the step, or at the floor when a full step would go below it (still a strict undercut); once
// the lowest is at or below the floor there is nothing left to do.
// reverse_english (sealed): no one's price is visible — currentLowestBid is null and GET /bids hides prices
// until the deadline — so there is nothing to undercut. The ladder places ONE sealed bid at the floor (the
// least the operator said they accept, so the best chance to win within it) and stops: stepping down blind
// would only spend fees. Its most in fees is therefore one bid fee.
import { checkBid } from '../auction-rules.js';
import type { Task } from '../types.js';

export type LadderDecision =
  | { kind: 'bid'; price: bigint }
  /** Nothing to do on this read (you hold the lowest bid); wait for the next. */
  | { kind: 'hold'; reason: string }
  /** The ladder is over: `end` says why (the deadline or the task closed it, or the ladder ran out). */
  | { kind: 'done'; end: LadderEnd; reason: string };

/** closed = the task is no longer open; deadline = bidding closed; used = every bid placed; floor = cannot go lower; rule = the backend's rule refuses the next bid. */
export type LadderEnd = 'closed' | 'deadline' | 'used' | 'floor' | 'rule';

export interface LadderQuery {
  task: Task;
  step: bigint;
  floor: bigint;
  maxBids: number;
  /** Bids this ladder has placed so far. */
  bidsSoFar: number;
  /** This wallet's current bid price on the task (from its own fills), or null. */
  ownBid: bigint | null;
  wallet: string;
  /** Market time (ms). */
  now: number;
}

const done = (end: LadderEnd, reason: string): LadderDecision => ({ kind: 'done', end, reason });

/** How many bids a ladder can place at most: maxBids on english, one on a sealed reverse_english. */
export function ladderBidLimit(auctionType: Task['auctionType'], maxBids: number): number {
  return auctionType === 'reverse_english' ? Math.min(1, maxBids) : maxBids;
}

/** The most the ladder can spend in fees: its bid limit × the bid fee. */
export function ladderMaxFees(auctionType: Task['auctionType'], maxBids: number, bidFee: bigint): bigint {
  return BigInt(ladderBidLimit(auctionType, maxBids)) * bidFee;
}

export function nextLadderBid(q: LadderQuery): LadderDecision {
  const t = q.task;
  if (t.mode !== 'auction' || (t.auctionType !== 'english' && t.auctionType !== 'reverse_english')) return done('rule', 'not an English or reverse-English auction');
  if (t.status !== 'open') return done('closed', `the task is ${t.status}`);
  if (t.bidDeadline !== null && q.now >= t.bidDeadline) return done('deadline', 'the bid deadline has passed');
  if (q.bidsSoFar >= ladderBidLimit(t.auctionType, q.maxBids)) return done('used', `all ${ladderBidLimit(t.auctionType, q.maxBids)} bids used`);
  let price: bigint;
  let rows: { id: string; workerAddress: string; price: bigint; createdAt: number }[] = [];
  if (t.auctionType === 'reverse_english') {
    if (q.ownBid !== null) return done('used', 'sealed auction: your bid stands; a blind re-bid would only spend fees');
    price = q.floor;
  } else {
    const lowest = t.currentLowestBid;
    if (lowest === null) {
      if (q.ownBid !== null) return { kind: 'hold', reason: 'your bid is in; the market shows no lowest bid yet' };
      if (t.maxPrice === null) return done('rule', 'the task has no max price to open at');
      price = t.maxPrice;
    } else {
      if (q.ownBid !== null && q.ownBid <= lowest) return { kind: 'hold', reason: 'you hold the lowest bid' };
      if (lowest <= q.floor) return done('floor', `the lowest bid ${lowest} is at or below your floor ${q.floor} base units`);
      const stepped = lowest - q.step;
      price = stepped < q.floor ? q.floor : stepped;
      rows = [{ id: 'lowest', workerAddress: '', price: lowest, createdAt: 0 }];
    }
  }
  if (price <= 0n) return done('floor', 'the next bid would not be a positive price');
  if (price < q.floor) return done('floor', `the next bid would be below your floor ${q.floor} base units`);
  if (q.ownBid !== null) rows.push({ id: 'mine', workerAddress: q.wallet, price: q.ownBid, createdAt: 0 });
  const rule = checkBid({ task: t, bids: rows, bidder: q.wallet, price, now: q.now, privateAccess: true, wording: 'preflight' });
  return rule.ok ? { kind: 'bid', price } : done('rule', rule.error);
}
