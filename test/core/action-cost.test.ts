import { describe, expect, it } from 'vitest';
import { actionCost, createTaskCost } from '../../src/core/action-cost.js';
import { ACTION_NAMES } from '../../src/core/types.js';

describe('actionCost (§1.1)', () => {
  it('flat 1000 for every paid route, 0 for the free ones', () => {
    const free = ['claim', 'forfeit', 'finalize_verdict', 'select_winner', 'submit'];
    for (const action of ACTION_NAMES) {
      if (action === 'update') continue;
      expect(actionCost(action)).toBe(free.includes(action) ? 0n : 1000n);
    }
  });

  it('update: 1000 plus any reward increase', () => {
    expect(actionCost('update', { reward: 5_000_000n })).toBe(1000n);
    expect(actionCost('update', { reward: 5_000_000n, newReward: 4_000_000n })).toBe(1000n);
    expect(actionCost('update', { reward: 5_000_000n, newReward: 6_000_000n })).toBe(1_001_000n);
  });

  it.each([
    ['bounty', 0, 0n],
    ['bounty', 4, 0n],
    ['bounty', 5, 1000n],
    ['benchmark', 99, 1000n],
    ['claim', 50, 0n],
    ['auction', 5, 0n],
  ] as const)('submit on %s after %i prior submissions costs %s', (mode, prior, cost) => {
    expect(actionCost('submit', { mode, priorSubmissions: prior })).toBe(cost);
  });

  it('create costs the reward', () => {
    expect(createTaskCost(5_000_000n)).toBe(5_000_000n);
  });
});
