// Escrow → wallets when a task settles (AcceptanceFacet, taskmarket-backend.md §1.8, §3.3). Money moves only
// through sim.ledger; awards rows feed awards[], primaryAward, awardCount and the rate pendingActions.
// The real backend flips status to `completed` when its indexer sees TaskCompleted; the sim does it at once.
import { payout } from '../../../core/settlement.js';
import type { Sim } from '../../sim.js';
import type { AwardRecord, TaskRecord } from '../../state.js';
import { same } from './access.js';

/** The auction's winning price: the winner's (claimedBy) latest bid row (§2.4 gross for auctions). */
export function winningPrice(sim: Sim, task: TaskRecord): bigint | null {
  let best: { price: bigint; at: number } | null = null;
  for (const b of sim.state.bids) {
    if (b.taskId !== task.id || !same(b.workerAddress, task.claimedBy)) continue;
    if (!best || b.createdAt >= best.at) best = { price: b.price, at: b.createdAt };
  }
  return best?.price ?? null;
}

/** Pay one award out of the task's escrow: gross − fee to the worker, the fee to the platform wallet. */
export function payAward(sim: Sim, task: TaskRecord, worker: string, gross: bigint, rank: number, txHash: string): AwardRecord {
  const p = payout(gross, task.platformFeeBps);
  if (p.workerPayment > 0n) sim.ledger.release(task.id, worker, p.workerPayment);
  if (p.platformFee > 0n) sim.ledger.release(task.id, sim.ledger.platform, p.platformFee);
  const row: AwardRecord = {
    taskId: task.id,
    workerAddress: worker,
    rank,
    workerPayment: p.workerPayment,
    platformFee: p.platformFee,
    settlementTxHash: txHash,
    settledAt: sim.now(),
    rating: null,
  };
  sim.state.awards.push(row);
  return row;
}

/** Whatever is left in escrow goes back to the requester (auction surplus, share dust, evaluation excess). */
export function refundRemainder(sim: Sim, task: TaskRecord): bigint {
  return sim.ledger.releaseAll(task.id, task.requester);
}

/** Mark the task completed after its awards are paid (immediate here; async via the indexer for real). */
export function complete(sim: Sim, task: TaskRecord): void {
  refundRemainder(sim, task);
  task.status = 'completed';
  if (sim.state.awards.some((a) => a.taskId === task.id && same(a.workerAddress, task.requester))) task.selfAward = true;
  for (const c of sim.state.claims) if (c.taskId === task.id && c.status === 'submitted') c.status = 'returned';
  sim.changed();
}
