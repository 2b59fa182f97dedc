// A few tasks placed in the built-in simulator before the first frame, so a newcomer sees a live
// market (moving dutch clocks included) at once. Funded the way a paid create is: the requester's
// x402 payment reaches the platform wallet and becomes the task's escrow (routes/tasks.ts).
import { insertTasks } from '../sim/taskmarket/seed-tasks.js';
import type { Sim } from '../sim/sim.js';

const usdc = (n: number) => String(Math.round(n * 1_000_000));

/** Create-task bodies, in the wire shape POST /api/tasks takes (base-unit strings, hours). */
export const SEED_TASKS: Record<string, unknown>[] = [
  { description: 'Summarise 40 customer interviews into a one-page brief', reward: usdc(8), maxPrice: usdc(8), mode: 'auction', auctionType: 'dutch', auctionFloorPrice: usdc(2), bidDeadline: 0.25, duration: 24, tags: ['writing', 'research'] },
  { description: 'Label 500 product photos (category + colour)', reward: usdc(5), maxPrice: usdc(5), mode: 'auction', auctionType: 'reverse_dutch', auctionStartPrice: usdc(1), bidDeadline: 0.5, duration: 24, tags: ['data', 'labeling'] },
  { description: 'Port a Python CSV cleaner to TypeScript with tests', reward: usdc(6), maxPrice: usdc(6), mode: 'auction', auctionType: 'english', bidDeadline: 1, duration: 48, tags: ['typescript', 'code'] },
  { description: 'Translate the onboarding guide to Spanish', reward: usdc(3), mode: 'bounty', duration: 24, tags: ['translation', 'spanish'] },
  { description: 'Design a logo for an agent marketplace', reward: usdc(12), mode: 'pitch', pitchDeadline: 3600, duration: 72, tags: ['design'] },
  { description: 'Fix the flaky retry test in the payments SDK', reward: usdc(2), mode: 'claim', duration: 12, tags: ['code', 'testing'] },
  { description: 'Beat 92% accuracy on the invoice-field extraction set', reward: usdc(10), mode: 'benchmark', metricDescription: 'field-level accuracy on the held-out set', metricTarget: '0.92', duration: 48, tags: ['ml', 'benchmark'] },
  { description: 'Write 20 SQL exercises with answers', reward: usdc(4), maxPrice: usdc(4), mode: 'auction', auctionType: 'reverse_english', bidDeadline: 2, duration: 48, tags: ['sql', 'education'] },
];

/** Tasks the demo wallet itself has posted, so its Actions pane has requester work from the start. */
export const OWN_SEED_TASKS: Record<string, unknown>[] = [
  { description: 'Proofread the taskdesk README and list every unclear sentence', reward: usdc(2.5), mode: 'bounty', duration: 6, tags: ['writing', 'review'] },
  { description: 'Propose a colour theme for a terminal trading desk', reward: usdc(4), mode: 'pitch', pitchDeadline: 1800, duration: 24, tags: ['design'] },
];

/** Insert the seed tasks (src/sim/taskmarket/seed-tasks.ts); with `owner`, its balance pays their escrow. */
export function seedSimTasks(sim: Sim, bodies: Record<string, unknown>[] = SEED_TASKS, owner?: `0x${string}`): string[] {
  return insertTasks(sim, bodies, owner);
}
