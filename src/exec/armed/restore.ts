// After a restart: rebuild each journaled order and its fires from the journal alone. An order that was
// disarmed or expired, an auction-accept that sent its fire, a claim rule or ladder with every fill used
// stays finished; every other order comes back paused, for the operator to resume with one key.
import { isTerminal, type OrderState } from '../../core/armed/order.js';
import { fireLimit } from '../../core/armed/validate.js';
import type { Journal } from '../journal.js';
import type { JournalAction } from '../journal-actions.js';
import { fillsOf, newLive, type Live } from './live.js';
import { classifyAction, fireReport } from './outcome.js';
import { journaledOrders, specOf, type JournaledOrder } from './records.js';

function stateOf(j: JournaledOrder, l: Live): OrderState {
  for (const r of j.records) {
    if (r.step === 'disarmed') return { status: 'disarmed' };
    if (r.step === 'expired') return { status: 'expired', reason: r.reason };
  }
  // A fire that left the desk ends an auction-accept, whatever the market answered.
  if (l.spec.kind === 'auction_accept' && l.fires.some((f) => f.outcome !== 'not_sent')) return { status: 'fired' };
  if (l.spec.kind !== 'auction_accept' && fillsOf(l) >= fireLimit(l.spec)) return { status: 'exhausted', reason: l.spec.kind === 'claim' ? `all ${fireLimit(l.spec)} claims filled` : `all ${fireLimit(l.spec)} bids used` };
  return { status: 'paused' };
}

/** Orders in `source` that are not in `known`, rebuilt; non-terminal ones are paused. */
export function restoreOrders(source: Pick<Journal, 'records' | 'actions'>, known: ReadonlySet<string>): Live[] {
  const actions = new Map<string, JournalAction>(source.actions().map((a) => [a.actionId, a]));
  const out: Live[] = [];
  for (const j of journaledOrders(source.records())) {
    if (known.has(j.armed.actionId)) continue;
    const spec = specOf(j.armed);
    const l = newLive(spec, j.armed, Date.parse(j.armed.at));
    for (const r of j.records) {
      if (r.step !== 'fired') continue;
      const a = actions.get(r.firedActionId);
      const price = r.price ?? null;
      const c = classifyAction(a, spec.kind === 'ladder' ? price : null);
      l.fires.push({
        actionId: r.firedActionId,
        taskId: r.target,
        at: Date.parse(r.marketAt),
        crossingAt: r.crossingAt ? Date.parse(r.crossingAt) : null,
        price,
        outcome: c.outcome,
        fillPrice: c.fillPrice,
        message: c.message,
        report: fireReport(spec, a, c),
      });
      l.tried.add(r.target);
      if (spec.kind === 'ladder' && c.outcome === 'filled') l.ownBid = price;
    }
    l.state = stateOf(j, l);
    const last = j.records.at(-1);
    if (!isTerminal(l.state) && last?.step === 'suspended') l.note = `was suspended before the restart: ${last.reason}`;
    out.push(l);
  }
  return out;
}
