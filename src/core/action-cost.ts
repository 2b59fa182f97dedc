// What an action costs its caller in x402 USDC (taskmarket-backend.md §1.1), for the desk's confirm
// dialog and the simulator's price table. Fees only: escrow movements live in settlement.ts.
import { PAID_ACTION_NAMES, STANDARD_ACTION_FEE } from './pending-actions.js';
import { updatePaymentAmount } from './settlement.js';
import type { ActionName, Mode } from './types.js';

/** FREE_SUBMISSION_ALLOWANCE / HARD_SUBMISSION_CEILING defaults (§1.1, §5.1; env-overridable on the server). */
export const FREE_SUBMISSION_ALLOWANCE = 5;
export const HARD_SUBMISSION_CEILING = 100;

export interface ActionCostContext {
  /** Current reward (update pricing). */
  reward?: bigint;
  /** New reward for update, if any. */
  newReward?: bigint | null;
  /** Mode of the task (submission metering). */
  mode?: Mode;
  /** Prior submissions by this worker on this task, rejected included (submission metering). */
  priorSubmissions?: number;
  freeAllowance?: number;
}

/** x402 amount in base units, 0n when the route is free. */
export function actionCost(action: ActionName, ctx: ActionCostContext = {}): bigint {
  if (action === 'update') return updatePaymentAmount(ctx.reward ?? 0n, ctx.newReward);
  if (action === 'submit') {
    // Only bounty/benchmark submissions are metered: free while prior < allowance, then 1000 each.
    const contest = ctx.mode === 'bounty' || ctx.mode === 'benchmark';
    return contest && (ctx.priorSubmissions ?? 0) >= (ctx.freeAllowance ?? FREE_SUBMISSION_ALLOWANCE) ? STANDARD_ACTION_FEE : 0n;
  }
  return PAID_ACTION_NAMES.has(action) ? STANDARD_ACTION_FEE : 0n;
}

/** POST /api/tasks: the x402 amount is the escrow itself, no extra fee (§1.1). */
export function createTaskCost(reward: bigint): bigint {
  return reward;
}
