// Wallet tickets (the guide's Wallet Side-Effect Gate): register a withdrawal address (once), withdraw
// USDC to it.
import type { Intent } from '../../../core/intent.js';
import { formatUsdc } from '../../../core/money.js';
import { addressField, usdcField } from './fields.js';
import type { TicketContext, TicketSpec } from './spec.js';

const walletIntent = (ctx: TicketContext, action: 'withdraw' | 'set_withdrawal_address', p: Pick<Intent, 'amount' | 'spend' | 'payee' | 'params'>): Intent => ({
  market: 'taskmarket',
  action,
  taskId: null,
  role: 'wallet',
  wallet: ctx.wallet,
  agent: ctx.agent,
  mode: null,
  auctionType: null,
  fee: 0n,
  score: null,
  ...p,
});

export const setWithdrawalAddressTicket: TicketSpec = {
  action: 'set_withdrawal_address',
  title: 'Register a withdrawal address',
  fields: () => [{ key: 'address', label: 'withdrawal address', kind: 'address', initial: '', required: true, hint: 'one time only: it cannot be changed afterwards' }],
  build(ctx, v) {
    const a = addressField(v.address ?? '');
    if (!a.ok) return { ok: false, errors: { address: a.error } };
    return { ok: true, intent: walletIntent(ctx, 'set_withdrawal_address', { amount: null, spend: 0n, payee: a.value, params: { address: a.value } }) };
  },
};

export const withdrawTicket: TicketSpec = {
  action: 'withdraw',
  title: 'Withdraw USDC',
  fields: (ctx) => [
    { key: 'amount', label: 'amount (USDC)', kind: 'usdc', initial: '', required: true, hint: ctx.balance !== null ? `balance ${formatUsdc(ctx.balance)} USDC` : undefined },
  ],
  build(ctx, v) {
    const amount = usdcField(v.amount ?? '');
    if (!amount.ok) return { ok: false, errors: { amount: amount.error } };
    const to = ctx.withdrawalAddress;
    if (!to) return { ok: false, errors: { amount: 'register a withdrawal address first (set-withdrawal-address)' } };
    return { ok: true, intent: walletIntent(ctx, 'withdraw', { amount: amount.value, spend: amount.value, payee: to, params: { amount: amount.value, to } }) };
  },
  effect: (ctx, intent) => [{ label: 'to', value: `${String(intent.payee)} (registered)` }, { label: 'balance after', value: ctx.balance !== null ? `${formatUsdc(ctx.balance - (intent.amount ?? 0n))} USDC` : 'unknown' }],
};
