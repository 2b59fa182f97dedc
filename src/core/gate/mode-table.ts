// Which pendingActions action names can ever be offered for which mode and auction type, read off the
// backend's algorithm (taskmarket-backend.md §2.3) and the status machine it feeds (§4.2).
import { MODES, type ActionName, type AuctionType, type Mode } from '../types.js';

const ALL = MODES;
const CONTEST: readonly Mode[] = ['bounty', 'benchmark'];
const BID_AUCTIONS: readonly AuctionType[] = ['english', 'reverse_english'];
const CLOCK_AUCTIONS: readonly AuctionType[] = ['dutch', 'reverse_dutch'];

/** Modes in which §2.3 can produce each action. */
export const ACTION_MODES: Readonly<Record<ActionName, readonly Mode[]>> = {
  // Management and settlement: every mode (open tasks, expired tasks, verdicts, ratings).
  cancel: ALL,
  update: ALL,
  refund_expired: ALL,
  accept: ALL,
  evaluate: ALL,
  appeal: ALL,
  finalize_verdict: ALL,
  resolve_dispute: ALL,
  rate: ALL,
  // Contest decisions.
  accept_submissions: CONTEST,
  reject_submission: CONTEST,
  // The review status exists only where a single worker's submission goes to an evaluator.
  evaluator_timeout: ['claim', 'pitch', 'auction'],
  // Benchmark work arrives as proofs (submit_proof), never as a plain submit entry.
  submit: ['bounty', 'claim', 'pitch', 'auction'],
  submit_proof: ['benchmark'],
  claim: ['claim'],
  forfeit: ['claim'],
  pitch: ['pitch'],
  select_worker: ['pitch'],
  bid: ['auction'],
  select_winner: ['auction'],
  auction_accept: ['auction'],
};

/** Auction-only actions and the subtypes they belong to (the rest accept any subtype). */
export const ACTION_AUCTION_TYPES: Readonly<Partial<Record<ActionName, readonly AuctionType[]>>> = {
  bid: BID_AUCTIONS,
  select_winner: BID_AUCTIONS,
  auction_accept: CLOCK_AUCTIONS,
};

/** null when `action` is valid for the mode/auctionType, else the one-line reason it is not. */
export function modeMismatch(action: ActionName, mode: Mode, auctionType: AuctionType | null): string | null {
  const modes = ACTION_MODES[action];
  if (!modes.includes(mode)) return `${action} is not a ${mode} action (only ${modes.join('/')})`;
  if (mode === 'auction' && auctionType === null) return 'auction task without an auction type';
  const types = ACTION_AUCTION_TYPES[action];
  if (types !== undefined && (auctionType === null || !types.includes(auctionType))) {
    return `${action} is not valid on a ${auctionType ?? 'untyped'} auction (only ${types.join('/')})`;
  }
  return null;
}

/** null when a create_task mode/auctionType pair is well formed (InvalidAuctionSubtype otherwise). */
export function createShapeMismatch(mode: Mode, auctionType: AuctionType | null): string | null {
  if (mode === 'auction' && auctionType === null) return 'an auction task needs an auction type';
  if (mode !== 'auction' && auctionType !== null) return `a ${mode} task takes no auction type`;
  return null;
}
