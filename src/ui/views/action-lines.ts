// An opened pending action: what it would do, as typed fields (never the raw server text as the
// thing being approved). Read-only in this issue.
import { bpsOf, formatUsdc } from '../../core/money.js';
import type { PendingAction, Task } from '../../core/types.js';
import { parseCommand, type FlagValue } from '../../markets/taskmarket/command-grammar.js';
import { countdown, localTime } from '../format.js';
import { safe, safeAddress } from '../text.js';
import { field, heading, wrap, type Line } from './lines.js';

export function actionLines(task: Task, a: PendingAction, now: number, width: number): Line[] {
  const L: Line[] = [
    { text: 'READ-ONLY: this view shows what the action would do; nothing is executed from here.', tone: 'warning', bold: true },
    heading(`${a.action} on task ${safe(task.id, 'id')}`),
    field('role', a.role),
    field('eligible address', a.eligibleAddress ? safeAddress(a.eligibleAddress) : 'anyone with the role'),
    field('target worker', a.targetWorker ? safeAddress(a.targetWorker) : '-'),
    field('requires payment', a.requiresPayment ? 'yes (x402)' : 'no'),
    field('amount', a.paymentAmount !== null ? `${formatUsdc(a.paymentAmount)} USDC` : '-', a.requiresPayment ? 'warning' : undefined),
    field('available from', a.availableAfter !== null && a.availableAfter > now ? `${localTime(a.availableAfter, now)} (in ${countdown(a.availableAfter, now)})` : 'now'),
    field('closes', a.availableUntil !== null ? `${localTime(a.availableUntil, now)} (in ${countdown(a.availableUntil, now)})` : 'no deadline'),
    field('task reward', `${formatUsdc(task.reward)} USDC`),
    field('platform fee', `${task.platformFeeBps} bps of the reward = ${formatUsdc(bpsOf(task.reward, task.platformFeeBps))} USDC`),
    { text: '' },
  ];
  return L.concat(parsedSection(task, a, width), [{ text: '' }], commandSection(a, width));
}

const INPUT_KIND: Record<string, string> = { address: 'an address', usdc: 'a USDC amount', int: 'a whole number', pattern: 'a value in the expected format', text: 'text', path: 'a file path', winner: 'a worker and share', award: 'a worker, amount and rank', choice: 'one of the allowed values' };

/** One flag value as typed display text. */
export function flagText(v: FlagValue): string {
  switch (v.kind) {
    case 'address':
      return safeAddress(v.value);
    case 'usdc':
      return `${formatUsdc(v.value)} USDC`;
    case 'int':
      return String(v.value);
    case 'text':
      return `"${safe(v.value, 200)}" (untrusted text)`;
    case 'winner':
      return `${safeAddress(v.worker)} share ${v.shareBps} bps${v.submissionId ? ` submission ${safe(v.submissionId, 'id')}` : ''}`;
    case 'award':
      return `rank ${v.rank} ${safeAddress(v.worker)} ${formatUsdc(v.amount)} USDC`;
    case 'input':
      return `you fill this in (${INPUT_KIND[v.expects] ?? v.expects}; the template shows ${safe(v.placeholder, 40)})`;
  }
}

/** The command parsed against the official CLI's grammar into typed fields, or why it was refused. */
export function parsedSection(task: Task, a: PendingAction, width: number): Line[] {
  const r = parseCommand(a.command, { taskId: task.id, action: a.action });
  const L: Line[] = [heading('What it would run (parsed against the CLI 1.13.0 grammar)')];
  if (!r.ok) {
    for (const line of wrap(`REFUSED: ${safe(r.reason, 'error')}`, width)) L.push({ text: line, tone: 'negative', bold: true });
    return L;
  }
  const p = r.value;
  L.push(field('command', `taskmarket ${p.command}`));
  L.push(field('task', safe(p.taskId, 'id')));
  L.push(field('action', p.action));
  for (const [name, value] of Object.entries(p.flags)) {
    const list = Array.isArray(value) ? value : [value];
    list.forEach((v, i) => L.push(field(`--${name}${list.length > 1 ? `[${i}]` : ''}`, flagText(v), v.kind === 'input' ? 'warning' : undefined)));
  }
  if (p.needsInput.length) L.push(field('needs input', p.needsInput.join(', '), 'warning'));
  if (p.note) for (const line of wrap(`note (untrusted): ${safe(p.note, 'command')}`, width)) L.push({ text: line, tone: 'untrusted' });
  return L;
}

/** The backend's CLI template, shown as untrusted display text only (never run as a shell string). */
export function commandSection(a: PendingAction, width: number): Line[] {
  const L: Line[] = [heading('Command template from the market (UNTRUSTED, display only)')];
  for (const line of wrap(safe(a.command, 'command'), width)) L.push({ text: line, tone: 'untrusted' });
  return L;
}
