// `--executor cli` end to end: the simulator's pendingActions run through the REAL official CLI 1.13.0
// (the devDependency), one private HOME per wallet, argv without a shell. State is checked at the simulator.
import { createServer, type Socket } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ActionName, PendingAction, Task } from '../../src/core/types.js';
import { createCliExecutor, locateCli, runCli, type CliExecutor, type CliOutcome, type SpawnFn } from '../../src/exec/cli-executor.js';
import { createWallet, type CreatedWallet } from '../../src/sim/taskmarket/accounts/demo-wallet.js';
import {
  createTaskmarketReader,
  createTaskmarketWriter,
  keystoreSigner,
  loadKeystore,
  SIM_NETWORK,
  type TaskmarketReader,
  type TaskmarketWriter,
} from '../../src/markets/taskmarket/index.js';
import { startTestSim, type TestSim } from '../helpers/sim.js';

interface Actor {
  wallet: CreatedWallet;
  read: TaskmarketReader;
  write: TaskmarketWriter;
  cli: CliExecutor;
}

let sim: TestSim;
let dir: string;
let bin: string;
let req: Actor;
let wrk: Actor;

async function actor(fund: bigint): Promise<Actor> {
  const wallet = await createWallet(sim, await mkdtemp(join(dir, 'home-')), { fund });
  const signer = keystoreSigner(await loadKeystore(wallet.keystorePath));
  return {
    wallet,
    read: createTaskmarketReader({ apiUrl: sim.url, signer }),
    write: createTaskmarketWriter({ apiUrl: sim.url, signer, network: SIM_NETWORK }),
    cli: createCliExecutor({ bin, home: wallet.home, apiUrl: sim.url, timeoutMs: 45_000 }),
  };
}

async function taskAndAction(who: Actor, taskId: string, action: ActionName): Promise<{ task: Task; pa: PendingAction }> {
  const task = (await who.read.getTask(taskId)) as Task;
  const pa = task.pendingActions?.find((a) => a.action === action);
  if (!pa) throw new Error(`${action} not offered: ${JSON.stringify(task.pendingActions?.map((a) => a.command))}`);
  return { task, pa };
}

function expectOk(o: CliOutcome): asserts o is Extract<CliOutcome, { ok: true }> {
  if (!o.ok) throw new Error(`CLI failed (${o.exitCode}): ${o.error}`);
}

/** A PendingAction the server did not send (for refusals and the rejection path). */
const crafted = (action: ActionName, command: string): PendingAction => ({
  role: 'requester',
  action,
  command,
  eligibleAddress: null,
  requiresPayment: false,
  paymentAmount: null,
  availableAfter: null,
  availableUntil: null,
  targetWorker: null,
});

