// Shared pieces of the Taskmarket tickets: the Intent a task action becomes, its x402 fee, and the
// bid rows the auction rules read.
import { actionCost } from '../../../core/action-cost.js';
import type { BidRow } from '../../../core/auction-rules.js';
import type { Intent, IntentAction, IntentRole, IntentValue } from '../../../core/intent.js';
import type { ActionName, Task } from '../../../core/types.js';
import type { TicketContext } from './spec.js';

export interface TaskIntentParts {
  role: IntentRole;
  amount: bigint | null;
  /** Defaults to the action's x402 fee. */
  fee?: bigint;
  /** Defaults to the fee (what leaves the wallet). */
  spend?: bigint;
  payee?: string | null;
  score?: number | null;
  params: Record<string, IntentValue>;
}

export function taskIntent(ctx: TicketContext, action: IntentAction, task: Task, p: TaskIntentParts): Intent {
  const fee = p.fee ?? feeFor(ctx, action, task);
  return {
    market: 'taskmarket',
    action,
    taskId: task.id,
    role: p.role,
    wallet: ctx.wallet,
    agent: ctx.agent,
    mode: task.mode,
    auctionType: task.auctionType,
    amount: p.amount,
    fee,
    spend: p.spend ?? fee,
    payee: p.payee ?? null,
    score: p.score ?? null,
    params: p.params,
  };
}

/** The x402 amount this wallet pays for the action (backend §1.1), submission metering included. */
export function feeFor(ctx: TicketContext, action: IntentAction, task: Task): bigint {
  if (action === 'create_task' || action === 'withdraw' || action === 'set_withdrawal_address') return 0n;
  const mine = ctx.submissions.filter((s) => s.workerAddress.toLowerCase() === ctx.wallet.toLowerCase()).length;
  return actionCost(action as ActionName, { mode: task.mode, priorSubmissions: mine, reward: task.reward });
}

/** Bid rows with known prices (sealed reverse-English bids are hidden from everyone but their bidder). */
export function knownBids(ctx: TicketContext): BidRow[] {
  return ctx.bids.flatMap((b) => (b.price !== null && b.workerAddress !== null ? [{ id: b.id, workerAddress: b.workerAddress, price: b.price, createdAt: b.createdAt }] : []));
}

/** The wallet's own bid on the task, if it can see one. */
export function myBid(ctx: TicketContext): bigint | null {
  const mine = ctx.bids.find((b) => b.isMyBid || (b.workerAddress !== null && b.workerAddress.toLowerCase() === ctx.wallet.toLowerCase()));
  return mine?.price ?? null;
}

/** The role the wallet plays on the task for `action`: the pendingActions entry's, else by requester. */
export function roleFor(ctx: TicketContext, task: Task, action: IntentAction): IntentRole {
  const me = ctx.wallet.toLowerCase();
  const entry = task.pendingActions?.find((a) => a.action === action && (a.eligibleAddress === null || a.eligibleAddress.toLowerCase() === me));
  if (entry) return entry.role;
  return task.requester.toLowerCase() === me ? 'requester' : 'worker';
}
