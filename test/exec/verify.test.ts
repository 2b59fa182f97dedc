// verify(): ONE re-fetch, one more after the wait when the delta does not hold, then mismatch; a failed
// read is never a mismatch. Plus the executor-side pieces that need no market: params read from the
// journal's string form, MarketError → ExecOutcome, the submit file checks, the CLI's MIME table.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Task } from '../../src/core/types.js';
import { failureFrom, type Executor } from '../../src/exec/executor.js';
import { openJournal } from '../../src/exec/journal.js';
import { createActionRunner } from '../../src/exec/runner.js';
import type { Intent } from '../../src/core/intent.js';
import { mimeTypeFor, readSubmitFiles } from '../../src/exec/native-executor.js';
import { parseWinner, readParams } from '../../src/exec/params-read.js';
import { canVerify, verify, type VerifyReader, type VerifySubject } from '../../src/exec/verify.js';
import { MarketError } from '../../src/markets/errors.js';
import { taskWith } from '../fixtures/task.js';
import { APPROVAL, cleanupDirs, NETWORK, tempDir } from './act-fixtures.js';

const ME = '0x00000000000000000000000000000000000000aa' as const;
const claim: VerifySubject = { action: 'claim', taskId: `0x${'ab'.repeat(32)}`, wallet: ME, params: {}, fee: 0n };

afterAll(cleanupDirs);

/** A reader whose getTask answers from a script, one entry per call (an Error entry throws). */
function scripted(script: (Task | Error)[]): VerifyReader & { calls: number } {
  const r = {
    calls: 0,
    async getTask() {
      const next = script[Math.min(r.calls++, script.length - 1)]!;
      if (next instanceof Error) throw next;
      return next;
    },
  };
  return r as unknown as VerifyReader & { calls: number };
}

const waits: number[] = [];
const sleep = async (ms: number) => void waits.push(ms);

describe('verify', () => {
  it('holds on the first re-fetch: verified, one fetch, no wait', async () => {
    const reader = scripted([taskWith({ mode: 'claim', status: 'claimed', claimedBy: ME })]);
    const v = await verify({ reader, subject: claim, result: { claimId: 'c1' }, sleep, waitMs: 700 });
    expect(v).toMatchObject({ outcome: 'verified', fetches: 1, observed: { status: 'claimed', owner: ME } });
    expect(waits).toEqual([]);
  });

  it('does not hold at first, holds after the short wait (an indexer lag): verified on the second fetch', async () => {
    const reader = scripted([taskWith({ mode: 'claim' }), taskWith({ mode: 'claim', status: 'claimed', claimedBy: ME })]);
    const v = await verify({ reader, subject: claim, result: null, sleep, waitMs: 700 });
    expect(v).toMatchObject({ outcome: 'verified', fetches: 2 });
    expect(waits).toEqual([700]);
  });

  it('still does not hold after the second fetch: mismatch, with what was expected and seen', async () => {
    const other = '0x00000000000000000000000000000000000000bb';
    const reader = scripted([taskWith({ mode: 'claim', status: 'claimed', claimedBy: other })]);
    const v = await verify({ reader, subject: claim, result: null, sleep, waitMs: 1 });
    expect(v).toMatchObject({ outcome: 'mismatch', fetches: 2, expected: { owner: ME }, observed: { owner: other } });
    expect(reader.calls).toBe(2);
  });

  it('a read that fails is never a mismatch: unverifiable (left for reconcile)', async () => {
    const reader = scripted([new MarketError('network', 'GET /api/tasks/x failed: ECONNREFUSED'), new MarketError('timeout', 'timed out')]);
    const v = await verify({ reader, subject: claim, result: null, sleep, waitMs: 1 });
    expect(v.outcome).toBe('unverifiable');
    expect(v.note).toMatch(/re-fetch failed/);
  });

  it('withdraw without a balance from before cannot be told and is not re-fetched', async () => {
    const reader = { calls: 0, async balance() { reader.calls++; return 5n; } } as unknown as VerifyReader & { calls: number };
    const v = await verify({ reader, subject: { action: 'withdraw', taskId: null, wallet: ME, params: { amount: '5', to: ME }, fee: 0n }, result: {}, sleep, waitMs: 1 });
    expect(v).toMatchObject({ outcome: 'unverifiable', fetches: 1 });
  });

  it('every Taskmarket action the executors perform has a check', () => {
    for (const a of ['claim', 'auction_accept', 'bid', 'pitch', 'submit', 'submit_proof', 'select_worker', 'select_winner', 'accept', 'accept_submissions', 'reject_submission', 'rate', 'cancel', 'update', 'refund_expired', 'forfeit', 'create_task', 'withdraw', 'set_withdrawal_address', 'appeal', 'evaluate', 'evaluator_timeout', 'finalize_verdict', 'resolve_dispute'] as const) {
      expect(canVerify(a), a).toBe(true);
    }
  });
});

