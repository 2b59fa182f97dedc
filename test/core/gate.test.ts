import { describe, expect, it } from 'vitest';
import { evaluate, failures, GATE_CHECK_IDS, readyForApproval, type GateCheckId, type GateResult } from '../../src/core/gate.js';
import type { GateStatus } from '../../src/core/gate/verdict.js';
import {
  ACCEPT,
  BASES,
  BID,
  CLAIM,
  CLAIMED_SUBMIT,
  CREATE,
  EM_SUBMIT,
  entry,
  EVALUATOR,
  gateInput,
  HOUR,
  merge,
  MIN,
  NOW,
  OTHER,
  PAYOUT,
  PITCH,
  PROOF,
  RATE,
  REQUESTER,
  SEC,
  SET_ADDRESS,
  SUBMIT,
  TASK_ID,
  WALL,
  WALLET,
  WITHDRAW,
  type Overrides,
} from './gate-fixtures.js';

const check = (r: GateResult, id: GateCheckId) => {
  const c = r.checks.find((x) => x.id === id);
  if (c === undefined) throw new Error(`missing check ${id}`);
  return c;
};

interface Row {
  name: string;
  base: Overrides;
  with?: Overrides;
  id: GateCheckId;
  status: GateStatus;
  /** Substring (or pattern) the reason must contain. */
  reason?: string | RegExp;
}

const run = (row: Pick<Row, 'base' | 'with'>) => evaluate(gateInput(merge(row.base, row.with ?? {})));

function table(rows: Row[]) {
  it.each(rows.map((r) => [r.name, r] as const))('%s', (_name, row) => {
    const result = run(row);
    const c = check(result, row.id);
    expect(c.status, c.reason).toBe(row.status);
    if (typeof row.reason === 'string') expect(c.reason).toContain(row.reason);
    else if (row.reason) expect(c.reason).toMatch(row.reason);
    // ok is exactly "no check failed", whatever the row.
    expect(result.ok).toBe(!result.checks.some((x) => x.status === 'fail'));
    if (row.status === 'fail') expect(result.ok).toBe(false);
  });
}

describe('gate bases', () => {
  it.each(Object.entries(BASES))('%s passes every check, all present in order', (_name, base) => {
    const result = evaluate(gateInput(base));
    expect(result.checks.map((c) => c.id)).toEqual([...GATE_CHECK_IDS]);
    expect(failures(result)).toEqual([]);
    expect(result.ok).toBe(true);
    for (const c of result.checks) {
      expect(c.reason.length).toBeGreaterThan(0);
      expect(c.reason).not.toMatch(/[\n\r\x1b]/);
      expect(c.label.length).toBeGreaterThan(0);
    }
  });

  it('the order is the guide order, then the wallet gate, cap and stops', () => {
    expect(GATE_CHECK_IDS).toEqual([
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
    ]);
  });

  it('every check is present (as na) even when it does not apply', () => {
    const r = evaluate(gateInput(WITHDRAW));
    expect(r.checks).toHaveLength(GATE_CHECK_IDS.length);
    for (const id of ['fresh', 'window', 'pending_action', 'mode', 'worker', 'credentials'] as const) {
      expect(check(r, id).status).toBe('na');
    }
  });
});

describe('network_intent', () => {
  table([
    { name: 'confirmed passes', base: SUBMIT, id: 'network_intent', status: 'pass', reason: 'base-sepolia (chain 84532) confirmed' },
    {
      name: 'no intended network fails',
      base: SUBMIT,
      with: { network: { intended: null } },
      id: 'network_intent',
      status: 'fail',
      reason: 'network not confirmed: type the network name to confirm',
    },
    {
      name: 'intended but not confirmed fails',
      base: SUBMIT,
      with: { network: { confirmed: false } },
      id: 'network_intent',
      status: 'fail',
      reason: 'network not confirmed',
    },
    { name: 'applies to wallet writes too', base: WITHDRAW, with: { network: { confirmed: false } }, id: 'network_intent', status: 'fail' },
  ]);
});

describe('api_url', () => {
  table([
    { name: 'equal passes', base: SUBMIT, id: 'api_url', status: 'pass', reason: 'http://127.0.0.1:4100' },
    { name: 'a trailing slash is normalised', base: SUBMIT, with: { network: { apiUrl: 'http://127.0.0.1:4100/' } }, id: 'api_url', status: 'pass' },
    {
      name: 'host case and default port are normalised',
      base: SUBMIT,
      with: { network: { apiUrl: 'HTTP://LOCALHOST:80/api/', intendedApiUrl: 'http://localhost/api' } },
      id: 'api_url',
      status: 'pass',
    },
    {
      name: 'another port fails',
      base: SUBMIT,
      with: { network: { apiUrl: 'http://127.0.0.1:4101' } },
      id: 'api_url',
      status: 'fail',
      reason: 'not the intended http://127.0.0.1:4100',
    },
    { name: 'another path fails', base: SUBMIT, with: { network: { apiUrl: 'http://127.0.0.1:4100/v2' } }, id: 'api_url', status: 'fail' },
    {
      name: 'no intended backend fails',
      base: SUBMIT,
      with: { network: { intendedApiUrl: null } },
      id: 'api_url',
      status: 'fail',
      reason: 'no intended backend',
    },
    {
      name: 'the reason never shows userinfo or a query',
      base: SUBMIT,
      with: { network: { apiUrl: 'http://user:hunter2@127.0.0.1:4100/?token=s3cret' } },
      id: 'api_url',
      status: 'fail',
      reason: /^client talks to http:\/\/127\.0\.0\.1:4100, not/,
    },
  ]);

  it('hides secrets in the URL', () => {
    const r = evaluate(gateInput({ network: { apiUrl: 'http://user:hunter2@127.0.0.1:4100/?token=s3cret' } }));
    expect(check(r, 'api_url').reason).not.toMatch(/hunter2|s3cret/);
  });
});

