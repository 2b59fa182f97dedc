// The keyboard fuzzer's parts: a seeded PRNG, a key alphabet weighted toward the ticket keys, and the audit
// that holds every write the simulator received from the desk against the desk's journal: each write on an
// action route belongs to a journaled intent, was approved with no failed check, and — for paid and
// selection-changing actions — was confirmed by typing exactly the phrase the intent demands.
import { confirmation, needsTypedConfirmation } from '../../src/core/confirm.js';
import { intentFromRecord } from '../../src/exec/attempt.js';
import type { JournalAction } from '../../src/exec/journal-actions.js';
import { ACTION_ROUTES, ROUTE_OF } from './act-checks.js';
import type { SimRequest } from './act-sim.js';

/** mulberry32: small, fast, and the same sequence for the same seed on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const ESC = '\x1b';

/**
 * Keys and their weights: the ticket keys (x b n y Enter Esc digits . Tab) and letters first, then moves
 * and line editing. Never q or Ctrl-C (they quit the desk, which ends the session, not the test of it).
 */
const WEIGHTED: [string, number][] = [
  ['x', 7], ['b', 5], ['n', 3], ['y', 7], ['\r', 9], [ESC, 4], ['.', 3], ['\t', 3], [' ', 2],
  ...[...'0123456789'].map((d): [string, number] => [d, 1.3]),
  ...[...'acdefghilmoprstuvwz'].map((c): [string, number] => [c, 0.45]),
  ['j', 3], ['k', 2], ['G', 0.5], ['g', 0.5], ['R', 0.6], [':', 0.6], ['/', 0.4], ['?', 0.2],
  ['\x1b[A', 1], ['\x1b[B', 1.5], ['\x1b[C', 1.2], ['\x1b[D', 1], ['\x1b[Z', 0.6], ['\x7f', 1.5], ['\x15', 0.6], ['\x1b[6~', 0.3],
];
const TOTAL = WEIGHTED.reduce((s, [, w]) => s + w, 0);

export function key(rand: () => number): string {
  let r = rand() * TOTAL;
  for (const [k, w] of WEIGHTED) {
    r -= w;
    if (r <= 0) return k;
  }
  return '\r';
}

/** One sequence: 1–8 keys written as one chunk. A lone Esc ends its chunk (Esc + a key reads as Alt+key). */
export function sequence(rand: () => number): string[] {
  const n = 1 + Math.floor(rand() * 8);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = key(rand);
    out.push(k);
    if (k === ESC) break;
  }
  return out;
}

export interface Violation {
  kind: 'unjournaled write' | 'not typed-confirmed' | 'phrase mismatch' | 'check failed at approval' | 'wrong route' | 'two effective writes' | 'no approval';
  detail: string;
}

export interface Audit {
  /** Desk writes on action routes (every leg: a 402 challenge and its paid retry count as two). */
  writes: number;
  /** Distinct journaled actions that took effect at the market (a 2xx under their key). */
  effective: number;
  /** Of those, paid or selection-changing (typed confirmation). */
  typedEffective: number;
  byAction: Record<string, number>;
  /** Desk writes on other routes (device key, mark-read), by route. */
  other: Record<string, number>;
  violations: Violation[];
}

const SUBMIT_LEGS = new Set(['/api/tasks/:taskId/submissions/request-upload-url', '/sim/uploads/:key']);

/** Hold `log` (the window of one desk session) against the desk's journal. */
export function audit(log: readonly SimRequest[], actions: readonly JournalAction[]): Audit {
  const byKey = new Map(actions.filter((a) => a.intent).map((a) => [a.intent!.idempotencyKey, a]));
  const submitsSent = actions.filter((a) => a.intent?.action === 'submit' && a.sent.length > 0);
  const out: Audit = { writes: 0, effective: 0, typedEffective: 0, byAction: {}, other: {}, violations: [] };
  const counted = new Set<string>();
  for (const r of log) {
    if (r.method === 'GET') continue;
    if (SUBMIT_LEGS.has(r.route)) {
      // The upload legs of a submit carry their own keys; they must belong to a submit the journal sent.
      out.writes++;
      if (!submitsSent.some((a) => r.route === '/sim/uploads/:key' || r.path.includes(a.intent!.taskId ?? '-'))) out.violations.push({ kind: 'unjournaled write', detail: `${r.method} ${r.path} (${r.status})` });
      continue;
    }
    if (!ACTION_ROUTES.has(r.route)) {
      if (r.route.startsWith('/sim/')) continue;
      out.other[r.route] = (out.other[r.route] ?? 0) + 1;
      continue;
    }
    out.writes++;
    const a = r.idempotencyKey ? byKey.get(r.idempotencyKey) : undefined;
    if (!a) {
      out.violations.push({ kind: 'unjournaled write', detail: `${r.method} ${r.path} key ${r.idempotencyKey} (${r.status})` });
      continue;
    }
    const action = a.intent!.action;
    if (ROUTE_OF[action] !== r.route) out.violations.push({ kind: 'wrong route', detail: `${action} went to ${r.route}` });
    if (!a.approved) {
      out.violations.push({ kind: 'no approval', detail: `${action} ${a.actionId}` });
      continue;
    }
    const failed = a.approved.checks.filter((c) => c.status === 'fail').map((c) => c.id);
    if (failed.length > 0) out.violations.push({ kind: 'check failed at approval', detail: `${action} ${a.actionId}: ${failed.join(', ')}` });
    if (needsTypedConfirmation(action)) {
      const want = confirmation(intentFromRecord(a.intent!));
      if (a.approved.confirmation !== 'typed') out.violations.push({ kind: 'not typed-confirmed', detail: `${action} ${a.actionId} confirmed by ${a.approved.confirmation}` });
      else if (want.kind !== 'typed' || a.approved.phrase.trim().toLowerCase() !== want.phrase.toLowerCase()) {
        out.violations.push({ kind: 'phrase mismatch', detail: `${action} ${a.actionId}: typed "${a.approved.phrase}", the intent's phrase is "${want.kind === 'typed' ? want.phrase : 'y'}"` });
      }
    }
    if (r.status >= 200 && r.status < 300) {
      if (counted.has(a.actionId)) out.violations.push({ kind: 'two effective writes', detail: `${action} ${a.actionId}` });
      counted.add(a.actionId);
      out.effective++;
      if (needsTypedConfirmation(action)) out.typedEffective++;
      out.byAction[action] = (out.byAction[action] ?? 0) + 1;
    }
  }
  return out;
}
