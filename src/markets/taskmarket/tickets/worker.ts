// Worker-side tickets: bid, auction-accept, claim, pitch, submit, proof, appeal. Inputs are checked by
// the backend's own rules (core/auction-rules.ts, the CLI's grammar) before anything is signed.
import { checkAuctionAccept, checkBid } from '../../../core/auction-rules.js';
import { clockPrice, priceReachesAt } from '../../../core/clock.js';
import { formatUsdc } from '../../../core/money.js';
import type { Task } from '../../../core/types.js';
import { knownBids, myBid, roleFor, taskIntent } from './common.js';
import { choiceField, filesField, intField, textField, usdcField } from './fields.js';
import type { BuildResult, TicketContext, TicketSpec } from './spec.js';

const need = (ctx: TicketContext): Task => {
  if (!ctx.task) throw new Error('this ticket needs a task');
  return ctx.task;
};
const fail = (errors: Record<string, string>): BuildResult => ({ ok: false, errors });

export const bidTicket: TicketSpec = {
  action: 'bid',
  title: 'Bid',
  fields(ctx) {
    const t = need(ctx);
    const lowest = t.auctionType === 'english' ? t.currentLowestBid : null;
    const mine = myBid(ctx);
    const rule = t.auctionType === 'english'
      ? lowest !== null ? `must undercut the lowest bid ${formatUsdc(lowest)}` : `no bids yet; at most the max price ${formatUsdc(t.maxPrice ?? 0n)}`
      : `sealed: other bids are hidden${mine !== null ? `; a re-bid must beat your ${formatUsdc(mine)}` : ''}; at most ${formatUsdc(t.maxPrice ?? 0n)}`;
    return [{ key: 'price', label: 'bid price (USDC)', kind: 'usdc', initial: '', required: true, hint: rule }];
  },
  build(ctx, v) {
    const t = need(ctx);
    const price = usdcField(v.price ?? '');
    if (!price.ok) return fail({ price: price.error });
    const bids = knownBids(ctx);
    // A sealed auction hides the others; the wallet's own bid still binds a re-bid.
    const mine = myBid(ctx);
    // Without bid rows (not fetched yet) the task's own currentLowestBid still binds an English bid.
    const english = bids.length > 0 || t.currentLowestBid === null ? bids : [{ id: 'lowest', workerAddress: '', price: t.currentLowestBid, createdAt: 0 }];
    const rows = t.auctionType === 'english' ? english : mine !== null ? [{ id: 'mine', workerAddress: ctx.wallet, price: mine, createdAt: 0 }] : [];
    const rule = checkBid({ task: t, bids: rows, bidder: ctx.wallet, price: price.value, now: ctx.now, privateAccess: true, wording: 'preflight' });
    if (!rule.ok) return fail({ price: rule.error });
    return { ok: true, intent: taskIntent(ctx, 'bid', t, { role: roleFor(ctx, t, 'bid'), amount: price.value, params: { price: price.value } }) };
  },
  effect(ctx, intent) {
    const t = need(ctx);
    return [
      { label: 'you would be paid', value: `${formatUsdc(intent.amount ?? 0n)} USDC less the ${t.platformFeeBps} bps fee, if you win` },
      { label: 'lowest bid now', value: t.auctionType === 'english' ? (t.currentLowestBid !== null ? `${formatUsdc(t.currentLowestBid)} USDC` : 'none') : 'sealed until the deadline' },
    ];
  },
};

/** The default guard: the price the clock will show `lead` ms from now on a falling clock (the current price on a rising one). */
export function defaultGuard(t: Task, now: number, leadMs: number): bigint | null {
  const price = clockPrice(t, now);
  if (price === null) return null;
  return t.auctionType === 'dutch' ? (clockPrice(t, now + leadMs) ?? price) : price;
}

export const auctionAcceptTicket: TicketSpec = {
  action: 'auction_accept',
  title: 'Accept the clock',
  fields(ctx) {
    const t = need(ctx);
    const guard = defaultGuard(t, ctx.now, ctx.guardLeadMs);
    const hint = t.auctionType === 'dutch'
      ? `the accept is refused if the clock has fallen below this; default = the price ${Math.round(ctx.guardLeadMs / 1000)} s from now`
      : 'the accept is refused if the price is below this; on a rising clock the price now is safe';
    return [{ key: 'minPrice', label: '--min-price guard (USDC)', kind: 'usdc', initial: guard !== null ? formatUsdc(guard) : '', required: true, hint }];
  },
  build(ctx, v) {
    const t = need(ctx);
    const guard = usdcField(v.minPrice ?? '', { allowZero: true });
    if (!guard.ok) return fail({ minPrice: guard.error });
    const rule = checkAuctionAccept({ task: t, now: ctx.now, minPrice: guard.value, privateAccess: true, wording: 'preflight' });
    if (!rule.ok) return fail({ minPrice: rule.error });
    return { ok: true, intent: taskIntent(ctx, 'auction_accept', t, { role: roleFor(ctx, t, 'auction_accept'), amount: guard.value, params: { minPrice: guard.value } }) };
  },
  effect(ctx, intent) {
    const t = need(ctx);
    const price = clockPrice(t, ctx.now);
    const guard = intent.amount ?? 0n;
    const crosses = t.auctionType === 'dutch' ? priceReachesAt(t, guard) : null;
    return [
      { label: 'clock price now', value: price !== null ? `${formatUsdc(price)} USDC (${t.auctionType === 'dutch' ? 'falling' : 'rising'})` : 'unknown' },
      {
        label: 'guard',
        value: crosses !== null ? `${formatUsdc(guard)} USDC — the clock crosses it in ${Math.max(0, Math.round((crosses - ctx.now) / 1000))} s` : `${formatUsdc(guard)} USDC`,
        tone: crosses !== null && crosses - ctx.now < 3000 ? 'warning' : undefined,
      },
      { label: 'you would be paid', value: 'the clock price when the market takes the accept, less the platform fee' },
    ];
  },
};

