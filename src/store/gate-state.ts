// The gate's input (core/gate-input.ts) from the desk's state: the network intent and spend from the
// acting state, the market's network answer, the task's latest detail and whether its last fetch
// succeeded, the wallet's balance, market and wall time. One function, so a ticket, the fire-time check
// of an armed order and the tests judge an Intent on exactly the same facts.
import { evaluate, type GateResult } from '../core/gate.js';
import type { GateInput } from '../core/gate-input.js';
import type { Intent } from '../core/intent.js';
import type { DeskState } from './state.js';

export function gateInputFor(s: DeskState, intent: Intent, approved: boolean): GateInput {
  const conn = s.conn;
  const act = s.act;
  const taskId = intent.taskId;
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

/** The gate's verdict on `intent` now; `approved` = the operator's confirmation is in. */
export function judge(s: DeskState, intent: Intent, approved: boolean): GateResult {
  const result = evaluate(gateInputFor(s, intent, approved));
  // An intent still being reconciled after a restart is not offered again until that is done.
  const key = intent.taskId ? `${intent.taskId}:${intent.action}` : null;
  if (key && s.act.reconciling.includes(key)) {
    return { ok: false, checks: [...result.checks, { id: 'state_disagrees', label: 'reconciling', status: 'fail', reason: 'an earlier attempt of this action is still being reconciled with the market' }] };
  }
  return result;
}
