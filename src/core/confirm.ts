// How the operator confirms a ticket: money-moving, selection-changing and rating actions by typing
// the action's principal value; free actions by pressing y. Pure; the dialog and the gate share it.
import { PAID_EM_ACTIONS, PAID_TASKMARKET_ACTIONS, RATE_ACTIONS, SELECTION_ACTIONS, type Intent, type IntentAction } from './intent.js';
import { formatUsdc } from './money.js';

export type Confirmation = { kind: 'typed'; phrase: string } | { kind: 'press'; key: 'y' };

/** True for every action the operator must confirm by typing its value. */
export function needsTypedConfirmation(action: IntentAction): boolean {
  return PAID_TASKMARKET_ACTIONS.has(action) || SELECTION_ACTIONS.has(action) || PAID_EM_ACTIONS.has(action) || RATE_ACTIONS.has(action);
}

/** The address a set_withdrawal_address intent registers (params.address, else the payee). */
export function withdrawalTarget(intent: Intent): string | null {
  const a = intent.params['address'];
  if (typeof a === 'string' && a !== '') return a;
  return intent.payee;
}

/** Last 8 hex digits, lowercase: short enough to type, long enough that a swapped address will not match. */
function hexTail(value: string): string | null {
  const hex = value.replace(/^0x/i, '');
  if (!/^[0-9a-fA-F]{8,}$/.test(hex)) return null;
  return hex.slice(-8).toLowerCase();
}

function phraseOf(intent: Intent): string {
  if (intent.action === 'set_withdrawal_address') {
    const target = withdrawalTarget(intent);
    return (target !== null ? hexTail(target) : null) ?? 'no-address';
  }
  // A rating's principal value is its score; it moves no amount.
  if (RATE_ACTIONS.has(intent.action) && intent.score !== null && Number.isInteger(intent.score)) return String(intent.score);
  if (intent.amount !== null) return formatUsdc(intent.amount);
  if (intent.fee > 0n) return formatUsdc(intent.fee);
  // A free selection with no known amount (select_winner on sealed bids): name who or what is selected.
  const tail = (intent.payee !== null ? hexTail(intent.payee) : null) ?? (intent.taskId !== null ? hexTail(intent.taskId) : null);
  return tail ?? intent.action;
}

/** The confirmation a ticket for `intent` asks for. */
export function confirmation(intent: Intent): Confirmation {
  return needsTypedConfirmation(intent.action) ? { kind: 'typed', phrase: phraseOf(intent) } : { kind: 'press', key: 'y' };
}

/** The dialog's prompt line. */
export function confirmLine(c: Confirmation): string {
  return c.kind === 'typed' ? `Type ${c.phrase} to confirm · Esc cancels` : 'Press y to confirm · any other key cancels';
}

/**
 * Whether `typed` confirms `c`: the exact phrase after trimming (amounts and scores have no letters;
 * hex address tails compare lowercase), or exactly "y" for a press.
 */
export function matchesPhrase(c: Confirmation, typed: string): boolean {
  if (c.kind === 'press') return typed === 'y';
  return typed.trim().toLowerCase() === c.phrase.toLowerCase();
}
