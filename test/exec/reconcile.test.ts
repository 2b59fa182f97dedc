// Crash at every journal step, then restart: the journal on disk holds the records up to the crash (the
// journal itself refuses the next append, as a killed desk would never write it), the market holds whatever
// was really sent. reconcile() settles every intent without an outcome — and nothing is ever done twice at
// /sim/requests. retry() re-sends an unknown one with the SAME idempotency key and gets the stored answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Step } from '../../src/exec/journal-schema.js';
import type { Journal } from '../../src/exec/journal.js';
import { stepRecord, intentRecord, groupActions } from '../../src/exec/journal.js';
import type { Executor } from '../../src/exec/executor.js';
import { reconcile, retry } from '../../src/exec/reconcile.js';
import { createActionRunner } from '../../src/exec/runner.js';
import type { VerifyReader } from '../../src/exec/verify.js';
import { startTestSim, type TestSim } from '../helpers/sim.js';
import { newWallet } from '../helpers/x402.js';
import { APPROVAL, cleanupDirs, createIntent, expectClean, makeActor, NETWORK, requests, stepsOf, taskIntent, walletIntent, type Actor } from './act-fixtures.js';

class Crash extends Error {}

/** The journal of a desk that dies when it reaches `step`: that record (and everything after) never hits the disk. */
function dyingAt(j: Journal, step: Step): Journal {
  return {
    ...j,
    append(r) {
      if (r.step === step) throw new Crash(`killed before ${step}`);
      j.append(r);
    },
    records: () => j.records(),
    others: () => j.others(),
    actions: () => j.actions(),
    unresolved: () => j.unresolved(),
  };
}

/** An executor that dies before sending anything (the crash between `sent` on disk and the request). */
const deadBeforeSend: Executor = {
  kind: 'native',
  execute() {
    throw new Crash('killed after sent, before the request');
  },
};

let sim: TestSim;
let req: Actor;
let wrk: Actor;

beforeAll(async () => {
  sim = await startTestSim({ manualClock: true });
  req = await makeActor(sim, { fund: 100_000_000n });
  wrk = await makeActor(sim, { fund: 20_000_000n });
});
afterAll(async () => {
  for (const a of [req, wrk]) a?.close();
  await sim?.close();
  cleanupDirs();
});

async function claimTask(): Promise<string> {
  const out = await req.run(createIntent(req, { mode: 'claim' }));
  await expectClean(sim, req, out, '/api/tasks');
  return out.response?.ok ? out.response.result.taskId! : '';
}

/** Run a claim with a desk that dies at `step` (and optionally never sends); returns the action id on disk, if any. */
async function crashRun(taskId: string, step: Step, opts: { noSend?: boolean } = {}): Promise<string | null> {
  const before = new Set(wrk.journal.records().map((r) => r.actionId));
  const runner = createActionRunner({
    journal: dyingAt(wrk.journal, step),
    executor: opts.noSend ? deadBeforeSend : wrk.executor,
    reader: wrk.reader,
    network: NETWORK,
    apiUrl: sim.url,
    wallet: wrk.address,
    executorKind: 'native',
    verifyWaitMs: 10,
  });
  const task = await wrk.task(taskId);
  await expect(runner.run(taskIntent(wrk, 'claim', task, {}), APPROVAL, { task })).rejects.toBeInstanceOf(Crash);
  wrk.reopen(); // the restart: read the journal back from disk
  return wrk.journal.records().find((r) => !before.has(r.actionId))?.actionId ?? null;
}

const keyOf = (a: Actor, actionId: string) => {
  const i = a.journal.records().find((r) => r.actionId === actionId && r.step === 'intent');
  return i?.step === 'intent' ? i.idempotencyKey : '';
};
const writesWith = async (key: string) => (await requests(sim)).filter((r) => r.idempotencyKey === key && r.status >= 200 && r.status < 300);

