// The spend cap's inputs, counted from the journal (never from memory, so a restart cannot reset them):
// the sum of Intent.spend over actions APPROVED in this session / the last 24 h, except those that provably
// did nothing (a definite refusal, or reconciled not_done). Unresolved actions count: they may have spent.
import type { JournalAction } from './journal-actions.js';

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface SpendTotals {
  /** Spend approved since `sessionStart` (GateInput.spend.sessionSpent). */
  sessionSpent: bigint;
  /** Spend approved in the 24 h before `now` (GateInput.spend.daySpent). */
  daySpent: bigint;
  sessionActions: number;
  dayActions: number;
}

export interface SpendOptions {
  /** Epoch ms this desk session started (the runner's creation time). */
  sessionStart: number;
  now: number;
  /** Only this wallet's actions (a fleet desk caps each agent); default: all. */
  wallet?: string;
}

/** Did this action provably move nothing? */
export function spentNothing(a: JournalAction): boolean {
  return a.state === 'refused' || a.state === 'reconciled_not_done';
}

export function spendTotals(actions: readonly JournalAction[], o: SpendOptions): SpendTotals {
  const out: SpendTotals = { sessionSpent: 0n, daySpent: 0n, sessionActions: 0, dayActions: 0 };
  for (const a of actions) {
    if (!a.intent || !a.approved || spentNothing(a)) continue;
    if (o.wallet && a.intent.wallet.toLowerCase() !== o.wallet.toLowerCase()) continue;
    const at = Date.parse(a.approved.at);
    if (!Number.isFinite(at) || at > o.now) continue;
    if (at >= o.sessionStart) {
      out.sessionSpent += a.intent.spend;
      out.sessionActions++;
    }
    if (at > o.now - DAY_MS) {
      out.daySpent += a.intent.spend;
      out.dayActions++;
    }
  }
  return out;
}

export interface SpendCaps {
  session: bigint | null;
  day: bigint | null;
}

/** Why `spend` more would break a cap, or null (the gate's spend_cap check says the same; the runner re-checks). */
export function capExceeded(totals: SpendTotals, spend: bigint, caps: SpendCaps): string | null {
  if (spend <= 0n) return null;
  if (caps.session !== null && totals.sessionSpent + spend > caps.session) return 'session spend cap';
  if (caps.day !== null && totals.daySpent + spend > caps.day) return '24-hour spend cap';
  return null;
}