export const claimTicket: TicketSpec = {
  action: 'claim',
  title: 'Claim',
  fields: () => [],
  build(ctx) {
    const t = need(ctx);
    return { ok: true, intent: taskIntent(ctx, 'claim', t, { role: roleFor(ctx, t, 'claim'), amount: null, params: {} }) };
  },
  effect: (ctx) => [{ label: 'then', value: `only you may submit until expiry; reward ${formatUsdc(need(ctx).reward)} USDC less the fee on acceptance` }],
};

export const pitchTicket: TicketSpec = {
  action: 'pitch',
  title: 'Pitch',
  fields: () => [
    { key: 'text', label: 'pitch (your words)', kind: 'text', initial: '', required: true, hint: 'one line, up to 2000 characters' },
    { key: 'duration', label: 'estimate (hours, optional)', kind: 'int', initial: '', required: false },
  ],
  build(ctx, v) {
    const t = need(ctx);
    const text = textField(v.text ?? '', 'pitch', 2000);
    const errors: Record<string, string> = {};
    if (!text.ok) errors.text = text.error;
    let duration: number | null = null;
    if ((v.duration ?? '').trim() !== '') {
      const d = intField(v.duration ?? '', 1, 8760, 'estimate');
      if (d.ok) duration = d.value;
      else errors.duration = d.error;
    }
    if (!text.ok || Object.keys(errors).length) return fail(errors);
    return { ok: true, intent: taskIntent(ctx, 'pitch', t, { role: roleFor(ctx, t, 'pitch'), amount: null, params: { text: text.value, durationHours: duration } }) };
  },
};

const ROLES = [
  { value: 'final', label: 'final' },
  { value: 'source', label: 'source' },
  { value: 'preview', label: 'preview' },
  { value: 'attachment', label: 'attachment' },
];

export const submitTicket: TicketSpec = {
  action: 'submit',
  title: 'Submit work',
  fields: () => [
    { key: 'files', label: 'files (comma-separated paths)', kind: 'files', initial: '', required: true, hint: 'uploaded as they are; up to 20 files of 32 MiB each' },
    { key: 'role', label: 'role', kind: 'choice', initial: 'final', required: true, choices: ROLES },
  ],
  build(ctx, v) {
    const t = need(ctx);
    const files = filesField(v.files ?? '');
    const role = choiceField(v.role ?? '', ROLES, 'role');
    if (!files.ok || !role.ok) return fail({ ...(files.ok ? {} : { files: files.error }), ...(role.ok ? {} : { role: role.error }) });
    return { ok: true, intent: taskIntent(ctx, 'submit', t, { role: roleFor(ctx, t, 'submit'), amount: null, params: { files: files.value, role: role.value } }) };
  },
  effect: (ctx, intent) => [
    { label: 'uploads', value: (intent.params.files as readonly string[]).join(', ') },
    { label: 'fee', value: intent.fee > 0n ? `${formatUsdc(intent.fee)} USDC (past the free submissions on this task)` : 'free' },
  ],
};

// proofType per the backend's proof schema (taskmarket-backend.md §1.6).
const PROOF_TYPES = ['url', 'screenshot', 'api_data', 'manual'].map((v) => ({ value: v, label: v }));

export const proofTicket: TicketSpec = {
  action: 'submit_proof',
  title: 'Submit a proof',
  fields: (ctx) => [
    { key: 'data', label: 'proof data', kind: 'text', initial: '', required: true, hint: need(ctx).metricDescription ? `metric: the task's own text is in the detail view` : undefined },
    { key: 'type', label: 'proof type', kind: 'choice', initial: 'url', required: true, choices: PROOF_TYPES },
    { key: 'metric', label: 'metric value (optional)', kind: 'text', initial: '', required: false },
  ],
  build(ctx, v) {
    const t = need(ctx);
    const data = textField(v.data ?? '', 'proof data', 10_000);
    const type = choiceField(v.type ?? '', PROOF_TYPES, 'proof type');
    const metric = textField(v.metric ?? '', 'metric value', 200, false);
    if (metric.ok && metric.value !== '' && !/^[0-9]+$/.test(metric.value)) return fail({ metric: 'metricValue must be a non-negative integer' });
    const errors: Record<string, string> = {};
    if (!data.ok) errors.data = data.error;
    if (!type.ok) errors.type = type.error;
    if (!metric.ok) errors.metric = metric.error;
    if (!data.ok || !type.ok || !metric.ok) return fail(errors);
    return { ok: true, intent: taskIntent(ctx, 'submit_proof', t, { role: roleFor(ctx, t, 'submit_proof'), amount: null, params: { data: data.value, type: type.value, metric: metric.value || null } }) };
  },
};

export const appealTicket: TicketSpec = {
  action: 'appeal',
  title: 'Appeal the verdict',
  fields: () => [],
  build(ctx) {
    const t = need(ctx);
    return { ok: true, intent: taskIntent(ctx, 'appeal', t, { role: roleFor(ctx, t, 'appeal'), amount: null, params: {} }) };
  },
};

