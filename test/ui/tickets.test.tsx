// Order tickets in the desk (ink-testing-library): every gate check shown, the exact confirmation line,
// the typed phrase required for paid actions and `y` for free ones, "Submitting" ignoring keys, the
// outcome shown, one send per confirmation, and a ticket that asks again when the task changes under it.
import { afterEach, describe, expect, it } from 'vitest';
import type { Intent } from '../../src/core/intent.js';
import type { PendingAction, Task } from '../../src/core/types.js';
import type { DeskStore } from '../../src/store/desk-store.js';
import type { Approval } from '../../src/ui/context.js';
import type { TicketOutcome } from '../../src/ui/tickets/model.js';
import { KEY, makeStore, makeTask, mount, settle, T0, type Mounted } from './harness.js';

let m: Mounted | null = null;
afterEach(() => {
  m?.unmount();
  m = null;
});

const ME = '0xabcdef0123456789abcdef0123456789abcdef01' as const;
const OTHER = '0x4444444444444444444444444444444444444444';
const USDC = '0x036CbD53842c5426634e7929541eC2318f3dCF7e' as const;

function pa(p: Partial<PendingAction> & Pick<PendingAction, 'action' | 'role'>, id: string): PendingAction {
  return { command: `taskmarket task ${p.action.replace(/_/g, '-')} ${id}`, eligibleAddress: null, requiresPayment: false, paymentAmount: null, availableAfter: null, availableUntil: null, targetWorker: null, ...p };
}

/** A store where the wallet may act: network confirmed, fresh detail, funded. */
function actingStore(task: Task, opts: { confirmed?: boolean; asRequester?: boolean; marketDown?: boolean } = {}): DeskStore {
  const store = makeStore([task], { wallet: ME });
  const s = store.getState();
  s.setConn({ balance: 50_000_000n, balanceFetchedAt: T0 - 1000, networkFetchedAt: T0 - 1000 });
  s.setAct({ intended: opts.confirmed === false ? null : { name: 'base-sepolia', chainId: 84532, usdcAddress: USDC }, confirmed: opts.confirmed !== false, intendedApiUrl: 'http://127.0.0.1:1' });
  s.setInbox({ asRequester: opts.asRequester ? [task] : [], asWorker: opts.asRequester ? [] : [task], invitedPrivateTasks: [] }, T0 - 1000);
  s.setDetail({ task, bids: [], submissions: [], pitches: [], fetchedAt: T0 - 1000 });
  s.tick(T0);
  if (!opts.marketDown) answerDetailRequests(store);
  return store;
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
      // Read now (after the request) and stamped on the store's clock, as the test's market time runs.
      const startedAt = Date.now();
      if (d) queueMicrotask(() => store.getState().setDetail({ ...d, task: store.getState().tasks[id] ?? d.task, fetchedAt: store.getState().wallNow }, startedAt));
    }
  });
}

function recorder(result: Partial<TicketOutcome> = {}) {
  const calls: { intent: Intent; approval: Approval }[] = [];
  let release!: (o: TicketOutcome) => void;
  const pending = new Promise<TicketOutcome>((r) => (release = r));
  return {
    calls,
    release: () => release({ ok: true, title: 'claimed', lines: ['Task ID: x', 'Verification: status claimed'], ...result }),
    runIntent: async (intent: Intent, approval: Approval) => {
      calls.push({ intent, approval });
      return pending;
    },
  };
}

const claimTask = makeTask({ id: 'T00200', mode: 'claim', status: 'open', reward: 2_000_000n, expiryTime: T0 + 3_600_000 });
claimTask.pendingActions = [pa({ action: 'claim', role: 'worker', availableUntil: T0 + 3_600_000 }, 'T00200')];

