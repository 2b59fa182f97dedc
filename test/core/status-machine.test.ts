import { describe, expect, it } from 'vitest';
import { canTransition, isTerminal, nextStatuses, transitionError } from '../../src/core/status-machine.js';
import { MODES, TASK_STATUSES, type Mode, type TaskStatus } from '../../src/core/types.js';

describe('status machine (§4.2)', () => {
  it.each<[Mode, TaskStatus, TaskStatus[]]>([
    ['bounty', 'open', ['cancelled', 'expired', 'completed', 'appealing']],
    ['benchmark', 'open', ['cancelled', 'expired', 'completed', 'appealing']],
    ['claim', 'open', ['cancelled', 'expired', 'claimed']],
    ['claim', 'claimed', ['pending_approval', 'review', 'open', 'expired']],
    ['claim', 'pending_approval', ['completed', 'expired']],
    ['pitch', 'open', ['cancelled', 'expired', 'worker_selected']],
    ['pitch', 'worker_selected', ['pending_approval', 'review', 'expired']],
    ['auction', 'open', ['cancelled', 'expired', 'claimed']],
    ['auction', 'claimed', ['pending_approval', 'review', 'completed']],
    ['auction', 'pending_approval', ['completed']],
    ['claim', 'review', ['appealing', 'pending_approval']],
    ['bounty', 'appealing', ['disputed', 'completed', 'cancelled']],
    ['auction', 'disputed', ['completed']],
  ])('%s: %s → %j', (mode, from, to) => {
    expect(nextStatuses(mode, from).sort()).toEqual([...to].sort());
  });

  it('completed, cancelled and expired are terminal in every mode', () => {
    for (const mode of MODES) {
      for (const s of ['completed', 'cancelled', 'expired'] as const) expect(isTerminal(mode, s)).toBe(true);
      expect(isTerminal(mode, 'open')).toBe(false);
    }
  });

  it('contests never enter claimed or pending_approval; claimed auctions never go back to open', () => {
    for (const from of TASK_STATUSES) {
      expect(canTransition('bounty', from, 'claimed')).toBe(false);
      expect(canTransition('benchmark', from, 'pending_approval')).toBe(false);
    }
    expect(canTransition('auction', 'claimed', 'open')).toBe(false);
    expect(canTransition('claim', 'claimed', 'open')).toBe(true);
  });

  it('transitionError explains or is null', () => {
    expect(transitionError('claim', 'open', 'claimed')).toBeNull();
    expect(transitionError('claim', 'open', 'completed')).toBe(
      'A claim task cannot move from open to completed (allowed: cancelled, expired, claimed)',
    );
    expect(transitionError('pitch', 'completed', 'open')).toBe('A pitch task cannot move from completed to open (completed is final)');
  });
});
