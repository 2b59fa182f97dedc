// An opened pending action: what it would do, as typed fields (never the raw server text as the
// thing being approved). Read-only in this issue.
import { formatUsdc } from '../../core/money.js';
import type { PendingAction, Task } from '../../core/types.js';
import { countdown } from '../format.js';
import { safe, safeAddress } from '../text.js';
import { field, heading, wrap, type Line } from './lines.js';

export function actionLines(task: Task, a: PendingAction, now: number, width: number): Line[] {
  const L: Line[] = [
    { text: 'READ-ONLY: this view shows what the action would do; nothing is executed from here.', tone: 'warning', bold: true },
    heading(`${a.action} on task ${safe(task.id, 'id')}`),
    field('task', safe(task.id, 'id')),
    field('action', a.action),
    field('role', a.role),
    field('eligible address', a.eligibleAddress ? safeAddress(a.eligibleAddress) : 'anyone with the role'),
    field('target worker', a.targetWorker ? safeAddress(a.targetWorker) : '-'),
    field('requires payment', a.requiresPayment ? 'yes (x402)' : 'no'),
    field('amount', a.paymentAmount !== null ? `${formatUsdc(a.paymentAmount)} USDC` : '-', a.requiresPayment ? 'warning' : undefined),
    field('available after', a.availableAfter !== null ? `${new Date(a.availableAfter).toISOString()} (${countdown(a.availableAfter, now)})` : 'now'),
    field('available until', a.availableUntil !== null ? `${new Date(a.availableUntil).toISOString()} (${countdown(a.availableUntil, now)})` : '-'),
    field('task reward', `${formatUsdc(task.reward)} USDC`),
    { text: '' },
  ];
  return L.concat(commandSection(a, width));
}

/** The backend's CLI template, shown as untrusted display text only (never run as a shell string). */
export function commandSection(a: PendingAction, width: number): Line[] {
  const L: Line[] = [heading('Command template from the market (UNTRUSTED, display only)')];
  for (const line of wrap(safe(a.command, 'command'), width)) L.push({ text: line, tone: 'untrusted' });
  return L;
}
