// The engine's timers with an injected clock and timer queue (no market needed for what is tested here):
// one timer per order aimed at the exact crossing ms, long waits re-planned in steps of at most maxSleepMs,
// a changed schedule moving the timer, expiry journaled, a sped-up market's wall delays, and restore of a
// claim rule whose fills are used up. Fires reach a recording runner; the sim tests cover real sends.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_CLAIM_FILTER } from '../../../src/core/armed/claim-rule.js';
import type { AuctionAcceptSpec, ClaimRuleSpec } from '../../../src/core/armed/order.js';
import type { GateResult } from '../../../src/core/gate.js';
import type { Intent } from '../../../src/core/intent.js';
import type { Task } from '../../../src/core/types.js';
import { createArmedEngine } from '../../../src/exec/armed/engine.js';
import type { ArmedEngineOptions, Timers } from '../../../src/exec/armed/types.js';
import { openJournal, type Journal } from '../../../src/exec/journal.js';
import type { RunOutcome } from '../../../src/exec/runner.js';
import { makeTask, TASK_ID } from '../../core/fixtures.js';
import { cleanupDirs, tempDir } from '../act-fixtures.js';

const T0 = 1_800_000_000_000;
const H = 3_600_000;
const WALLET = '0x1111111111111111111111111111111111111111' as const;
/** The desk arms at this market time (not a whole number of sleeps before any crossing). */
const START = T0 + 61_234;

class FakeTimers implements Timers {
  queue: { id: number; fn: () => void; ms: number }[] = [];
  private next = 1;
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.queue.push({ id, fn, ms });
    return id;
  }
  clearTimeout(h: unknown): void {
    this.queue = this.queue.filter((t) => t.id !== h);
  }
  /** The one pending timer's delay. */
  only(): number {
    expect(this.queue).toHaveLength(1);
    return this.queue[0]!.ms;
  }
  /** Let market time pass by the pending timer's delay × scale and run it. */
  run(clock: { now: number }, scale = 1): void {
    const t = this.queue.shift()!;
    clock.now += t.ms * scale;
    t.fn();
  }
}

const ok: GateResult = { ok: true, checks: [] };
let journal: Journal | null = null;
afterEach(() => {
  journal?.close();
  journal = null;
  cleanupDirs();
});

function setup(task: Task, over: Partial<ArmedEngineOptions> = {}) {
  const clock = { now: START };
  const timers = new FakeTimers();
  const runs: Intent[] = [];
  const reads: number[] = [];
  let current = task;
  journal = openJournal(join(tempDir('armed-sched-'), 'journal.jsonl'));
  const j = journal;
  const engine = createArmedEngine({
    journal: j,
    runner: {
      run: async (intent) => {
        runs.push(intent);
        return { actionId: null, idempotencyKey: null, ok: false, refused: { reason: 'market', message: 'recording runner' }, response: null, verification: null, report: null, contractError: null, refetched: null } satisfies RunOutcome;
      },
    },
    gate: () => ok,
    refreshTask: async () => {
      reads.push(clock.now);
      return current;
    },
    now: () => clock.now,
    wallNow: () => clock.now,
    timers,
    wallet: WALLET,
    network: { name: 'base-sepolia', chainId: 84532 },
    apiUrl: 'http://127.0.0.1:9',
    pollMs: 100 * H,
    maxSleepMs: 30_000,
    // These cases pin the timer to the crossing; the read just before it has its own case below.
    preReadMs: 0,
    ...over,
  });
  return { clock, timers, runs, reads, engine, journal: j, setTask: (t: Task) => (current = t) };
}

const clockTask = (o: Partial<Task> = {}) =>
  makeTask({ mode: 'auction', auctionType: 'dutch', status: 'open', createdAt: T0, bidDeadline: T0 + 2 * H, expiryTime: T0 + 24 * H, maxPrice: 5_000_000n, auctionFloorPrice: 1_000_000n, ...o });
const accept = (o: Partial<AuctionAcceptSpec> = {}): AuctionAcceptSpec => ({ id: randomUUID(), kind: 'auction_accept', wallet: WALLET, agent: null, taskId: TASK_ID, auctionType: 'dutch', trigger: 3_000_000n, minPrice: 2_000_000n, expiresAt: T0 + 2 * H, ...o });
const typed = (phrase: string) => ({ confirmation: 'typed' as const, phrase, checks: [] });

