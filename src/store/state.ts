// The desk's state: one zustand vanilla store (see store/desk-store.ts), written by pollers and the
// shared clock tick from outside React, read by panes through selectors. Unchanged tasks keep their
// object identity across polls so selectors see no change.
import type { IntendedNetwork } from '../core/gate-input.js';
import type { MarketClockState } from '../core/market-clock.js';
import type { Address, AuctionType, Bid, Mode, Pitch, Submission, Task, TaskStatus } from '../core/types.js';
import type { Email, NetworkInfo, TaskSort } from '../markets/market.js';
import type { EmDerivedAction } from '../markets/execution-market/derive-actions.js';
import type { EmSubmissionDetail } from '../markets/execution-market/actions/get-submission.js';
import type { EmApplication, EmPayment, EmSubmission } from '../markets/execution-market/normalize.js';
import type { ArmedState } from './armed.js';

export type ConnectionStatus = 'connecting' | 'ok' | 'stale' | 'disconnected';

export interface Connection {
  /** SIM when the desk started its own simulator, LIVE for a configured backend. */
  badge: 'SIM' | 'LIVE';
  readonly: boolean;
  market: 'taskmarket';
  apiUrl: string;
  network: NetworkInfo | null;
  /** Set when the market's network/chain/USDC disagrees with what the desk expects; blocks everything. */
  mismatch: string | null;
  wallet: Address | null;
  /** The fleet agent the desk acts as (`:act-as`), null for the desk's own wallet. */
  agent?: string | null;
  balance: bigint | null;
  /** When `balance` was fetched (ms). */
  balanceFetchedAt?: number | null;
  /** When `network` was fetched (ms). */
  networkFetchedAt?: number | null;
  status: ConnectionStatus;
  /** The market answers but task data failed (5xx, wrong-shaped 200): STALE until a good answer. */
  degraded: boolean;
  lastOkAt: number | null;
  lastError: string | null;
  /** When the next retry happens after a failure (epoch ms), for the header's countdown. */
  retryAt: number | null;
}

/** A datum with the time it was fetched. */
export interface Fetched<T> {
  value: T;
  fetchedAt: number;
}

/** The outcome of the latest detail fetch of one task (the gate refuses on a failed one). */
export interface TaskFetch {
  ok: boolean;
  /** Wall time of this attempt. */
  at: number;
  /** Wall time the attempt began (a read that began before a ticket's request does not answer it). */
  startedAt?: number;
  error: string | null;
}

export interface TaskDetail {
  task: Task; // with pendingActions
  bids: Bid[];
  submissions: Submission[];
  pitches: Pitch[];
  fetchedAt: number;
}

/** What the desk needs to act, set by the session (src/app) and read by the gate and the tickets. */
export interface ActState {
  /** The network the operator means to act on; null until chosen. */
  intended: IntendedNetwork | null;
  /** From the config / --network / the built-in simulator, or typed by the operator this session. */
  confirmed: boolean;
  /** The backend URL the operator configured (or the built-in simulator's). */
  intendedApiUrl: string | null;
  executor: 'native' | 'cli';
  /** Spend already approved (journal), and the caps from the config (null: none). */
  sessionSpent: bigint;
  daySpent: bigint;
  sessionCap: bigint | null;
  dayCap: bigint | null;
  /** Stop conditions raised this session, by `${taskId}:${action}` (contract rejection) and by task (state disagrees). */
  contractRejected: Record<string, string>;
  stateDisagrees: Record<string, string>;
  /** `${taskId}:${action}` keys with a journaled intent still being reconciled: not offered until done. */
  reconciling: string[];
  /** Why the desk cannot act at all (journal locked by another desk, no wallet, …), or null. */
  blocked: string | null;
  /** Default lead of the auction-accept guard on a falling clock (ms). */
  guardLeadMs: number;
  /** Registered withdrawal address of the wallet (undefined: not fetched yet, null: none). */
  withdrawalAddress?: string | null;
}

