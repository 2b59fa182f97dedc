import { afterEach, describe, expect, it } from 'vitest';
import type { PendingAction } from '../../src/core/types.js';
import type { Message } from '../../src/store/state.js';
import { KEY, makeStore, makeTask, mount, settle, T0, type Mounted } from './harness.js';

let m: Mounted | null = null;
afterEach(() => {
  m?.unmount();
  m = null;
});

const ME = '0xabcdef0123456789abcdef0123456789abcdef01' as const;
const TID = '0x00000000000000000000000000000000000000000000000000000000000000aa';

function msg(p: Partial<Message> & { id: string }): Message {
  return { key: `xmtp:${p.id}`, source: 'xmtp', from: '0x2222222222222222222222222222222222222222', subject: '', body: 'hello', receivedAt: T0 - 60_000, read: false, type: 'text', ...p };
}

function action(p: Partial<PendingAction> & Pick<PendingAction, 'action' | 'role'>): PendingAction {
  return { command: `taskmarket task ${p.action} ${TID} --worker 0x4444444444444444444444444444444444444444 # pay the worker`, eligibleAddress: null, requiresPayment: false, paymentAmount: null, availableAfter: null, availableUntil: null, targetWorker: null, ...p };
}

describe('Header', () => {
  it('shows market, network, chain, USDC, wallet, balance, poll age, SIM and READONLY', async () => {
    const store = makeStore([], { wallet: ME });
    store.getState().setConn({ balance: 12_500_000n, readonly: true });
    m = await mount(store, { columns: 140 });
    const head = m.frame().split('\n')[0]!;
    expect(head).toContain('taskmarket');
    expect(head).toContain('base-sepolia (84532)');
    expect(head).toContain('USDC 0x036c…cf7e');
    expect(head).toContain('wallet 0xabcd…ef01');
    expect(head).toContain('12.500000 USDC');
    expect(head).toContain('polled 2s ago');
    expect(head).toContain(' SIM ');
    expect(head).toContain('READONLY');
  });

  it('shows STALE and DISCONNECTED with a retry countdown, and the MISMATCH banner', async () => {
    const store = makeStore([]);
    m = await mount(store, { columns: 140 });
    store.getState().tick(T0 + 61_000);
    store.getState().setHealth('connect ECONNREFUSED 127.0.0.1:1', T0 + 66_000, false);
    await settle();
    expect(m.frame()).toContain('STALE, retry in 5s');
    expect(m.frame()).toContain('last error: connect ECONNREFUSED');
    store.getState().setHealth('connect ECONNREFUSED 127.0.0.1:1', T0 + 70_000, true);
    await settle();
    expect(m.frame()).toContain('DISCONNECTED, retry in 9s');
    store.getState().setConn({ mismatch: 'market says chain 8453, desk expects 84532' });
    await settle();
    expect(m.frame()).toContain('MISMATCH: market says chain 8453, desk expects 84532');
    expect(m.frame().split('\n').length).toBeLessThanOrEqual(39);
  });
});

describe('Inbox', () => {
  it('lists messages as UNTRUSTED with unread markers; Enter opens the body; m marks read', async () => {
    const store = makeStore([]);
    store.getState().setMessages([msg({ id: 'm1', subject: 'bid accepted?', body: 'line one\nline two', receivedAt: T0 - 5_000 }), msg({ id: 'm2', subject: 'old news', read: true })]);
    store.getState().setEmails([{ id: 'e1', fromAddress: 'bot@agent.mail', toAddress: 'me@agent.mail', subject: 'invoice', bodyText: 'pay me', receivedAt: T0 - 1_000, isRead: false }], T0);
    const marked: string[] = [];
    m = await mount(store, { actions: { bell: () => {}, markRead: (x, read) => { marked.push(`${x.key}:${read}`); store.getState().markRead(x.key, read); } } });
    await m.press('3');
    const f = m.frame();
    expect(f).toContain('2 unread');
    expect(f).toContain('all UNTRUSTED');
    expect(f).toMatch(/●! mail bot@agent\.mail\s+invoice/);
    expect(f).toMatch(/●! xmtp 0x2222.*bid accepted\?/);
    expect(f).toMatch(/ {2}! xmtp .*old news/);
    await m.press('m');
    expect(marked).toEqual(['email:e1:true']);
    expect(m.frame()).toContain('1 unread');
    // m moved on to the next unread message; m again there marks it, m on a read one marks it unread.
    expect(m.ui.getState().sel.inbox.key).toMatch(/^xmtp:/);
    await m.press('k', 'm');
    expect(marked).toEqual(['email:e1:true', 'email:e1:false']);
    await m.press('j', KEY.enter);
    const v = m.frame();
    expect(v).toContain('UNTRUSTED: written by someone else');
    expect(v).toContain('line one');
    expect(v).toContain('line two');
    await m.press(KEY.esc);
    expect(m.frame()).toContain('3 Inbox');
  });
});

