// What a fire came to, from the runner's outcome or (after a restart) from the fired action's journal
// records, and the report lines the desk shows for it: the completion report plus the fill price against
// the trigger.
import { fillAgainstTrigger, type ArmedSpec } from '../../core/armed/order.js';
import { formatUsdc } from '../../core/money.js';
import { completionReport, formatCompletionReport } from '../completion-report.js';
import { isDefiniteRefusal, type JournalAction } from '../journal-actions.js';
import type { RunOutcome } from '../runner.js';
import type { FireOutcome } from './types.js';

// The backend's texts for "someone else got there first" (taskmarket-backend.md §1.3, §1.4, §3.3).
const LOST = /Task is not open|Task not open|not available for claiming|already claimed|TaskNotOpen|must undercut/i;

export interface Classified {
  outcome: FireOutcome;
  fillPrice: bigint | null;
  message: string | null;
}

export function classifyRun(out: RunOutcome, bidPrice: bigint | null): Classified {
  if (out.refused) return { outcome: 'not_sent', fillPrice: null, message: out.refused.message };
  const r = out.response;
  if (r === null) return { outcome: 'unresolved', fillPrice: null, message: 'no answer' };
  if (r.ok) {
    const fill = r.result.acceptedPrice ?? bidPrice;
    if (out.verification?.outcome === 'mismatch') return { outcome: 'mismatch', fillPrice: fill, message: out.verification.note ?? 'the market does not show the expected change' };
    return { outcome: 'filled', fillPrice: fill, message: out.verification?.outcome === 'unverifiable' ? 'sent; not re-read yet' : 'verified' };
  }
  const text = r.error.contractError ? `Contract call rejected: ${r.error.contractError}` : r.error.message;
  if (!r.retryable && (LOST.test(text) || r.error.contractError === 'TaskNotOpen')) return { outcome: 'lost', fillPrice: null, message: text };
  if (!r.retryable && r.httpStatus !== undefined && r.httpStatus >= 400 && r.httpStatus < 500 && r.httpStatus !== 409 && r.httpStatus !== 429) return { outcome: 'refused', fillPrice: null, message: text };
  return { outcome: 'unresolved', fillPrice: null, message: text };
}

/** The same classification from the journal alone (restore). */
export function classifyAction(a: JournalAction | undefined, bidPrice: bigint | null): Classified {
  if (!a || !a.intent) return { outcome: 'not_sent', fillPrice: null, message: 'nothing was sent' };
  const last = a.responses.at(-1);
  const accepted = last?.ok ? (last.result?.acceptedPrice ?? bidPrice) : null;
  switch (a.state) {
    case 'verified':
    case 'reconciled_done':
      return { outcome: 'filled', fillPrice: accepted ?? bidPrice, message: a.state === 'verified' ? 'verified' : 'reconciled: done' };
    case 'mismatch':
      return { outcome: 'mismatch', fillPrice: accepted, message: a.verification?.note ?? 'mismatch' };
    case 'refused': {
      const text = last?.error ? (last.error.contractError ? `Contract call rejected: ${last.error.contractError}` : last.error.message) : 'refused';
      return { outcome: last && isDefiniteRefusal(last) && LOST.test(text) ? 'lost' : 'refused', fillPrice: null, message: text };
    }
    case 'reconciled_not_done':
      return { outcome: 'refused', fillPrice: null, message: 'reconciled: not done' };
    default:
      return { outcome: a.sent.length === 0 ? 'not_sent' : 'unresolved', fillPrice: null, message: `unresolved (${a.state})` };
  }
}

/** Did this fire (possibly) fill? Unresolved ones count, so a restart can never fire past the limit. */
export const countsAsFill = (o: FireOutcome): boolean => o === 'filled' || o === 'mismatch' || o === 'unresolved' || o === 'sending';

/** A ladder's bid was placed (it cost a fee) unless it provably was not sent. */
export const countsAsBid = (o: FireOutcome): boolean => o !== 'not_sent' && o !== 'refused' && o !== 'lost';

/** The completion report for a fire, with the fill price against the trigger (auction-accept) or floor (ladder). */
export function fireReport(spec: ArmedSpec, action: JournalAction | undefined, c: Classified): string[] {
  const lines = action?.intent ? formatCompletionReport(completionReport(action)) : [];
  const usdc = (v: bigint) => `${formatUsdc(v)} USDC`;
  if (spec.kind === 'auction_accept') {
    if (c.fillPrice !== null) {
      const { diff, better } = fillAgainstTrigger(c.fillPrice, spec.trigger);
      const sign = diff >= 0n ? '+' : '';
      lines.unshift(`fill ${usdc(c.fillPrice)} against the trigger ${usdc(spec.trigger)}: ${sign}${formatUsdc(diff)} (${diff === 0n ? 'exactly at the trigger' : better ? 'better than the trigger' : 'worse than the trigger'}); guard ${usdc(spec.minPrice)}`);
    } else lines.unshift(`no fill (${c.outcome}); trigger ${usdc(spec.trigger)}, guard ${usdc(spec.minPrice)}`);
  } else if (spec.kind === 'ladder' && c.fillPrice !== null) {
    lines.unshift(`bid ${usdc(c.fillPrice)}; floor ${usdc(spec.floor)}, step ${usdc(spec.step)}`);
  }
  return lines;
}
