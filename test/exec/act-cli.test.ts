// `--executor cli` through the runner: the task's pendingActions command run verbatim by the REAL official
// CLI 1.13.0 (argv, no shell, the wallet's own HOME), the journaled idempotency key handed to it as
// TASKMARKET_IDEMPOTENCY_KEY, and the same journal, verification and /sim/requests checks as the native path.
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliBridge, inputsFor, pendingActionFor } from '../../src/exec/cli-bridge.js';
import { createCliExecutor, locateCli } from '../../src/exec/cli-executor.js';
import { createWallet } from '../../src/sim/taskmarket/accounts/demo-wallet.js';
import type { TaskmarketClient } from '../../src/markets/taskmarket/index.js';
import { startTestSim, type TestSim } from '../helpers/sim.js';
import { newWallet } from '../helpers/x402.js';
import { cleanupDirs, createIntent, expectClean, makeActor, taskIntent, tempDir, walletIntent, type Actor } from './act-fixtures.js';

let sim: TestSim;
let req: Actor;
let cli: Actor;

async function cliActor(fund: bigint): Promise<Actor> {
  const bin = locateCli();
  if (!bin) throw new Error('the official CLI devDependency is not installed');
  const w = await createWallet(sim, await mkdtemp(join(tempDir('taskdesk-cli-home-'), 'h-')), { fund, email: false });
  const executor = (writer: { client: TaskmarketClient }) => createCliBridge({ cli: createCliExecutor({ bin, home: w.home, apiUrl: sim.url, timeoutMs: 45_000 }), client: writer.client });
  return makeActor(sim, { wallet: { privateKey: w.privateKey, address: w.address }, executor, executorKind: 'cli' });
}

beforeAll(async () => {
  sim = await startTestSim({ manualClock: true });
  req = await makeActor(sim, { fund: 100_000_000n });
  cli = await cliActor(20_000_000n);
}, 60_000);
afterAll(async () => {
  for (const a of [req, cli]) a?.close();
  await sim?.close();
  cleanupDirs();
});

async function created(intent: ReturnType<typeof createIntent>): Promise<string> {
  const out = await req.run(intent);
  await expectClean(sim, req, out, '/api/tasks');
  return out.response?.ok ? out.response.result.taskId! : '';
}

describe('cli executor through the runner (real CLI 1.13.0)', () => {
  it('claim: the pendingAction command, the journal key on the one write', async () => {
    const id = await created(createIntent(req, { mode: 'claim' }));
    const out = await cli.run(taskIntent(cli, 'claim', await cli.task(id), {}));
    await expectClean(sim, cli, out, '/api/tasks/:taskId/claim');
    expect(out.response?.ok && out.response.result.claimId).toBeTruthy();
    const intent = cli.journal.records().find((r) => r.actionId === out.actionId && r.step === 'intent');
    expect(intent?.step === 'intent' && intent.executor).toBe('cli');
  }, 60_000);

  it('bid on an english auction: the --price placeholder filled from the ticket, x402 paid by the CLI', async () => {
    const id = await created(createIntent(req, { mode: 'auction', auctionType: 'english', reward: 3_000_000n, bidDeadlineHours: 1 }));
    const b0 = await sim.balance(cli.address);
    const out = await cli.run(taskIntent(cli, 'bid', await cli.task(id), { price: 2_250_000n }, { amount: 2_250_000n }));
    const withKey = await expectClean(sim, cli, out, '/api/tasks/:taskId/bids');
    expect(withKey.map((r) => r.status)).toEqual([402, 200]);
    expect(out.response?.ok && out.response.result.bidId).toBeTruthy();
    expect((await cli.reader.getBids(id))[0]?.price).toBe(2_250_000n);
    expect(await sim.balance(cli.address)).toBe(b0 - 1000n);
  }, 60_000);

  it('auction_accept on a dutch clock with --min-price: accepted at the clock price', async () => {
    const id = await created(createIntent(req, { mode: 'auction', auctionType: 'dutch', reward: 4_000_000n, auctionFloorPrice: 1_000_000n, bidDeadlineHours: 2 }));
    await sim.advance(60 * 60_000); // halfway: 2.5
    const task = await cli.task(id);
    const out = await cli.run(taskIntent(cli, 'auction_accept', task, { minPrice: 2_000_000n }, { amount: 2_000_000n }), { shownPrice: task.currentAuctionPrice! });
    await expectClean(sim, cli, out, '/api/tasks/:taskId/bids/accept');
    expect(out.response?.ok && out.response.result.acceptedPrice).toBe(2_500_000n);
    expect(out.verification?.observed).toMatchObject({ status: 'claimed', owner: cli.address });
  }, 60_000);

  it('set-withdrawal-address then withdraw through the CLI against the simulator\'s withdraw route', async () => {
    const cold = newWallet();
    const set = await cli.run(walletIntent(cli, 'set_withdrawal_address', { address: cold.address }));
    await expectClean(sim, cli, set, '/api/wallet/set-withdrawal-address');
    expect(set.oneTime?.accountRecoveryCode).toMatch(/^[0-9]{8}$/);
    const b0 = await sim.balance(cli.address);
    const out = await cli.run(walletIntent(cli, 'withdraw', { amount: 1_500_000n, to: cold.address }, 1_500_000n));
    await expectClean(sim, cli, out, '/api/wallet/withdraw');
    expect(await sim.balance(cli.address)).toBe(b0 - 1_500_000n);
    expect(await sim.balance(cold.address)).toBe(1_500_000n);
    const n = (await sim.get('/sim/requests')).body.length;
    const wrong = await cli.run(walletIntent(cli, 'withdraw', { amount: 1_000_000n, to: newWallet().address }, 1_000_000n));
    expect(wrong.response?.ok === false && wrong.response.error).toMatchObject({ kind: 'local', message: expect.stringMatching(/registered withdrawal address/) });
    expect((await sim.get('/sim/requests')).body.length).toBe(n); // refused before the CLI ran
  }, 60_000);

  it('refuses before spawning when the template fixes a value the ticket contradicts, or cannot carry a param', async () => {
    const id = await created(createIntent(req, { mode: 'pitch' }));
    const task = await cli.task(id);
    const pitch = taskIntent(cli, 'pitch', task, { text: 'hello', durationHours: 3 });
    expect(() => inputsFor(task, pendingActionFor(task, pitch), pitch)).toThrow(/no --duration/);
    const out = await cli.run(pitch);
    expect(out.response?.ok === false && out.response.error.kind).toBe('local');
    expect(() => pendingActionFor(task, taskIntent(cli, 'claim', task, {}))).toThrow(/offer no claim/);
  });
});
