// The Orders view as display lines (pure): every armed order of this wallet scope — armed, paused, fired,
// suspended, expired, disarmed, exhausted — newest first, with its trigger, when the clock reaches it,
// its state and reason, and under it each fire's outcome with the fill price against the trigger and the
// completion report. Every market-derived string goes through the sanitiser.
import { fillAgainstTrigger } from '../../core/armed/order.js';
import { formatUsdc } from '../../core/money.js';
import type { OrderView } from '../../store/armed.js';
import { countdown, localTime } from '../format.js';
import { safe } from '../text.js';
import { heading, wrap, type Line } from './lines.js';

const usdc = (v: bigint) => `${formatUsdc(v)} USDC`;
const TONES: Record<string, Line['tone']> = { armed: 'accent', firing: 'warning', fired: 'positive', paused: 'warning', suspended: 'negative', disarmed: 'muted', expired: 'muted', exhausted: 'muted' };

/** The newest first: the order the rows are drawn and selected in. */
export function orderRows(orders: readonly OrderView[]): OrderView[] {
  return [...orders].sort((a, b) => b.armedAt - a.armedAt || a.id.localeCompare(b.id));
}

/** What the order is, in one line. */
export function orderWhat(o: OrderView): string {
  const sp = o.spec;
  if (sp.kind === 'auction_accept') return `auction-accept ${safe(sp.taskId, 'id').slice(0, 12)} P ${formatUsdc(sp.trigger)} guard ${formatUsdc(sp.minPrice)}`;
  if (sp.kind === 'ladder') return `bid ladder ${safe(sp.taskId, 'id').slice(0, 12)} step ${formatUsdc(sp.step)} floor ${formatUsdc(sp.floor)} ×${sp.maxBids}`;
  const f = sp.filter;
  const filt = [f.tags.length ? `tags ${f.tags.join(',')}` : '', f.skill ? `skill ${f.skill}` : '', f.text ? `"${f.text}"` : ''].filter(Boolean).join(' ');
  return `claim rule ≥ ${formatUsdc(sp.minReward)} ×${sp.maxFills}${filt ? ` ${safe(filt, 60)}` : ''}`;
}

export function ordersLines(orders: readonly OrderView[], sel: number, now: number, width: number, pointer = '›'): Line[] {
  const rows = orderRows(orders);
  const L: Line[] = [heading(`Armed orders (${rows.length}) · j/k select · r resumes · d disarms · q/Esc closes`)];
  if (rows.length === 0) {
    L.push({ text: '' }, { text: 'no armed orders: x on a dutch or English auction offers "arm-…" beside its action; C or :arm-claim arms a claim rule', tone: 'muted' });
    return L;
  }
  const pick = Math.max(0, Math.min(sel, rows.length - 1));
  rows.forEach((o, i) => {
    const on = i === pick;
    const status = o.status.toUpperCase().padEnd(9);
    const reach = o.spec.kind === 'auction_accept' && o.crossingAt !== null && (o.status === 'armed' || o.status === 'firing') ? `  reaches P ${localTime(o.crossingAt, now)} (in ${countdown(o.crossingAt, now)})` : '';
    L.push({ text: '' });
    L.push({ text: `${on ? pointer : ' '} ${status} ${o.id.slice(0, 8)}  ${orderWhat(o)}  fills ${o.fills}/${o.fireLimit}${reach}`, tone: on ? 'selection' : TONES[o.status], bold: on });
    if (o.spec.expiresAt !== null && (o.status === 'armed' || o.status === 'paused' || o.status === 'suspended')) L.push({ text: `    expires ${localTime(o.spec.expiresAt, now)} market time (in ${countdown(o.spec.expiresAt, now)})`, tone: 'muted' });
    if (o.reason) for (const line of wrap(`    why: ${safe(o.reason, 300)}`, width)) L.push({ text: line, tone: o.status === 'suspended' ? 'negative' : 'muted' });
    if (o.status === 'paused') L.push({ text: '    paused after a restart: r re-reads the task and arms it again', tone: 'warning' });
    if (o.note) for (const line of wrap(`    note: ${safe(o.note, 300)}`, width)) L.push({ text: line, tone: 'muted' });
    for (const f of o.fires) {
      const vs = o.spec.kind === 'auction_accept' && f.fillPrice !== null ? fillVsTrigger(f.fillPrice, o.spec.trigger) : '';
      L.push({ text: `    fire ${localTime(f.at, now)} on ${safe(f.taskId, 'id').slice(0, 12)}: ${f.outcome}${f.fillPrice !== null ? ` at ${usdc(f.fillPrice)}` : ''}${vs}${f.message ? ` · ${safe(f.message, 120)}` : ''}`, tone: f.outcome === 'filled' ? 'positive' : f.outcome === 'sending' ? 'warning' : 'negative' });
      for (const r of f.report) for (const line of wrap(`      ${safe(r, 300)}`, width)) L.push({ text: line, tone: 'muted' });
    }
  });
  return L;
}

/** "(trigger 2.000000: +0.001200 better)" — the worker is paid the clock price, so more is better. */
export function fillVsTrigger(fill: bigint, trigger: bigint): string {
  const { diff, better } = fillAgainstTrigger(fill, trigger);
  const abs = diff < 0n ? -diff : diff;
  return ` (trigger ${formatUsdc(trigger)}: ${diff === 0n ? 'exactly it' : `${better ? '+' : '-'}${formatUsdc(abs)} ${better ? 'better' : 'worse'}`})`;
}

/** The clock row's marker for an order on it: "ARMED P 2.000000 at 14:02:05", "PAUSED P 2.000000", "" without one. */
export function armedMark(o: OrderView | null, now: number): string {
  if (!o) return '';
  const sp = o.spec;
  const what = sp.kind === 'auction_accept' ? `P ${formatUsdc(sp.trigger)}` : sp.kind === 'ladder' ? `ladder floor ${formatUsdc(sp.floor)}` : '';
  if (o.status === 'armed' || o.status === 'firing') {
    const when = sp.kind === 'auction_accept' && o.crossingAt !== null ? (o.crossingAt <= now ? ' now' : ` at ${localTime(o.crossingAt, now)}`) : '';
    return `ARMED ${what}${when}`;
  }
  return `${o.status.toUpperCase()} ${what}`.trim();
}
