// GateInput builders for the gate tests: each base passes every check (approved, fresh, funded), so a
// row's one mutation is what makes its check fail. Market time and wall time deliberately differ.
import type { GateInput } from '../../src/core/gate-input.js';
import type { Intent } from '../../src/core/intent.js';
import type { Address, PendingAction, Task } from '../../src/core/types.js';
import { taskWith } from '../fixtures/task.js';

/** Market time (prices, deadlines). */
export const NOW = 1_700_000_000_000;
/** Wall time, 7 minutes away from market time so a mixed-up clock shows. */
export const WALL = NOW - 420_000;
export const SEC = 1000;
export const MIN = 60 * SEC;
export const HOUR = 60 * MIN;

export const WALLET: Address = '0xcf75000000000000000000000000000000afba01';
export const REQUESTER: Address = '0x1111111111111111111111111111111111111111';
export const OTHER: Address = '0x2222222222222222222222222222222222222222';
export const EVALUATOR: Address = '0x3333333333333333333333333333333333333333';
export const PAYOUT: Address = '0x4444444444444444444444444444444444abcdef';
export const USDC: Address = '0x036CbD53842c5426634e7929541eC2318f3dCF7e';
export const TASK_ID = '0x' + 'ab'.repeat(32);
export const API = 'http://127.0.0.1:4100';

export function entry(o: Partial<PendingAction> & Pick<PendingAction, 'role' | 'action'>): PendingAction {
  return {
    command: `taskmarket task ${o.action} ${TASK_ID}`,
    eligibleAddress: null,
    requiresPayment: false,
    paymentAmount: null,
    availableAfter: null,
    availableUntil: null,
    targetWorker: null,
    ...o,
  };
}

export function task(o: Partial<Task> = {}): Task {
  return taskWith(
    {
      id: TASK_ID,
      requester: REQUESTER,
      description: 'Label 200 images of cats and dogs; deliver a CSV.',
      reward: 5_000_000n,
      expiryTime: NOW + 3 * HOUR,
      createdAt: NOW - HOUR,
      mode: 'bounty',
      status: 'open',
      submissionWindowOpen: true,
      pendingActions: [
        entry({ role: 'requester', action: 'cancel', eligibleAddress: REQUESTER }),
        entry({ role: 'requester', action: 'update', eligibleAddress: REQUESTER }),
        entry({ role: 'worker', action: 'submit', availableUntil: NOW + 3 * HOUR }),
      ],
    },
    o,
  );
}

export function intent(o: Partial<Intent> = {}): Intent {
  return {
    market: 'taskmarket',
    action: 'submit',
    taskId: TASK_ID,
    role: 'worker',
    wallet: WALLET,
    agent: null,
    mode: 'bounty',
    auctionType: null,
    amount: null,
    fee: 0n,
    spend: 0n,
    payee: null,
    score: null,
    params: {},
    ...o,
  };
}

export interface Overrides {
  intent?: Partial<Intent>;
  /** Task fields; null = no task (non-task intents). */
  task?: Partial<Task> | null;
  taskState?: Partial<NonNullable<GateInput['task']>>;
  network?: Partial<GateInput['network']>;
  wallet?: Partial<GateInput['wallet']>;
  spend?: Partial<GateInput['spend']>;
  stops?: Partial<GateInput['stops']>;
  approved?: boolean;
  readonly?: boolean;
  now?: number;
  wallNow?: number;
}

/** A complete snapshot that passes every check for a worker submitting to an open bounty. */
export function gateInput(o: Overrides = {}): GateInput {
  const value = o.task === null ? null : task(o.task ?? {});
  return {
    intent: intent(o.intent),
    now: o.now ?? NOW,
    wallNow: o.wallNow ?? WALL,
    readonly: o.readonly ?? false,
    network: {
      intended: { name: 'base-sepolia', chainId: 84532, usdcAddress: USDC },
      confirmed: true,
      intendedApiUrl: API,
      apiUrl: API,
      seen: { networkName: 'base-sepolia', chainId: 84532, usdcAddress: USDC },
      seenFetchedAt: WALL - 30 * SEC,
      mismatch: null,
      ...o.network,
    },
    task:
      value === null
        ? null
        : { value, fetchedAt: WALL - 10 * SEC, lastFetchOk: true, lastError: null, ...o.taskState },
    wallet: {
      address: WALLET,
      balance: 100_000_000n,
      balanceFetchedAt: WALL - 5 * SEC,
      withdrawalAddress: PAYOUT,
      ...o.wallet,
    },
    spend: { sessionSpent: 0n, daySpent: 0n, sessionCap: 50_000_000n, dayCap: 200_000_000n, ...o.spend },
    approved: o.approved ?? true,
    stops: { contractRejected: null, stateDisagrees: null, ...o.stops },
  };
}

/** Merge two override sets (the second wins, nested objects merged). */
export function merge(a: Overrides, b: Overrides): Overrides {
  const out: Overrides = { ...a, ...b };
  for (const k of ['intent', 'taskState', 'network', 'wallet', 'spend', 'stops'] as const) {
    if (a[k] || b[k]) (out as Record<string, unknown>)[k] = { ...a[k], ...b[k] };
  }
  if (b.task === null || a.task === null) out.task = b.task === undefined ? a.task : b.task;
  else if (a.task || b.task) out.task = { ...a.task, ...b.task };
  return out;
}

// ---- Bases: each passes every check. ----

/** A worker submitting to an open bounty (free). */
export const SUBMIT: Overrides = {};