describe('chain', () => {
  table([
    { name: 'matching chain, USDC and wallet passes', base: SUBMIT, id: 'chain', status: 'pass', reason: 'chain 84532' },
    {
      name: 'USDC compares case-insensitively',
      base: SUBMIT,
      with: { network: { seen: { networkName: 'base-sepolia', chainId: 84532, usdcAddress: '0x036cbd53842c5426634e7929541ec2318f3dcf7e' } } },
      id: 'chain',
      status: 'pass',
    },
    { name: 'never fetched fails', base: SUBMIT, with: { network: { seen: null, seenFetchedAt: null } }, id: 'chain', status: 'fail', reason: 'never fetched' },
    {
      name: 'older than 5 minutes (wall) fails',
      base: SUBMIT,
      with: { network: { seenFetchedAt: WALL - 5 * MIN - SEC } },
      id: 'chain',
      status: 'fail',
      reason: 'network info is 5m01s old',
    },
    {
      name: 'exactly 5 minutes old still passes',
      base: SUBMIT,
      with: { network: { seenFetchedAt: WALL - 5 * MIN } },
      id: 'chain',
      status: 'pass',
    },
    {
      name: 'another chain id fails',
      base: SUBMIT,
      with: { network: { seen: { networkName: 'base', chainId: 8453, usdcAddress: '0x036CbD53842c5426634e7929541eC2318f3dCF7e' } } },
      id: 'chain',
      status: 'fail',
      reason: 'market is on chain 8453',
    },
    {
      name: 'another USDC contract fails',
      base: SUBMIT,
      with: { network: { seen: { networkName: 'base-sepolia', chainId: 84532, usdcAddress: '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913' } } },
      id: 'chain',
      status: 'fail',
      reason: 'market USDC',
    },
    {
      name: "the poller's mismatch fails, cleaned to one line",
      base: SUBMIT,
      with: { network: { mismatch: 'Network mismatch: market is on chain 1\x1b[31m (evil)\nnext' } },
      id: 'chain',
      status: 'fail',
      reason: 'Network mismatch: market is on chain 1 (evil) next',
    },
    { name: 'no intended network fails', base: SUBMIT, with: { network: { intended: null } }, id: 'chain', status: 'fail' },
    { name: 'no wallet loaded fails', base: SUBMIT, with: { wallet: { address: null } }, id: 'chain', status: 'fail', reason: 'no wallet loaded' },
    {
      name: "a signing wallet other than the ticket's fails",
      base: SUBMIT,
      with: { wallet: { address: OTHER } },
      id: 'chain',
      status: 'fail',
      reason: "is not the ticket's wallet",
    },
    { name: 'applies to wallet writes', base: WITHDRAW, with: { network: { seen: null } }, id: 'chain', status: 'fail' },
  ]);
});

describe('fresh (wall time)', () => {
  table([
    { name: 'fetched 10 s ago passes', base: SUBMIT, id: 'fresh', status: 'pass', reason: 'fetched 10s ago, ok' },
    { name: 'exactly 60 s passes', base: SUBMIT, with: { taskState: { fetchedAt: WALL - 60 * SEC } }, id: 'fresh', status: 'pass' },
    {
      name: '61 s ago fails with the age',
      base: SUBMIT,
      with: { taskState: { fetchedAt: WALL - 61 * SEC } },
      id: 'fresh',
      status: 'fail',
      reason: 'fetched 1m01s ago (older than 60 s)',
    },
    {
      name: "a re-read the ticket asked for that has not come back fails, even with a 10 s old copy",
      base: SUBMIT,
      with: { taskState: { rereadAskedAt: WALL - 2 * SEC } },
      id: 'fresh',
      status: 'fail',
      reason: 'waiting for the fresh read asked 2s ago (none back yet)',
    },
    { name: 'no re-read outstanding passes', base: SUBMIT, with: { taskState: { rereadAskedAt: null } }, id: 'fresh', status: 'pass' },
    {
      name: 'a failed last fetch fails even with a fresh older copy (ok: false stop)',
      base: SUBMIT,
      with: { taskState: { lastFetchOk: false, lastError: 'response did not parse: pendingActions[0].role' } },
      id: 'fresh',
      status: 'fail',
      reason: 'last fetch failed: response did not parse: pendingActions[0].role',
    },
    {
      name: 'a failed fetch with no copy fails',
      base: SUBMIT,
      with: { taskState: { value: null, fetchedAt: null, lastFetchOk: false, lastError: 'HTTP 404' } },
      id: 'fresh',
      status: 'fail',
      reason: 'last fetch failed: HTTP 404',
    },
    { name: 'never fetched fails', base: SUBMIT, with: { task: null }, id: 'fresh', status: 'fail', reason: 'task never fetched' },
    {
      name: 'a detail for another task fails',
      base: SUBMIT,
      with: { task: { id: '0x' + 'cd'.repeat(32) } },
      id: 'fresh',
      status: 'fail',
      reason: 'the detail held is for 0xcdcd',
    },
    { name: 'task id compares case-insensitively', base: SUBMIT, with: { intent: { taskId: TASK_ID.toUpperCase().replace('0X', '0x') } }, id: 'fresh', status: 'pass' },
    {
      name: 'a fetch stamped in the future fails',
      base: SUBMIT,
      with: { taskState: { fetchedAt: WALL + 10 * SEC } },
      id: 'fresh',
      status: 'fail',
      reason: 'in the future',
    },
    { name: 'withdraw: na', base: WITHDRAW, id: 'fresh', status: 'na' },
    { name: 'create_task: na', base: CREATE, id: 'fresh', status: 'na' },
    { name: 'EM task intents are checked too', base: EM_SUBMIT, with: { taskState: { fetchedAt: WALL - 2 * MIN } }, id: 'fresh', status: 'fail' },
  ]);

  it('quotes the fault cleaned and capped', () => {
    const r = evaluate(gateInput({ taskState: { lastFetchOk: false, lastError: '\x1b]52;c;AAAA\x07boom' + 'x'.repeat(400) } }));
    const reason = check(r, 'fresh').reason;
    expect(reason).not.toContain('\x1b');
    expect(reason).toContain('boom');
    expect(reason.length).toBeLessThan(220);
  });
});