describe('reconcile after a crash at each journal step', () => {
  it('before intent: nothing on disk, nothing sent, nothing to reconcile', async () => {
    const id = await claimTask();
    const n = (await requests(sim)).length;
    expect(await crashRun(id, 'intent')).toBeNull();
    expect((await requests(sim)).length).toBe(n);
    expect(await reconcile({ journal: wrk.journal, reader: wrk.reader, wallet: wrk.address })).toEqual([]);
  });

  it.each(['approved', 'sent'] as const)('before %s: never sent → reconciled not_done / none, without asking the market', async (step) => {
    const id = await claimTask();
    const n = (await requests(sim)).length;
    const actionId = (await crashRun(id, step))!;
    expect((await requests(sim)).length).toBe(n);
    const [r] = await reconcile({ journal: wrk.journal, reader: wrk.reader, wallet: wrk.address });
    expect(r).toMatchObject({ actionId, outcome: 'not_done', how: 'none', written: true });
    expect(stepsOf(wrk.journal, actionId).at(-1)).toBe('reconciled');
    expect(wrk.runner.blocked(id, 'claim')).toBeNull();
    expect((await wrk.task(id)).status).toBe('open');
  });

  it('after sent, before the request left: the market has no intent and the task shows no claim → not_done / intents', async () => {
    const id = await claimTask();
    const actionId = (await crashRun(id, 'response', { noSend: true }))!;
    expect(stepsOf(wrk.journal, actionId)).toEqual(['intent', 'approved', 'sent']);
    expect(await writesWith(keyOf(wrk, actionId))).toHaveLength(0);
    const [r] = await reconcile({ journal: wrk.journal, reader: wrk.reader, wallet: wrk.address });
    expect(r).toMatchObject({ outcome: 'not_done', how: 'intents' });
  });

  it.each(['response', 'verified'] as const)('before %s (the claim landed): GET /api/intents says completed → done / intents; one claim only', async (step) => {
    const id = await claimTask();
    const actionId = (await crashRun(id, step))!;
    const key = keyOf(wrk, actionId);
    expect(await writesWith(key)).toHaveLength(1);
    expect(wrk.runner.blocked(id, 'claim')).toMatch(/reconcile it first/);
    const [r] = await reconcile({ journal: wrk.journal, reader: wrk.reader, wallet: wrk.address });
    expect(r).toMatchObject({ actionId, outcome: 'done', how: 'intents' });
    expect(r!.note).toMatch(/completed it \(intent /);
    expect(await reconcile({ journal: wrk.journal, reader: wrk.reader, wallet: wrk.address })).toEqual([]); // settled: asked once
    expect(await writesWith(key)).toHaveLength(1);
    expect((await wrk.task(id)).claimedBy?.toLowerCase()).toBe(wrk.address.toLowerCase());
  });

  it('without GET /api/intents (no read-auth client), the task state tells: done / task', async () => {
    const id = await claimTask();
    const actionId = (await crashRun(id, 'response'))!;
    const anonymous: VerifyReader = { ...wrk.reader, client: undefined };
    const [r] = await reconcile({ journal: wrk.journal, reader: anonymous, wallet: wrk.address });
    expect(r).toMatchObject({ actionId, outcome: 'done', how: 'task' });
  });

  it('an intent of another wallet is left for that wallet (not written)', async () => {
    const other = newWallet();
    const id = await claimTask();
    const rec = intentRecord(taskIntent(wrk, 'claim', await wrk.task(id), {}, { wallet: other.address }), { network: NETWORK, apiUrl: sim.url, executor: 'native' });
    wrk.journal.append(rec);
    const out = await reconcile({ journal: wrk.journal, reader: wrk.reader, wallet: wrk.address });
    expect(out).toEqual([expect.objectContaining({ actionId: rec.actionId, written: false })]);
    wrk.journal.append(stepRecord(rec, 'reconciled', { outcome: 'not_done', how: 'none', note: 'test cleanup' }));
  });
});

describe('retry with the journaled idempotency key', () => {
  it('an ambiguous failure (the answer was lost): the retry gets the stored answer, the fee is paid once, one bid exists', async () => {
    const created = await req.run(createIntent(req, { mode: 'auction', auctionType: 'english', reward: 3_000_000n, bidDeadlineHours: 2 }));
    const id = created.response?.ok ? created.response.result.taskId! : '';
    const task = await wrk.task(id);
    const rec = intentRecord(taskIntent(wrk, 'bid', task, { price: 2_000_000n }, { amount: 2_000_000n }), { network: NETWORK, apiUrl: sim.url, executor: 'native' });
    wrk.journal.append(rec);
    wrk.journal.append(stepRecord(rec, 'approved', { confirmation: 'typed', phrase: '2', checks: [] }));
    wrk.journal.append(stepRecord(rec, 'sent', { attempt: 1 }));
    const w0 = await sim.balance(wrk.address);
    await wrk.writer.bid({ taskId: id, price: 2_000_000n, idempotencyKey: rec.idempotencyKey }); // it landed …
    wrk.journal.append(stepRecord(rec, 'response', { ok: false, error: { kind: 'timeout', message: 'POST /api/tasks/{taskId}/bids timed out' } })); // … but the desk saw a timeout
    expect(await sim.balance(wrk.address)).toBe(w0 - 1000n);

    const out = await retry({ journal: wrk.journal, executor: wrk.executor, reader: wrk.reader, wallet: wrk.address, actionId: rec.actionId, verifyWaitMs: 10 });
    expect(out.ok).toBe(true);
    expect(out.idempotencyKey).toBe(rec.idempotencyKey);
    expect(stepsOf(wrk.journal, rec.actionId)).toEqual(['intent', 'approved', 'sent', 'response', 'sent', 'response', 'verified']);
    const sent = wrk.journal.records().filter((r) => r.actionId === rec.actionId && r.step === 'sent');
    expect(sent.map((s) => (s.step === 'sent' ? s.attempt : 0))).toEqual([1, 2]);
    const withKey = (await requests(sim)).filter((r) => r.idempotencyKey === rec.idempotencyKey);
    expect(withKey.map((r) => r.status)).toEqual([402, 200, 200]); // first exchange, then the replay (no 402: nothing to pay)
    expect(await sim.balance(wrk.address)).toBe(w0 - 1000n);
    expect(await wrk.reader.getBids(id)).toHaveLength(1);
    expect(out.report?.caveats.join('\n')).toMatch(/sent 2 times, every time with idempotency key/);
  });

  it('a withdraw the desk cannot tell about (no intents, no balance from before): unknown → retry replays; the money moves once', async () => {
    const cold = newWallet();
    const set = await wrk.run(walletIntent(wrk, 'set_withdrawal_address', { address: cold.address }));
    await expectClean(sim, wrk, set, '/api/wallet/set-withdrawal-address');
    const b0 = await sim.balance(wrk.address);
    const runner = createActionRunner({ journal: dyingAt(wrk.journal, 'response'), executor: wrk.executor, reader: wrk.reader, network: NETWORK, apiUrl: sim.url, wallet: wrk.address, executorKind: 'native' });
    await expect(runner.run(walletIntent(wrk, 'withdraw', { amount: 2_000_000n, to: cold.address }, 2_000_000n), APPROVAL, { task: null })).rejects.toBeInstanceOf(Crash);
    wrk.reopen();
    expect(await sim.balance(wrk.address)).toBe(b0 - 2_000_000n);

    const anonymous: VerifyReader = { ...wrk.reader, client: undefined };
    const [r] = await reconcile({ journal: wrk.journal, reader: anonymous, wallet: wrk.address });
    expect(r).toMatchObject({ outcome: 'unknown' });
    const actionId = r!.actionId;
    const out = await retry({ journal: wrk.journal, executor: wrk.executor, reader: wrk.reader, wallet: wrk.address, actionId });
    expect(out.response?.ok).toBe(true); // the same body under the same key: the stored answer
    expect(out.verification?.outcome).toBe('unverifiable'); // no balance from before the first attempt to compare
    expect(await sim.balance(wrk.address)).toBe(b0 - 2_000_000n);
    expect(await sim.balance(cold.address)).toBe(2_000_000n);
    const [again] = await reconcile({ journal: wrk.journal, reader: wrk.reader, wallet: wrk.address });
    expect(again).toMatchObject({ actionId, outcome: 'done', how: 'intents' });
    expect(await writesWith(keyOf(wrk, actionId))).toHaveLength(2); // the first send and its replay; one effect
    expect(groupActions(wrk.journal.records()).find((a) => a.actionId === actionId)?.resolved).toBe(true);
  });

  it('refuses to retry what is settled, never sent, or not yet reconciled', async () => {
    const id = await claimTask();
    const done = await wrk.run(taskIntent(wrk, 'claim', await wrk.task(id), {}));
    const r1 = await retry({ journal: wrk.journal, executor: wrk.executor, reader: wrk.reader, wallet: wrk.address, actionId: done.actionId! });
    expect(r1.refused?.message).toMatch(/settled/);
    const id2 = await claimTask();
    const crashed = (await crashRun(id2, 'response'))!;
    const r2 = await retry({ journal: wrk.journal, executor: wrk.executor, reader: wrk.reader, wallet: wrk.address, actionId: crashed });
    expect(r2.refused?.message).toMatch(/reconcile it before a retry/);
    await reconcile({ journal: wrk.journal, reader: wrk.reader, wallet: wrk.address });
  });
});
