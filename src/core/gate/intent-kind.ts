// What kind of intent the gate is judging: which checks apply follows from this alone.
import { EM_ACTIONS, type EmIntentAction, type Intent, type IntentAction } from '../intent.js';
import { ACTION_NAMES, type ActionName } from '../types.js';

/** Intents that act on no existing task. */
export const NO_TASK_ACTIONS: ReadonlySet<IntentAction> = new Set<IntentAction>([
  'create_task',
  'withdraw',
  'set_withdrawal_address',
  'em_publish',
]);

/** Wallet writes (the guide's Wallet Side-Effect Gate). */
export const WALLET_ACTIONS: ReadonlySet<IntentAction> = new Set<IntentAction>(['withdraw', 'set_withdrawal_address']);

const PENDING_NAMES: ReadonlySet<string> = new Set<string>(ACTION_NAMES);
const EM_NAMES: ReadonlySet<string> = new Set<string>(EM_ACTIONS);

export const isPendingActionName = (a: IntentAction): a is ActionName => PENDING_NAMES.has(a);
export const isEmAction = (a: IntentAction): a is EmIntentAction => EM_NAMES.has(a);
export const isTaskIntent = (intent: Intent): boolean => !NO_TASK_ACTIONS.has(intent.action);

/** A Taskmarket intent on an existing task, i.e. one that must match a pendingActions entry. */
export const isTaskmarketTaskAction = (intent: Intent): boolean =>
  intent.market === 'taskmarket' && isPendingActionName(intent.action);

/** The worker an intent names (accept --worker, rate --worker, select-worker --worker, …), if any. */
export function namedWorker(intent: Intent): string | null {
  const w = intent.params['worker'];
  if (typeof w === 'string' && w !== '') return w;
  return intent.payee;
}

/** Roles that do the task's work (and so would follow its description). */
export const isWorkerRole = (intent: Intent): boolean => intent.role === 'worker';
/** Roles that post, pay for and judge tasks. */
export const isRequesterRole = (intent: Intent): boolean => intent.role === 'requester' || intent.role === 'publisher';
