// Wallet actions from the palette in a real pty, against a separately started simulator: a withdrawal
// before any address is registered is refused by the ticket; `:withdrawal-address` registers one (typed
// with its last 8 hex digits; the account recovery code shown once and never journaled); `:withdraw`
// moves USDC to it (typed amount), checked at /sim/ledger; more than the balance, or a second address,
// is refused by the gate even with the phrase typed, and nothing reaches the market; `:journal` lists
// every action with its outcome.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newWallet } from '../helpers/x402.js';
import { killAllPtys } from '../e2e-helpers/pty.js';
import { actingDesk, journalOf, removeHomes, type ActingDesk } from '../e2e-helpers/acting-desk.js';
import { expectOneWrite } from '../e2e-helpers/act-checks.js';
import { TicketDriver } from '../e2e-helpers/ticket.js';

// A pty flow of several actions on a loaded 2-core machine: give each test room (waits are on screen content).
vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

let d: ActingDesk;
let t: TicketDriver;
const payout = newWallet().address;

beforeAll(async () => {
  d = await actingDesk({ fund: 20_000_000n });
  t = new TicketDriver(d.desk);
}, 60_000);

afterAll(async () => {
  killAllPtys();
  await d?.sim.stop();
  removeHomes();
});

const me = () => d.home.address;
const walletWrites = async () => (await d.sim.requests()).filter((r) => r.route.startsWith('/api/wallet/'));

describe('wallet tickets', () => {
  it(':withdraw before an address is registered: the ticket says why and nothing is sent', async () => {
    await t.palette('withdraw');
    expect(t.title()).toBe('Withdraw USDC');
    await t.fill('amount', '1');
    d.desk.write('\r');
    await d.desk.waitFor(() => t.text().includes('register a withdrawal address first'), 10_000);
    expect(t.ask()).toBeNull();
    await t.home();
    expect(await walletWrites()).toEqual([]);
  });

  it(':withdrawal-address: typed with its last 8 hex digits; the recovery code is shown once and not journaled', async () => {
    await t.palette('withdrawal-address');
    const out = await t.finish({ 'withdrawal address': payout });
    expect(out, out.text).toMatchObject({ ok: true });
    const code = /ACCOUNT RECOVERY CODE[^:]*: (\S+)/.exec(out.text)?.[1];
    expect(code, out.text).toBeTruthy();
    const { action } = await expectOneWrite(d.sim, d.home, 'set_withdrawal_address');
    expect(action.approved!.phrase).toBe(payout.slice(-8).toLowerCase());
    const reg = await d.sim.get(`/api/wallet/withdrawal-address?address=${me()}`);
    expect(reg.withdrawalAddress.toLowerCase()).toBe(payout.toLowerCase());
    expect(readFileSync(d.home.journalPath, 'utf8')).not.toContain(code!);
  });

  it(':withdraw 2.5 (typed): the ledger moves it to the registered address', async () => {
    const b0 = await d.sim.balance(me());
    await t.palette('withdraw');
    // The registered address is read back after the registration; until then the wallet gate waits for it.
    const out = await t.finish({ amount: '2.5' });
    expect(out, out.text).toMatchObject({ ok: true });
    const { action } = await expectOneWrite(d.sim, d.home, 'withdraw');
    expect(action.approved!.phrase).toBe('2.500000');
    expect(await d.sim.balance(me())).toBe(b0 - 2_500_000n);
    expect(await d.sim.balance(payout)).toBe(2_500_000n);
  });

  it('more than the balance: the balance check fails, the typed phrase is refused, nothing is sent', async () => {
    const before = await walletWrites();
    await t.palette('withdraw');
    await t.fill('amount', '500');
    await t.check();
    await d.desk.waitFor(() => /cannot confirm/.test(t.prompt()), 10_000);
    expect(t.failedChecks().some((c) => /^✗ balance/.test(c)), t.text()).toBe(true);
    const said = await t.typeAnyway();
    expect(said).toMatch(/^not sent: /);
    await t.home();
    expect(await walletWrites()).toEqual(before);
  });

  it('a second withdrawal address: the wallet gate refuses (it can be set once)', async () => {
    const before = await walletWrites();
    await t.palette('withdrawal-address');
    await t.fill('withdrawal address', newWallet().address);
    await t.check();
    await d.desk.waitFor(() => /cannot confirm/.test(t.prompt()), 10_000);
    expect(t.failedChecks().join('\n')).toMatch(/wallet gate.*already registered/);
    expect(await t.typeAnyway()).toMatch(/^not sent: wallet gate/);
    await t.home();
    expect(await walletWrites()).toEqual(before);
  });

  it(':journal lists each action with its outcome', async () => {
    await t.home();
    d.desk.write(':journal\r');
    await d.desk.waitFor((s) => s.includes('set_withdrawal_address') && s.includes('withdraw') && /verified/.test(s), 10_000);
    const actions = journalOf(d.home).actions;
    expect(actions.map((a) => [a.intent?.action, a.state])).toEqual([
      ['set_withdrawal_address', 'verified'],
      ['withdraw', 'verified'],
    ]);
    await t.home();
  });
});
