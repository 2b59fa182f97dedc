import { describe, expect, it } from 'vitest';
import { confirmation, confirmLine, matchesPhrase, needsTypedConfirmation, type Confirmation } from '../../src/core/confirm.js';
import {
  EM_ACTIONS,
  PAID_EM_ACTIONS,
  PAID_TASKMARKET_ACTIONS,
  RATE_ACTIONS,
  SELECTION_ACTIONS,
  type IntentAction,
} from '../../src/core/intent.js';
import { ACTION_NAMES } from '../../src/core/types.js';
import { intent } from './gate-fixtures.js';

const ALL_ACTIONS: IntentAction[] = [...ACTION_NAMES, 'create_task', 'withdraw', 'set_withdrawal_address', ...EM_ACTIONS];
const TYPED = new Set<IntentAction>([...PAID_TASKMARKET_ACTIONS, ...SELECTION_ACTIONS, ...PAID_EM_ACTIONS, ...RATE_ACTIONS]);

describe('confirmation kind', () => {
  it.each(ALL_ACTIONS)('%s', (action) => {
    const c = confirmation(intent({ action, amount: 1_000_000n }));
    expect(c.kind).toBe(TYPED.has(action) ? 'typed' : 'press');
    expect(needsTypedConfirmation(action)).toBe(TYPED.has(action));
  });

  it.each(['claim', 'submit', 'forfeit', 'finalize_verdict', 'em_apply', 'em_submit', 'em_request_info', 'em_withdraw'] as const)(
    'free action %s is press y',
    (action) => {
      expect(confirmation(intent({ action }))).toEqual({ kind: 'press', key: 'y' });
    },
  );
});

describe('confirmation phrase', () => {
  const rows: [string, Parameters<typeof intent>[0], string][] = [
    ['a bid types its price', { action: 'bid', amount: 1_250_000n, fee: 1000n }, '1.250000'],
    ['auction_accept types its guard price', { action: 'auction_accept', amount: 550n, fee: 1000n }, '0.000550'],
    ['create_task types the reward', { action: 'create_task', amount: 5_000_000n }, '5.000000'],
    ['withdraw types the amount', { action: 'withdraw', amount: 10_000_000n }, '10.000000'],
    ['a paid action without an amount types its fee', { action: 'cancel', amount: null, fee: 1000n }, '0.001000'],
    ['rate types the score', { action: 'rate', score: 85, fee: 1000n }, '85'],
    ['an EM rating types the score', { action: 'em_rate_worker', score: 0 }, '0'],
    ['a rate without a score falls back to the fee', { action: 'rate', score: null, fee: 1000n }, '0.001000'],
    ['em_approve types the payout', { action: 'em_approve', amount: 2_500_000n }, '2.500000'],
    [
      'set_withdrawal_address types the last 8 hex, lowercase',
      { action: 'set_withdrawal_address', params: { address: '0x4444444444444444444444444444444444ABCDEF' } },
      '44abcdef',
    ],
    [
      'set_withdrawal_address falls back to the payee',
      { action: 'set_withdrawal_address', payee: '0x00000000000000000000000000000000DeadBeef' },
      'deadbeef',
    ],
    [
      'select_winner with no known price names the task',
      { action: 'select_winner', amount: null, fee: 0n, taskId: '0x' + 'ab'.repeat(31) + '12' },
      'ababab12',
    ],
  ];
  it.each(rows)('%s', (_name, o, phrase) => {
    expect(confirmation(intent(o))).toEqual({ kind: 'typed', phrase });
  });
});

describe('confirmLine', () => {
  it('typed', () => {
    expect(confirmLine({ kind: 'typed', phrase: '1.250000' })).toBe('Type 1.250000 to confirm · Esc cancels');
  });
  it('press', () => {
    expect(confirmLine({ kind: 'press', key: 'y' })).toBe('Press y to confirm · any other key cancels');
  });
});

describe('matchesPhrase', () => {
  const amount: Confirmation = { kind: 'typed', phrase: '1.250000' };
  const address: Confirmation = { kind: 'typed', phrase: '44abcdef' };
  const press: Confirmation = { kind: 'press', key: 'y' };
  const rows: [string, Confirmation, string, boolean][] = [
    ['exact amount', amount, '1.250000', true],
    ['amount with surrounding spaces', amount, '  1.250000 ', true],
    ['amount with fewer decimals', amount, '1.25', false],
    ['another amount', amount, '1.250001', false],
    ['empty', amount, '', false],
    ['address tail lowercase', address, '44abcdef', true],
    ['address tail uppercase', address, '44ABCDEF', true],
    ['address tail with 0x', address, '0x44abcdef', false],
    ['wrong tail', address, '44abcdee', false],
    ['y', press, 'y', true],
    ['Y', press, 'Y', false],
    ['yes', press, 'yes', false],
    ['Enter', press, '\r', false],
  ];
  it.each(rows)('%s', (_name, c, typed, ok) => {
    expect(matchesPhrase(c, typed)).toBe(ok);
  });
});