describe('scheduling an armed auction-accept', () => {
  it('reads the task once more just before the crossing, and the fire sends on that read without another', async () => {
    const s = setup(clockTask(), { preReadMs: 1_500 });
    await s.engine.arm(accept(), typed('3.000000'));
    const armReads = s.reads.length;
    while (s.clock.now + s.timers.only() < T0 + H - 1_500) s.timers.run(s.clock);
    // The next wake is the read 1.5 s ahead of the crossing …
    expect(s.clock.now + s.timers.only()).toBe(T0 + H - 1_500);
    s.timers.run(s.clock);
    await new Promise((res) => setTimeout(res, 10));
    expect(s.reads).toEqual([...s.reads.slice(0, armReads), T0 + H - 1_500]);
    // … then the timer lands exactly on the crossing, and the fire reads nothing more.
    expect(s.clock.now + s.timers.only()).toBe(T0 + H);
    s.timers.run(s.clock);
    await new Promise((res) => setTimeout(res, 20));
    expect(s.runs).toHaveLength(1);
    expect(s.reads).toHaveLength(armReads + 1);
  });

  it('sleeps in steps of at most maxSleepMs, then lands exactly on the crossing ms', async () => {
    const s = setup(clockTask());
    const r = await s.engine.arm(accept(), typed('3.000000'));
    expect(r.ok && r.order.crossingAt).toBe(T0 + H); // 5.0 → 1.0 over 2 h: 3.0 at 1 h
    // The arm read counts as the first poll; an hour away, the timer is the coarse one.
    expect(s.timers.only()).toBe(30_000);
    let steps = 0;
    while (s.timers.only() === 30_000) {
      s.timers.run(s.clock);
      steps++;
    }
    expect(steps).toBe(Math.floor((T0 + H - START) / 30_000));
    // The last step is aimed at the exact crossing instant.
    expect(s.clock.now + s.timers.only()).toBe(T0 + H);
    expect(s.runs).toHaveLength(0);
    s.timers.run(s.clock);
    await new Promise((res) => setTimeout(res, 20));
    expect(s.runs.map((i) => [i.action, i.amount])).toEqual([['auction_accept', 2_000_000n]]);
    // The recording runner refuses: nothing was sent, so the order is suspended, not fired …
    const id = s.engine.list()[0]!.id;
    expect(s.engine.get(id)).toMatchObject({ status: 'suspended', reason: 'not sent: recording runner' });
    // … and still expires at the bid deadline, journaled.
    while (s.timers.queue.length > 0) s.timers.run(s.clock);
    expect(s.clock.now).toBe(T0 + 2 * H);
    expect(s.engine.get(id)).toMatchObject({ status: 'expired', reason: 'the bid deadline passed' });
    expect(s.journal.records().filter((r) => r.actionId === id).map((r) => r.step)).toEqual(['armed', 'fired', 'suspended', 'expired']);
  });

  it('a trigger the clock already meets fires at once', async () => {
    const s = setup(clockTask({ bidDeadline: T0 + 90_000, expiryTime: T0 + H }));
    await s.engine.arm(accept({ expiresAt: T0 + 90_000, trigger: 4_000_000n, minPrice: 3_000_000n }), typed('4.000000'));
    // 5.0 → 1.0 over 90 s: 4.0 at 22.5 s, already passed when the desk arms.
    expect(s.engine.list()[0]?.crossingAt).toBe(START);
    expect(s.timers.only()).toBe(0);
  });

  it('a timer that wakes early (timers are not the market clock) sends nothing and re-plans the rest', async () => {
    const s = setup(clockTask({ bidDeadline: T0 + 10 * 60_000, expiryTime: T0 + H }));
    await s.engine.arm(accept({ expiresAt: T0 + 10 * 60_000, trigger: 2_000_000n, minPrice: 1_500_000n }), typed('2.000000'));
    const want = s.engine.list()[0]!.crossingAt!;
    expect(want).toBe(T0 + 450_000);
    while (s.timers.only() === 30_000) s.timers.run(s.clock);
    expect(s.clock.now + s.timers.only()).toBe(want);
    s.timers.queue[0]!.ms -= 5;
    s.timers.run(s.clock);
    expect(s.runs).toHaveLength(0);
    expect(s.timers.only()).toBe(5);
  });

  it('moves the timer when the task\'s schedule changes, and suspends when the trigger can no longer be met', async () => {
    const s = setup(clockTask());
    await s.engine.arm(accept(), typed('3.000000'));
    const id = s.engine.list()[0]!.id;
    // The requester extends the clock to 3 h: 3.0 is now reached at 1.5 h (inside the order's 2 h expiry).
    s.engine.onTaskUpdate(clockTask({ bidDeadline: T0 + 3 * H }));
    expect(s.engine.get(id)?.crossingAt).toBe(T0 + 1.5 * H);
    expect(s.clock.now + s.timers.only()).toBe(s.clock.now + 30_000);
    // … then raises the floor above the trigger.
    s.engine.onTaskUpdate(clockTask({ auctionFloorPrice: 3_500_000n }));
    expect(s.engine.get(id)).toMatchObject({ status: 'suspended', reason: expect.stringMatching(/never fires now: the trigger .* is below the floor/) });
    expect(s.journal.records().filter((r) => r.actionId === id).map((r) => r.step)).toEqual(['armed', 'suspended']);
  });

  it('a claim rule expires at its own expiry, journaled', async () => {
    const s = setup(clockTask());
    const rule: ClaimRuleSpec = { id: randomUUID(), kind: 'claim', wallet: WALLET, agent: null, filter: EMPTY_CLAIM_FILTER, minReward: 0n, maxFills: 1, expiresAt: T0 + 70_000 };
    await s.engine.arm(rule, typed('1'));
    expect(s.timers.only()).toBe(T0 + 70_000 - START);
    s.timers.run(s.clock);
    const v = s.engine.list()[0]!;
    expect(v).toMatchObject({ status: 'expired', reason: 'the rule\'s expiry time passed' });
    expect(s.journal.records().filter((r) => r.actionId === v.id).map((r) => r.step)).toEqual(['armed', 'expired']);
    expect(s.timers.queue).toEqual([]);
  });

  it('on a market running 20× faster, wall delays are market delays / 20', async () => {
    const s = setup(clockTask(), { scale: () => 20, maxSleepMs: 600_000 });
    await s.engine.arm(accept(), typed('3.000000'));
    expect(s.timers.only()).toBe(Math.ceil((T0 + H - START) / 20));
  });
});

