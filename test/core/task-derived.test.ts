import { describe, expect, it } from 'vitest';
import { netReward, submissionWindowOpen, taskPhase } from '../../src/core/task-derived.js';
import { MODES, TASK_STATUSES, type Mode, type TaskStatus } from '../../src/core/types.js';

const NOW = 1_700_000_000_000;

// §2.5: which (mode, status) pairs have an open window while not expired.
const OPEN_WINDOW: Record<Mode, TaskStatus> = {
  bounty: 'open',
  benchmark: 'open',
  claim: 'claimed',
  auction: 'claimed',
  pitch: 'worker_selected',
};

describe('submissionWindowOpen (§2.5)', () => {
  for (const mode of MODES) {
    for (const status of TASK_STATUSES) {
      const expected = OPEN_WINDOW[mode] === status;
      it(`${mode} × ${status} → ${expected}`, () => {
        expect(submissionWindowOpen({ mode, status, expiryTime: NOW + 1 }, NOW)).toBe(expected);
      });
    }
    it(`${mode}: closed when expiryTime == now and after`, () => {
      const status = OPEN_WINDOW[mode];
      expect(submissionWindowOpen({ mode, status, expiryTime: NOW }, NOW)).toBe(false);
      expect(submissionWindowOpen({ mode, status, expiryTime: NOW - 1 }, NOW)).toBe(false);
    });
  }
});

describe('taskPhase (§2.4)', () => {
  it.each<[TaskStatus, string, string]>([
    ['open', 'active', 'awaiting_settlement'],
    ['claimed', 'active', 'awaiting_settlement'],
    ['worker_selected', 'active', 'awaiting_settlement'],
    ['pending_approval', 'active', 'active'],
    ['review', 'in_review', 'in_review'],
    ['appealing', 'in_review', 'in_review'],
    ['disputed', 'in_review', 'in_review'],
    ['completed', 'resolved', 'resolved'],
    ['cancelled', 'resolved', 'resolved'],
    ['expired', 'resolved', 'resolved'],
  ])('%s → %s before expiry, %s at expiry', (status, before, atExpiry) => {
    expect(taskPhase(status, NOW + 1, NOW)).toBe(before);
    expect(taskPhase(status, NOW, NOW)).toBe(atExpiry);
    expect(taskPhase(status, NOW - 1, NOW)).toBe(atExpiry);
  });
});

describe('netReward (§2.4)', () => {
  it.each<[bigint | null, number, bigint | null]>([
    [null, 500, null],
    [5_000_000n, 500, 4_750_000n],
    [19n, 500, 18n],
    [1n, 500, 0n],
    [0n, 500, 0n],
    [1_000_000n, 0, 1_000_000n],
    [1_000_000n, 10_000, 0n],
    [10n ** 40n, 500, 95n * 10n ** 38n],
  ])('%s at %i bps → %s', (gross, bps, net) => {
    expect(netReward(gross, bps)).toBe(net);
  });
});