/** A worker bidding 1.25 USDC on an open english auction (fee 0.001). */
export const BID: Overrides = {
  intent: { action: 'bid', mode: 'auction', auctionType: 'english', amount: 1_250_000n, fee: 1000n, spend: 1000n, params: { price: '1.25' } },
  task: {
    mode: 'auction',
    auctionType: 'english',
    submissionWindowOpen: false,
    bidDeadline: NOW + 12 * MIN + 4 * SEC,
    maxPrice: 5_000_000n,
    pendingActions: [
      entry({ role: 'worker', action: 'bid', requiresPayment: true, paymentAmount: 1000n, availableUntil: NOW + 12 * MIN + 4 * SEC }),
    ],
  },
};

/** A worker claiming an open claim task (free). */
export const CLAIM: Overrides = {
  intent: { action: 'claim', mode: 'claim' },
  task: {
    mode: 'claim',
    submissionWindowOpen: false,
    pendingActions: [
      entry({ role: 'requester', action: 'cancel', eligibleAddress: REQUESTER }),
      entry({ role: 'worker', action: 'claim', availableUntil: NOW + 3 * HOUR }),
    ],
  },
};

/** A worker pitching on an open pitch task (fee 0.001). */
export const PITCH: Overrides = {
  intent: { action: 'pitch', mode: 'pitch', fee: 1000n, spend: 1000n, params: { text: 'I can do it' } },
  task: {
    mode: 'pitch',
    submissionWindowOpen: false,
    pitchDeadline: NOW + HOUR,
    pendingActions: [entry({ role: 'worker', action: 'pitch', requiresPayment: true, paymentAmount: 1000n, availableUntil: NOW + HOUR })],
  },
};

/** The claimed worker submitting to a claim task. */
export const CLAIMED_SUBMIT: Overrides = {
  intent: { action: 'submit', mode: 'claim' },
  task: {
    mode: 'claim',
    status: 'claimed',
    claimedBy: WALLET,
    claimedAt: NOW - MIN,
    submissionWindowOpen: true,
    pendingActions: [entry({ role: 'worker', action: 'submit', eligibleAddress: WALLET, availableUntil: NOW + 3 * HOUR })],
  },
};

/** A worker posting a benchmark proof (fee 0.001). */
export const PROOF: Overrides = {
  intent: { action: 'submit_proof', mode: 'benchmark', fee: 1000n, spend: 1000n },
  task: {
    mode: 'benchmark',
    pendingActions: [entry({ role: 'worker', action: 'submit_proof', requiresPayment: true, paymentAmount: 1000n, availableUntil: NOW + 3 * HOUR })],
  },
};

/** The requester accepting the claimed worker's submission, paying 5 USDC (fee 0.001). */
export const ACCEPT: Overrides = {
  intent: {
    action: 'accept',
    role: 'requester',
    wallet: REQUESTER,
    mode: 'claim',
    amount: 5_000_000n,
    fee: 1000n,
    spend: 1000n,
    payee: WALLET,
    params: { worker: WALLET },
  },
  wallet: { address: REQUESTER },
  task: {
    mode: 'claim',
    status: 'pending_approval',
    claimedBy: WALLET,
    submissionWindowOpen: false,
    pendingActions: [
      entry({ role: 'requester', action: 'accept', eligibleAddress: REQUESTER, requiresPayment: true, paymentAmount: 1000n, availableUntil: NOW + 3 * HOUR }),
    ],
  },
};

/** The requester rating one of two award workers 85 (fee 0.001). */
export const RATE: Overrides = {
  intent: { action: 'rate', role: 'requester', wallet: REQUESTER, fee: 1000n, spend: 1000n, score: 85, params: { worker: OTHER } },
  wallet: { address: REQUESTER },
  task: {
    status: 'completed',
    submissionWindowOpen: false,
    pendingActions: [
      entry({ role: 'requester', action: 'rate', eligibleAddress: REQUESTER, targetWorker: WALLET }),
      entry({ role: 'requester', action: 'rate', eligibleAddress: REQUESTER, targetWorker: OTHER }),
    ],
  },
};

/** Withdrawing 10 USDC to the registered address. */
export const WITHDRAW: Overrides = {
  intent: { action: 'withdraw', taskId: null, role: 'wallet', mode: null, amount: 10_000_000n, spend: 10_000_000n, payee: PAYOUT },
  task: null,
};

/** Registering a withdrawal address (none registered yet). */
export const SET_ADDRESS: Overrides = {
  intent: { action: 'set_withdrawal_address', taskId: null, role: 'wallet', mode: null, params: { address: PAYOUT } },
  wallet: { withdrawalAddress: null },
  task: null,
};

/** Posting a 5 USDC reverse-dutch auction (the escrow is the x402 amount). */
export const CREATE: Overrides = {
  intent: {
    action: 'create_task',
    taskId: null,
    role: 'requester',
    mode: 'auction',
    auctionType: 'reverse_dutch',
    amount: 5_000_000n,
    spend: 5_000_000n,
  },
  task: null,
};

/** An Execution Market worker submitting evidence (no pendingActions on EM). */
export const EM_SUBMIT: Overrides = {
  intent: { market: 'execution-market', action: 'em_submit' },
  task: { pendingActions: undefined, claimedBy: WALLET, status: 'claimed' },
};

export const BASES: Record<string, Overrides> = {
  SUBMIT,
  BID,
  CLAIM,
  PITCH,
  CLAIMED_SUBMIT,
  PROOF,
  ACCEPT,
  RATE,
  WITHDRAW,
  SET_ADDRESS,
  CREATE,
  EM_SUBMIT,
};
