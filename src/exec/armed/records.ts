// Armed orders in the journal: the records an order's steps write (armed, fired, suspended, resumed,
// disarmed, expired — journal-schema.ts), and reading them back into specs and histories for restore.
// Money stays bigint here; toWire makes it base-unit strings on disk.
import type { ArmedSpec } from '../../core/armed/order.js';
import type { IntentAction } from '../../core/intent.js';
import type { Address } from '../../core/types.js';
import type { Approval } from '../runner.js';
import {
  JOURNAL_VERSION,
  isOrderRecord,
  type ArmedRecord,
  type BaseFields,
  type JournalRecord,
  type OrderRecord,
} from '../journal-schema.js';

export interface OrderContext {
  network: { name: string; chainId: number };
  apiUrl: string;
}

/** The action each kind of order fires. */
export function actionOfKind(kind: ArmedSpec['kind']): IntentAction {
  return kind === 'auction_accept' ? 'auction_accept' : kind === 'claim' ? 'claim' : 'bid';
}

const iso = (ms: number): string => new Date(ms).toISOString();

function baseFor(spec: ArmedSpec, ctx: OrderContext, at: Date): BaseFields {
  return {
    v: JOURNAL_VERSION,
    actionId: spec.id,
    at: at.toISOString(),
    market: 'taskmarket',
    taskId: spec.kind === 'claim' ? null : spec.taskId,
    action: actionOfKind(spec.kind),
    network: { name: ctx.network.name, chainId: ctx.network.chainId },
    wallet: spec.wallet,
    apiUrl: ctx.apiUrl,
    agent: spec.agent,
  };
}

function orderFields(spec: ArmedSpec): ArmedRecord['order'] {
  if (spec.kind === 'auction_accept') return { kind: 'auction_accept', auctionType: spec.auctionType, trigger: spec.trigger, minPrice: spec.minPrice };
  if (spec.kind === 'claim') return { kind: 'claim', filter: { ...spec.filter, tags: [...spec.filter.tags] }, minReward: spec.minReward, maxFills: spec.maxFills };
  return { kind: 'ladder', auctionType: spec.auctionType, step: spec.step, floor: spec.floor, maxBids: spec.maxBids };
}

export function armedRecord(spec: ArmedSpec, ctx: OrderContext, money: { fee: bigint; maxSpend: bigint }, approval: Approval, at = new Date()): ArmedRecord {
  return {
    ...baseFor(spec, ctx, at),
    step: 'armed',
    order: orderFields(spec),
    expiresAt: spec.expiresAt === null ? null : iso(spec.expiresAt),
    fee: money.fee,
    maxSpend: money.maxSpend,
    confirmation: approval.confirmation,
    phrase: approval.phrase.slice(0, 100),
    checks: approval.checks.slice(0, 60).map((c) => ({ id: c.id.slice(0, 60) || '?', status: c.status })),
  };
}

type Later = Exclude<OrderRecord, ArmedRecord>;
type FieldsOf<S extends Later['step']> = Omit<Extract<Later, { step: S }>, keyof BaseFields | 'step'>;

/** A later step of the order `armed` started; it repeats the armed record's identifying fields. */
export function orderStep<S extends Later['step']>(armed: ArmedRecord, step: S, fields: FieldsOf<S>, at = new Date()): Extract<Later, { step: S }> {
  const { v, actionId, market, taskId, action, network, wallet, apiUrl, agent } = armed;
  return { v, actionId, market, taskId, action, network, wallet, apiUrl, agent, at: at.toISOString(), step, ...fields } as unknown as Extract<Later, { step: S }>;
}

/** The spec an armed record was written from. */
export function specOf(r: ArmedRecord): ArmedSpec {
  const base = { id: r.actionId, wallet: r.wallet as Address, agent: r.agent };
  const expiresAt = r.expiresAt === null ? null : Date.parse(r.expiresAt);
  const o = r.order;
  if (o.kind === 'auction_accept') return { ...base, kind: 'auction_accept', taskId: r.taskId ?? '', auctionType: o.auctionType, trigger: o.trigger, minPrice: o.minPrice, expiresAt: expiresAt ?? 0 };
  if (o.kind === 'claim') return { ...base, kind: 'claim', filter: { ...o.filter, tags: [...o.filter.tags] }, minReward: o.minReward, maxFills: o.maxFills, expiresAt };
  return { ...base, kind: 'ladder', taskId: r.taskId ?? '', auctionType: o.auctionType, step: o.step, floor: o.floor, maxBids: o.maxBids, expiresAt: expiresAt ?? 0 };
}

export interface JournaledOrder {
  armed: ArmedRecord;
  /** Every record of the order, in file order (armed first). */
  records: OrderRecord[];
}

/** The orders in a journal, in the order they were armed. */
export function journaledOrders(records: readonly JournalRecord[]): JournaledOrder[] {
  const byId = new Map<string, JournaledOrder>();
  for (const r of records) {
    if (!isOrderRecord(r)) continue;
    if (r.step === 'armed') {
      if (!byId.has(r.actionId)) byId.set(r.actionId, { armed: r, records: [r] });
      continue;
    }
    byId.get(r.actionId)?.records.push(r);
  }
  return [...byId.values()];
}