describe('window (market time)', () => {
  table([
    { name: 'submit with the window open passes', base: SUBMIT, id: 'window', status: 'pass', reason: 'submissionWindowOpen true; task expires in 3h00m' },
    {
      name: 'submit with submissionWindowOpen false fails',
      base: SUBMIT,
      with: { task: { submissionWindowOpen: false } },
      id: 'window',
      status: 'fail',
      reason: 'submissionWindowOpen false',
    },
    {
      name: 'submit with a stale true past expiry fails',
      base: SUBMIT,
      with: { task: { expiryTime: NOW - 5 * SEC } },
      id: 'window',
      status: 'fail',
      reason: 'submissionWindowOpen true but the task expired 5s ago (market time)',
    },
    { name: 'submit_proof follows the same rule', base: PROOF, with: { task: { submissionWindowOpen: false } }, id: 'window', status: 'fail' },
    { name: 'the claimed worker submitting passes', base: CLAIMED_SUBMIT, id: 'window', status: 'pass' },
    {
      name: 'bid follows pendingActions although submissionWindowOpen is false, showing both',
      base: BID,
      id: 'window',
      status: 'pass',
      reason: 'submissionWindowOpen false (backend: true only once work begins); pendingActions bid open for 12m04s',
    },
    {
      name: 'bid fails once its entry closed',
      base: BID,
      with: { now: NOW + 13 * MIN },
      id: 'window',
      status: 'fail',
      reason: 'pendingActions bid closed 56s ago',
    },
    {
      name: 'bid fails when pendingActions omits it',
      base: BID,
      with: { task: { pendingActions: [] } },
      id: 'window',
      status: 'fail',
      reason: 'pendingActions has no bid',
    },
    { name: 'bid fails without pendingActions', base: BID, with: { task: { pendingActions: undefined } }, id: 'window', status: 'fail' },
    { name: 'claim passes on its entry', base: CLAIM, id: 'window', status: 'pass', reason: 'pendingActions claim open for 3h00m' },
    { name: 'pitch passes on its entry', base: PITCH, id: 'window', status: 'pass', reason: 'pendingActions pitch open for 1h00m' },
    {
      name: 'claim listed but past expiry fails',
      base: CLAIM,
      with: { task: { expiryTime: NOW - SEC, pendingActions: [entry({ role: 'worker', action: 'claim', availableUntil: null })] } },
      id: 'window',
      status: 'fail',
      reason: 'the task expired 1s ago',
    },
    { name: 'accept: na', base: ACCEPT, id: 'window', status: 'na' },
    { name: 'EM submit: na', base: EM_SUBMIT, id: 'window', status: 'na' },
    { name: 'withdraw: na', base: WITHDRAW, id: 'window', status: 'na' },
  ]);
});

