// Arming tickets and the Orders view in the desk (ink-testing-library): the x chooser offers "arm-…" beside
// an armable action; a ladder's ticket shows every check and is confirmed by typing its floor, naming the
// floor and the most it can spend in fees; a claim rule from :arm-claim is confirmed by typing N and carries
// the Feed's filters; a wrong phrase arms nothing; the Orders view lists orders with their state, reason
// and fill against the trigger, r resumes and d disarms the selected one; the clock row shows ARMED.
import { afterEach, describe, expect, it } from 'vitest';
import type { ArmedSpec } from '../../src/core/armed/order.js';
import type { PendingAction, Task } from '../../src/core/types.js';
import type { DeskStore } from '../../src/store/desk-store.js';
import type { ArmApproval, OrderView } from '../../src/store/armed.js';
import { KEY, makeStore, makeTask, mount, settle, T0, type Mounted } from './harness.js';

let m: Mounted | null = null;
afterEach(() => {
  m?.unmount();
  m = null;
});

const ME = '0xabcdef0123456789abcdef0123456789abcdef01' as const;
const USDC = '0x036CbD53842c5426634e7929541eC2318f3dCF7e' as const;

function pa(p: Partial<PendingAction> & Pick<PendingAction, 'action' | 'role'>, id: string): PendingAction {
  return { command: `taskmarket task ${p.action.replace(/_/g, '-')} ${id}`, eligibleAddress: null, requiresPayment: false, paymentAmount: null, availableAfter: null, availableUntil: null, targetWorker: null, ...p };
}

function armingStore(tasks: Task[]) {
  const store = makeStore(tasks, { wallet: ME });
  const s = store.getState();
  s.setConn({ balance: 50_000_000n, balanceFetchedAt: T0 - 1000, networkFetchedAt: T0 - 1000 });
  s.setAct({ intended: { name: 'base-sepolia', chainId: 84532, usdcAddress: USDC }, confirmed: true, intendedApiUrl: 'http://127.0.0.1:1' });
  for (const task of tasks) s.setDetail({ task, bids: [], submissions: [], pitches: [], fetchedAt: T0 - 1000 });
  s.setClocks(tasks.filter((t) => t.mode === 'auction'), T0 - 1000);
  s.tick(T0);
  answerDetailRequests(store);
  const calls = { arm: [] as { spec: ArmedSpec; approval: ArmApproval }[], disarm: [] as string[], resume: [] as string[] };
  s.setArmed({
    control: {
      arm: async (spec, approval) => {
        calls.arm.push({ spec, approval });
        return { ok: true, order: orderView(spec, 'armed') };
      },
      disarm: (id) => (calls.disarm.push(id), true),
      resume: async (id) => (calls.resume.push(id), true),
    },
  });
  return { store, calls };
}

/** What the pollers do: a detail request is answered by a fresh read of the task as the store holds it. */
function answerDetailRequests(store: DeskStore): void {
  let seen = store.getState().detailRequests;
  store.subscribe((st) => {
    if (st.detailRequests === seen) return;
    const asked = Object.keys(st.detailRequests).filter((id) => st.detailRequests[id] !== seen[id]);
    seen = st.detailRequests;
    for (const id of asked) {
      const d = st.details[id];
      const startedAt = Date.now();
      if (d) queueMicrotask(() => store.getState().setDetail({ ...d, fetchedAt: store.getState().wallNow }, startedAt));
    }
  });
}

function orderView(spec: ArmedSpec, status: OrderView['status'], extra: Partial<OrderView> = {}): OrderView {
  return { id: spec.id, kind: spec.kind, spec, status, reason: null, phrase: '', crossingAt: null, fills: 0, fireLimit: 1, fires: [], note: null, armedAt: T0, ...extra };
}

const english = makeTask({ id: '0xe0000000000000000000000000000000000000000000000000000000000000e1', mode: 'auction', auctionType: 'english', maxPrice: 5_000_000n, reward: 5_000_000n, currentLowestBid: 3_000_000n, auctionBidCount: 1, bidDeadline: T0 + 600_000, status: 'open' });
english.pendingActions = [pa({ action: 'bid', role: 'worker', requiresPayment: true, paymentAmount: 1000n, availableUntil: T0 + 600_000 }, english.id)];
const dutch = makeTask({ id: '0xd0000000000000000000000000000000000000000000000000000000000000d1', mode: 'auction', auctionType: 'dutch', maxPrice: 5_000_000n, reward: 5_000_000n, auctionFloorPrice: 1_000_000n, bidDeadline: T0 + 3_600_000, createdAt: T0 - 60_000, status: 'open' });

const accept = (id: string, trigger: bigint): ArmedSpec => ({ id, kind: 'auction_accept', wallet: ME, agent: null, taskId: dutch.id, auctionType: 'dutch', trigger, minPrice: trigger - 10_000n, expiresAt: T0 + 3_600_000 });

async function openChooser(store: DeskStore): Promise<Mounted> {
  const mm = await mount(store, { rows: 70, columns: 160, actions: { bell: () => {} } });
  await mm.press('1', 'x');
  return mm;
}

