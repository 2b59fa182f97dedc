// Event shapes of the official daemon (taskmarket-cli.md §5; operator guide "Daemon Events"):
// `{"ok":true,"data":{event,…}}`, money as base-unit strings, times as ISO strings. taskdesk adds
// task.snapshot and watch.ready at start and an `at` time on every line (the daemon has neither).
// Every string is passed through the one sanitiser, keys included, so the JSON twin is as safe as the screen.
import { clockPrice } from '../core/clock.js';
import { CAPS, sanitize } from '../core/text/sanitize.js';
import type { PendingAction, Task, TaskStatus } from '../core/types.js';
import type { Email } from '../markets/market.js';
import type { Envelope } from '../store/xmtp-envelope.js';

/** The fields task.new and task.snapshot share (the daemon's task.new, cli §5). */
export interface TaskFields {
  taskId: string;
  description: string;
  reward: string;
  mode: string;
  tags: string[];
}

export type WatchEvent =
  | ({ event: 'task.new' } & TaskFields)
  // taskdesk's own: the open tasks listed when watch starts (the daemon's baseline, which it never prints),
  // under their own name so a task.new consumer is not told old tasks are new; then one watch.ready.
  | ({ event: 'task.snapshot' } & TaskFields)
  | { event: 'watch.ready'; tasks: number }
  | { event: 'task.status_changed'; taskId: string; role: 'requester' | 'worker'; from: string; to: string; pendingActions: WirePendingAction[] }
  | { event: 'task.auction_clock'; taskId: string; auctionType: string; currentAuctionPrice: string | null; bidDeadline: string | null }
  | {
      event: 'email.new';
      id: string;
      fromAddress: string;
      subject: string;
      bodyText: string;
      receivedAt: string;
      source: string;
      senderVerification: string;
    }
  | ({ event: 'xmtp.envelope' } & Record<string, unknown>);

/** A pending action as the backend serialises it (taskmarket-backend.md §2.2). */
export interface WirePendingAction {
  role: string;
  action: string;
  command: string;
  eligibleAddress: string | null;
  requiresPayment: boolean;
  paymentAmount: string | null;
  availableAfter: string | null;
  availableUntil: string | null;
  targetWorker: string | null;
}

const line = (s: unknown, cap: number = CAPS.line) => sanitize(s, { maxLength: cap });
const block = (s: unknown, cap: number) => sanitize(s, { maxLength: cap, multiline: true });
const iso = (ms: number | null) => (ms === null || !Number.isFinite(ms) ? null : new Date(ms).toISOString());
const nullable = (s: string | null, cap: number = CAPS.line) => (s === null ? null : line(s, cap));

export function taskNew(t: Task): WatchEvent {
  return { event: 'task.new', ...taskFields(t) };
}

export function taskSnapshot(t: Task): WatchEvent {
  return { event: 'task.snapshot', ...taskFields(t) };
}

function taskFields(t: Task): TaskFields {
  return {
    taskId: line(t.id, CAPS.id),
    description: block(t.description, CAPS.description),
    reward: t.reward.toString(),
    mode: line(t.mode, CAPS.tag),
    tags: t.tags.map((x) => line(x, CAPS.tag)),
  };
}

export function wireAction(a: PendingAction): WirePendingAction {
  return {
    role: line(a.role, CAPS.tag),
    action: line(a.action, CAPS.tag),
    command: line(a.command, CAPS.command),
    eligibleAddress: nullable(a.eligibleAddress, CAPS.address),
    requiresPayment: a.requiresPayment,
    paymentAmount: a.paymentAmount === null ? null : a.paymentAmount.toString(),
    availableAfter: iso(a.availableAfter),
    availableUntil: iso(a.availableUntil),
    targetWorker: nullable(a.targetWorker, CAPS.address),
  };
}

export function statusChanged(task: Task, role: 'requester' | 'worker', from: TaskStatus, to: TaskStatus): WatchEvent {
  return {
    event: 'task.status_changed',
    taskId: line(task.id, CAPS.id),
    role,
    from,
    to,
    pendingActions: (task.pendingActions ?? []).map(wireAction),
  };
}

/** The clock at `now`, computed like the backend (§3.1), falling back to the market's own figure. */
export function auctionClock(t: Task, now: number): WatchEvent {
  const price = clockPrice(t, now) ?? t.currentAuctionPrice;
  return {
    event: 'task.auction_clock',
    taskId: line(t.id, CAPS.id),
    auctionType: line(t.auctionType ?? '', CAPS.tag),
    currentAuctionPrice: price === null ? null : price.toString(),
    bidDeadline: iso(t.bidDeadline),
  };
}

export function emailNew(e: Email & { source?: string; senderVerification?: string }): WatchEvent {
  return {
    event: 'email.new',
    id: line(e.id, CAPS.id),
    fromAddress: line(e.fromAddress, CAPS.subject),
    subject: line(e.subject, CAPS.subject),
    bodyText: block(e.bodyText, CAPS.body),
    receivedAt: iso(e.receivedAt) ?? '',
    // The daemon's defaults when the backend omits them (cli §5).
    source: line(e.source ?? 'external_email', CAPS.tag),
    senderVerification: line(e.senderVerification ?? 'unverified', CAPS.tag),
  };
}

/** Deep-sanitise arbitrary JSON (keys and strings), bounded in depth and breadth. */
export function sanitizeJson(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return block(value, CAPS.body);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean' || value === null) return value;
  if (typeof value === 'bigint') return value.toString();
  if (depth >= 8) return null;
  if (Array.isArray(value)) return value.slice(0, 200).map((v) => sanitizeJson(v, depth + 1));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>).slice(0, 200)) out[line(k, 100)] = sanitizeJson(v, depth + 1);
    return out;
  }
  return null;
}

/** The line's data: `event` first, then `at` (ISO time the line is written), then the event's fields. */
export function stamped(e: WatchEvent, at: Date): Record<string, unknown> {
  const { event, ...rest } = e as { event: string } & Record<string, unknown>;
  return { event, at: at.toISOString(), ...rest };
}

export function xmtpEnvelope(e: Envelope): WatchEvent {
  const clean = sanitizeJson(e) as Record<string, unknown>;
  return { ...clean, event: 'xmtp.envelope' };
}
