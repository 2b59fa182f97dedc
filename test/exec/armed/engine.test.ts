// The armed-order engine against the simulator over real HTTP (real clock, real x402, the real runner and
// native executor): an armed auction-accept fires at the crossing instant, never before it, once; a check
// failing at fire time suspends it with nothing sent, and resume fires it; disarm stops it; a new engine
// over the same journal brings unfinished orders back paused. Checked at /sim/requests and /sim/ledger.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AuctionAcceptSpec } from '../../../src/core/armed/order.js';
import { clockPrice } from '../../../src/core/clock.js';
import { formatUsdc } from '../../../src/core/money.js';
import type { Task } from '../../../src/core/types.js';
import { createTask, dutch } from '../../helpers/tasks.js';
import { startTestSim, type TestSim } from '../../helpers/sim.js';
import { newWallet, type Wallet } from '../../helpers/x402.js';
import { cleanupDirs, stepsOf } from '../act-fixtures.js';
import { makeDesk, sleep, waitOrder, writesOn, type Desk, type LoggedRequest } from './engine-fixtures.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const ACCEPT = '/api/tasks/:taskId/bids/accept';
const FUND = 20_000_000n;
let sim: TestSim;
let requester: Wallet;
let desk: Desk;
const ids: Record<string, string> = {};

beforeAll(async () => {
  sim = await startTestSim();
  requester = newWallet();
  await sim.faucet(requester.address, 200_000_000n);
  desk = await makeDesk(sim, { fund: FUND });
});
afterAll(async () => {
  desk?.engine.stop();
  desk?.actor.close();
  await sim?.close();
  cleanupDirs();
});

/** A dutch clock from 4.0 to 1.0 USDC over 72 s (about 42 base units a ms). */
async function clock(): Promise<Task> {
  const id = await createTask(sim, requester, { ...dutch('4000000', '1000000', 0.02), description: 'armed engine test clock', tags: ['armed'] });
  return desk.actor.task(id);
}

/** An armed auction-accept whose trigger the clock reaches `inMs` from now; the guard `guardBelow` under it. */
function acceptSpec(task: Task, inMs: number, guardBelow = 400_000n): AuctionAcceptSpec {
  const trigger = clockPrice(task, sim.sim.now() + inMs)!;
  return { id: randomUUID(), kind: 'auction_accept', wallet: desk.actor.address, agent: null, taskId: task.id, auctionType: 'dutch', trigger, minPrice: trigger - guardBelow, expiresAt: task.bidDeadline! };
}
const typed = (phrase: string) => ({ confirmation: 'typed' as const, phrase, checks: [{ id: 'network_intent', status: 'pass' as const }] });

async function accepts(taskId: string): Promise<LoggedRequest[]> {
  return (await writesOn(sim, ACCEPT, taskId)) as LoggedRequest[];
}

