// The English bid ladder and the armed claim rule through the engine against the simulator over HTTP:
// the ladder opens at the max, answers each undercut by a rival on its next fresh read, never bids below
// its floor and stops there; the claim rule claims matching new tasks up to N, skips one a rival claimed
// first, and leaves the rest. Checked at /sim/requests, the bids route and /sim/ledger.
import { randomUUID } from 'node:crypto';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { EMPTY_CLAIM_FILTER } from '../../../src/core/armed/claim-rule.js';
import type { ClaimRuleSpec, LadderSpec } from '../../../src/core/armed/order.js';
import { createTask } from '../../helpers/tasks.js';
import { startTestSim, type TestSim } from '../../helpers/sim.js';
import { newWallet, paidPost, type Wallet } from '../../helpers/x402.js';
import { cleanupDirs, requests, stepsOf } from '../act-fixtures.js';
import { makeDesk, sleep, waitOrder, writesOn, type Desk } from './engine-fixtures.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let sim: TestSim;
let requester: Wallet;
let rival: Wallet;
let desk: Desk;
const me = () => desk.actor.address.toLowerCase();

beforeAll(async () => {
  sim = await startTestSim();
  requester = newWallet();
  rival = newWallet();
  await sim.faucet(requester.address, 200_000_000n);
  await sim.faucet(rival.address, 10_000_000n);
  desk = await makeDesk(sim, { fund: 10_000_000n });
});
afterAll(async () => {
  desk?.engine.stop();
  desk?.actor.close();
  await sim?.close();
  cleanupDirs();
});

const typed = (phrase: string) => ({ confirmation: 'typed' as const, phrase, checks: [] });

describe('the English bid ladder', () => {
  it('opens at the max, undercuts each rival by the step, bids the floor when a step would pass it, then stops', async () => {
    const id = await createTask(sim, requester, { mode: 'auction', auctionType: 'english', reward: '3000000', maxPrice: '3000000', bidDeadline: 1, description: 'ladder test' });
    const task = await desk.actor.task(id);
    const spec: LadderSpec = { id: randomUUID(), kind: 'ladder', wallet: desk.actor.address, agent: null, taskId: id, auctionType: 'english', step: 250_000n, floor: 2_000_000n, maxBids: 4, expiresAt: task.bidDeadline! };
    const before = await sim.balance(desk.actor.address);
    const armed = await desk.engine.arm(spec, typed('2.000000'), { task });
    if (!armed.ok) throw new Error(JSON.stringify(armed.errors));
    const bids = (n: number, what: string) => waitOrder(desk.engine, spec.id, (v) => v.fills >= n && v.fires.every((f) => f.outcome !== 'sending'), what);

    const one = await bids(1, 'the opening bid');
    expect(one.fires.map((f) => [f.outcome, f.price])).toEqual([['filled', 3_000_000n]]);
    // It holds the lowest: later reads bid nothing.
    await sleep(1_000);
    expect(desk.engine.get(spec.id)?.fills).toBe(1);

    const undercut = async (price: string) => expect((await paidPost(sim.url, `/api/tasks/${id}/bids`, { taskId: id, price }, rival.privateKey)).status).toBe(200);
    await undercut('2900000');
    const two = await bids(2, 'the answer to 2.9');
    expect(two.fires[1]?.price).toBe(2_650_000n);
    await undercut('2100000');
    const three = await bids(3, 'the answer to 2.1');
    // 2.1 − 0.25 is under the floor: the ladder bids the floor itself (still a strict undercut).
    expect(three.fires[2]?.price).toBe(2_000_000n);
    await undercut('1900000');
    const end = await waitOrder(desk.engine, spec.id, (v) => v.status === 'exhausted', 'the floor to end it');
    expect(end.reason).toMatch(/at or below your floor/);
    expect(end.fills).toBe(3);

    const mine = (await requests(sim)).filter((r) => r.route === '/api/tasks/:taskId/bids' && r.path.includes(id) && r.actor?.toLowerCase() === me());
    expect(mine.filter((r) => r.status === 200)).toHaveLength(3);
    const rows = (await sim.get<{ workerAddress: string; price: string }[]>(`/api/tasks/${id}/bids`)).body;
    expect(rows.find((b) => b.workerAddress.toLowerCase() === me())?.price).toBe('2000000');
    expect(await sim.balance(desk.actor.address)).toBe(before - 3n * 1000n);
    expect(stepsOf(desk.actor.journal, spec.id)).toEqual(['armed', 'fired', 'fired', 'fired']);
  });
});

describe('the armed claim rule', () => {
  async function claimTask(reward: string, tags: string[]): Promise<string> {
    return createTask(sim, requester, { mode: 'claim', reward, tags, description: 'claim rule test', duration: 2 });
  }

  it('claims matching new tasks up to N, skips one a rival claimed first, and ignores the rest', async () => {
    const spec: ClaimRuleSpec = { id: randomUUID(), kind: 'claim', wallet: desk.actor.address, agent: null, filter: { ...EMPTY_CLAIM_FILTER, tags: ['armed-claim'] }, minReward: 1_000_000n, maxFills: 2, expiresAt: null };
    const armed = await desk.engine.arm(spec, typed('2'));
    if (!armed.ok) throw new Error(JSON.stringify(armed.errors));

    // A rival claims this one between the feed's read and the rule's fire.
    const raced = await claimTask('2000000', ['armed-claim']);
    const stale = await desk.actor.task(raced);
    const account = privateKeyToAccount(rival.privateKey);
    const signature = await account.signMessage({ message: `taskmarket:claim:${raced}` });
    expect((await sim.post(`/api/tasks/${raced}/claim`, { taskId: raced, workerAddress: account.address, signature })).status).toBe(200);
    desk.engine.onNewTask(stale);
    await waitOrder(desk.engine, spec.id, (v) => v.note?.startsWith('missed') === true && v.status === 'armed', 'the missed note');

    const low = await claimTask('500000', ['armed-claim']);
    const other = await claimTask('5000000', ['something-else']);
    const a = await claimTask('1500000', ['armed-claim', 'x']);
    const b = await claimTask('3000000', ['armed-claim']);
    const c = await claimTask('2500000', ['armed-claim']);
    for (const t of [low, other, a, b, c]) desk.engine.onNewTask(await desk.actor.task(t));
    const done = await waitOrder(desk.engine, spec.id, (v) => v.status === 'exhausted' && v.fires.every((f) => f.outcome !== 'sending'), 'two claims');
    expect(done.fires.map((f) => [f.taskId, f.outcome])).toEqual([[a, 'filled'], [b, 'filled']]);
    await sleep(500);

    const claimedBy = async (t: string) => (await desk.actor.task(t)).claimedBy?.toLowerCase() ?? null;
    expect([await claimedBy(a), await claimedBy(b)]).toEqual([me(), me()]);
    expect(await claimedBy(c)).toBeNull();
    expect(await claimedBy(low)).toBeNull();
    expect(await claimedBy(other)).toBeNull();
    for (const t of [raced, low, other, c]) expect((await writesOn(sim, '/api/tasks/:taskId/claim', t)).filter((r) => r.actor?.toLowerCase() === me())).toEqual([]);
    expect(stepsOf(desk.actor.journal, spec.id)).toEqual(['armed', 'fired', 'fired']);
    // A later match does nothing: the rule is used up.
    const late = await claimTask('4000000', ['armed-claim']);
    desk.engine.onNewTask(await desk.actor.task(late));
    await sleep(500);
    expect(await claimedBy(late)).toBeNull();
  });
});