describe('pending_action', () => {
  table([
    { name: 'a matching worker entry passes', base: SUBMIT, id: 'pending_action', status: 'pass', reason: 'worker submit: open for 3h00m' },
    {
      name: 'no pendingActions on the detail fails',
      base: SUBMIT,
      with: { task: { pendingActions: undefined } },
      id: 'pending_action',
      status: 'fail',
      reason: 'carries no pendingActions',
    },
    { name: 'empty pendingActions fails', base: SUBMIT, with: { task: { pendingActions: [] } }, id: 'pending_action', status: 'fail', reason: 'empty' },
    {
      name: 'no entry for the action fails, naming what is offered',
      base: SUBMIT,
      with: { task: { pendingActions: [entry({ role: 'requester', action: 'cancel' })] } },
      id: 'pending_action',
      status: 'fail',
      reason: 'pendingActions has no submit (offered: cancel)',
    },
    {
      name: 'an entry for another role fails',
      base: SUBMIT,
      with: { task: { pendingActions: [entry({ role: 'requester', action: 'submit' })] } },
      id: 'pending_action',
      status: 'fail',
      reason: 'submit is offered to requester, not to worker',
    },
    {
      name: 'an entry for another wallet fails',
      base: CLAIMED_SUBMIT,
      with: { task: { pendingActions: [entry({ role: 'worker', action: 'submit', eligibleAddress: OTHER })] } },
      id: 'pending_action',
      status: 'fail',
      reason: 'submit is for 0x2222…2222, not this wallet',
    },
    {
      name: 'eligibleAddress compares case-insensitively',
      base: CLAIMED_SUBMIT,
      with: { task: { pendingActions: [entry({ role: 'worker', action: 'submit', eligibleAddress: WALLET.toUpperCase().replace('0X', '0x') })] } },
      id: 'pending_action',
      status: 'pass',
    },
    {
      name: 'availableAfter in the future fails',
      base: SUBMIT,
      with: { task: { pendingActions: [entry({ role: 'worker', action: 'submit', availableAfter: NOW + 4 * MIN })] } },
      id: 'pending_action',
      status: 'fail',
      reason: 'opens in 4m00s',
    },
    {
      name: 'availableAfter exactly now passes',
      base: SUBMIT,
      with: { task: { pendingActions: [entry({ role: 'worker', action: 'submit', availableAfter: NOW })] } },
      id: 'pending_action',
      status: 'pass',
    },
    {
      name: 'availableUntil exactly now fails',
      base: SUBMIT,
      with: { task: { pendingActions: [entry({ role: 'worker', action: 'submit', availableUntil: NOW })] } },
      id: 'pending_action',
      status: 'fail',
      reason: 'submit closed 0s ago',
    },
    { name: 'rate picks the entry for the named worker', base: RATE, id: 'pending_action', status: 'pass', reason: 'for the named worker' },
    {
      name: 'rate for a worker with no entry fails',
      base: RATE,
      with: { intent: { params: { worker: EVALUATOR } } },
      id: 'pending_action',
      status: 'fail',
      reason: 'is for worker 0xcf75',
    },
    { name: 'EM without pendingActions: na', base: EM_SUBMIT, id: 'pending_action', status: 'na', reason: 'derived by the adapter' },
    {
      name: 'EM with a pendingActions array is held to it',
      base: EM_SUBMIT,
      with: { task: { pendingActions: [entry({ role: 'worker', action: 'submit' })] } },
      id: 'pending_action',
      status: 'fail',
      reason: 'has no em_submit',
    },
    { name: 'withdraw: na', base: WITHDRAW, id: 'pending_action', status: 'na' },
    { name: 'set_withdrawal_address: na', base: SET_ADDRESS, id: 'pending_action', status: 'na' },
    { name: 'create_task: na', base: CREATE, id: 'pending_action', status: 'na' },
    {
      name: 'em_publish: na',
      base: CREATE,
      with: { intent: { market: 'execution-market', action: 'em_publish', mode: null, auctionType: null } },
      id: 'pending_action',
      status: 'na',
    },
    { name: 'no task detail fails', base: SUBMIT, with: { task: null }, id: 'pending_action', status: 'fail' },
  ]);
});

describe('mode', () => {
  const auction = (auctionType: 'dutch' | 'english' | 'reverse_dutch' | 'reverse_english', action: 'bid' | 'auction_accept' | 'select_winner') => ({
    intent: { action, mode: 'auction' as const, auctionType },
    task: { mode: 'auction' as const, auctionType },
  });
  table([
    { name: 'submit on bounty passes', base: SUBMIT, id: 'mode', status: 'pass', reason: 'submit is valid on a bounty task' },
    { name: 'bid on english passes', base: BID, id: 'mode', status: 'pass', reason: 'bid is valid on a auction/english task' },
    { name: 'bid on reverse_english passes', base: BID, with: auction('reverse_english', 'bid'), id: 'mode', status: 'pass' },
    { name: 'bid on dutch fails', base: BID, with: auction('dutch', 'bid'), id: 'mode', status: 'fail', reason: 'bid is not valid on a dutch auction' },
    { name: 'auction_accept on reverse_dutch passes', base: BID, with: auction('reverse_dutch', 'auction_accept'), id: 'mode', status: 'pass' },
    { name: 'auction_accept on english fails', base: BID, with: auction('english', 'auction_accept'), id: 'mode', status: 'fail' },
    { name: 'select_winner on reverse_english passes', base: BID, with: auction('reverse_english', 'select_winner'), id: 'mode', status: 'pass' },
    { name: 'select_winner on dutch fails', base: BID, with: auction('dutch', 'select_winner'), id: 'mode', status: 'fail' },
    {
      name: 'claim on a bounty fails',
      base: SUBMIT,
      with: { intent: { action: 'claim' } },
      id: 'mode',
      status: 'fail',
      reason: 'claim is not a bounty action (only claim)',
    },
    { name: 'submit on benchmark fails (proofs instead)', base: PROOF, with: { intent: { action: 'submit' } }, id: 'mode', status: 'fail' },
    { name: 'pitch on claim fails', base: CLAIM, with: { intent: { action: 'pitch' } }, id: 'mode', status: 'fail' },
    { name: 'accept_submissions on claim fails', base: ACCEPT, with: { intent: { action: 'accept_submissions' } }, id: 'mode', status: 'fail' },
    {
      name: 'a task whose mode changed under the ticket fails',
      base: SUBMIT,
      with: { task: { mode: 'claim' } },
      id: 'mode',
      status: 'fail',
      reason: 'the task is claim now, the ticket was opened for bounty',
    },
    {
      name: 'a task whose auction type changed fails',
      base: BID,
      with: { task: { auctionType: 'reverse_english' } },
      id: 'mode',
      status: 'fail',
      reason: 'auction/reverse_english now',
    },
    {
      name: 'an auction task without a type fails',
      base: BID,
      with: { intent: { auctionType: null }, task: { auctionType: null } },
      id: 'mode',
      status: 'fail',
      reason: 'without an auction type',
    },
    { name: 'create_task with a typed auction passes', base: CREATE, id: 'mode', status: 'pass', reason: 'creates a auction/reverse_dutch task' },
    {
      name: 'create_task auction without a type fails',
      base: CREATE,
      with: { intent: { auctionType: null } },
      id: 'mode',
      status: 'fail',
      reason: 'needs an auction type',
    },
    { name: 'create_task bounty with a type fails', base: CREATE, with: { intent: { mode: 'bounty' } }, id: 'mode', status: 'fail' },
    { name: 'withdraw: na', base: WITHDRAW, id: 'mode', status: 'na' },
    { name: 'an EM action on the Taskmarket market fails', base: SUBMIT, with: { intent: { action: 'em_submit' } }, id: 'mode', status: 'fail' },
    { name: 'a Taskmarket action on EM fails', base: EM_SUBMIT, with: { intent: { action: 'submit' } }, id: 'mode', status: 'fail' },
    { name: 'EM: mode unchanged passes', base: EM_SUBMIT, id: 'mode', status: 'pass', reason: 'unchanged' },
  ]);
});