describe('order tickets', () => {
  it('Enter on an Actions row opens its ticket with every check; y confirms a free action once', async () => {
    const store = actingStore(claimTask);
    const run = recorder();
    m = await mount(store, { rows: 60, columns: 140, actions: { bell: () => {}, runIntent: run.runIntent } });
    await m.press('4', KEY.enter);
    const f = m.frame();
    expect(f).toContain('Ticket: Claim');
    for (const label of ['network confirmed', 'API URL', 'chain, USDC, wallet', 'task fresh (60 s)', 'submission window', 'pendingActions entry', 'mode and auction type', 'operator approval']) expect(f).toContain(label);
    expect(f).toMatch(/Press y to confirm · any other key cancels\s*[│║]?\s*$/m);
    await m.press('y');
    expect(run.calls).toHaveLength(1);
    expect(m.frame()).toContain('Submitting');
    await m.press('y', KEY.enter, 'y'); // ignored while the market answers
    expect(run.calls).toHaveLength(1);
    run.release();
    await settle(5);
    expect(m.frame()).toContain('Done: claimed');
    expect(m.frame()).toContain('Verification: status claimed');
    await m.press(KEY.enter);
    expect(m.ui.getState().ticket).toBeNull();
    expect(run.calls[0]!.intent).toMatchObject({ action: 'claim', taskId: 'T00200', role: 'worker', wallet: ME });
    expect(run.calls[0]!.approval.confirmation).toBe('press');
  });

  it('any key but y cancels a free action; nothing is sent', async () => {
    const run = recorder();
    m = await mount(actingStore(claimTask), { rows: 60, columns: 140, actions: { bell: () => {}, runIntent: run.runIntent } });
    await m.press('4', KEY.enter, 'n');
    expect(m.ui.getState().ticket).toBeNull();
    expect(run.calls).toHaveLength(0);
    expect(m.frame()).toContain('nothing was sent');
  });

  it('a paid action needs its principal value typed exactly; a wrong phrase sends nothing', async () => {
    const bidTask = makeTask({ id: 'T00201', mode: 'auction', auctionType: 'english', maxPrice: 5_000_000n, reward: 5_000_000n, currentLowestBid: 3_000_000n, auctionBidCount: 1, bidDeadline: T0 + 600_000, status: 'open' });
    bidTask.pendingActions = [pa({ action: 'bid', role: 'worker', requiresPayment: true, paymentAmount: 1000n, availableUntil: T0 + 600_000 }, 'T00201')];
    const run = recorder();
    m = await mount(actingStore(bidTask), { rows: 70, columns: 150, actions: { bell: () => {}, runIntent: run.runIntent } });
    await m.press('4', KEY.enter);
    expect(m.frame()).toContain('must undercut the lowest bid 3.000000');
    await m.type('3.5');
    await m.press(KEY.enter);
    expect(m.frame()).toContain('Bid must undercut the current lowest bid');
    await m.press('\x15');
    await m.type('2.75');
    await m.press(KEY.enter);
    expect(m.frame()).toMatch(/Type 2\.750000 to confirm · Esc cancels/);
    expect(m.frame()).toMatch(/x402 fee\s+0\.001000 USDC/);
    await m.type('2.75');
    await m.press(KEY.enter);
    expect(run.calls).toHaveLength(0);
    expect(m.frame()).toContain('the phrase is 2.750000');
    await m.type('2.750000');
    await m.press(KEY.enter);
    expect(run.calls).toHaveLength(1);
    expect(run.calls[0]!.intent).toMatchObject({ action: 'bid', amount: 2_750_000n, fee: 1000n });
    expect(run.calls[0]!.approval).toMatchObject({ confirmation: 'typed', phrase: '2.750000' });
  });

  it('the first action of a session asks for the network by name', async () => {
    const run = recorder();
    m = await mount(actingStore(claimTask, { confirmed: false }), { rows: 60, columns: 140, actions: { bell: () => {}, runIntent: run.runIntent } });
    await m.press('4', KEY.enter);
    expect(m.frame()).toContain('Confirm the network for this session');
    await m.type('base');
    await m.press(KEY.enter);
    expect(m.frame()).toMatch(/that is not base-sepolia/);
    await m.press('\x15');
    await m.type('base-sepolia');
    await m.press(KEY.enter);
    expect(m.store.getState().act.confirmed).toBe(true);
    expect(m.frame()).toContain('Press y to confirm');
  });

  it('a failing check blocks the confirmation, with its reason', async () => {
    // The market stops answering: the ticket's own re-read never comes back and the detail held ages.
    const store = actingStore(claimTask, { marketDown: true });
    const run = recorder();
    m = await mount(store, { rows: 60, columns: 140, actions: { bell: () => {}, runIntent: run.runIntent } });
    store.getState().tick(T0 + 61_000 + 1000); // the detail is now over 60 s old
    await m.press('4', KEY.enter);
    expect(m.frame()).toMatch(/cannot confirm: \d+ checks? fail/);
    await m.press('y');
    expect(run.calls).toHaveLength(0);
    expect(m.frame()).toMatch(/not sent: task fresh/);
  });

  it('asks again when the task changes under the ticket', async () => {
    const store = actingStore(claimTask);
    const run = recorder();
    m = await mount(store, { rows: 60, columns: 140, actions: { bell: () => {}, runIntent: run.runIntent } });
    await m.press('4', KEY.enter);
    store.getState().setDetail({ task: { ...claimTask, status: 'claimed', claimedBy: OTHER, pendingActions: [] }, bids: [], submissions: [], pitches: [], fetchedAt: T0 });
    await settle();
    await m.press('y');
    expect(run.calls).toHaveLength(0);
    expect(m.frame()).toMatch(/the task is claimed now \(was open\)/);
  });

  it('x on a task chooses among its actions for this wallet; n opens the new-task form', async () => {
    const mine = makeTask({ id: 'T00202', mode: 'bounty', requester: ME, status: 'open', reward: 3_000_000n });
    mine.pendingActions = [pa({ action: 'cancel', role: 'requester', eligibleAddress: ME, requiresPayment: true, paymentAmount: 1000n }, 'T00202'), pa({ action: 'update', role: 'requester', eligibleAddress: ME, requiresPayment: true, paymentAmount: 1000n }, 'T00202')];
    const run = recorder();
    m = await mount(actingStore(mine, { asRequester: true }), { rows: 60, columns: 140, actions: { bell: () => {}, runIntent: run.runIntent } });
    await m.press('x');
    expect(m.frame()).toContain('Choose an action');
    expect(m.frame()).toContain('cancel');
    await m.press(KEY.enter);
    expect(m.frame()).toContain('Ticket: Cancel the task');
    expect(m.frame()).toMatch(/Type 3\.000000 to confirm · Esc cancels/);
    await m.press(KEY.esc, 'n');
    expect(m.frame()).toContain('Ticket: New task');
    expect(m.frame()).toContain('description');
  });
});
