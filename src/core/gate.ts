// The side-effect gate: every check of the operator guide's Universal Task and Wallet Side-Effect
// Gates and its Stop Conditions, judged over one plain snapshot (GateInput). Pure: no I/O, no clock
// of its own. Every check is always present, in a fixed order, so a ticket can show all of them.
import type { GateInput } from './gate-input.js';
import { balanceCheck, spendCapCheck, walletGateCheck } from './gate/money-checks.js';
import { apiUrlCheck, chainCheck, networkIntentCheck } from './gate/network-checks.js';
import { credentialsCheck, workerCheck } from './gate/role-checks.js';
import { approvalCheck, contractRejectedCheck, readonlyCheck, stateDisagreesCheck } from './gate/stop-checks.js';
import { freshCheck, modeCheck, pendingActionCheck, windowCheck } from './gate/task-checks.js';
import type { GateStatus, Verdict } from './gate/verdict.js';

export type { GateStatus } from './gate/verdict.js';

/** The checks in display order: the guide's steps 1–8, then the wallet gate, the cap and the stops. */
export const GATE_CHECK_IDS = [
  'network_intent',
  'api_url',
  'chain',
  'fresh',
  'window',
  'pending_action',
  'mode',
  'approval',
  'readonly',
  'worker',
  'wallet_gate',
  'balance',
  'spend_cap',
  'credentials',
  'contract_rejected',
  'state_disagrees',
] as const;
export type GateCheckId = (typeof GATE_CHECK_IDS)[number];

export interface GateCheck {
  id: GateCheckId;
  label: string;
  status: GateStatus;
  /** One plain line; untrusted values in it are already cleaned. Never the task description. */
  reason: string;
}

export interface GateResult {
  /** True when no check failed ('warn' and 'na' do not block). */
  ok: boolean;
  checks: GateCheck[];
}

export const GATE_CHECK_LABELS: Readonly<Record<GateCheckId, string>> = {
  network_intent: 'network confirmed',
  api_url: 'API URL',
  chain: 'chain, USDC, wallet',
  fresh: 'task fresh (60 s)',
  window: 'submission window',
  pending_action: 'pendingActions entry',
  mode: 'mode and auction type',
  approval: 'operator approval',
  readonly: 'read-only',
  worker: 'worker / role',
  wallet_gate: 'wallet gate',
  balance: 'balance',
  spend_cap: 'spend cap',
  credentials: 'credential request',
  contract_rejected: 'contract rejection',
  state_disagrees: 'API vs chain state',
};

const CHECKS: Readonly<Record<GateCheckId, (input: GateInput) => Verdict>> = {
  network_intent: networkIntentCheck,
  api_url: apiUrlCheck,
  chain: chainCheck,
  fresh: freshCheck,
  window: windowCheck,
  pending_action: pendingActionCheck,
  mode: modeCheck,
  approval: approvalCheck,
  readonly: readonlyCheck,
  worker: workerCheck,
  wallet_gate: walletGateCheck,
  balance: balanceCheck,
  spend_cap: spendCapCheck,
  credentials: credentialsCheck,
  contract_rejected: contractRejectedCheck,
  state_disagrees: stateDisagreesCheck,
};

/** Judge one intent against the snapshot: every check, in GATE_CHECK_IDS order. */
export function evaluate(input: GateInput): GateResult {
  const checks = GATE_CHECK_IDS.map((id): GateCheck => {
    let verdict: Verdict;
    try {
      verdict = CHECKS[id](input);
    } catch {
      // A check that cannot run on this snapshot has not passed.
      verdict = { status: 'fail', reason: 'check could not run on this snapshot' };
    }
    return { id, label: GATE_CHECK_LABELS[id], status: verdict.status, reason: verdict.reason };
  });
  return { ok: checks.every((c) => c.status !== 'fail'), checks };
}

/** The failed checks, in order. */
export function failures(result: GateResult): GateCheck[] {
  return result.checks.filter((c) => c.status === 'fail');
}

/** True when the only thing missing is the operator's confirmation: the dialog may ask for it. */
export function readyForApproval(result: GateResult): boolean {
  const failed = failures(result);
  return failed.length > 0 ? failed.every((c) => c.id === 'approval') : true;
}
