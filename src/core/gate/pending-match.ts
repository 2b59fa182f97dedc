// Finding the pendingActions entry an intent may run under (taskmarket-operator guide: "an entry whose
// role is yours and whose action matches"), narrowing step by step so a miss names the step that failed.
import type { Intent } from '../intent.js';
import type { PendingAction, Task } from '../types.js';
import { addr, sameAddress, span } from './format.js';
import { namedWorker } from './intent-kind.js';

export type EntryMatch = { ok: true; entry: PendingAction } | { ok: false; reason: string };

const MAX_LISTED = 6;

function offered(list: readonly PendingAction[]): string {
  const names = [...new Set(list.map((a) => a.action))];
  const shown = names.slice(0, MAX_LISTED).join(', ');
  return names.length > MAX_LISTED ? `${shown}, …` : shown;
}

/** The first entry matching action, role, wallet, target worker and time window at market time `now`. */
export function matchPendingAction(task: Task, intent: Intent, now: number): EntryMatch {
  const list = task.pendingActions;
  const action = intent.action;
  if (list === undefined) return { ok: false, reason: 'the task detail carries no pendingActions (re-fetch it)' };
  if (list.length === 0) return { ok: false, reason: 'pendingActions is empty: nothing may be done on this task' };

  const byAction = list.filter((a) => a.action === action);
  if (byAction.length === 0) return { ok: false, reason: `pendingActions has no ${action} (offered: ${offered(list)})` };

  const byRole = byAction.filter((a) => a.role === intent.role);
  if (byRole.length === 0) {
    const roles = [...new Set(byAction.map((a) => a.role))].join('/');
    return { ok: false, reason: `${action} is offered to ${roles}, not to ${intent.role}` };
  }

  const byWallet = byRole.filter((a) => a.eligibleAddress === null || sameAddress(a.eligibleAddress, intent.wallet));
  if (byWallet.length === 0) {
    return { ok: false, reason: `${action} is for ${addr(byRole[0]?.eligibleAddress)}, not this wallet ${addr(intent.wallet)}` };
  }

  const worker = namedWorker(intent);
  const byTarget = byWallet.filter((a) => a.targetWorker === null || sameAddress(a.targetWorker, worker));
  if (byTarget.length === 0) {
    const target = addr(byWallet[0]?.targetWorker);
    return {
      ok: false,
      reason: worker === null ? `${action} names worker ${target}; the ticket names none` : `${action} is for worker ${target}, not ${addr(worker)}`,
    };
  }

  const opened = byTarget.filter((a) => a.availableAfter === null || a.availableAfter <= now);
  if (opened.length === 0) {
    const soonest = Math.min(...byTarget.map((a) => a.availableAfter ?? now));
    return { ok: false, reason: `${action} is not available yet: opens in ${span(soonest - now)} (market time)` };
  }

  const open = opened.filter((a) => a.availableUntil === null || a.availableUntil > now);
  const entry = open[0];
  if (entry === undefined) {
    const latest = Math.max(...opened.map((a) => a.availableUntil ?? now));
    return { ok: false, reason: `${action} closed ${span(now - latest)} ago (market time)` };
  }
  return { ok: true, entry };
}

/** "open for 12m04s" / "no deadline" for a matched entry at market time `now`. */
export function entryWindow(entry: PendingAction, now: number): string {
  return entry.availableUntil === null ? 'no deadline' : `open for ${span(entry.availableUntil - now)}`;
}