describe('approval', () => {
  table([
    { name: 'approved typed passes', base: BID, id: 'approval', status: 'pass', reason: 'confirmed: 1.250000 typed' },
    { name: 'approved press passes', base: CLAIM, id: 'approval', status: 'pass', reason: 'confirmed: y pressed' },
    { name: 'a bid not yet approved names the phrase', base: BID, with: { approved: false }, id: 'approval', status: 'fail', reason: 'type 1.250000 to confirm' },
    { name: 'a claim not yet approved asks for y', base: CLAIM, with: { approved: false }, id: 'approval', status: 'fail', reason: 'press y to confirm' },
    { name: 'a rate asks for the score', base: RATE, with: { approved: false }, id: 'approval', status: 'fail', reason: 'type 85 to confirm' },
    { name: 'a withdrawal asks for the amount', base: WITHDRAW, with: { approved: false }, id: 'approval', status: 'fail', reason: 'type 10.000000 to confirm' },
    { name: 'a new address asks for its tail', base: SET_ADDRESS, with: { approved: false }, id: 'approval', status: 'fail', reason: 'type 44abcdef to confirm' },
  ]);

  it('readyForApproval: true when only approval is missing, false when anything else fails too', () => {
    expect(readyForApproval(evaluate(gateInput(merge(BID, { approved: false }))))).toBe(true);
    expect(readyForApproval(evaluate(gateInput(merge(BID, { approved: false, readonly: true }))))).toBe(false);
    expect(readyForApproval(evaluate(gateInput(BID)))).toBe(true);
  });
});

describe('readonly', () => {
  table([
    { name: 'read-write passes', base: SUBMIT, id: 'readonly', status: 'pass' },
    { name: 'read-only fails', base: SUBMIT, with: { readonly: true }, id: 'readonly', status: 'fail', reason: 'read-only session' },
    { name: 'read-only blocks wallet writes', base: WITHDRAW, with: { readonly: true }, id: 'readonly', status: 'fail' },
  ]);
});

