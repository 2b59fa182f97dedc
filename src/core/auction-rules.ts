// Bid, auction-accept and select-winner rules with the backend's exact texts (taskmarket-backend.md §1.3,
// §3.3). Pure: the caller supplies the task, its bid rows, the acting address, the price and `now`.
// `wording: 'preflight'` gives the x402 preflight texts (checked before any charge, §5.3 item 2);
// 'router' (default) gives the texts the router returns after payment.
import { clockPrice } from './clock.js';
import type { AuctionType, Mode, TaskStatus, TaskVisibility } from './types.js';

export type RuleFailure = { ok: false; status: number; error: string };
export type RuleResult<T extends object = object> = ({ ok: true } & T) | RuleFailure;
export type Wording = 'router' | 'preflight';

/** The task fields the auction rules read. */
export interface AuctionRuleTask {
  id: string;
  mode: Mode;
  status: TaskStatus;
  taskVisibility: TaskVisibility;
  auctionType: AuctionType | null;
  createdAt: number;
  expiryTime: number;
  bidDeadline: number | null;
  maxPrice: bigint | null;
  auctionStartPrice: bigint | null;
  auctionFloorPrice: bigint | null;
}

/** A bid row as stored (the price is always known to the rules, even while sealed to readers). */
export interface BidRow {
  id: string;
  workerAddress: string;
  price: bigint;
  createdAt: number;
}

const fail = (status: number, error: string): RuleFailure => ({ ok: false, status, error });
const sameAddress = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const isClock = (t: AuctionType | null) => t === 'dutch' || t === 'reverse_dutch';

export interface BidRuleParameters {
  task: AuctionRuleTask | null;
  bids: readonly BidRow[];
  bidder: string;
  price: bigint;
  now: number;
  /** For private tasks: the bidder is requester, allow-listed or awarded. Ignored otherwise. */
  privateAccess?: boolean;
  wording?: Wording;
  /** Bids ever appended on chain for this task, re-bids included (chain BidLimitReached at 500). */
  chainBidCount?: number;
}

/** AuctionFacet caps the bids appended per task (§1.3). */
export const CHAIN_BID_LIMIT = 500;

export type BidRuleResult = RuleResult<{ replacesBidId: string | null }>;

/** POST /bids checks 1–8 in order (§1.3). One row per (task, worker): a re-bid replaces the price. */
export function checkBid(p: BidRuleParameters): BidRuleResult {
  const pre = p.wording === 'preflight';
  const t = p.task;
  if (t === null) return fail(404, 'Task not found');
  if (t.taskVisibility === 'private' && !p.privateAccess) return fail(403, 'Not authorized to bid on this private task');
  if (t.mode !== 'auction') return fail(400, pre ? 'Task is not an auction' : 'Not an Auction task');
  if (t.status !== 'open') return fail(400, pre ? 'Task is not open' : 'Task not open for bids');
  if (t.bidDeadline !== null && p.now >= t.bidDeadline) return fail(400, 'Bid deadline has passed');
  // The preflight also refuses an expired task; it has no text of its own in the reference, so reuse the deadline text.
  if (pre && t.expiryTime <= p.now) return fail(400, 'Bid deadline has passed');
  if (t.maxPrice !== null && p.price > t.maxPrice) return fail(400, 'Bid exceeds max price');
  if (isClock(t.auctionType)) {
    return fail(
      400,
      pre
        ? 'Clock auctions use auction-accept, not bid'
        : `This auction type (${t.auctionType}) uses auction-accept, not bid. Run: taskmarket task auction-accept ${t.id}`,
    );
  }
  const own = p.bids.find((b) => sameAddress(b.workerAddress, p.bidder)) ?? null;
  if (t.auctionType === 'english' && p.bids.length > 0) {
    const lowest = lowestPrice(p.bids) as bigint;
    // Strictly lower than the global lowest, the bidder's own included: ties are rejected (§3.3).
    if (p.price >= lowest) {
      return fail(400, pre ? 'Bid must undercut the current lowest bid' : `Bid must undercut the current lowest bid of ${lowest} base units`);
    }
  }
  if (t.auctionType === 'reverse_english' && own !== null && p.price >= own.price) {
    return fail(
      400,
      pre ? 'Re-bid must be lower than the worker current bid' : `Re-bid must be lower than your current bid of ${own.price} base units`,
    );
  }
  // The router lets these through; the chain then reverts (§1.3 AuctionFacet submitBid).
  if (!pre && t.auctionType === null) return fail(400, 'Contract call rejected: NotABidAuction');
  if (!pre && (p.chainBidCount ?? 0) >= CHAIN_BID_LIMIT) return fail(400, 'Contract call rejected: BidLimitReached');
  return { ok: true, replacesBidId: own?.id ?? null };
}

