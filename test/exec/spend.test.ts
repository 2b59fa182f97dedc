// Spend totals counted from the journal: approved actions in this session and the last 24 h, minus the
// ones that provably did nothing (a definite refusal, reconciled not_done); the runner refuses past a cap.
import { afterAll, describe, expect, it } from 'vitest';
import type { Intent } from '../../src/core/intent.js';
import type { Executor } from '../../src/exec/executor.js';
import { intentRecord, openJournal, stepRecord, type IntentRecord, type Journal } from '../../src/exec/journal.js';
import { createActionRunner } from '../../src/exec/runner.js';
import { capExceeded, spendTotals } from '../../src/exec/spend.js';
import type { VerifyReader } from '../../src/exec/verify.js';
import { APPROVAL, cleanupDirs, NETWORK, tempDir } from './act-fixtures.js';

const WALLET = '0xcf75a1b2c3d4e5f60718293a4b5c6d7e8f90afba' as const;
const OTHER = '0x0000000000000000000000000000000000000b0b' as const;
const TASK = `0x${'ab'.repeat(32)}`;
const H = 3_600_000;
const T0 = Date.UTC(2026, 5, 22, 12, 0, 0);

const bid = (spend: bigint, wallet: `0x${string}` = WALLET): Intent => ({
  market: 'taskmarket',
  action: 'bid',
  taskId: TASK,
  role: 'worker',
  wallet,
  agent: null,
  mode: 'auction',
  auctionType: 'english',
  amount: spend - 1000n,
  fee: 1000n,
  spend,
  payee: null,
  score: null,
  params: { price: spend - 1000n },
});

afterAll(cleanupDirs);

function journal(): Journal {
  return openJournal(`${tempDir()}/journal.jsonl`);
}

/** intent + approved at `at`, then the given tail. */
function act(j: Journal, intent: Intent, at: number, tail: 'ok' | 'refused' | 'not_done' | 'open' | 'unapproved'): IntentRecord {
  const rec = intentRecord(intent, { network: NETWORK, apiUrl: 'http://127.0.0.1:4010', executor: 'native', at: new Date(at) });
  j.append(rec);
  if (tail === 'unapproved') return rec;
  j.append(stepRecord(rec, 'approved', { confirmation: 'typed', phrase: 'x', checks: [] }, new Date(at)));
  j.append(stepRecord(rec, 'sent', { attempt: 1 }, new Date(at)));
  if (tail === 'ok') j.append(stepRecord(rec, 'response', { ok: true, result: {} }, new Date(at)));
  if (tail === 'refused') j.append(stepRecord(rec, 'response', { ok: false, httpStatus: 400, error: { kind: 'http', message: 'Contract call rejected: BidDeadlinePassed', contractError: 'BidDeadlinePassed' } }, new Date(at)));
  if (tail === 'not_done') j.append(stepRecord(rec, 'reconciled', { outcome: 'not_done', how: 'intents', note: 'no intent' }, new Date(at)));
  return rec;
}

describe('spendTotals', () => {
  it('counts approved spend per session and per 24 h; refusals, not-done and unapproved intents count nothing', () => {
    const j = journal();
    act(j, bid(2_001_000n), T0 - 30 * H, 'ok'); // older than a day: neither
    act(j, bid(1_001_000n), T0 - 20 * H, 'ok'); // today, before the session
    act(j, bid(501_000n), T0 - 1 * H, 'open'); // this session, unresolved: counts (it may have spent)
    act(j, bid(301_000n), T0 - 1 * H, 'ok');
    act(j, bid(9_000_000n), T0 - 1 * H, 'refused');
    act(j, bid(8_000_000n), T0 - 1 * H, 'not_done');
    act(j, bid(7_000_000n), T0 - 1 * H, 'unapproved');
    act(j, bid(6_000_000n, OTHER), T0 - 1 * H, 'ok');
    const mine = spendTotals(j.actions(), { sessionStart: T0 - 2 * H, now: T0, wallet: WALLET });
    expect(mine).toEqual({ sessionSpent: 802_000n, daySpent: 1_803_000n, sessionActions: 2, dayActions: 3 });
    expect(spendTotals(j.actions(), { sessionStart: T0 - 2 * H, now: T0 }).sessionSpent).toBe(6_802_000n);
    expect(capExceeded(mine, 200_000n, { session: 1_000_000n, day: null })).toBe('session spend cap');
    expect(capExceeded(mine, 100_000n, { session: 1_000_000n, day: 1_900_000n })).toBe('24-hour spend cap');
    expect(capExceeded(mine, 90_000n, { session: 1_000_000n, day: 1_900_000n })).toBeNull();
    expect(capExceeded(mine, 0n, { session: 0n, day: 0n })).toBeNull();
    j.close();
  });

  it('the runner refuses an action past the session cap before journaling or sending anything', async () => {
    const j = journal();
    let sends = 0;
    const executor: Executor = {
      kind: 'native',
      async execute() {
        sends++;
        return { ok: true, result: { bidId: `b${sends}` } };
      },
    };
    const unreachable = () => Promise.reject(new Error('no market in this test'));
    const reader = { getBids: unreachable, myBids: unreachable, balance: unreachable, getTask: unreachable } as unknown as VerifyReader;
    let now = T0;
    const runner = createActionRunner({ journal: j, executor, reader, network: NETWORK, apiUrl: 'http://127.0.0.1:4010', wallet: WALLET, executorKind: 'native', now: () => now, verifyWaitMs: 0, spendCaps: { session: 1_500_000n, day: null } });
    const first = await runner.run(bid(1_001_000n), APPROVAL, { task: null });
    expect(first.refused).toBeNull();
    expect(first.verification?.outcome).toBe('unverifiable'); // the stub market cannot be read: left for reconcile
    now += 1000;
    const second = await runner.run(bid(501_000n), APPROVAL, { task: null });
    expect(second.refused?.reason).toBe('unresolved'); // the first bid has no outcome yet
    j.append(stepRecord(j.records()[0] as IntentRecord, 'reconciled', { outcome: 'done', how: 'intents', note: 'test' }));
    const third = await runner.run(bid(501_000n), APPROVAL, { task: null });
    expect(third.refused).toMatchObject({ reason: 'spend_cap', message: expect.stringMatching(/session spend cap/) });
    expect(sends).toBe(1);
    expect(j.actions()).toHaveLength(1);
    j.close();
  });
});
