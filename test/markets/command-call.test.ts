// pendingAction → grammar → native writer call, end to end against the simulator: the server's command
// string is parsed, operator inputs fill the placeholders, and the typed call runs through the writer.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionName, Task } from '../../src/core/types.js';
import { createWallet, type CreatedWallet } from '../../src/sim/taskmarket/accounts/demo-wallet.js';
import {
  createTaskmarketReader,
  createTaskmarketWriter,
  keystoreSigner,
  loadKeystore,
  nativeCallFor,
  parseCommand,
  runNativeCall,
  SIM_NETWORK,
  type CommandInputs,
  type TaskmarketReader,
  type TaskmarketWriter,
} from '../../src/markets/taskmarket/index.js';
import { startTestSim, type TestSim } from '../helpers/sim.js';

let sim: TestSim;
let reqW: CreatedWallet;
let wrkW: CreatedWallet;
let req: { read: TaskmarketReader; write: TaskmarketWriter };
let wrk: { read: TaskmarketReader; write: TaskmarketWriter };

async function actor(w: CreatedWallet) {
  const signer = keystoreSigner(await loadKeystore(w.keystorePath));
  return { read: createTaskmarketReader({ apiUrl: sim.url, signer }), write: createTaskmarketWriter({ apiUrl: sim.url, signer, network: SIM_NETWORK }) };
}

beforeAll(async () => {
  sim = await startTestSim({ manualClock: true });
  reqW = await createWallet(sim, await mkdtemp(join(tmpdir(), 'tm-req-')), { fund: 100_000_000n });
  wrkW = await createWallet(sim, await mkdtemp(join(tmpdir(), 'tm-wrk-')), { fund: 10_000_000n });
  req = await actor(reqW);
  wrk = await actor(wrkW);
});
afterAll(() => sim.close());

/** Find the pending action, parse its server command, resolve it with inputs, and run it. */
async function perform(who: { read: TaskmarketReader; write: TaskmarketWriter }, taskId: string, action: ActionName, inputs: CommandInputs = {}) {
  const task = (await who.read.getTask(taskId)) as Task;
  const pa = task.pendingActions?.find((a) => a.action === action);
  expect(pa, `${action} offered`).toBeDefined();
  const parsed = parseCommand(pa!.command, { taskId, action });
  if (!parsed.ok) throw new Error(parsed.reason);
  const call = nativeCallFor(parsed.value, task, inputs);
  if (!call.ok) throw new Error(call.reason);
  return runNativeCall(who.write, call.call);
}