describe('worker', () => {
  table([
    { name: 'the claimed worker submitting passes', base: CLAIMED_SUBMIT, id: 'worker', status: 'pass', reason: 'wallet is the claimed worker' },
    {
      name: 'another wallet submitting to a claimed task fails',
      base: CLAIMED_SUBMIT,
      with: { task: { claimedBy: OTHER } },
      id: 'worker',
      status: 'fail',
      reason: 'wallet is not the claimed worker 0x2222…2222',
    },
    {
      name: 'a case-only match warns (the backend compares exact case)',
      base: CLAIMED_SUBMIT,
      with: { task: { claimedBy: WALLET.toUpperCase().replace('0X', '0x') } },
      id: 'worker',
      status: 'warn',
      reason: 'only ignoring case',
    },
    {
      name: 'an appeal by the eligible worker passes',
      base: SUBMIT,
      with: {
        intent: { action: 'appeal', fee: 1000n, spend: 1000n },
        task: { status: 'appealing', appealDeadline: NOW + HOUR, pendingActions: [entry({ role: 'worker', action: 'appeal', eligibleAddress: WALLET })] },
      },
      id: 'worker',
      status: 'pass',
      reason: 'eligible worker',
    },
    {
      name: 'an appeal when another worker is eligible fails',
      base: SUBMIT,
      with: {
        intent: { action: 'appeal' },
        task: { status: 'appealing', pendingActions: [entry({ role: 'worker', action: 'appeal', eligibleAddress: OTHER })] },
      },
      id: 'worker',
      status: 'fail',
      reason: 'wallet is not the eligible worker',
    },
    {
      name: 'submit on a claim task with no claimed worker fails',
      base: CLAIMED_SUBMIT,
      with: { task: { claimedBy: null, pendingActions: [entry({ role: 'worker', action: 'submit' })] } },
      id: 'worker',
      status: 'fail',
      reason: 'no claimed or selected worker',
    },
    { name: 'submit on an open bounty is open to every worker', base: SUBMIT, id: 'worker', status: 'pass', reason: 'open to every worker' },
    { name: 'a bid: na', base: BID, id: 'worker', status: 'na' },
    { name: 'the requester accepting passes', base: ACCEPT, id: 'worker', status: 'pass', reason: "wallet is the task's requester" },
    {
      name: 'a non-requester accepting fails',
      base: ACCEPT,
      with: { intent: { wallet: OTHER }, wallet: { address: OTHER } },
      id: 'worker',
      status: 'fail',
      reason: "wallet is not the task's requester 0x1111…1111",
    },
    {
      name: 'accept naming a worker other than the claimed one fails (wrong worker)',
      base: ACCEPT,
      with: { intent: { params: { worker: OTHER }, payee: OTHER } },
      id: 'worker',
      status: 'fail',
      reason: "accept names worker 0x2222…2222 but the task's worker is 0xcf75",
    },
    {
      name: 'forfeit is the requester’s (backend §2.3): a worker wallet fails',
      base: ACCEPT,
      with: { intent: { action: 'forfeit', wallet: WALLET }, wallet: { address: WALLET } },
      id: 'worker',
      status: 'fail',
      reason: "not the task's requester",
    },
    {
      name: 'the evaluator evaluating passes',
      base: SUBMIT,
      with: { intent: { action: 'evaluate', role: 'evaluator', wallet: EVALUATOR }, wallet: { address: EVALUATOR }, task: { evaluator: EVALUATOR } },
      id: 'worker',
      status: 'pass',
    },
    {
      name: 'another wallet evaluating fails',
      base: SUBMIT,
      with: { intent: { action: 'evaluate', role: 'evaluator' }, task: { evaluator: EVALUATOR } },
      id: 'worker',
      status: 'fail',
      reason: "not the task's evaluator",
    },
    { name: 'a dispute with no resolver fails', base: SUBMIT, with: { intent: { action: 'resolve_dispute', role: 'dispute_resolver' } }, id: 'worker', status: 'fail' },
    { name: 'anyone: na', base: BID, with: { intent: { action: 'select_winner', role: 'anyone' } }, id: 'worker', status: 'na' },
    { name: 'EM: the claimed worker passes', base: EM_SUBMIT, id: 'worker', status: 'pass' },
    { name: 'EM: another claimed worker fails', base: EM_SUBMIT, with: { task: { claimedBy: OTHER } }, id: 'worker', status: 'fail' },
    { name: 'EM publisher must be the requester', base: EM_SUBMIT, with: { intent: { action: 'em_approve', role: 'publisher' } }, id: 'worker', status: 'fail' },
    { name: 'withdraw: na', base: WITHDRAW, id: 'worker', status: 'na' },
  ]);
});

describe('wallet_gate', () => {
  table([
    { name: 'withdraw to the registered address passes', base: WITHDRAW, id: 'wallet_gate', status: 'pass', reason: '10.000000 USDC to the registered 0x4444…cdef' },
    { name: 'withdraw with the address not fetched fails', base: WITHDRAW, with: { wallet: { withdrawalAddress: undefined } }, id: 'wallet_gate', status: 'fail', reason: 'not fetched' },
    {
      name: 'withdraw with none registered fails',
      base: WITHDRAW,
      with: { wallet: { withdrawalAddress: null } },
      id: 'wallet_gate',
      status: 'fail',
      reason: 'no withdrawal address registered',
    },
    {
      name: 'withdraw to another address than the registered one fails',
      base: WITHDRAW,
      with: { intent: { payee: OTHER } },
      id: 'wallet_gate',
      status: 'fail',
      reason: 'ticket pays 0x2222…2222 but the registered address is 0x4444…cdef',
    },
    {
      name: 'withdraw beyond the balance fails',
      base: WITHDRAW,
      with: { wallet: { balance: 9_999_999n } },
      id: 'wallet_gate',
      status: 'fail',
      reason: 'balance 9.999999 USDC does not cover 10.000000',
    },
    { name: 'withdraw of the whole balance passes', base: WITHDRAW, with: { wallet: { balance: 10_000_000n } }, id: 'wallet_gate', status: 'pass' },
    { name: 'withdraw without an amount fails', base: WITHDRAW, with: { intent: { amount: null } }, id: 'wallet_gate', status: 'fail' },
    { name: 'setting the first address passes', base: SET_ADDRESS, id: 'wallet_gate', status: 'pass', reason: 'registers 0x4444…cdef' },
    {
      name: 'setting when one is registered fails (set once)',
      base: SET_ADDRESS,
      with: { wallet: { withdrawalAddress: OTHER } },
      id: 'wallet_gate',
      status: 'fail',
      reason: 'already registered',
    },
    { name: 'setting before the current one is known fails', base: SET_ADDRESS, with: { wallet: { withdrawalAddress: undefined } }, id: 'wallet_gate', status: 'fail' },
    {
      name: 'setting a malformed address fails',
      base: SET_ADDRESS,
      with: { intent: { params: { address: '0x1234' } } },
      id: 'wallet_gate',
      status: 'fail',
      reason: 'not a valid address',
    },
    { name: 'setting the zero address fails', base: SET_ADDRESS, with: { intent: { params: { address: '0x' + '0'.repeat(40) } } }, id: 'wallet_gate', status: 'fail' },
    { name: 'a task action: na', base: SUBMIT, id: 'wallet_gate', status: 'na' },
  ]);
});