describe('restore', () => {
  it('a claim rule comes back paused and ignores new tasks; an order past its expiry is journaled expired', async () => {
    const s = setup(clockTask());
    const rule: ClaimRuleSpec = { id: randomUUID(), kind: 'claim', wallet: WALLET, agent: null, filter: EMPTY_CLAIM_FILTER, minReward: 0n, maxFills: 3, expiresAt: null };
    expect((await s.engine.arm(rule, typed('3'))).ok).toBe(true);
    // 4.5 is reached at 900 s; the order expires at 1000 s; the desk is gone from before 900 s to 1100 s.
    const soon = accept({ trigger: 4_500_000n, minPrice: 4_000_000n, expiresAt: T0 + 1_000_000 });
    expect((await s.engine.arm(soon, typed('4.500000'))).ok).toBe(true);
    s.engine.stop();
    s.clock.now = T0 + 1_100_000;
    const again = createArmedEngine({ journal: s.journal, runner: { run: async () => { throw new Error('no fire while paused'); } }, gate: () => ok, refreshTask: async () => clockTask(), now: () => s.clock.now, wallNow: () => s.clock.now, timers: new FakeTimers(), wallet: WALLET, network: { name: 'base-sepolia', chainId: 84532 }, apiUrl: 'http://127.0.0.1:9' });
    const back = again.restore();
    expect(back.map((o) => [o.kind, o.status])).toEqual([['claim', 'paused'], ['auction_accept', 'expired']]);
    expect(s.journal.records().filter((r) => r.actionId === soon.id).map((r) => r.step)).toEqual(['armed', 'expired']);
    // A paused rule ignores new tasks until resumed.
    again.onNewTask(makeTask({ mode: 'claim', status: 'open', reward: 2_000_000n, expiryTime: T0 + H }));
    await new Promise((res) => setTimeout(res, 20));
    expect(again.get(rule.id)?.fires).toEqual([]);
  });
});
