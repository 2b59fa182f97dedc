// Armed orders (issue 10): what the operator approved once, ahead of time, for the desk to fire when its
// condition holds — an auction-accept at a clock price, a claim rule for new claim tasks, an English bid
// ladder. Plain data and pure transitions; the engine (src/exec/armed/) schedules, gates and fires them.
import type { Address, AuctionType } from '../types.js';
import type { ClaimFilter } from './claim-rule.js';

export type ArmedKind = 'auction_accept' | 'claim' | 'ladder';

interface SpecBase {
  /** The order's id (a UUID): its journal records carry it as their actionId. */
  id: string;
  kind: ArmedKind;
  wallet: Address;
  agent: string | null;
  /** Market ms after which the order stops (journaled 'expired'); null = no expiry of its own. */
  expiresAt: number | null;
}

/** Fire an auction-accept when the dutch / reverse-dutch clock crosses `trigger`, refused below `minPrice`. */
export interface AuctionAcceptSpec extends SpecBase {
  kind: 'auction_accept';
  taskId: string;
  auctionType: 'dutch' | 'reverse_dutch';
  /** Base units. dutch: fire at or below it; reverse_dutch: at or above it. */
  trigger: bigint;
  /** The `--min-price` guard sent with the accept (the backend refuses a clock price below it). */
  minPrice: bigint;
  /** The clock's bid deadline or an earlier time the operator set (market ms). */
  expiresAt: number;
}

/** Claim the first new claim-mode tasks matching `filter` with a reward of at least `minReward`, at most `maxFills` times. */
export interface ClaimRuleSpec extends SpecBase {
  kind: 'claim';
  filter: ClaimFilter;
  minReward: bigint;
  maxFills: number;
}

/** On an English auction, bid the current lowest minus `step`, never below `floor`, at most `maxBids` times before the deadline. */
export interface LadderSpec extends SpecBase {
  kind: 'ladder';
  taskId: string;
  auctionType: 'english' | 'reverse_english';
  step: bigint;
  floor: bigint;
  maxBids: number;
  /** The task's bid deadline or earlier (market ms). */
  expiresAt: number;
}

export type ArmedSpec = AuctionAcceptSpec | ClaimRuleSpec | LadderSpec;

export type OrderStatus = 'armed' | 'firing' | 'fired' | 'suspended' | 'paused' | 'disarmed' | 'expired' | 'exhausted';

export type OrderState =
  | { status: 'armed' }
  /** A fire is under way (fresh read, gate, send). */
  | { status: 'firing' }
  /** An auction-accept that fired: done, whatever the market answered (the outcome says what). */
  | { status: 'fired' }
  /** A check failed at fire time; nothing was sent. Resume re-arms it. */
  | { status: 'suspended'; reason: string }
  /** Restored after a restart: waits for the operator to resume it. */
  | { status: 'paused' }
  | { status: 'disarmed' }
  | { status: 'expired'; reason: string }
  /** A claim rule or ladder that used all its fills/bids, or a ladder that can go no lower. */
  | { status: 'exhausted'; reason: string };

export const TERMINAL_STATUSES: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['fired', 'disarmed', 'expired', 'exhausted']);

export const isTerminal = (s: OrderState): boolean => TERMINAL_STATUSES.has(s.status);

export type OrderEvent =
  | { type: 'fire' }
  /** A fire ended (whatever the market answered); `done` = no more fires wanted (fills or bids used up). */
  | { type: 'fired'; done: boolean; reason?: string }
  /** A fire found the condition no longer holds (schedule moved): back to waiting, nothing journaled. */
  | { type: 'stand_down' }
  | { type: 'suspend'; reason: string }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'disarm' }
  | { type: 'expire'; reason: string }
  | { type: 'exhaust'; reason: string };

export type Transition = { ok: true; state: OrderState } | { ok: false; error: string };

const ok = (state: OrderState): Transition => ({ ok: true, state });
const no = (s: OrderState, e: OrderEvent): Transition => ({ ok: false, error: `an order that is ${s.status} cannot ${e.type.replace('_', ' ')}` });

/** The one place order states change. Terminal states take no event; disarm and expire work from any live state. */
export function transition(s: OrderState, e: OrderEvent, kind: ArmedKind): Transition {
  if (isTerminal(s)) return no(s, e);
  switch (e.type) {
    case 'fire':
      return s.status === 'armed' ? ok({ status: 'firing' }) : no(s, e);
    case 'fired':
      if (s.status !== 'firing') return no(s, e);
      if (kind === 'auction_accept') return ok({ status: 'fired' });
      return ok(e.done ? { status: 'exhausted', reason: e.reason ?? 'no fills left' } : { status: 'armed' });
    case 'stand_down':
      return s.status === 'firing' ? ok({ status: 'armed' }) : no(s, e);
    case 'suspend':
      return s.status === 'armed' || s.status === 'firing' ? ok({ status: 'suspended', reason: e.reason }) : no(s, e);
    case 'pause':
      return s.status === 'armed' || s.status === 'suspended' ? ok({ status: 'paused' }) : no(s, e);
    case 'resume':
      return s.status === 'paused' || s.status === 'suspended' ? ok({ status: 'armed' }) : no(s, e);
    case 'disarm':
      return ok({ status: 'disarmed' });
    case 'expire':
      return ok({ status: 'expired', reason: e.reason });
    case 'exhaust':
      return s.status === 'firing' || s.status === 'armed' ? ok({ status: 'exhausted', reason: e.reason }) : no(s, e);
  }
}

/** The price's meaning for the report: what the worker receives, against the trigger. */
export function fillAgainstTrigger(fill: bigint, trigger: bigint): { diff: bigint; better: boolean } {
  const diff = fill - trigger;
  // The worker is paid the clock price: more is better on either clock (a late fire on a falling clock costs).
  return { diff, better: diff >= 0n };
}

/** Auction types each kind can be armed on. */
export function armableOn(kind: ArmedKind, auctionType: AuctionType | null): boolean {
  if (kind === 'auction_accept') return auctionType === 'dutch' || auctionType === 'reverse_dutch';
  if (kind === 'ladder') return auctionType === 'english' || auctionType === 'reverse_english';
  return auctionType === null;
}
