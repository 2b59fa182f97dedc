// The gate's mode table against the backend algorithm itself: every action §2.3 can offer on a
// reachable status passes the table, and everything the table allows is offered somewhere.
import { describe, expect, it } from 'vitest';
import { ACTION_AUCTION_TYPES, ACTION_MODES, modeMismatch } from '../../src/core/gate/mode-table.js';
import { computePendingActions } from '../../src/core/pending-actions.js';
import { TRANSITIONS } from '../../src/core/status-machine.js';
import { ACTION_NAMES, AUCTION_TYPES, MODES, type AuctionType, type Mode, type TaskStatus } from '../../src/core/types.js';
import { taskWith } from '../fixtures/task.js';

const NOW = 1_700_000_000_000;
const HOUR = 3_600_000;
const W = '0x' + '77'.repeat(20);
const E = '0x' + '88'.repeat(20);

const KINDS: { mode: Mode; auctionType: AuctionType | null }[] = [
  ...MODES.filter((m) => m !== 'auction').map((mode) => ({ mode, auctionType: null })),
  ...AUCTION_TYPES.map((auctionType) => ({ mode: 'auction' as Mode, auctionType })),
];

const reachable = (mode: Mode): TaskStatus[] => [...new Set(TRANSITIONS[mode].flatMap((t) => [t.from, t.to]))];
const key = (action: string, mode: Mode, type: AuctionType | null) => `${action}|${mode}|${type ?? '-'}`;

/** Every action offered on a reachable status of each kind, over the flags §2.3 branches on. */
function offered(): Set<string> {
  const seen = new Set<string>();
  for (const { mode, auctionType } of KINDS) {
    for (const status of reachable(mode)) {
      for (let bits = 0; bits < 256; bits++) {
        const f = (n: number) => (bits & (1 << n)) !== 0;
        const task = taskWith({
          mode,
          auctionType,
          status,
          createdAt: NOW - HOUR,
          expiryTime: f(0) ? NOW - 1 : NOW + 2 * HOUR,
          submissionCount: f(1) ? 1 : 0,
          evaluator: f(2) ? E : null,
          pitchCount: f(3) ? 1 : 0,
          bidDeadline: mode === 'auction' ? (f(4) ? NOW - 1 : NOW + HOUR) : null,
          maxPrice: mode === 'auction' ? 5_000_000n : null,
          pitchDeadline: mode === 'pitch' ? (f(4) ? NOW - 1 : NOW + HOUR) : null,
          claimedBy: f(5) ? W : null,
          appealDeadline: f(6) ? NOW - 1 : NOW + HOUR,
          evaluatorDeadline: f(6) ? NOW - 1 : NOW + HOUR,
        });
        const actions = computePendingActions(
          task,
          {
            bidCount: f(7) ? 1 : 0,
            latestSubmissionWorker: f(1) ? W : null,
            appealEligibleWorker: f(7) ? W : null,
            awardWorkers: f(7) ? [{ address: W, rating: null }] : [],
          },
          NOW,
        );
        for (const a of actions) seen.add(key(a.action, mode, auctionType));
      }
    }
  }
  return seen;
}

describe('mode table vs computePendingActions (§2.3)', () => {
  const produced = offered();

  it('every action the backend offers on a reachable status passes the table', () => {
    const refused = [...produced].filter((k) => {
      const [action, mode, type] = k.split('|') as [(typeof ACTION_NAMES)[number], Mode, string];
      return modeMismatch(action, mode, type === '-' ? null : (type as AuctionType)) !== null;
    });
    expect(refused).toEqual([]);
  });

  it('everything the table allows is offered somewhere (the table is no looser)', () => {
    const allowed: string[] = [];
    for (const action of ACTION_NAMES) {
      for (const { mode, auctionType } of KINDS) {
        if (modeMismatch(action, mode, auctionType) === null) allowed.push(key(action, mode, auctionType));
      }
    }
    expect(allowed.filter((k) => !produced.has(k))).toEqual([]);
  });

  it('covers every action name', () => {
    expect(Object.keys(ACTION_MODES).sort()).toEqual([...ACTION_NAMES].sort());
    for (const [action, types] of Object.entries(ACTION_AUCTION_TYPES)) {
      expect(ACTION_MODES[action as keyof typeof ACTION_MODES], action).toEqual(['auction']);
      expect(types?.length).toBeGreaterThan(0);
    }
  });

  it('the issue’s rows', () => {
    expect(modeMismatch('bid', 'auction', 'english')).toBeNull();
    expect(modeMismatch('bid', 'auction', 'reverse_english')).toBeNull();
    expect(modeMismatch('bid', 'auction', 'dutch')).not.toBeNull();
    expect(modeMismatch('auction_accept', 'auction', 'reverse_dutch')).toBeNull();
    expect(modeMismatch('auction_accept', 'auction', 'english')).not.toBeNull();
    expect(modeMismatch('claim', 'claim', null)).toBeNull();
    expect(modeMismatch('claim', 'bounty', null)).not.toBeNull();
    expect(modeMismatch('select_worker', 'pitch', null)).toBeNull();
    expect(modeMismatch('pitch', 'auction', 'english')).not.toBeNull();
    expect(modeMismatch('submit_proof', 'benchmark', null)).toBeNull();
    expect(modeMismatch('submit_proof', 'bounty', null)).not.toBeNull();
    expect(modeMismatch('select_winner', 'auction', 'reverse_dutch')).not.toBeNull();
    expect(modeMismatch('accept_submissions', 'benchmark', null)).toBeNull();
    expect(modeMismatch('accept_submissions', 'claim', null)).not.toBeNull();
    expect(modeMismatch('forfeit', 'claim', null)).toBeNull();
    expect(modeMismatch('forfeit', 'pitch', null)).not.toBeNull();
  });
});