/** Execution Market, beside Taskmarket: its network, the browse feed, this wallet's tasks and their details. */
export interface EmState {
  enabled: boolean;
  apiUrl: string | null;
  /** EM's escrow config as the desk last read it (the chain its escrow is on, its USDC). */
  network: { name: string; chainId: number; usdcAddress: string } | null;
  networkFetchedAt: number | null;
  /** EM's network disagrees with the intended one: every EM action is blocked. */
  mismatch: string | null;
  minBounty: bigint | null;
  feedIds: string[];
  feedLoadedAt: number | null;
  /** Tasks this wallet published or works on (their details feed Actions). */
  mine: string[];
  details: Record<string, EmDetail>;
  /** 'push' while the /ws feed is open, 'poll' when the desk fell back to polling, 'off' before either. */
  live: 'push' | 'poll' | 'off';
  executorId: string | null;
  lastError: string | null;
  /** Last successful EM answer (wall ms). */
  lastOkAt: number | null;
}

export interface EmDetail {
  role: 'publisher' | 'worker' | 'viewer';
  applications: EmApplication[] | null;
  submissions: EmSubmission[] | null;
  mySubmission: EmSubmissionDetail | null;
  payment: EmPayment | null;
  actions: EmDerivedAction[];
  fetchedAt: number;
}

export type MessageSource = 'email' | 'xmtp';

/** An inbox message. Every text field is untrusted and is sanitised at render time. */
export interface Message {
  key: string; // source + id, unique
  source: MessageSource;
  id: string;
  from: string;
  subject: string;
  body: string;
  receivedAt: number;
  read: boolean;
  /** Free-form XMTP envelope type, or 'email'. */
  type: string;
}

export interface FeedFilter {
  status: TaskStatus | 'ALL';
  mode: Mode | null;
  auctionType: AuctionType | null;
  tags: string[];
  skill: string | null;
  minReward: bigint | null;
  maxReward: bigint | null;
  deadlineHours: number | null;
  /** The `/` fuzzy filter, applied locally. */
  text: string;
  /** Which market's tasks the Feed shows. */
  market: 'all' | 'taskmarket' | 'execution-market';
  /** Execution Market filters (EM tasks only). */
  category: string | null;
  evidence: string | null;
}

export type FeedSort = TaskSort | 'clock_price';

export interface DeskState {
  conn: Connection;
  /** Every task seen, by id. */
  tasks: Record<string, Task>;
  /** When each task was fetched (ms). */
  taskFetchedAt: Record<string, number>;
  /** When each task was first seen (ms), for the "new" highlight. */
  firstSeenAt: Record<string, number>;
  /** Feed order as last listed by the market (ids, each once). */
  feedIds: string[];
  feedHasMore: boolean;
  /** Wall time of the first feed answer (null: still loading). */
  feedLoadedAt: number | null;
  /** Every open auction, listed by their own poller: the Clocks pane's scope, independent of the Feed filter. */
  clockIds: string[];
  clocksLoadedAt: number | null;
  details: Record<string, TaskDetail>;
  /** The latest detail fetch per task, good or bad. */
  taskFetch: Record<string, TaskFetch>;
  /** Tasks whose detail a ticket asked to re-fetch now (id → wall time asked). */
  detailRequests: Record<string, number>;
  /** Acting: network intent, spend, stops, reconciliation. */
  act: ActState;
  /** Execution Market. */
  em: EmState;
  inbox: { asRequester: string[]; asWorker: string[]; fetchedAt: number | null };
  messages: Message[];
  emails: Email[];
  filter: FeedFilter;
  sort: FeedSort;
  /** Operator-set clock alert prices by task id. */
  targets: Record<string, bigint>;
  /** Task ids whose target was crossed and not yet acknowledged. */
  alerts: string[];
  /** Market time (ms) at the last tick: every price, countdown and deadline uses it. */
  now: number;
  /** This machine's time (ms) at the last tick: ages of fetches, polls and highlights use it. */
  wallNow: number;
  /** How the market's clock relates to this machine's (offset, scale), from response headers. */
  clock: MarketClockState;
  /** The task the operator opened; its detail (bids, submissions, pitches) is polled. */
  openTaskId: string | null;
  /** When the email list was last fetched (ms). */
  emailsFetchedAt: number | null;
  /** NDJSON lines (XMTP source) that failed to parse and were skipped. */
  badLines: number;
  /** Start-up and config problems for the operator (already plain text; sanitise at render anyway). */
  notices: string[];
  /** Notices ever added (the list itself keeps only the newest), so a new one is seen when the list is full. */
  noticeCount: number;
  /** Armed orders (store/armed.ts): the engine's views and the handle to arm, disarm, resume. */
  armed: ArmedState;
}