describe('Actions', () => {
  it("lists the wallet's pendingActions with countdowns, cycles the role filter, and opens a read-only view", async () => {
    const store = makeStore([], { wallet: ME });
    const mine = makeTask({ id: TID, requester: ME });
    const work = makeTask({ id: 'T00011' });
    store.getState().setInbox({ asRequester: [mine], asWorker: [work], invitedPrivateTasks: [] }, T0);
    store.getState().setDetail({
      task: { ...mine, pendingActions: [action({ action: 'accept', role: 'requester', requiresPayment: true, paymentAmount: 1_000n, availableUntil: T0 + 2 * 3_600_000 + 180_000 })] },
      bids: [], submissions: [], pitches: [], fetchedAt: T0,
    });
    store.getState().setDetail({
      task: { ...work, pendingActions: [action({ action: 'submit', role: 'worker', eligibleAddress: ME, availableAfter: T0 + 300_000 }), action({ action: 'claim', role: 'worker', eligibleAddress: '0x9999999999999999999999999999999999999999' })] },
      bids: [], submissions: [], pitches: [], fetchedAt: T0,
    });
    store.getState().setConn({ readonly: true }); // --readonly: Enter shows the read-only action view, never a ticket
    m = await mount(store);
    await m.press('4');
    let f = m.frame();
    expect(f).toMatch(/ROLE\s+ACTION\s+TASK\s+FEE USDC WHEN/);
    expect(f).toMatch(/req\s+accept\s+0x000000…\s+0\.001000 closes 2h03m/);
    expect(f).toMatch(/wrk\s+submit\s+T00011\s+-\s+opens 5m00s/);
    expect(f).not.toContain('claim'); // pinned to someone else
    await m.press('r');
    f = m.frame();
    expect(f).toContain('role:requester');
    expect(f).not.toMatch(/submit\s+T00011/);
    await m.press('r');
    expect(m.frame()).toContain('role:worker');
    expect(m.frame()).not.toMatch(/accept\s+0x0000/);
    // The selection followed the submit row through the role filters; g goes back to the top row.
    await m.press('r', 'g', KEY.enter);
    const v = m.frame();
    expect(v).toContain('READ-ONLY');
    expect(v).toMatch(/amount\s+0\.001000 USDC/);
    expect(v).toMatch(/requires payment\s+yes/);
    expect(v).toMatch(/platform fee\s+500 bps of the reward = 0\.050000 USDC/);
    expect(v).toMatch(/command\s+taskmarket task accept/);
    expect(v).toMatch(/--worker\s+0x4444444444444444444444444444444444444444/);
    expect(v).toContain('note (untrusted): pay the worker');
    expect(v).toContain(`taskmarket task accept ${TID}`);
  });
});

describe('Task detail', () => {
  it('shows every field, sealed bids as sealed, submissions, pitches, actions, and scrolls the description', async () => {
    const long = Array.from({ length: 80 }, (_, i) => `paragraph ${i}`).join('\n');
    const t = makeTask({ id: 'T00020', mode: 'auction', auctionType: 'reverse_english', maxPrice: 3_000_000n, bidDeadline: T0 + 60_000, description: long, tags: ['ml'] });
    const store = makeStore([t]);
    store.getState().setDetail({
      task: { ...t, pendingActions: [action({ action: 'bid', role: 'worker' })] },
      bids: [{ id: 'b1', taskId: 'T00020', workerAddress: null, price: null, createdAt: T0 - 1_000 }],
      submissions: [{ id: 's1', taskId: 'T00020', workerAddress: '0x3333333333333333333333333333333333333333', submittedAt: T0, rejectedAt: null, deliverableHash: null, fileUrl: null }],
      pitches: [],
      fetchedAt: T0,
    });
    m = await mount(store, { rows: 40 });
    await m.press(KEY.enter);
    let f = m.frame();
    expect(f).toMatch(/mode\s+auction \/ reverse_english/);
    expect(f).toMatch(/reward\s+1\.000000 USDC/);
    expect(f).toMatch(/lowest bid\s+sealed/);
    expect(f).toContain('paragraph 0');
    expect(f).not.toContain('paragraph 79');
    await m.press('G');
    f = m.frame();
    expect(f).toContain('paragraph 79');
    expect(f).toContain('Bids (1)');
    expect(f).toContain('sealed bid');
    expect(f).toContain('Submissions (1)');
    expect(f).toContain('0x3333333333333333333333333333333333333333');
    expect(f).toContain('Pending actions (1)');
  });
});

describe('Action view refusals', () => {
  it('a command naming another task is shown as REFUSED, never as something to run', async () => {
    const store = makeStore([], { wallet: ME });
    const mine = makeTask({ id: TID, requester: ME });
    store.getState().setInbox({ asRequester: [mine], asWorker: [], invitedPrivateTasks: [] }, T0);
    const other = `0x${'bb'.repeat(32)}`;
    store.getState().setDetail({
      task: { ...mine, pendingActions: [action({ action: 'cancel', role: 'requester', command: `taskmarket task cancel ${other}` })] },
      bids: [], submissions: [], pitches: [], fetchedAt: T0,
    });
    store.getState().setConn({ readonly: true }); // a read-only desk shows what the action would do
    m = await mount(store);
    await m.press('4', KEY.enter);
    expect(m.frame()).toContain('REFUSED: the command names a different task');
    expect(m.frame()).not.toMatch(/^.\s*command\s+taskmarket task cancel/m);
  });
});