describe('native calls from pendingActions', () => {
  it('dutch auction_accept: no inputs needed', async () => {
    const { taskId } = await req.write.createTask({ description: 'd', reward: 2_000_000n, durationHours: 24, mode: 'auction', auctionType: 'dutch', auctionFloorPrice: 500_000n, bidDeadlineHours: 1 });
    await perform(wrk, taskId, 'auction_accept');
    expect((await req.read.getTask(taskId))!.status).toBe('claimed');
  });

  it('english bid: --price <usdc> is filled by the operator', async () => {
    const { taskId } = await req.write.createTask({ description: 'e', reward: 2_000_000n, durationHours: 24, mode: 'auction', auctionType: 'english', bidDeadlineHours: 1 });
    const task = (await wrk.read.getTask(taskId))!;
    const parsed = parseCommand(task.pendingActions!.find((a) => a.action === 'bid')!.command, { taskId, action: 'bid' });
    expect(parsed.ok && nativeCallFor(parsed.value, task)).toEqual({ ok: false, reason: 'needs input: price' });
    await perform(wrk, taskId, 'bid', { price: { kind: 'usdc', value: 1_250_000n } });
    expect((await wrk.read.getBids(taskId))[0]!.price).toBe(1_250_000n);
  });

  it('claim → submit (native) → accept with the worker the server names → rate with the operator rating', async () => {
    const { taskId } = await req.write.createTask({ description: 'c', reward: 1_000_000n, durationHours: 24, mode: 'claim' });
    await perform(wrk, taskId, 'claim');
    await wrk.write.submit({ taskId, files: [{ fileName: 'a.txt', mimeType: 'text/plain', data: new TextEncoder().encode('x') }] });
    await perform(req, taskId, 'accept');
    expect((await req.read.getTask(taskId))!.status).toBe('completed');
    await perform(req, taskId, 'rate', { rating: { kind: 'int', value: 80 } });
    expect((await req.read.getTask(taskId))!.pendingActions).toEqual([]);
  });

  it('update --extend-expiry <seconds> moves expiry by the operator amount; cancel', async () => {
    const { taskId } = await req.write.createTask({ description: 'u', reward: 1_000_000n, durationHours: 24 });
    const before = (await req.read.getTask(taskId))!.expiryTime;
    await perform(req, taskId, 'update', { extendExpiry: { kind: 'int', value: 3600 } });
    const after = (await req.read.getTask(taskId))!.expiryTime;
    expect(Math.floor(after / 1000)).toBe(Math.floor((before + 3_600_000) / 1000));
    await perform(req, taskId, 'cancel');
    expect((await req.read.getTask(taskId))!.status).toBe('cancelled');
  });

  it('refuses commands for another task, missing inputs and subcommands without a native call', async () => {
    const { taskId } = await req.write.createTask({ description: 'r', reward: 1_000_000n, durationHours: 24 });
    const task = (await req.read.getTask(taskId))!;
    const parsed = parseCommand(`taskmarket task submit ${taskId} --file <path>`, { taskId });
    expect(parsed.ok && nativeCallFor(parsed.value, task, { 'file[0]': { kind: 'text', value: 'x' } })).toMatchObject({ ok: false, reason: expect.stringContaining('operator chooses') });
    const other = parseCommand(`taskmarket task cancel ${taskId}`, { taskId });
    expect(other.ok && nativeCallFor(other.value, { ...task, id: '0x' + '00'.repeat(32) })).toEqual({ ok: false, reason: 'the command names a different task' });
  });

  it('benchmark: proof (paid, signed) → reject-submission (paid) from their pendingActions', async () => {
    const { taskId } = await req.write.createTask({ description: 'bench', reward: 1_000_000n, durationHours: 24, mode: 'benchmark', metricDescription: 'score' });
    const r = (await perform(wrk, taskId, 'submit_proof', { data: { kind: 'text', value: 'https://example.test/run/1' }, type: { kind: 'text', value: 'url' } })) as { proofId: string; paid: bigint | null };
    expect(r.paid).toBe(1000n);
    expect((await req.read.getTask(taskId))!.submissionCount).toBe(1);
    await perform(req, taskId, 'reject_submission');
    expect((await req.read.getTask(taskId))!.submissionCount).toBe(0);
  });

  it('evaluator flow: evaluate (award filled in) → appeal window → finalize-verdict', async () => {
    const evW = await createWallet(sim, await mkdtemp(join(tmpdir(), 'tm-ev-')), { fund: 1_000_000n });
    const ev = await actor(evW);
    const { taskId } = await req.write.createTask({ description: 'judged', reward: 2_000_000n, durationHours: 24, evaluator: evW.address, evaluationWindowHours: 1, appealWindowHours: 1 });
    await wrk.write.submit({ taskId, files: [{ fileName: 'a.txt', mimeType: 'text/plain', data: new TextEncoder().encode('answer') }] });
    await perform(ev, taskId, 'evaluate', { 'award[0]': { kind: 'award', worker: wrkW.address, amount: 1_000_000n, rank: 1 } });
    expect((await req.read.getTask(taskId))!.status).toBe('appealing');
    await sim.advance(2 * 3600_000);
    await perform(req, taskId, 'finalize_verdict');
    expect((await req.read.getTask(taskId))!.status).toBe('completed');
  });
});
