// Guide steps 4–7 of the Universal Task Side-Effect Gate: fresh task state, the submission window,
// the pendingActions entry, and the action's fit to the task's mode. Fetch ages use wall time;
// deadlines use market time.
import type { GateInput } from '../gate-input.js';
import type { Intent } from '../intent.js';
import type { AuctionType, Mode, PendingAction, Task } from '../types.js';
import { safeText, span, taskRef } from './format.js';
import { isEmAction, isPendingActionName, isTaskIntent } from './intent-kind.js';
import { createShapeMismatch, modeMismatch } from './mode-table.js';
import { entryWindow, matchPendingAction } from './pending-match.js';
import { fail, FRESH_MS, FUTURE_SLACK_MS, na, pass, type Verdict } from './verdict.js';

const taskOf = (i: GateInput): Task | null => i.task?.value ?? null;

export function freshCheck(i: GateInput): Verdict {
  if (!isTaskIntent(i.intent)) return na('no task involved');
  const t = i.task;
  if (t === null || (t.value === null && t.fetchedAt === null && t.lastError === null)) return fail('task never fetched');
  // What failed to parse (or 404'd) is stale even when an older copy is still held: the guide's `ok: false` stop.
  if (!t.lastFetchOk) return fail(`last fetch failed: ${safeText(t.lastError ?? 'unknown error', 160)} (stale; re-fetch)`);
  if (t.value === null || t.fetchedAt === null) return fail('task never fetched');
  if (i.intent.taskId === null) return fail('the ticket names no task');
  if (t.value.id.toLowerCase() !== i.intent.taskId.toLowerCase()) {
    return fail(`the detail held is for ${taskRef(t.value.id)}, not ${taskRef(i.intent.taskId)}`);
  }
  // The ticket asked for a fresh read: until it answers, the older one is not what the operator confirms.
  if (t.rereadAskedAt != null) return fail(`waiting for the fresh read asked ${span(Math.max(0, i.wallNow - t.rereadAskedAt))} ago (none back yet)`);
  const age = i.wallNow - t.fetchedAt;
  if (age > FRESH_MS) return fail(`fetched ${span(age)} ago (older than 60 s): re-fetch`);
  if (age < -FUTURE_SLACK_MS) return fail('fetch is stamped in the future (clock moved): re-fetch');
  return pass(`fetched ${span(Math.max(0, age))} ago, ok`);
}

const SUBMIT_WINDOW = new Set(['submit', 'submit_proof']);
const ENTRY_WINDOW = new Set(['bid', 'pitch', 'claim']);

function expiryText(task: Task, now: number): string {
  return task.expiryTime > now ? `expires in ${span(task.expiryTime - now)}` : `expired ${span(now - task.expiryTime)} ago`;
}

/** The entry whose window lasts longest (null availableUntil = no deadline). */
function longestEntry(entries: readonly PendingAction[]): PendingAction | undefined {
  return [...entries].sort((a, b) => (b.availableUntil ?? Infinity) - (a.availableUntil ?? Infinity))[0];
}

/**
 * submit/submit_proof follow `submissionWindowOpen` (and the expiry, in case a true is stale); bid,
 * pitch and claim follow their pendingActions window, because the backend computes
 * submissionWindowOpen true only once work begins (taskmarket-backend.md §2.5). Both facts are shown.
 */
export function windowCheck(i: GateInput): Verdict {
  const action = i.intent.action;
  if (!SUBMIT_WINDOW.has(action) && !ENTRY_WINDOW.has(action)) return na(`no submission window for ${action}`);
  const task = taskOf(i);
  if (task === null) return fail('no task detail: the window is unknown');
  const flag = `submissionWindowOpen ${task.submissionWindowOpen}`;
  const expiry = expiryText(task, i.now);
  if (SUBMIT_WINDOW.has(action)) {
    if (!task.submissionWindowOpen) return fail(`${flag} (the window is closed); task ${expiry}`);
    if (task.expiryTime <= i.now) return fail(`${flag} but the task ${expiry} (market time)`);
    return pass(`${flag}; task ${expiry}`);
  }
  const note = task.submissionWindowOpen ? flag : `${flag} (backend: true only once work begins)`;
  if (task.pendingActions === undefined) return fail(`${note}; the detail carries no pendingActions`);
  const entry = longestEntry(task.pendingActions.filter((a) => a.action === action));
  if (entry === undefined) return fail(`${note}; pendingActions has no ${action} (omitted once its window closes)`);
  if (entry.availableUntil !== null && entry.availableUntil <= i.now) {
    return fail(`${note}; pendingActions ${action} closed ${span(i.now - entry.availableUntil)} ago`);
  }
  if (task.expiryTime <= i.now) return fail(`${note}; pendingActions lists ${action} but the task ${expiry}`);
  return pass(`${note}; pendingActions ${action} ${entryWindow(entry, i.now)}`);
}

export function pendingActionCheck(i: GateInput): Verdict {
  const intent = i.intent;
  if (!isTaskIntent(intent)) return na('no task: no pendingActions');
  const task = taskOf(i);
  // Execution Market has no pendingActions: its adapter derives actions from status and role.
  if (intent.market === 'execution-market' && task?.pendingActions === undefined) return na('Execution Market: actions derived by the adapter');
  if (task === null) return fail('no task detail: pendingActions unknown');
  const m = matchPendingAction(task, intent, i.now);
  if (!m.ok) return fail(m.reason);
  const target = m.entry.targetWorker !== null ? ' for the named worker' : '';
  return pass(`${m.entry.role} ${m.entry.action}${target}: ${entryWindow(m.entry, i.now)}`);
}

const shape = (mode: Mode | null, auctionType: AuctionType | null): string =>
  mode === null ? 'no mode' : auctionType === null ? mode : `${mode}/${auctionType}`;

function marketMismatch(intent: Intent): string | null {
  const em = isEmAction(intent.action);
  if (em && intent.market !== 'execution-market') return `${intent.action} is an Execution Market action, not a ${intent.market} one`;
  if (!em && intent.market !== 'taskmarket') return `${intent.action} is a Taskmarket action, not an ${intent.market} one`;
  return null;
}

export function modeCheck(i: GateInput): Verdict {
  const intent = i.intent;
  const wrongMarket = marketMismatch(intent);
  if (wrongMarket !== null) return fail(wrongMarket);
  if (!isTaskIntent(intent)) {
    if (intent.mode === null) return na('no task mode involved');
    const bad = createShapeMismatch(intent.mode, intent.auctionType);
    return bad === null ? pass(`creates a ${shape(intent.mode, intent.auctionType)} task`) : fail(bad);
  }
  const task = taskOf(i);
  if (task === null) return fail('no task detail: mode unknown');
  if (intent.mode !== task.mode || intent.auctionType !== task.auctionType) {
    return fail(`the task is ${shape(task.mode, task.auctionType)} now, the ticket was opened for ${shape(intent.mode, intent.auctionType)}`);
  }
  if (!isPendingActionName(intent.action)) return pass(`${shape(task.mode, task.auctionType)} unchanged since the ticket opened`);
  const bad = modeMismatch(intent.action, task.mode, task.auctionType);
  return bad === null ? pass(`${intent.action} is valid on a ${shape(task.mode, task.auctionType)} task`) : fail(bad);
}
