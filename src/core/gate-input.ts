// Everything the gate (gate.ts) judges an Intent against, as one plain snapshot the store builds.
// Two clocks: `now` is market time (prices, deadlines, availableAfter/Until), `wallNow` is this machine's
// time (how old a fetch is). Fetch stamps (`fetchedAt`) are wall time.
import type { Intent } from './intent.js';
import type { Address, Task } from './types.js';

export interface IntendedNetwork {
  /** 'base' | 'base-sepolia' (ExpectedNetwork.name). */
  name: string;
  chainId: number;
  usdcAddress: Address;
}

export interface NetworkSeen {
  networkName: string;
  chainId: number;
  usdcAddress: Address;
}

export interface GateInput {
  intent: Intent;
  /** Market time (ms), from the desk's market-clock estimate. */
  now: number;
  /** This machine's time (ms). */
  wallNow: number;
  /** --readonly, or no wallet: no ticket may confirm. */
  readonly: boolean;
  network: {
    /** What the operator intends to act on (config, --network, or typed this session); null = not chosen yet. */
    intended: IntendedNetwork | null;
    /** True once the intent is confirmed: from config/--network, or typed by the operator this session. */
    confirmed: boolean;
    /** The backend URL the operator configured (--api, config, or the built-in simulator's URL). */
    intendedApiUrl: string | null;
    /** The URL the client actually talks to. */
    apiUrl: string;
    /** The market's own network answer (Taskmarket network.info / EM config), null if never fetched. */
    seen: NetworkSeen | null;
    seenFetchedAt: number | null;
    /** The poller's mismatch reason, if it found one (blocks everything). */
    mismatch: string | null;
  };
  /** The task acted on (null for create/publish/wallet intents). */
  task: {
    /** The latest detail the desk holds (with pendingActions), or null if it never fetched one. */
    value: Task | null;
    /** Wall time of the last successful detail fetch. */
    fetchedAt: number | null;
    /** Whether the most recent detail fetch succeeded (false after a fault, a 404/null or a wrong-shaped 200). */
    lastFetchOk: boolean;
    /** The fault of the most recent failed fetch, for the reason text. */
    lastError: string | null;
    /** Wall time a fresh read was asked (the ticket asks when it opens) that has not come back yet, else null/absent. */
    rereadAskedAt?: number | null;
  } | null;
  wallet: {
    address: Address | null;
    balance: bigint | null;
    balanceFetchedAt: number | null;
    /** Registered withdrawal address; undefined = not fetched, null = none registered. */
    withdrawalAddress?: string | null;
  };
  spend: {
    /** Spend (Intent.spend) already approved in this session / the last 24 h, from the journal. */
    sessionSpent: bigint;
    daySpent: bigint;
    /** Caps from the config; null = no cap. */
    sessionCap: bigint | null;
    dayCap: bigint | null;
  };
  /** The operator's confirmation of this ticket: typed phrase matched, or y pressed for a free action. */
  approved: boolean;
  /** Stop conditions raised earlier in the session for this task. */
  stops: {
    /** `Contract call rejected: <Name>` from an earlier attempt of this same action on this task. */
    contractRejected: string | null;
    /** API state and chain/expected state disagreed after one re-fetch (verification mismatch). */
    stateDisagrees: string | null;
  };
}
