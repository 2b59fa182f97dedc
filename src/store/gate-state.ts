// The gate's input (core/gate-input.ts) from the desk's state: the network intent and spend from the
// acting state, the market's network answer, the task's latest detail and whether its last fetch
// succeeded, the wallet's balance, market and wall time. One function, so a ticket, the fire-time check
// of an armed order and the tests judge an Intent on exactly the same facts.
import { evaluate, type GateCheck, type GateResult } from '../core/gate.js';
import { parseCommand } from '../markets/taskmarket/command-grammar.js';
import type { GateInput } from '../core/gate-input.js';
import type { Intent } from '../core/intent.js';
import type { DeskState } from './state.js';

/**
 * When a fresh read of the task was asked (a ticket opening) and no read that began after the request has
 * come back, good or failed: the time asked, else null. A read already in flight when asked does not count.
 */
function rereadPending(s: DeskState, taskId: string, fetchedAt: number | undefined): number | null {
  const asked = s.detailRequests[taskId];
  if (asked === undefined) return null;
  const f = s.taskFetch[taskId];
  const began = f ? (f.startedAt ?? f.at) : (fetchedAt ?? -Infinity);
  return began >= asked ? null : asked;
}

export function gateInputFor(s: DeskState, intent: Intent, approved: boolean): GateInput {
  const conn = s.conn;
  const act = s.act;
  const taskId = intent.taskId;
  if (intent.market === 'execution-market') return emGateInput(s, intent, approved);
  const detail = taskId ? s.details[taskId] : undefined;
  const fetch = taskId ? s.taskFetch[taskId] : undefined;
  const stopKey = taskId ? `${taskId}:${intent.action}` : '';
  return {
    intent,
    now: s.now,
    wallNow: s.wallNow,
    readonly: conn.readonly || conn.wallet === null || act.blocked !== null,
    network: {
      intended: act.intended,
      confirmed: act.confirmed,
      intendedApiUrl: act.intendedApiUrl,
      apiUrl: conn.apiUrl,
      seen: conn.network,
      seenFetchedAt: conn.networkFetchedAt ?? null,
      mismatch: conn.mismatch,
    },
    task: taskId
      ? {
          value: detail?.task ?? null,
          fetchedAt: detail?.fetchedAt ?? null,
          // No fetch recorded yet but a detail held (e.g. from a test or a restart) counts as the last good one.
          lastFetchOk: fetch ? fetch.ok : detail !== undefined,
          lastError: fetch && !fetch.ok ? fetch.error : null,
          rereadAskedAt: rereadPending(s, taskId, detail?.fetchedAt),
        }
      : null,
    wallet: {
      address: conn.wallet,
      balance: conn.balance,
      balanceFetchedAt: conn.balanceFetchedAt ?? null,
      ...(act.withdrawalAddress !== undefined ? { withdrawalAddress: act.withdrawalAddress } : {}),
    },
    spend: { sessionSpent: act.sessionSpent, daySpent: act.daySpent, sessionCap: act.sessionCap, dayCap: act.dayCap },
    approved,
    stops: {
      contractRejected: taskId ? (act.contractRejected[stopKey] ?? null) : null,
      stateDisagrees: taskId ? (act.stateDisagrees[taskId] ?? null) : null,
    },
  };
}

/** An Execution Market intent is judged on EM's own network answer (its escrow config), URL and task detail. */
function emGateInput(s: DeskState, intent: Intent, approved: boolean): GateInput {
  const base = gateInputFor(s, { ...intent, market: 'taskmarket' }, approved);
  const em = s.em;
  const taskId = intent.taskId;
  const detail = taskId ? em.details[taskId] : undefined;
  const fetch = taskId ? s.taskFetch[taskId] : undefined;
  const n = em.network;
  return {
    ...base,
    intent,
    network: {
      ...base.network,
      intendedApiUrl: em.apiUrl,
      apiUrl: em.apiUrl ?? '',
      seen: n ? { networkName: n.name, chainId: n.chainId, usdcAddress: n.usdcAddress as `0x${string}` } : null,
      seenFetchedAt: em.networkFetchedAt,
      mismatch: em.mismatch,
    },
    task: taskId
      ? {
          value: s.tasks[taskId] ?? null,
          fetchedAt: detail?.fetchedAt ?? null,
          lastFetchOk: fetch ? fetch.ok : detail !== undefined,
          lastError: fetch && !fetch.ok ? fetch.error : null,
          rereadAskedAt: rereadPending(s, taskId, detail?.fetchedAt),
        }
      : null,
  };
}

/** EM's derived actions stand in for pendingActions: the action must be one the adapter offers this wallet now. */
function emActionCheck(s: DeskState, intent: Intent): GateResult['checks'][number] | null {
  if (intent.market !== 'execution-market' || !intent.taskId) return null;
  const d = s.em.details[intent.taskId];
  const a = d?.actions.find((x) => x.action === intent.action);
  const ok = a !== undefined && (a.availableUntil === null || s.now < a.availableUntil);
  return { id: 'pending_action', label: 'derived action (EM)', status: ok ? 'pass' : 'fail', reason: ok ? `${a!.role}: ${a!.reason}` : `Execution Market's status does not offer ${intent.action.replace(/^em_/, '')} to this wallet now` };
}

/**
 * With the cli executor the official CLI runs the pendingActions entry's command (filled from the typed
 * fields): a command outside the CLI's grammar cannot be run, so the ticket says so before it is confirmed.
 */
function cliCommandCheck(s: DeskState, intent: Intent, current: GateCheck | undefined): GateCheck | null {
  if (s.act.executor !== 'cli' || intent.market !== 'taskmarket' || !intent.taskId || current?.status !== 'pass') return null;
  const task = s.details[intent.taskId]?.task;
  const entry = task?.pendingActions?.find((a) => a.action === intent.action);
  if (!task || !entry) return null;
  const parsed = parseCommand(entry.command, { taskId: task.id, action: entry.action });
  if (parsed.ok) return null;
  return { ...current, status: 'fail', reason: `the cli executor would run this entry's command, which is outside the CLI's grammar (${parsed.reason}); the native executor can still act` };
}

/** The gate's verdict on `intent` now; `approved` = the operator's confirmation is in. */
export function judge(s: DeskState, intent: Intent, approved: boolean): GateResult {
  const raw = evaluate(gateInputFor(s, intent, approved));
  const emCheck = emActionCheck(s, intent);
  const cliCheck = cliCommandCheck(s, intent, raw.checks.find((c) => c.id === 'pending_action'));
  const replaced = emCheck ?? cliCheck;
  const checks = replaced ? raw.checks.map((c) => (c.id === 'pending_action' ? replaced : c)) : raw.checks;
  const result = { ok: checks.every((c) => c.status !== 'fail'), checks };
  // An intent still being reconciled after a restart is not offered again until that is done.
  const key = intent.taskId ? `${intent.taskId}:${intent.action}` : null;
  if (key && s.act.reconciling.includes(key)) {
    return { ok: false, checks: [...result.checks, { id: 'state_disagrees', label: 'reconciling', status: 'fail', reason: 'an earlier attempt of this action is still being reconciled with the market' }] };
  }
  return result;
}