describe('executor pieces', () => {
  it('params read the same from an Intent (bigint) and from the journal (base-unit strings)', () => {
    expect(readParams('bid', { price: 1_500_000n })).toEqual({ price: 1_500_000n });
    expect(readParams('bid', { price: '1500000' })).toEqual({ price: 1_500_000n });
    expect(readParams('auction_accept', {})).toEqual({ minPrice: null });
    expect(() => readParams('bid', { price: '1.5' })).toThrow(/ticket params for bid: price/);
    expect(() => readParams('withdraw', { amount: 0n, to: ME })).toThrow(/greater than zero/);
    expect(parseWinner(`${ME}:7000:sub-1`)).toEqual({ worker: ME, shareBps: 7000, submissionId: 'sub-1' });
    expect(() => parseWinner(`${ME}:0`)).toThrow(/not <worker>:<shareBps>/);
  });

  it('MarketError → ExecOutcome: contract errors parsed and not retryable, in-flight keys retryable, client refusals local', () => {
    const revert = failureFrom(new MarketError('http', 'POST /api/tasks/x/claim failed (400): Contract call rejected: TaskIsExpired', { status: 400 }));
    expect(revert).toMatchObject({ ok: false, httpStatus: 400, retryable: false, error: { kind: 'http', contractError: 'TaskIsExpired' } });
    const flying = failureFrom(new MarketError('http', 'in progress', { status: 409, reason: 'intent_in_flight' }));
    expect(flying).toMatchObject({ retryable: true, error: { reason: 'intent_in_flight' } });
    expect(failureFrom(new MarketError('http', 'Rating must be an integer 0-100', { reason: 'invalid_params' }))).toMatchObject({ error: { kind: 'local' } });
    expect(failureFrom(new MarketError('server', 'boom', { status: 502 }))).toMatchObject({ retryable: true, error: { kind: 'server' } });
    expect(failureFrom(new Error('oops'))).toMatchObject({ retryable: false, error: { kind: 'unknown' } });
  });

  it('submit files: absolute, non-empty, under the cap; MIME types as the CLI assigns them', async () => {
    const dir = tempDir();
    const ok = join(dir, 'notes.md');
    const empty = join(dir, 'empty.txt');
    const big = join(dir, 'big.bin');
    writeFileSync(ok, 'hello');
    writeFileSync(empty, '');
    writeFileSync(big, Buffer.alloc(2048));
    expect((await readSubmitFiles([ok]))[0]).toMatchObject({ fileName: 'notes.md', mimeType: 'text/markdown' });
    await expect(readSubmitFiles(['notes.md'])).rejects.toThrow(/not an absolute path/);
    await expect(readSubmitFiles([empty])).rejects.toThrow(/is empty/);
    await expect(readSubmitFiles([big], 1024)).rejects.toThrow(/the limit is 1024/);
    await expect(readSubmitFiles([join(dir, 'missing.pdf')])).rejects.toThrow(/not a readable file/);
    expect([mimeTypeFor('/a/B.JPEG'), mimeTypeFor('/a/x.zip'), mimeTypeFor('/a/x.ts')]).toEqual(['image/jpeg', 'application/zip', 'application/octet-stream']);
  });
});

describe('the runner with another market\'s verifier', () => {
  it('journals an Execution Market intent through its own verifier and refuses intents of other markets', async () => {
    const journal = openJournal(join(tempDir(), 'journal.jsonl'));
    const executor: Executor = { kind: 'native', execute: async () => ({ ok: true, result: { taskId: 'em-task-1' } }) };
    const seen: string[] = [];
    const runner = createActionRunner({
      journal,
      executor,
      market: 'execution-market',
      verifier: async ({ intent, outcome }) => {
        seen.push(`${intent.action}:${outcome.result.taskId}`);
        return { outcome: 'verified', expected: { status: 'published' }, observed: { status: 'published' }, fetches: 1, task: null };
      },
      network: NETWORK,
      apiUrl: 'http://127.0.0.1:4010',
      wallet: ME,
      executorKind: 'native',
    });
    const em: Intent = { market: 'execution-market', action: 'em_publish', taskId: null, role: 'publisher', wallet: ME, agent: null, mode: null, auctionType: null, amount: 1_000_000n, fee: 0n, spend: 1_000_000n, payee: null, score: null, params: { title: 'Photograph a storefront' } };
    const out = await runner.run(em, APPROVAL, { task: null });
    expect(out.ok).toBe(true);
    expect(seen).toEqual(['em_publish:em-task-1']);
    expect(journal.records().map((r) => r.step)).toEqual(['intent', 'approved', 'sent', 'response', 'verified']);
    const tm = await runner.run({ ...em, market: 'taskmarket', action: 'claim' }, APPROVAL, { task: null });
    expect(tm.refused?.reason).toBe('market');
    journal.close();
  });
});