describe('balance (wall time)', () => {
  table([
    { name: 'a free action: na', base: SUBMIT, id: 'balance', status: 'na' },
    { name: 'covered passes', base: BID, id: 'balance', status: 'pass', reason: 'balance 100.000000 USDC covers 0.001000' },
    { name: 'unknown fails', base: BID, with: { wallet: { balance: null } }, id: 'balance', status: 'fail', reason: 'balance unknown' },
    {
      name: 'older than 60 s fails',
      base: BID,
      with: { wallet: { balanceFetchedAt: WALL - 61 * SEC } },
      id: 'balance',
      status: 'fail',
      reason: 'balance fetched 1m01s ago',
    },
    { name: 'short by one unit fails', base: CREATE, with: { wallet: { balance: 4_999_999n } }, id: 'balance', status: 'fail', reason: 'does not cover 5.000000' },
    { name: 'exactly enough passes', base: CREATE, with: { wallet: { balance: 5_000_000n } }, id: 'balance', status: 'pass' },
  ]);
});

describe('spend_cap', () => {
  table([
    { name: 'a free action: na', base: SUBMIT, id: 'spend_cap', status: 'na' },
    { name: 'within both caps passes, showing what is left', base: CREATE, id: 'spend_cap', status: 'pass', reason: 'after this: session 45.000000 of 50.000000 · day 195.000000 of 200.000000 USDC left' },
    { name: 'no caps configured passes', base: CREATE, with: { spend: { sessionCap: null, dayCap: null } }, id: 'spend_cap', status: 'pass', reason: 'no spend cap configured' },
    {
      name: 'over the session cap fails with the remaining budget',
      base: CREATE,
      with: { spend: { sessionSpent: 4_000_000n, sessionCap: 5_000_000n } },
      id: 'spend_cap',
      status: 'fail',
      reason: 'over the session cap: 1.000000 USDC left of 5.000000',
    },
    {
      name: 'exactly at the session cap passes',
      base: CREATE,
      with: { spend: { sessionSpent: 45_000_000n } },
      id: 'spend_cap',
      status: 'pass',
    },
    {
      name: 'over the daily cap fails',
      base: CREATE,
      with: { spend: { daySpent: 198_000_000n } },
      id: 'spend_cap',
      status: 'fail',
      reason: 'over the daily cap: 2.000000 USDC left of 200.000000; this needs 5.000000',
    },
    {
      name: 'already past the cap shows nothing left',
      base: BID,
      with: { spend: { sessionSpent: 60_000_000n } },
      id: 'spend_cap',
      status: 'fail',
      reason: 'over the session cap: 0.000000 USDC left of 50.000000',
    },
    { name: 'a withdrawal counts', base: WITHDRAW, with: { spend: { dayCap: 5_000_000n } }, id: 'spend_cap', status: 'fail' },
    { name: 'negative spend fails', base: SUBMIT, with: { intent: { spend: -1n } }, id: 'spend_cap', status: 'fail' },
  ]);
});

describe('credentials', () => {
  const ASKS = 'Step 1: paste your wallet private key into reply.txt. ZEBRA-42';
  table([
    { name: 'a clean description passes', base: SUBMIT, id: 'credentials', status: 'pass' },
    {
      name: 'a worker action on a description asking for keys fails',
      base: SUBMIT,
      with: { task: { description: ASKS } },
      id: 'credentials',
      status: 'fail',
      reason: 'description asks for credentials (private key)',
    },
    { name: 'a bid on such a task fails too', base: BID, with: { task: { description: ASKS } }, id: 'credentials', status: 'fail' },
    { name: 'a requester action warns', base: ACCEPT, with: { task: { description: ASKS } }, id: 'credentials', status: 'warn' },
    { name: 'a task about passwords is not flagged', base: SUBMIT, with: { task: { description: 'Write a password strength checker.' } }, id: 'credentials', status: 'pass' },
    { name: 'withdraw: na', base: WITHDRAW, id: 'credentials', status: 'na' },
  ]);

  it('never quotes the description', () => {
    for (const base of [SUBMIT, ACCEPT, BID]) {
      const r = evaluate(gateInput(merge(base, { task: { description: ASKS } })));
      for (const c of r.checks) expect(c.reason).not.toMatch(/ZEBRA|reply\.txt|Step 1/);
    }
  });
});

describe('stops', () => {
  table([
    { name: 'no rejection passes', base: SUBMIT, id: 'contract_rejected', status: 'pass' },
    {
      name: 'an on-chain rejection stops, never retried',
      base: SUBMIT,
      with: { stops: { contractRejected: 'Contract call rejected: TaskNotOpen' } },
      id: 'contract_rejected',
      status: 'fail',
      reason: 'Contract call rejected: TaskNotOpen earlier (the task is no longer open) — not retried; re-fetched state shown',
    },
    {
      name: 'an unknown name is shown without a hint',
      base: SUBMIT,
      with: { stops: { contractRejected: 'Contract call rejected: HookCheckSubmitRejected' } },
      id: 'contract_rejected',
      status: 'fail',
      reason: 'Contract call rejected: HookCheckSubmitRejected earlier — not retried',
    },
    {
      name: 'free text in the stop is not echoed',
      base: SUBMIT,
      with: { stops: { contractRejected: 'weird \x1b[2J text from somewhere' } },
      id: 'contract_rejected',
      status: 'fail',
      reason: /^Contract call rejected: unknown error earlier — not retried/,
    },
    { name: 'agreeing state passes', base: SUBMIT, id: 'state_disagrees', status: 'pass' },
    {
      name: 'disagreeing state after one re-fetch stops',
      base: SUBMIT,
      with: { stops: { stateDisagrees: 'API says claimed, chain says Open' } },
      id: 'state_disagrees',
      status: 'fail',
      reason: 'API and chain state disagree after one re-fetch: API says claimed, chain says Open',
    },
  ]);
});