describe('arming tickets', () => {
  it('x offers arm-bid-ladder beside bid; the ladder is confirmed by typing its floor, naming the floor and the fees', async () => {
    const { store, calls } = armingStore([english]);
    m = await openChooser(store);
    expect(m.frame()).toContain('Choose an action');
    expect(m.frame()).toMatch(/arm-bid-ladder/);
    await m.press('j', KEY.enter);
    expect(m.frame()).toContain('Ticket: Arm a bid ladder');
    await m.press(KEY.tab);
    await m.type('2');
    await m.press(KEY.enter);
    const f = m.frame();
    for (const label of ['network confirmed', 'chain, USDC, wallet', 'task fresh (60 s)', 'pendingActions entry', 'spend cap', 'balance']) expect(f).toContain(label);
    expect(f).toMatch(/floor\s+2\.000000 USDC \(never below\)/);
    expect(f).toMatch(/most it can spend\s+0\.003000 USDC in fees/);
    expect(f).toContain('Type 2.000000 to confirm · Esc cancels · floor 2.000000 USDC, at most 0.003000 USDC in fees');
    await m.type('2.5');
    await m.press(KEY.enter);
    expect(m.frame()).toContain('the phrase is 2.000000');
    expect(calls.arm).toHaveLength(0);
    await m.type('2.000000');
    await m.press(KEY.enter);
    await settle(5);
    expect(calls.arm, m.frame()).toHaveLength(1);
    expect(calls.arm[0]!.spec).toMatchObject({ kind: 'ladder', taskId: english.id, floor: 2_000_000n, step: 100_000n, maxBids: 3 });
    expect(calls.arm[0]!.approval).toMatchObject({ confirmation: 'typed', phrase: '2.000000' });
    expect(calls.arm[0]!.approval.checks.some((c) => c.status === 'fail')).toBe(false);
    expect(m.frame()).toContain('Done: armed');
  });

  it(':arm-claim takes the Feed filters and a minimum reward; confirmed by typing N', async () => {
    const { store, calls } = armingStore([english]);
    store.getState().setFilter({ tags: ['writing'] });
    m = await mount(store, { rows: 70, columns: 160, actions: { bell: () => {} } });
    await m.type(':arm-claim 1.5 2');
    await m.press(KEY.enter);
    expect(m.frame()).toContain('Ticket: Arm a claim rule');
    await m.press(KEY.enter);
    expect(m.frame()).toContain('Type 2 to confirm · Esc cancels');
    expect(m.frame()).toMatch(/Feed filters\s+tags writing/);
    await m.type('2');
    await m.press(KEY.enter);
    await settle(5);
    expect(calls.arm, m.frame()).toHaveLength(1);
    expect(calls.arm[0]!.spec).toMatchObject({ kind: 'claim', minReward: 1_500_000n, maxFills: 2, filter: { tags: ['writing'] } });
  });

  it('Esc cancels an arming ticket; nothing is armed', async () => {
    const { store, calls } = armingStore([english]);
    m = await openChooser(store);
    await m.press('j', KEY.enter, KEY.esc);
    expect(m.ui.getState().ticket).toBeNull();
    expect(calls.arm).toHaveLength(0);
  });
});

describe('the Orders view and the clock row', () => {
  it('lists orders with state, reason and fill against the trigger; r resumes, d disarms; ARMED on the clock row', async () => {
    const { store, calls } = armingStore([dutch]);
    const armed = accept('a1111111-0000-4000-8000-000000000001', 3_000_000n);
    const paused = { ...accept('b2222222-0000-4000-8000-000000000002', 2_500_000n), taskId: english.id };
    const fired = accept('c3333333-0000-4000-8000-000000000003', 4_000_000n);
    store.getState().setArmed({
      orders: [
        orderView(armed, 'armed', { crossingAt: T0 + 1_800_000, armedAt: T0 - 3_000 }),
        orderView(paused, 'paused', { armedAt: T0 - 2_000 }),
        orderView(fired, 'fired', { armedAt: T0 - 1_000, fills: 1, fires: [{ actionId: 'x', taskId: dutch.id, at: T0 - 500, crossingAt: T0 - 600, price: 3_990_000n, outcome: 'filled', fillPrice: 3_990_000n, message: 'verified', report: ['Task ID: 0xd0'] }] }),
      ],
    });
    m = await mount(store, { rows: 60, columns: 160, actions: { bell: () => {} } });
    expect(m.frame()).toMatch(/ARMED P 3\.000000 at \d\d:\d\d:\d\d/);
    await m.press('O');
    const f = m.frame();
    expect(f).toContain('Armed orders (3)');
    expect(f).toMatch(/FIRED\s+c3333333/);
    expect(f).toContain('filled at 3.990000 USDC (trigger 4.000000: -0.010000 worse)');
    expect(f).toMatch(/PAUSED\s+b2222222/);
    expect(f).toMatch(/ARMED\s+a1111111.*reaches P/);
    await m.press('j', 'r');
    await settle(3);
    expect(calls.resume).toEqual([paused.id]);
    await m.press('j', 'd');
    expect(calls.disarm).toEqual([armed.id]);
    await m.press('q');
    expect(m.ui.getState().view).toBeNull();
  });
});
