// An Execution Market task in the detail view: EM's own fields, the applications with the applicants'
// reputation, the submissions with their evidence as typed fields, and the escrow / payment timeline.
// Every string is the market's or a worker's: untrusted, through the sanitiser.
import { formatUsdc } from '../../core/money.js';
import type { Task } from '../../core/types.js';
import type { EmDetail } from '../../store/state.js';
import { ago, countdown, localTime } from '../format.js';
import { safe, safeAddress, safeBlock, safeTags } from '../text.js';
import { field, heading, wrap, type Line } from './lines.js';

const usdc = (v: bigint | null | undefined) => (v === null || v === undefined ? '-' : `${formatUsdc(v)} USDC`);
const when = (t: number | null, now: number) => (t === null ? '-' : `${localTime(t, now)} (${t > now ? `in ${countdown(t, now)}` : ago(t, now)})`);
const FEE_BPS = 1300n;

/** An evidence value as one line of typed text: strings quoted, numbers as they are, objects as key=value. */
function evidenceText(v: unknown): string {
  if (v === null || v === undefined) return '-';
  if (typeof v === 'string') return `"${safe(v, 200)}"`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.slice(0, 8).map(evidenceText).join(', ')}${v.length > 8 ? ', …' : ''}]`;
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .slice(0, 10)
      .map(([k, x]) => `${safe(k, 40)}=${evidenceText(x)}`)
      .join('  ');
  }
  return '?';
}

export function emTaskLines(task: Task, d: EmDetail | undefined, now: number, width: number): Line[] {
  const em = task.em!;
  const L: Line[] = [];
  L.push(heading(`Execution Market task ${safe(task.id, 'id')}`));
  L.push(field('title', safe(em.title, 'title')));
  L.push(field('status', `${safe(em.status, 40)} (desk: ${task.status})`, em.status === 'published' ? 'positive' : undefined));
  L.push(field('category', safe(em.category, 60)));
  L.push(field('bounty', `${usdc(em.bounty)}  → worker ${usdc(em.bounty - (em.bounty * FEE_BPS) / 10_000n)}, fee ${usdc((em.bounty * FEE_BPS) / 10_000n)} (87/13)`));
  L.push(field('publisher', `${safeAddress(em.publisherWallet)}${em.agentName ? `  ${safe(em.agentName, 60)}` : ''}${em.publisherAgentId !== null ? `  agent #${em.publisherAgentId}` : ''}`));
  L.push(field('executor', em.executorWallet ? safeAddress(em.executorWallet) : em.executorId ? `id ${safe(em.executorId, 'id')}` : '-'));
  L.push(field('deadline', when(em.deadline, now)));
  L.push(field('evidence required', em.evidenceRequired.map((e) => safe(e, 40)).join(', ') || '-'));
  if (em.evidenceOptional.length) L.push(field('evidence optional', em.evidenceOptional.map((e) => safe(e, 40)).join(', ')));
  L.push(field('skills', safeTags(em.skills, 20).join(', ') || '-'));
  L.push(field('min reputation', String(em.minReputation)));
  L.push(field('escrow', `${safe(em.escrowStatus ?? '-', 40)}  network ${safe(em.paymentNetwork, 40)} ${safe(em.paymentToken, 20)}`));
  if (em.escrowTx) L.push(field('escrow tx', safe(em.escrowTx, 'id')));
  if (em.paymentTx) L.push(field('payment tx', safe(em.paymentTx, 'id')));
  if (em.refundTx) L.push(field('refund tx', safe(em.refundTx, 'id')));

  L.push({ text: '' }, heading('Instructions (UNTRUSTED)'));
  for (const line of wrap(safeBlock(task.description, 'description'), width)) L.push({ text: line });

  L.push({ text: '' }, heading(`Your actions (${d ? d.actions.length : 'loading'})`));
  for (const a of d?.actions ?? []) L.push({ text: `${a.role.padEnd(10)} ${a.action.replace(/^em_/, '').padEnd(16)} ${safe(a.reason, 120)}${a.availableUntil !== null ? `  closes in ${countdown(a.availableUntil, now)}` : ''}` });
  if (!d) return L;

  L.push({ text: '' }, heading(`Applications (${d.applications === null ? 'only the publisher sees them' : d.applications.length})`));
  for (const a of d.applications ?? []) {
    L.push({ text: `${a.status.padEnd(9)} ${a.wallet ? safeAddress(a.wallet) : `executor ${safe(a.executorId, 'id')}`}  reputation ${a.reputationScore}  ${a.tasksCompleted} done${a.avgRating !== null ? `  rating ${a.avgRating}` : ''}  ${ago(a.createdAt, now)}` });
    if (a.message) for (const line of wrap(safe(a.message, 400), width - 4)) L.push({ text: `    ${line}`, tone: 'untrusted' });
  }

  const subs = d.submissions ?? (d.mySubmission ? [d.mySubmission] : []);
  L.push({ text: '' }, heading(`Submissions (${subs.length})`));
  for (const sub of subs) {
    L.push({ text: `${safe(sub.verdict, 20).padEnd(20)} ${safe(sub.id, 'id')}  executor ${safe(sub.executorId, 'id')}  ${ago(sub.submittedAt, now)}` });
    for (const [k, v] of Object.entries(sub.evidence).slice(0, 18)) L.push({ text: `    ${safe(k, 30).padEnd(18)}${evidenceText(v)}`, tone: 'untrusted' });
    if (sub.agentNotes) L.push({ text: `    notes: ${safe(sub.agentNotes, 300)}`, tone: 'untrusted' });
  }

  L.push({ text: '' }, heading('Escrow and payment'));
  const p = d.payment;
  if (!p) L.push({ text: 'no payment record yet (nothing is locked before assign)', tone: 'muted' });
  else {
    L.push(field('status', safe(p.status, 40)));
    L.push(field('total', usdc(p.total)));
    L.push(field('released', `${usdc(p.released)}${p.workerNet !== null ? `  worker ${usdc(p.workerNet)}` : ''}${p.platformFee !== null ? `  fee ${usdc(p.platformFee)}` : ''}`));
    if (p.payer) L.push(field('payer', safeAddress(p.payer)));
    if (p.receiver) L.push(field('receiver', safeAddress(p.receiver)));
    for (const e of p.events) L.push({ text: `  ${localTime(e.at, now)}  ${safe(e.type, 30).padEnd(20)} ${e.amount !== null ? usdc(e.amount) : ''}${e.txHash ? `  ${safe(e.txHash, 'id')}` : ''}` });
  }
  return L;
}
