// What the operator asks the desk to do, before it is done: one Intent per ticket. Market-neutral
// and pure; the gate (gate.ts) judges it, the journal records it, an executor (src/exec/) performs it.
// Amounts are bigint base units; nothing here holds a key, a token or a signature.
import type { ActionName, ActionRole, Address, AuctionType, Mode } from './types.js';

export type MarketId = 'taskmarket' | 'execution-market';

/** Taskmarket actions: every pendingActions name, plus the ones that have no task yet or act on the wallet. */
export type TaskmarketIntentAction = ActionName | 'create_task' | 'withdraw' | 'set_withdrawal_address';

/** Execution Market actions (the adapter derives them from status and role; EM has no pendingActions). */
export const EM_ACTIONS = [
  'em_publish',
  'em_apply',
  'em_assign',
  'em_submit',
  'em_approve',
  'em_reject',
  'em_request_info',
  'em_cancel',
  'em_withdraw',
  'em_rate_worker',
  'em_rate_agent',
] as const;
export type EmIntentAction = (typeof EM_ACTIONS)[number];

export type IntentAction = TaskmarketIntentAction | EmIntentAction;

/** The role the acting wallet plays; 'wallet' for wallet writes, 'publisher' for EM requesters. */
export type IntentRole = ActionRole | 'publisher' | 'wallet';

/** A typed value a ticket collected (never free market text for what is being approved). */
export type IntentValue = string | number | boolean | bigint | null | readonly string[];

export interface Intent {
  market: MarketId;
  action: IntentAction;
  /** The task acted on; null for create/publish and wallet writes. */
  taskId: string | null;
  role: IntentRole;
  /** The wallet that signs and pays. */
  wallet: Address;
  /** Fleet agent name when acting as one agent of a fleet (shown on every ticket). */
  agent: string | null;
  /** The task's mode and auction type as fetched when the ticket opened (null for non-task intents). */
  mode: Mode | null;
  auctionType: AuctionType | null;
  /**
   * The principal value the operator confirms: the bid price, the auction-accept guard, the reward or
   * bounty, the payout, the withdrawal amount; null when the action moves no principal amount.
   */
  amount: bigint | null;
  /** The x402 (or EM) fee the wallet pays for this call; 0n when free. */
  fee: bigint;
  /** Everything that may leave the wallet if the action succeeds (fee + escrow/price); counted by the spend cap. */
  spend: bigint;
  /** Who receives `amount` (worker, winner, withdrawal address), when there is one. */
  payee: string | null;
  /** For rate actions, the score 0..100 (the confirmation phrase). */
  score: number | null;
  /** The action's inputs as typed fields (price, minPrice, files, pitchId, worker, …), for executors and the journal. */
  params: Readonly<Record<string, IntentValue>>;
}

/** Actions the backend charges for (taskmarket-backend.md §2.2 PAID_PENDING_ACTION_NAMES) or that move money from the wallet. */
export const PAID_TASKMARKET_ACTIONS: ReadonlySet<IntentAction> = new Set<IntentAction>([
  'accept',
  'accept_submissions',
  'appeal',
  'auction_accept',
  'bid',
  'cancel',
  'evaluate',
  'evaluator_timeout',
  'pitch',
  'rate',
  'refund_expired',
  'reject_submission',
  'resolve_dispute',
  'select_worker',
  'submit_proof',
  'update',
  'create_task',
  'withdraw',
]);

/** Free but selection-changing (or wallet-changing): still a typed confirmation. */
export const SELECTION_ACTIONS: ReadonlySet<IntentAction> = new Set<IntentAction>([
  'select_winner',
  'select_worker',
  'set_withdrawal_address',
  'em_assign',
]);

/** EM actions that move money (escrow lock, payout, refund) or change who is paid. */
export const PAID_EM_ACTIONS: ReadonlySet<IntentAction> = new Set<IntentAction>(['em_publish', 'em_assign', 'em_approve', 'em_cancel', 'em_reject']);

/** Rating actions: confirmed by typing the score. */
export const RATE_ACTIONS: ReadonlySet<IntentAction> = new Set<IntentAction>(['rate', 'em_rate_worker', 'em_rate_agent']);
