// Every field of a task, its bids (sealed shown as sealed), submissions, pitches, pendingActions and
// the sanitised multi-line description, as display lines.
import { displayStatus, isPastExpiry, liveActions, liveWindowOpen } from '../../core/live-task.js';
import { formatUsdc } from '../../core/money.js';
import type { Task } from '../../core/types.js';
import type { TaskDetail } from '../../store/state.js';
import { clockPriceAt } from '../clock-view.js';
import { ago, countdown, localTime } from '../format.js';
import { safe, safeAddress, safeBlock, safeTags } from '../text.js';
import { field, heading, wrap, type Line } from './lines.js';

const usdc = (v: bigint | null) => (v === null ? '-' : `${formatUsdc(v)} USDC`);
const when = (t: number | null, now: number) => (t === null ? '-' : `${localTime(t, now)} (${t > now ? `in ${countdown(t, now)}` : ago(t, now)})`);
const addr = (a: string | null) => (a ? safeAddress(a) : '-');

export function taskLines(task: Task, detail: TaskDetail | undefined, now: number, width: number): Line[] {
  const L: Line[] = [];
  const live = clockPriceAt(task, now);
  L.push(heading(`Task ${safe(task.id, 'id')}${task.referenceCode ? `  (${safe(task.referenceCode, 'id')})` : ''}`));
  // At the instant expiry passes the task reads as expired, without waiting for the next poll.
  const status = displayStatus(task, now);
  const phase = isPastExpiry(task, now) && task.phase === 'active' ? 'awaiting_settlement' : task.phase;
  L.push(field('status', `${status}${status !== task.status ? ` (market still says ${task.status} until the next poll)` : ''}  phase ${phase}`, status === 'open' ? 'positive' : status === 'expired' ? 'warning' : undefined));
  L.push(field('mode', `${task.mode}${task.auctionType ? ` / ${task.auctionType}` : ''}`));
  L.push(field('reward', usdc(task.reward)));
  L.push(field('net reward', usdc(task.netReward)));
  L.push(field('platform fee', `${task.platformFeeBps} bps`));
  L.push(field('requester', addr(task.requester)));
  L.push(field('created', when(task.createdAt, now)));
  L.push(field('expires', when(task.expiryTime, now)));
  L.push(field('visibility', `task ${task.taskVisibility}, submissions ${task.submissionVisibility}`));
  L.push(field('tags', safeTags(task.tags, 20).join(', ') || '-'));
  if (task.mode === 'auction') {
    L.push(field('bid deadline', when(task.bidDeadline, now)));
    L.push(field('max price', usdc(task.maxPrice)));
    L.push(field('start price', usdc(task.auctionStartPrice)));
    L.push(field('floor price', usdc(task.auctionFloorPrice)));
    L.push(field('clock price now', usdc(live ?? task.currentAuctionPrice), 'accent'));
    L.push(field('lowest bid', task.auctionType === 'reverse_english' ? 'sealed' : usdc(task.currentLowestBid)));
    L.push(field('bids', String(task.auctionBidCount ?? 0)));
  }
  if (task.mode === 'pitch') L.push(field('pitch deadline', when(task.pitchDeadline, now)));
  if (task.mode === 'benchmark') {
    L.push(field('metric', safe(task.metricDescription ?? '-', 'title')));
    L.push(field('metric target', safe(task.metricTarget ?? '-', 'title')));
  }
  L.push(field('claimed by', addr(task.claimedBy)));
  L.push(field('evaluator', addr(task.evaluator)));
  L.push(field('evaluator deadline', when(task.evaluatorDeadline, now)));
  L.push(field('dispute resolver', addr(task.disputeResolver)));
  L.push(field('appeal deadline', when(task.appealDeadline, now)));
  L.push(field('submission window', liveWindowOpen(task, now) ? 'open' : 'closed'));
  L.push(field('counts', `${task.submissionCount} submissions, ${task.pitchCount} pitches`));

  L.push({ text: '' });
  L.push(heading('Description (UNTRUSTED)'));
  for (const line of wrap(safeBlock(task.description, 'description'), width)) L.push({ text: line, tone: 'text' });

  const fetched = detail?.task.pendingActions ?? task.pendingActions;
  const actions = fetched ? liveActions(fetched, task, now) : undefined;
  L.push({ text: '' });
  L.push(heading(`Pending actions (${actions?.length ?? 'not fetched'})`));
  for (const a of actions ?? []) {
    const pay = a.requiresPayment ? ` pays ${usdc(a.paymentAmount)}` : '';
    const window = `${a.availableAfter !== null && a.availableAfter > now ? ` opens in ${countdown(a.availableAfter, now)}` : ''}${a.availableUntil !== null ? ` closes in ${countdown(a.availableUntil, now)}` : ''}`;
    L.push({ text: `${a.role.padEnd(17)}${a.action.padEnd(20)}${a.eligibleAddress ? addr(a.eligibleAddress) : 'anyone'}${pay}${window}` });
  }

  if (!detail) {
    L.push({ text: '' });
    L.push({ text: 'bids, submissions and pitches load with the task detail...', tone: 'muted' });
    return L;
  }
  L.push({ text: '' });
  L.push(heading(`Bids (${detail.bids.length})`));
  for (const b of detail.bids) {
    const sealed = b.price === null || b.workerAddress === null;
    L.push({ text: sealed ? `sealed bid  ${localTime(b.createdAt, now)}${b.isMyBid ? '  (mine)' : ''}` : `${usdc(b.price).padEnd(20)}${addr(b.workerAddress)}  ${localTime(b.createdAt, now)}${b.isMyBid ? '  (mine)' : ''}` });
  }
  L.push({ text: '' });
  L.push(heading(`Submissions (${detail.submissions.length})`));
  for (const s of detail.submissions) {
    L.push({ text: `${addr(s.workerAddress)}  ${localTime(s.submittedAt, now)}${s.rejectedAt !== null ? '  REJECTED' : ''}${s.deliverableHash ? `  ${safe(s.deliverableHash, 'id')}` : ''}` });
  }
  L.push({ text: '' });
  L.push(heading(`Pitches (${detail.pitches.length})`));
  for (const p of detail.pitches) {
    L.push({ text: `${p.status.padEnd(10)}${safe(p.id, 'id')}  ${addr(p.workerAddress)}${p.estimatedDuration !== null ? `  estimate ${p.estimatedDuration} h` : ''}` });
    for (const line of wrap(safeBlock(p.pitchText, 2000), width - 2)) L.push({ text: `  ${line}`, tone: 'untrusted' });
  }
  return L;
}
