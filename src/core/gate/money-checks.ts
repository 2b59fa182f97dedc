// The Wallet Side-Effect Gate (registered withdrawal address, enough balance), the balance any spend
// needs, and the configured spend caps (counted from the journal by the caller).
import { withdrawalTarget } from '../confirm.js';
import type { GateInput } from '../gate-input.js';
import { formatUsdc } from '../money.js';
import { addr, HEX_ADDRESS, span } from './format.js';
import { fail, FRESH_MS, FUTURE_SLACK_MS, na, pass, type Verdict } from './verdict.js';

const ZERO_ADDRESS = /^0x0{40}$/;

export function walletGateCheck(i: GateInput): Verdict {
  const { intent } = i;
  const registered = i.wallet.withdrawalAddress;
  if (intent.action === 'withdraw') {
    if (registered === undefined) return fail('withdrawal address not fetched yet');
    if (registered === null) return fail('no withdrawal address registered: set one first (set-withdrawal-address)');
    if (!HEX_ADDRESS.test(registered)) return fail('the registered withdrawal address is malformed');
    if (intent.payee !== null && intent.payee.toLowerCase() !== registered.toLowerCase()) {
      return fail(`ticket pays ${addr(intent.payee)} but the registered address is ${addr(registered)}`);
    }
    if (intent.amount === null || intent.amount <= 0n) return fail('no withdrawal amount');
    if (i.wallet.balance === null) return fail('balance unknown: cannot cover the withdrawal');
    if (i.wallet.balance < intent.amount) {
      return fail(`balance ${formatUsdc(i.wallet.balance)} USDC does not cover ${formatUsdc(intent.amount)}`);
    }
    return pass(`${formatUsdc(intent.amount)} USDC to the registered ${addr(registered)}`);
  }
  if (intent.action === 'set_withdrawal_address') {
    const target = withdrawalTarget(intent);
    if (registered === undefined) return fail('withdrawal address not fetched yet');
    // The backend answers 409 once one is set; changing it needs the account recovery code.
    if (registered !== null) return fail(`a withdrawal address is already registered (${addr(registered)}); it can be set once`);
    if (target === null || !HEX_ADDRESS.test(target)) return fail('not a valid address (0x and 40 hex digits)');
    if (ZERO_ADDRESS.test(target)) return fail('the zero address cannot receive withdrawals');
    return pass(`registers ${addr(target)} (once)`);
  }
  return na('not a wallet write');
}

export function balanceCheck(i: GateInput): Verdict {
  const spend = i.intent.spend;
  if (spend <= 0n) return na('moves no money');
  const { balance, balanceFetchedAt } = i.wallet;
  if (balance === null || balanceFetchedAt === null) return fail('balance unknown: not fetched');
  const age = i.wallNow - balanceFetchedAt;
  if (age > FRESH_MS) return fail(`balance fetched ${span(age)} ago (older than 60 s): re-fetch`);
  if (age < -FUTURE_SLACK_MS) return fail('balance is stamped in the future (clock moved): re-fetch');
  if (balance < spend) return fail(`balance ${formatUsdc(balance)} USDC does not cover ${formatUsdc(spend)}`);
  return pass(`balance ${formatUsdc(balance)} USDC covers ${formatUsdc(spend)}`);
}

const left = (cap: bigint, spent: bigint): bigint => (cap > spent ? cap - spent : 0n);

export function spendCapCheck(i: GateInput): Verdict {
  const spend = i.intent.spend;
  if (spend < 0n) return fail('negative spend: malformed ticket');
  if (spend === 0n) return na('moves no money');
  const { sessionSpent, daySpent, sessionCap, dayCap } = i.spend;
  if (sessionCap === null && dayCap === null) return pass('no spend cap configured');
  const needs = `; this needs ${formatUsdc(spend)}`;
  if (sessionCap !== null && sessionSpent + spend > sessionCap) {
    return fail(`over the session cap: ${formatUsdc(left(sessionCap, sessionSpent))} USDC left of ${formatUsdc(sessionCap)}${needs}`);
  }
  if (dayCap !== null && daySpent + spend > dayCap) {
    return fail(`over the daily cap: ${formatUsdc(left(dayCap, daySpent))} USDC left of ${formatUsdc(dayCap)}${needs}`);
  }
  const parts: string[] = [];
  if (sessionCap !== null) parts.push(`session ${formatUsdc(sessionCap - sessionSpent - spend)} of ${formatUsdc(sessionCap)}`);
  if (dayCap !== null) parts.push(`day ${formatUsdc(dayCap - daySpent - spend)} of ${formatUsdc(dayCap)}`);
  return pass(`after this: ${parts.join(' · ')} USDC left`);
}