/** Minimum bid price, or null with no bids (english currentLowestBid). */
export function lowestPrice(bids: readonly Pick<BidRow, 'price'>[]): bigint | null {
  let lowest: bigint | null = null;
  for (const b of bids) if (lowest === null || b.price < lowest) lowest = b.price;
  return lowest;
}

export interface AuctionAcceptParameters {
  task: AuctionRuleTask | null;
  now: number;
  minPrice?: bigint | null;
  privateAccess?: boolean;
  wording?: Wording;
}

export type AuctionAcceptResult = RuleResult<{ price: bigint }>;

/** POST /bids/accept checks in order (§1.3); ok carries the clock price the worker gets. */
export function checkAuctionAccept(p: AuctionAcceptParameters): AuctionAcceptResult {
  const pre = p.wording === 'preflight';
  const t = p.task;
  if (t === null) return fail(404, 'Task not found');
  if (t.taskVisibility === 'private' && !p.privateAccess) return fail(403, 'Not authorized to accept this private task');
  if (t.mode !== 'auction') return fail(400, 'Not an auction task');
  if (!isClock(t.auctionType)) {
    return fail(
      400,
      `auction-accept is only for dutch and reverse_dutch auctions. This task is ${t.auctionType ?? 'untyped'}.`,
    );
  }
  if (t.status !== 'open') return fail(400, 'Task is not open');
  if (t.bidDeadline !== null && p.now >= t.bidDeadline) {
    return fail(400, pre ? 'Auction clock has expired' : 'Bid deadline has passed — auction clock has expired');
  }
  if (pre && t.expiryTime <= p.now) return fail(400, 'Auction clock has expired');
  const price = clockPrice(t, p.now);
  if (price === null) return fail(400, pre ? 'Current auction price is unavailable' : 'Could not compute current clock price');
  const min = p.minPrice ?? null;
  if (min !== null && price < min) {
    return fail(
      400,
      pre
        ? 'Current price is below minPrice'
        : `Clock price (${price} base units) is below your minimum (${min} base units). Current price: ${price}`,
    );
  }
  // No expiry check in the router; the chain's acceptAuction reverts TaskIsExpired (ts > expiry, §1.3).
  if (!pre && p.now > t.expiryTime) return fail(400, 'Contract call rejected: TaskIsExpired');
  return { ok: true, price };
}

export interface SelectWinnerParameters {
  task: AuctionRuleTask | null;
  bids: readonly BidRow[];
  now: number;
}

export type SelectWinnerResult = RuleResult<{ winner: BidRow }>;

/**
 * POST /bids/select-winner (§1.3): router checks, then the chain's reverts (TaskIsExpired when
 * now > expiry, NoBidsSubmitted, NotABidAuction) surfaced as "Contract call rejected: <Error>".
 * Requester signature checks belong to the route.
 */
export function checkSelectWinner(p: SelectWinnerParameters): SelectWinnerResult {
  const t = p.task;
  if (t === null) return fail(404, 'Task not found');
  if (t.mode !== 'auction') return fail(400, 'Not an Auction task');
  if (t.status !== 'open') return fail(400, 'Task not open');
  if (t.bidDeadline !== null && p.now < t.bidDeadline) return fail(400, 'Bid deadline has not passed yet');
  if (isClock(t.auctionType)) {
    return fail(400, `${t.auctionType} auctions use auction-accept for immediate selection, not select-winner`);
  }
  if (t.auctionType === null) return fail(400, 'Contract call rejected: NotABidAuction');
  if (p.now > t.expiryTime) return fail(400, 'Contract call rejected: TaskIsExpired');
  const winner = selectWinner(p.bids);
  if (winner === null) return fail(400, 'Contract call rejected: NoBidsSubmitted');
  return { ok: true, winner };
}

/** Lowest price wins; ties go to the earliest bid (chain keeps a strict `<` running minimum, §3.3). */
export function selectWinner<B extends Pick<BidRow, 'price' | 'createdAt'>>(bids: readonly B[]): B | null {
  let best: B | null = null;
  for (const b of bids) {
    if (best === null || b.price < best.price || (b.price === best.price && b.createdAt < best.createdAt)) best = b;
  }
  return best;
}

/** Whether GET /bids hides prices and addresses (§1.3): reverse_english, open, before a set deadline. */
export function bidsSealed(
  t: Pick<AuctionRuleTask, 'auctionType' | 'status' | 'bidDeadline'>,
  now: number,
): boolean {
  return t.auctionType === 'reverse_english' && t.status === 'open' && t.bidDeadline !== null && now < t.bidDeadline;
}
