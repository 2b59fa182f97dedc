// Who may act (Stop Conditions: "your wallet is not the claimed, selected, or authorized worker"),
// and whether the description asks for keys or credentials (flagged, never quoted).
import type { GateInput } from '../gate-input.js';
import { describeCredentialKinds, flagCredentialRequest } from '../text/credential-flag.js';
import { addr, sameAddress } from './format.js';
import { isRequesterRole, isTaskIntent, isWorkerRole, namedWorker } from './intent-kind.js';
import { fail, na, pass, warn, type Verdict } from './verdict.js';

/** Worker actions that only the claimed/selected/eligible worker may take. */
const DESIGNATED = new Set(['submit', 'submit_proof', 'appeal']);
const OPEN_CONTEST = new Set(['bounty', 'benchmark']);

function roleHolder(i: GateInput, label: string, holder: string | null): Verdict {
  if (holder === null) return fail(`the task has no ${label}`);
  return sameAddress(i.intent.wallet, holder) ? pass(`wallet is the task's ${label}`) : fail(`wallet is not the task's ${label} ${addr(holder)}`);
}

export function workerCheck(i: GateInput): Verdict {
  const intent = i.intent;
  if (!isTaskIntent(intent) || intent.role === 'wallet') return na('no task role involved');
  if (intent.role === 'anyone') return na('any wallet may act');
  const task = i.task?.value ?? null;
  if (task === null) return fail('no task detail: cannot check who may act');

  if (isRequesterRole(intent)) {
    const asRequester = roleHolder(i, 'requester', task.requester);
    if (asRequester.status !== 'pass') return asRequester;
    // accept on a claimed task pays exactly that worker (WorkerMismatch on chain otherwise).
    const named = namedWorker(intent);
    if (intent.action === 'accept' && task.claimedBy !== null && named !== null && !sameAddress(named, task.claimedBy)) {
      return fail(`accept names worker ${addr(named)} but the task's worker is ${addr(task.claimedBy)}`);
    }
    return asRequester;
  }
  if (intent.role === 'evaluator') return roleHolder(i, 'evaluator', task.evaluator);
  if (intent.role === 'dispute_resolver') return roleHolder(i, 'dispute resolver', task.disputeResolver);
  if (!isWorkerRole(intent)) return na(`no worker check for role ${intent.role}`);

  const eligible = task.pendingActions?.find((a) => a.action === intent.action && a.role === 'worker' && a.eligibleAddress !== null);
  const designated = task.claimedBy ?? eligible?.eligibleAddress ?? null;
  const which = task.claimedBy !== null ? 'claimed' : 'eligible';
  if (designated !== null) {
    if (!sameAddress(intent.wallet, designated)) return fail(`wallet is not the ${which} worker ${addr(designated)}`);
    // The submissions route compares claimedBy exactly, case included (taskmarket-backend.md §1.7).
    if (intent.market === 'taskmarket' && intent.action === 'submit' && intent.wallet !== designated) {
      return warn(`wallet matches the ${which} worker ${addr(designated)} only ignoring case; the backend compares exact case`);
    }
    return pass(`wallet is the ${which} worker`);
  }
  if (DESIGNATED.has(intent.action)) {
    if (intent.action !== 'appeal' && OPEN_CONTEST.has(task.mode)) return pass(`open to every worker on a ${task.mode} task`);
    return fail(intent.action === 'appeal' ? 'no eligible appellant named on the task' : 'the task has no claimed or selected worker');
  }
  return na(`any worker may ${intent.action}`);
}

export function credentialsCheck(i: GateInput): Verdict {
  if (!isTaskIntent(i.intent)) return na('no task description involved');
  const task = i.task?.value ?? null;
  if (task === null) return isWorkerRole(i.intent) ? fail('description not fetched: not scanned') : na('description not fetched');
  const flag = flagCredentialRequest(task.description);
  if (!flag.flagged) return pass('description asks for no keys or credentials');
  const what = describeCredentialKinds(flag.kinds);
  return isWorkerRole(i.intent)
    ? fail(`description asks for credentials (${what}): the work would follow it; refused`)
    : warn(`description asks for credentials (${what}): never supply them`);
}