describe('an armed auction-accept', () => {
  it('fires at the crossing instant, once, at a price within trigger and guard', async () => {
    const task = await clock();
    const spec = acceptSpec(task, 2_500);
    const before = await sim.balance(desk.actor.address);
    const armed = await desk.engine.arm(spec, typed(formatUsdc(spec.trigger)), { task });
    if (!armed.ok) throw new Error(JSON.stringify(armed.errors));
    const crossing = armed.order.crossingAt!;
    // The crossing is the first ms the backend's formula meets the trigger.
    expect(clockPrice(task, crossing)! <= spec.trigger && clockPrice(task, crossing - 1)! > spec.trigger).toBe(true);
    expect(armed.order.status).toBe('armed');
    // Nothing leaves before the crossing.
    await sleep(1_500);
    expect(await accepts(task.id)).toEqual([]);

    const done = await waitOrder(desk.engine, spec.id, (v) => v.status === 'fired' && v.fires[0]?.outcome !== 'sending', 'the fire');
    const fire = done.fires[0]!;
    expect(fire.outcome).toBe('filled');
    expect(fire.crossingAt).toBe(crossing);
    expect(fire.at).toBeGreaterThanOrEqual(crossing);
    expect(fire.fillPrice! <= spec.trigger && fire.fillPrice! >= spec.minPrice).toBe(true);
    expect(fire.report[0]).toMatch(/^fill \d+\.\d{6} USDC against the trigger \d+\.\d{6} USDC: -?[+]?\d+\.\d{6} \((worse than|exactly at) the trigger\); guard/);

    const writes = await accepts(task.id);
    // The x402 exchange: a 402 leg then the paid leg, one idempotency key, exactly one 2xx.
    expect(writes.map((w) => w.status)).toEqual([402, 200]);
    expect(new Set(writes.map((w) => w.idempotencyKey)).size).toBe(1);
    for (const w of writes) expect(w.marketAt).toBeGreaterThanOrEqual(crossing);
    expect(writes[0]!.actor === null || writes[0]!.actor?.toLowerCase() === desk.actor.address.toLowerCase()).toBe(true);
    expect(writes[1]!.actor?.toLowerCase()).toBe(desk.actor.address.toLowerCase());
    // The ledger: the fee and nothing else left the wallet; the task is claimed by it at the fill price.
    expect(await sim.balance(desk.actor.address)).toBe(before - 1000n);
    const after = await desk.actor.task(task.id);
    expect(after.status).toBe('claimed');
    expect(after.claimedBy?.toLowerCase()).toBe(desk.actor.address.toLowerCase());
    // The journal: the order's steps, then the fired action's own, as a ticket's.
    expect(stepsOf(desk.actor.journal, spec.id)).toEqual(['armed', 'fired']);
    expect(stepsOf(desk.actor.journal, fire.actionId)).toEqual(['intent', 'approved', 'sent', 'response', 'verified']);
    const intent = desk.actor.journal.records().find((r) => r.actionId === fire.actionId && r.step === 'intent');
    expect(intent?.step === 'intent' && intent.idempotencyKey).toBe(writes[0]!.idempotencyKey);
    expect(intent?.step === 'intent' && [intent.amount, intent.shownPrice]).toEqual([spec.minPrice, fire.price]);
    ids.filled = spec.id;
  });

  it('suspends when a gate check fails at fire time, sends nothing, and fires once resumed', async () => {
    const task = await clock();
    const spec = acceptSpec(task, 1_500, 1_500_000n);
    const armed = await desk.engine.arm(spec, typed(formatUsdc(spec.trigger)), { task });
    expect(armed.ok).toBe(true);
    // The operator's spend cap drops under the fee before the crossing: the gate must catch it at fire time.
    desk.caps.session = 500n;
    const suspended = await waitOrder(desk.engine, spec.id, (v) => v.status === 'suspended', 'the suspension');
    expect(suspended.reason).toMatch(/^spend cap: over the session cap/);
    expect(suspended.fires).toEqual([]);
    await sleep(300);
    expect(await accepts(task.id)).toEqual([]);
    const recs = desk.actor.journal.records().filter((r) => r.actionId === spec.id);
    expect(recs.map((r) => r.step)).toEqual(['armed', 'suspended']);
    expect(recs[1]?.step === 'suspended' && recs[1].check).toBe('spend_cap');
    expect(desk.events.some((e) => e.orderId === spec.id && e.type === 'suspended')).toBe(true);

    desk.caps.session = null;
    expect(await desk.engine.resume(spec.id)).toBe(true);
    const fired = await waitOrder(desk.engine, spec.id, (v) => v.status === 'fired' && v.fires[0]?.outcome !== 'sending', 'the fire after resume');
    expect(fired.fires[0]?.outcome).toBe('filled');
    expect((await accepts(task.id)).filter((w) => w.status === 200)).toHaveLength(1);
    expect(stepsOf(desk.actor.journal, spec.id)).toEqual(['armed', 'suspended', 'resumed', 'fired']);
  });

  it('disarms with one call: journaled, and nothing is sent at the crossing', async () => {
    const task = await clock();
    const spec = acceptSpec(task, 1_000);
    expect((await desk.engine.arm(spec, typed(formatUsdc(spec.trigger)), { task })).ok).toBe(true);
    expect(desk.engine.disarm(spec.id)).toBe(true);
    expect(desk.engine.disarm(spec.id)).toBe(false);
    await sleep(2_000);
    expect(await accepts(task.id)).toEqual([]);
    expect(desk.engine.get(spec.id)?.status).toBe('disarmed');
    expect(stepsOf(desk.actor.journal, spec.id)).toEqual(['armed', 'disarmed']);
    ids.disarmed = spec.id;
  });

  it('refuses to arm without the typed trigger, a trigger that never fires, or a second order on the task', async () => {
    const task = await clock();
    const spec = acceptSpec(task, 5_000);
    expect(await desk.engine.arm(spec, typed('1.0'), { task })).toMatchObject({ ok: false, errors: { approval: `type ${formatUsdc(spec.trigger)} to arm` } });
    const floor = { ...spec, id: randomUUID(), trigger: 1_000_000n, minPrice: 0n };
    expect(await desk.engine.arm(floor, typed('1.000000'), { task })).toMatchObject({ ok: false, errors: { trigger: expect.stringMatching(/only at the bid deadline/) } });
    expect((await desk.engine.arm(spec, typed(formatUsdc(spec.trigger)), { task })).ok).toBe(true);
    const twin = { ...spec, id: randomUUID() };
    expect(await desk.engine.arm(twin, typed(formatUsdc(spec.trigger)), { task })).toMatchObject({ ok: false, errors: { task: expect.stringMatching(/already armed/) } });
    expect(desk.engine.disarm(spec.id)).toBe(true);
    expect(desk.actor.journal.records().some((r) => r.actionId === floor.id || r.actionId === twin.id)).toBe(false);
  });

  it('after a restart, a new engine over the same journal brings the unfinished order back paused', async () => {
    const task = await clock();
    const spec = acceptSpec(task, 1_500, 1_500_000n);
    expect((await desk.engine.arm(spec, typed(formatUsdc(spec.trigger)), { task })).ok).toBe(true);
    // The desk goes away: its timers with it, its journal closed and opened again by the next desk.
    desk.engine.stop();
    desk.actor.reopen();
    const engine = desk.rebuild();
    const back = engine.restore();
    const status = (id: string) => back.find((o) => o.id === id)?.status;
    expect(status(spec.id)).toBe('paused');
    expect(status(ids.filled!)).toBe('fired');
    expect(status(ids.disarmed!)).toBe('disarmed');
    expect(back.find((o) => o.id === ids.filled)?.fires[0]).toMatchObject({ outcome: 'filled' });
    // Paused means paused: past the crossing, nothing is sent.
    await sleep(2_500);
    expect(await accepts(task.id)).toEqual([]);
    expect(await engine.resume(spec.id)).toBe(true);
    const fired = await waitOrder(engine, spec.id, (v) => v.status === 'fired' && v.fires[0]?.outcome !== 'sending', 'the fire after restore');
    expect(fired.fires[0]?.outcome).toBe('filled');
    expect((await accepts(task.id)).filter((w) => w.status === 200)).toHaveLength(1);
    expect(stepsOf(desk.actor.journal, spec.id)).toEqual(['armed', 'resumed', 'fired']);
  });

  it('ends, journaled as expired, when someone else takes the clock first', async () => {
    const task = await clock();
    const spec = acceptSpec(task, 20_000);
    const engine = desk.engine;
    expect((await engine.arm(spec, typed(formatUsdc(spec.trigger)), { task })).ok).toBe(true);
    const rival = newWallet();
    await sim.faucet(rival.address, 1_000_000n);
    const { paidPost } = await import('../../helpers/x402.js');
    const r = await paidPost(sim.url, `/api/tasks/${task.id}/bids/accept`, { taskId: task.id, minPrice: '0' }, rival.privateKey);
    expect(r.status).toBe(200);
    const gone = await waitOrder(engine, spec.id, (v) => v.status === 'expired', 'the poll to see the task taken');
    expect(gone.reason).toMatch(/the task was taken by 0x.* before the order fired/);
    expect((await accepts(task.id)).filter((w) => w.actor?.toLowerCase() === desk.actor.address.toLowerCase())).toEqual([]);
    expect(stepsOf(desk.actor.journal, spec.id)).toEqual(['armed', 'expired']);
  });
});
