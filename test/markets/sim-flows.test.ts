// The client against the real simulator over HTTP on 127.0.0.1: wallets made like `taskmarket init`
// (device key served by the sim), reads through MarketReader, and paid writes through x402 with the
// ledger checked after each one.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWallet, type CreatedWallet } from '../../src/sim/taskmarket/accounts/demo-wallet.js';
import { MarketError } from '../../src/markets/errors.js';
import {
  BASE_MAINNET,
  checkNetwork,
  createTaskmarketReader,
  createTaskmarketWriter,
  keystoreSigner,
  loadKeystore,
  parseCommand,
  SIM_NETWORK,
  type TaskmarketReader,
  type TaskmarketWriter,
} from '../../src/markets/taskmarket/index.js';
import { startTestSim, type TestSim } from '../helpers/sim.js';

let sim: TestSim;
let requesterWallet: CreatedWallet;
let workerWallet: CreatedWallet;
let requester: { read: TaskmarketReader; write: TaskmarketWriter };
let worker: { read: TaskmarketReader; write: TaskmarketWriter };

async function actor(w: CreatedWallet) {
  const signer = keystoreSigner(await loadKeystore(w.keystorePath));
  return {
    read: createTaskmarketReader({ apiUrl: sim.url, signer }),
    write: createTaskmarketWriter({ apiUrl: sim.url, signer, network: SIM_NETWORK }),
  };
}

beforeAll(async () => {
  sim = await startTestSim({ manualClock: true });
  requesterWallet = await createWallet(sim, await mkdtemp(join(tmpdir(), 'tm-req-')), { fund: 100_000_000n });
  workerWallet = await createWallet(sim, await mkdtemp(join(tmpdir(), 'tm-wrk-')), { fund: 10_000_000n });
  requester = await actor(requesterWallet);
  worker = await actor(workerWallet);
});
afterAll(() => sim.close());

describe('reads against the simulator', () => {
  it('network info matches the expected sim network; mainnet would be a mismatch', async () => {
    const info = await requester.read.networkInfo();
    expect(checkNetwork(SIM_NETWORK, info)).toBeNull();
    expect(checkNetwork(BASE_MAINNET, info)).toMatch(/chain 84532.*expects chain 8453/);
  });

  it('balance and agent stats for a fresh wallet', async () => {
    expect(await requester.read.balance(requesterWallet.address)).toBe(100_000_000n);
    const stats = await requester.read.agentStats(requesterWallet.address);
    expect(stats.completedTasks).toBe(0);
    expect(await worker.read.myBids()).toEqual([]);
  });

  it('unknown task → null, and empty lists for its bids/submissions/pitches', async () => {
    const ghost = '0x' + '0f'.repeat(32);
    expect(await requester.read.getTask(ghost)).toBeNull();
    expect(await requester.read.getBids(ghost)).toEqual([]);
    expect(await requester.read.getSubmissions(ghost)).toEqual([]);
    expect(await requester.read.getPitches(ghost)).toEqual([]);
  });
});