beforeAll(async () => {
  const found = locateCli();
  if (!found) throw new Error('the official CLI devDependency is not installed');
  bin = found;
  dir = await mkdtemp(join(tmpdir(), 'tm-cli-exec-'));
  sim = await startTestSim({ manualClock: true });
  req = await actor(100_000_000n);
  wrk = await actor(20_000_000n);
});
afterAll(async () => {
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('cli executor, real CLI against the simulator', () => {
  it('claim → submit a file → accept as requester → rate with the typed score', async () => {
    const { taskId } = await req.write.createTask({ description: 'claim me', reward: 2_000_000n, durationHours: 24, mode: 'claim' });

    const claim = await taskAndAction(wrk, taskId, 'claim');
    const claimed = await wrk.cli.execute(claim.task, claim.pa);
    expectOk(claimed);
    expect(claimed.argv).toEqual(['task', 'claim', taskId]);
    expect(claimed.data).toMatchObject({ claimId: expect.any(String) });
    expect(claimed.spawnedAt).toBeTypeOf('number');
    expect(claimed.exitedAt! > claimed.spawnedAt!).toBe(true);
    expect((await req.read.getTask(taskId))!.status).toBe('claimed');

    const file = join(dir, 'work.txt');
    await writeFile(file, 'the labelled data\n');
    const submit = await taskAndAction(wrk, taskId, 'submit');
    expect(submit.pa.command).toContain('--file <path>');
    const submitted = await wrk.cli.execute(submit.task, submit.pa, {}, { files: [file], role: 'final' });
    expectOk(submitted);
    expect(submitted.data).toMatchObject({ submissionId: expect.any(String) });
    const subs = await req.read.getSubmissions(taskId);
    expect(subs.map((s) => s.workerAddress.toLowerCase())).toEqual([wrk.wallet.address.toLowerCase()]);

    const accept = await taskAndAction(req, taskId, 'accept');
    const workerBefore = await sim.balance(wrk.wallet.address);
    const accepted = await req.cli.execute(accept.task, accept.pa);
    expectOk(accepted);
    expect(accepted.argv).toEqual(['task', 'accept', taskId, '--worker', expect.stringMatching(new RegExp(wrk.wallet.address.slice(2), 'i'))]);
    expect((await req.read.getTask(taskId))!.status).toBe('completed');
    expect(await sim.balance(wrk.wallet.address)).toBe(workerBefore + 1_900_000n); // reward less the 5% fee

    const rate = await taskAndAction(req, taskId, 'rate');
    expect(rate.pa.command).toContain('--rating <0-100>');
    const rated = await req.cli.execute(rate.task, rate.pa, { rating: { kind: 'int', value: 80 } }, { feedback: 'solid work; would hire again' });
    expectOk(rated);
    expect(rated.argv.slice(-4)).toEqual(['--rating', '80', '--feedback', 'solid work; would hire again']);
    expect(rated.data).toMatchObject({ feedbackId: expect.any(String) });
    const after = await sim.get(`/api/tasks/${taskId}`);
    expect(after.body.pendingActions).toEqual([]);
    expect(after.body.primaryAward?.rating ?? after.body.awards?.[0]?.rating).toBe(80);
  });

  it('bid on an english auction: the simulator shows the bid at the typed price', async () => {
    const { taskId } = await req.write.createTask({ description: 'english', reward: 3_000_000n, durationHours: 24, mode: 'auction', auctionType: 'english', bidDeadlineHours: 2 });
    const { task, pa } = await taskAndAction(wrk, taskId, 'bid');
    const bid = await wrk.cli.execute(task, pa, { price: { kind: 'usdc', value: 1_250_000n } });
    expectOk(bid);
    expect(bid.argv).toEqual(['task', 'bid', taskId, '--price', '1.25']);
    const bids = await req.read.getBids(taskId);
    expect(bids.map((b) => [b.workerAddress?.toLowerCase(), b.price])).toEqual([[wrk.wallet.address.toLowerCase(), 1_250_000n]]);
  });

  it('auction-accept on a dutch clock: a guard above the clock is refused by the CLI with no charge; a guard below it accepts', async () => {
    const { taskId } = await req.write.createTask({ description: 'dutch', reward: 4_000_000n, durationHours: 24, mode: 'auction', auctionType: 'dutch', auctionFloorPrice: 1_000_000n, bidDeadlineHours: 1 });
    await sim.advance(30 * 60_000); // half way down the clock: about 2.5 USDC
    const { task, pa } = await taskAndAction(wrk, taskId, 'auction_accept');
    expect(pa.command).toContain('#');

    const ledgerBefore = await sim.ledger();
    const tooHigh = await wrk.cli.execute(task, pa, {}, { minPrice: 3_900_000n });
    expect(tooHigh.ok).toBe(false);
    if (tooHigh.ok) return;
    expect(tooHigh.argv).toEqual(['task', 'auction-accept', taskId, '--min-price', '3.9']);
    expect(tooHigh.exitCode).toBe(1);
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.error).toMatch(/below minPrice/);
    expect(await sim.ledger()).toEqual(ledgerBefore);
    expect((await req.read.getTask(taskId))!.status).toBe('open');

    const accepted = await wrk.cli.execute(task, pa, {}, { minPrice: 2_000_000n });
    expectOk(accepted);
    const price = BigInt((accepted.data as { acceptedPrice: string }).acceptedPrice);
    expect(price >= 2_000_000n && price < 4_000_000n).toBe(true);
    const now = (await req.read.getTask(taskId))!;
    expect(now.status).toBe('claimed');
    expect(now.claimedBy?.toLowerCase()).toBe(wrk.wallet.address.toLowerCase());
  });

  it('a contract rejection surfaces as contractError', async () => {
    const { taskId } = await req.write.createTask({ description: 'forfeit too early', reward: 1_000_000n, durationHours: 24, mode: 'claim' });
    await wrk.write.claim({ taskId });
    const task = (await req.read.getTask(taskId)) as Task;
    const out = await req.cli.execute(task, crafted('forfeit', `taskmarket task forfeit ${taskId}`));
    expect(out).toMatchObject({ ok: false, contractError: 'TaskNotYetExpired', status: 400, exitCode: 1 });
    expect((await req.read.getTask(taskId))!.status).toBe('claimed');
  });

  it('select-worker: CLI 1.13.0 sends it unpaid, the simulator answers 402 — a clear failure, not success', async () => {
    const { taskId } = await req.write.createTask({ description: 'pitch', reward: 1_000_000n, durationHours: 24, mode: 'pitch', pitchDeadlineHours: 2 });
    const { pitchId } = await wrk.write.pitch({ taskId, text: 'I can do it' });
    const { task, pa } = await taskAndAction(req, taskId, 'select_worker');
    const out = await req.cli.execute(task, pa, { pitch: { kind: 'text', value: pitchId }, worker: { kind: 'address', value: wrk.wallet.address } });
    expect(out).toMatchObject({ ok: false, status: 402, exitCode: 1, hint: expect.stringMatching(/native executor/) });
    expect((await req.read.getTask(taskId))!.status).toBe('open');
  });

  it('wallet writes from typed fields: set-withdrawal-address and task create', async () => {
    const set = await wrk.cli.executeCommand({ action: 'set_withdrawal_address', address: req.wallet.address });
    expectOk(set);
    expect((await sim.get(`/api/wallet/withdrawal-address?address=${wrk.wallet.address}`)).body.withdrawalAddress.toLowerCase()).toBe(req.wallet.address.toLowerCase());

    const created = await req.cli.executeCommand({ action: 'create_task', params: { description: 'made by the cli executor', reward: 1_500_000n, durationHours: 12, mode: 'claim', tags: ['data'] } });
    expectOk(created);
    const taskId = (created.data as { taskId: string }).taskId;
    const t = (await req.read.getTask(taskId))!;
    expect([t.reward, t.mode, t.tags, t.description]).toEqual([1_500_000n, 'claim', ['data'], 'made by the cli executor']);
    expect(await req.cli.executeCommand({ action: 'create_task', params: { description: '-x', reward: 1n, durationHours: 1 } })).toMatchObject({ ok: false, refused: true });
  });
});

describe('refusals spawn nothing', () => {
  const spawned = vi.fn<SpawnFn>(() => {
    throw new Error('a process was spawned');
  });
  const jailed = () => createCliExecutor({ bin: join(tmpdir(), 'no-such-dir', 'taskmarket-must-not-run'), home: dir, apiUrl: sim.url, spawn: spawned });
  let task: Task;
  beforeAll(async () => {
    const { taskId } = await req.write.createTask({ description: 'english 2', reward: 2_000_000n, durationHours: 24, mode: 'auction', auctionType: 'english', bidDeadlineHours: 2 });
    task = (await wrk.read.getTask(taskId)) as Task;
  });

  it.each([
    ['an unknown flag', (id: string) => `taskmarket task bid ${id} --price 1 --yes 1`, /no option --yes/],
    ['a shell tail', (id: string) => `taskmarket task bid ${id} --price 1; rm -rf ~`, /shell metacharacter/],
    ['a command substitution', (id: string) => `taskmarket task bid ${id} --price $(whoami)`, /shell metacharacter/],
    ['another task', () => `taskmarket task bid 0x${'ee'.repeat(32)} --price 1`, /different task/],
    ['another subcommand', (id: string) => `taskmarket task cancel ${id}`, /does not perform the "bid" action/],
    ['another program', (id: string) => `rm task bid ${id}`, /not a "taskmarket task" command/],
  ])('%s', async (_name, command, reason) => {
    const out = await jailed().execute(task, { ...task.pendingActions!.find((a) => a.action === 'bid')!, command: command(task.id) });
    expect(out).toMatchObject({ ok: false, refused: true, exitCode: -1, spawnedAt: null, error: expect.stringMatching(reason) });
    expect(out.ok === false && out.error).toMatch(/^refused by the command grammar/);
    expect(spawned).not.toHaveBeenCalled();
  });

  it('a placeholder left unfilled', async () => {
    const pa = task.pendingActions!.find((a) => a.action === 'bid')!;
    expect(pa.command).toContain('<usdc>');
    expect(await jailed().execute(task, pa)).toMatchObject({ ok: false, refused: true, error: 'needs input: price' });
    expect(spawned).not.toHaveBeenCalled();
  });

  it('a file that does not exist, a bad idempotency key', async () => {
    const submit = crafted('submit', `taskmarket task submit ${task.id} --file <path>`);
    expect(await jailed().execute(task, submit, {}, { files: [join(dir, 'nope.txt')] })).toMatchObject({ ok: false, refused: true, error: /not a readable file/ });
    const claim = crafted('bid', `taskmarket task bid ${task.id} --price 1`);
    expect(await jailed().execute(task, claim, {}, { idempotencyKey: 'not-a-uuid' })).toMatchObject({ ok: false, refused: true });
    expect(spawned).not.toHaveBeenCalled();
  });
});

describe('runCli process handling', () => {
  let stall: ReturnType<typeof createServer>;
  const sockets = new Set<Socket>();
  beforeAll(async () => {
    stall = createServer((s) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    await new Promise<void>((r) => stall.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => stall.close(r));
  });

  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  it('a CLI that hangs on a silent backend is killed at the timeout', async () => {
    const port = (stall.address() as { port: number }).port;
    const out = await runCli({ bin, argv: ['task', 'claim', '0x' + 'ab'.repeat(32)], home: wrk.wallet.home, apiUrl: `http://127.0.0.1:${port}`, timeoutMs: 4000 });
    expect(out).toMatchObject({ ok: false, killed: 'timeout', error: expect.stringMatching(/timed out after 4000 ms and was killed/) });
    expect(out.pid).toBeTypeOf('number');
    expect(alive(out.pid!)).toBe(false);
  });

  it('abort kills the child; only PATH, HOME and TASKMARKET_API_URL reach it; non-JSON output is a failure', async () => {
    const script = join(dir, 'fake-cli.mjs');
    await writeFile(
      script,
      `if (process.argv[2] === 'hang') setInterval(() => {}, 1000);
       else if (process.argv[2] === 'env') console.log(JSON.stringify({ ok: true, data: Object.keys(process.env).sort() }));
       else console.log('hello, not json');`,
    );
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const hung = await runCli({ bin: script, argv: ['hang'], home: dir, apiUrl: sim.url, signal: ac.signal, timeoutMs: 20_000 });
    expect(hung).toMatchObject({ ok: false, killed: 'abort' });
    expect(alive(hung.pid!)).toBe(false);

    process.env.TASKDESK_TEST_SECRET = 'do-not-leak';
    try {
      const env = await runCli({ bin: script, argv: ['env'], home: dir, apiUrl: sim.url, env: { TASKMARKET_IDEMPOTENCY_KEY: crypto.randomUUID() } });
      expectOk(env);
      expect(env.data).toEqual(['HOME', 'PATH', 'TASKMARKET_API_URL', 'TASKMARKET_IDEMPOTENCY_KEY']);
    } finally {
      delete process.env.TASKDESK_TEST_SECRET;
    }
    expect(await runCli({ bin: script, argv: ['env'], home: dir, apiUrl: sim.url, env: { HOME: '/' } })).toMatchObject({ ok: false, refused: true });
    expect(await runCli({ bin: script, argv: ['plain'], home: dir, apiUrl: sim.url })).toMatchObject({ ok: false, exitCode: 0, error: /not JSON/ });
    expect(await runCli({ bin: join(dir, 'missing-bin'), argv: [], home: dir, apiUrl: sim.url })).toMatchObject({ ok: false, exitCode: -1, error: /could not start/ });
    expect(await runCli({ bin: script, argv: [], home: dir, apiUrl: 'file:///etc/passwd' })).toMatchObject({ ok: false, refused: true });
  });
});
