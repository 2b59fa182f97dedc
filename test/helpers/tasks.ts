// Create tasks through the real paid route (x402) for tests.
import type { TestSim } from './sim.js';
import { paidPost, type Wallet } from './x402.js';

export interface CreateTaskBody {
  description?: string;
  reward?: string;
  duration?: number;
  tags?: string[];
  [key: string]: unknown;
}

/** POST /api/tasks paid by `requester`; returns the task id (throws on anything but 200). */
export async function createTask(sim: TestSim, requester: Wallet, body: CreateTaskBody = {}): Promise<string> {
  const full = { description: 'A test task', reward: '1000000', duration: 24, tags: [], ...body };
  const r = await paidPost(sim.url, '/api/tasks', full, requester.privateKey);
  if (r.status !== 200) throw new Error(`create failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.taskId as string;
}

/** A dutch auction body: price falls from reward to floor over bidHours. */
export const dutch = (reward: string, floor: string, bidHours = 1, duration = 24): CreateTaskBody => ({
  mode: 'auction',
  auctionType: 'dutch',
  reward,
  maxPrice: reward,
  auctionFloorPrice: floor,
  bidDeadline: bidHours,
  duration,
});