describe('paid writes through x402', () => {
  it('create a bounty: the reward is escrowed, the task lists, and every pendingAction command parses', async () => {
    const before = await sim.balance(requesterWallet.address);
    const r = await requester.write.createTask({ description: 'Write a haiku about ledgers', reward: 5_000_000n, durationHours: 24, tags: ['poetry'] });
    expect(r.paid).toBe(5_000_000n);
    expect(await sim.balance(requesterWallet.address)).toBe(before - 5_000_000n);
    const page = await requester.read.listTasks({ status: 'open', tags: ['poetry'] });
    expect(page.tasks.map((t) => t.id)).toContain(r.taskId);
    const task = (await requester.read.getTask(r.taskId))!;
    expect(task.reward).toBe(5_000_000n);
    expect(task.mode).toBe('bounty');
    expect(task.pendingActions!.map((a) => a.action)).toEqual(['cancel', 'update', 'submit']);
    for (const a of task.pendingActions!) {
      const parsed = parseCommand(a.command, { taskId: task.id, action: a.action });
      expect(parsed.ok, a.command).toBe(true);
    }
    const inbox = await requester.read.inbox(requesterWallet.address);
    expect(inbox.asRequester.map((t) => t.id)).toContain(r.taskId);
  });

  it('dutch auction: the worker auction-accepts at the clock price and pays 0.001 USDC', async () => {
    const created = await requester.write.createTask({
      description: 'Dutch job',
      reward: 4_000_000n,
      durationHours: 24,
      mode: 'auction',
      auctionType: 'dutch',
      auctionFloorPrice: 1_000_000n,
      bidDeadlineHours: 2,
    });
    const task = (await worker.read.getTask(created.taskId))!;
    expect(task.auctionType).toBe('dutch');
    expect(task.maxPrice).toBe(4_000_000n);
    expect(task.currentAuctionPrice).not.toBeNull();
    const before = await sim.balance(workerWallet.address);
    const r = await worker.write.auctionAccept({ taskId: created.taskId, minPrice: 1_000_000n });
    expect(r.paid).toBe(1000n);
    expect(r.workerAddress.toLowerCase()).toBe(workerWallet.address.toLowerCase());
    expect(r.acceptedPrice).toBeGreaterThanOrEqual(1_000_000n);
    expect(r.acceptedPrice).toBeLessThanOrEqual(4_000_000n);
    expect(await sim.balance(workerWallet.address)).toBe(before - 1000n);
    const after = (await worker.read.getTask(created.taskId))!;
    expect(after.status).toBe('claimed');
    expect(after.claimedBy?.toLowerCase()).toBe(workerWallet.address.toLowerCase());
  });

  it('english auction: a bid shows up in bids and my bids; a higher second bid is refused by the market', async () => {
    const created = await requester.write.createTask({
      description: 'English job',
      reward: 3_000_000n,
      durationHours: 24,
      mode: 'auction',
      auctionType: 'english',
      bidDeadlineHours: 2,
    });
    const r = await worker.write.bid({ taskId: created.taskId, price: 2_000_000n });
    expect(r.paid).toBe(1000n);
    const bids = await worker.read.getBids(created.taskId);
    expect(bids).toHaveLength(1);
    expect(bids[0]!.price).toBe(2_000_000n);
    const mine = await worker.read.myBids();
    expect(mine.find((b) => b.taskId === created.taskId)?.myBidPrice).toBe(2_000_000n);
    const detail = (await worker.read.getTask(created.taskId))!;
    expect(detail.currentLowestBid).toBe(2_000_000n);
    const bidAction = detail.pendingActions!.find((a) => a.action === 'bid')!;
    const parsed = parseCommand(bidAction.command, { taskId: created.taskId, action: 'bid' });
    expect(parsed.ok && parsed.value.note).toBe('current lowest: $2.000000');
    const before = await sim.balance(workerWallet.address);
    const e = await worker.write.bid({ taskId: created.taskId, price: 2_500_000n }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MarketError);
    expect((e as MarketError).message).toMatch(/undercut/i);
    expect(await sim.balance(workerWallet.address)).toBe(before); // preflight rejections are not charged
  });

  it('a writer expecting another network refuses to sign and nothing is charged', async () => {
    const signer = keystoreSigner(await loadKeystore(requesterWallet.keystorePath));
    const wrong = createTaskmarketWriter({ apiUrl: sim.url, signer, network: BASE_MAINNET });
    const before = await sim.balance(requesterWallet.address);
    const e = await wrong.createTask({ description: 'x', reward: 1_000_000n, durationHours: 1 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(MarketError);
    expect((e as MarketError).kind).toBe('mismatch');
    expect(await sim.balance(requesterWallet.address)).toBe(before);
  });
});