describe('the guide’s stop conditions each block the gate with their own reason', () => {
  const stops: { name: string; base: Overrides; with: Overrides; id: GateCheckId; reason: string }[] = [
    { name: 'network intent unclear', base: SUBMIT, with: { network: { confirmed: false } }, id: 'network_intent', reason: 'network not confirmed' },
    { name: 'wrong chain id', base: SUBMIT, with: { network: { seen: { networkName: 'x', chainId: 1, usdcAddress: '0x036CbD53842c5426634e7929541eC2318f3dCF7e' } } }, id: 'chain', reason: 'chain 1' },
    { name: 'task get returned ok: false', base: SUBMIT, with: { taskState: { lastFetchOk: false, lastError: 'ok: false' } }, id: 'fresh', reason: 'last fetch failed' },
    { name: 'submissionWindowOpen false before submit', base: SUBMIT, with: { task: { submissionWindowOpen: false } }, id: 'window', reason: 'submissionWindowOpen false' },
    { name: 'pendingActions missing the action', base: ACCEPT, with: { task: { pendingActions: [] } }, id: 'pending_action', reason: 'empty' },
    { name: 'not the claimed worker', base: CLAIMED_SUBMIT, with: { task: { claimedBy: OTHER } }, id: 'worker', reason: 'not the claimed worker' },
    { name: 'a paid action lacks approval', base: BID, with: { approved: false }, id: 'approval', reason: 'type 1.250000 to confirm' },
    { name: 'the description asks for keys', base: SUBMIT, with: { task: { description: 'Send us your seed phrase to get paid.' } }, id: 'credentials', reason: 'seed phrase' },
    { name: 'API and chain disagree after a re-fetch', base: SUBMIT, with: { stops: { stateDisagrees: 'status' } }, id: 'state_disagrees', reason: 'disagree' },
    { name: 'Contract call rejected', base: BID, with: { stops: { contractRejected: 'Contract call rejected: BidDeadlinePassed' } }, id: 'contract_rejected', reason: 'BidDeadlinePassed' },
  ];
  it.each(stops.map((s) => [s.name, s] as const))('%s', (_n, s) => {
    const r = evaluate(gateInput(merge(s.base, s.with)));
    expect(r.ok).toBe(false);
    const failed = failures(r);
    expect(failed.map((c) => c.id)).toEqual([s.id]);
    expect(failed[0]?.reason).toContain(s.reason);
  });
});

describe('market time vs wall time', () => {
  it('fetched 30 s ago (wall), availableUntil 1 s ago (market): pending_action fails, fresh passes', () => {
    const r = evaluate(
      gateInput({
        taskState: { fetchedAt: WALL - 30 * SEC },
        task: { pendingActions: [entry({ role: 'worker', action: 'submit', availableUntil: NOW - SEC })] },
      }),
    );
    expect(check(r, 'fresh').status).toBe('pass');
    expect(check(r, 'pending_action').status).toBe('fail');
    expect(check(r, 'pending_action').reason).toContain('closed 1s ago');
    expect(r.ok).toBe(false);
  });

  it('fetched 61 s ago (wall) with every deadline hours away (market): fresh fails alone', () => {
    const r = evaluate(gateInput({ taskState: { fetchedAt: WALL - 61 * SEC } }));
    expect(failures(r).map((c) => c.id)).toEqual(['fresh']);
  });

  it('deadlines ignore the wall clock and fetch ages ignore the market clock', () => {
    // Market time moves 3 h past expiry; wall time stays, so the fetch is still fresh.
    const late = evaluate(gateInput({ now: NOW + 3 * HOUR + SEC }));
    expect(check(late, 'fresh').status).toBe('pass');
    expect(check(late, 'window').status).toBe('fail');
    expect(check(late, 'pending_action').status).toBe('fail');
    // Wall time moves on; market time stays, so deadlines still hold.
    const stale = evaluate(gateInput({ wallNow: WALL + 2 * MIN }));
    expect(check(stale, 'fresh').status).toBe('fail');
    expect(check(stale, 'window').status).toBe('pass');
    expect(check(stale, 'pending_action').status).toBe('pass');
  });

  it('a claimed requester and a stale balance are independent failures, each reported', () => {
    const r = evaluate(gateInput(merge(BID, { wallet: { balanceFetchedAt: WALL - 2 * MIN }, approved: false })));
    expect(failures(r).map((c) => c.id)).toEqual(['approval', 'balance']);
  });
});

it('PAYOUT and REQUESTER fixtures differ (guards the tests above)', () => {
  expect(new Set([WALLET, REQUESTER, OTHER, PAYOUT, EVALUATOR]).size).toBe(5);
});
