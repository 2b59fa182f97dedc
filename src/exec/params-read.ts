// Intent.params → the typed params of core/intent-params.ts, checked with zod. Accepts the in-memory form
// (bigint money) and the journal's (base-unit strings), so a retry rebuilt from the journal reads the same.
import { z } from 'zod';
import type { IntentValue } from '../core/intent.js';
import type { TaskmarketParams } from '../core/intent-params.js';
import { AUCTION_TYPES, MODES, type Address } from '../core/types.js';
import { LocalRefusal } from './executor.js';

const units = z.union([z.bigint().nonnegative(), z.string().regex(/^(0|[1-9][0-9]{0,77})$/).transform((s) => BigInt(s))]);
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'a 0x address').transform((s) => s as Address);
const text = (max: number) => z.string().min(1).max(max);
const hours = z.number().positive().finite();
const empty = z.object({}).passthrough();

const SCHEMAS = {
  bid: z.object({ price: units }),
  auction_accept: z.object({ minPrice: units.nullable().default(null) }),
  claim: empty,
  pitch: z.object({ text: text(10_000), durationHours: hours.nullable().default(null) }),
  submit: z.object({ files: z.array(text(4096)).min(1).max(20), role: z.enum(['preview', 'source', 'final', 'attachment']).nullable().default(null) }),
  submit_proof: z.object({ data: text(10_000), type: text(40), metric: z.string().regex(/^[0-9]{1,200}$/).nullable().default(null) }),
  select_worker: z.object({ pitchId: text(200), worker: address }),
  select_winner: empty,
  accept: z.object({ worker: address }),
  accept_submissions: z.object({ winners: z.array(text(300)).min(1).max(50) }),
  reject_submission: z.object({ worker: address }),
  rate: z.object({ worker: address, rating: z.number().int().min(0).max(100), feedback: z.string().max(500).nullable().default(null) }),
  cancel: empty,
  update: z.object({
    reward: units.nullable().default(null),
    extendExpirySeconds: z.number().int().positive().nullable().default(null),
    bidDeadline: z.number().int().positive().nullable().default(null),
    pitchDeadline: z.number().int().positive().nullable().default(null),
  }),
  refund_expired: empty,
  forfeit: empty,
  appeal: empty,
  evaluator_timeout: empty,
  finalize_verdict: empty,
  evaluate: z.object({ verdict: z.enum(['approve', 'reject', 'partial']), awards: z.array(text(300)).max(50), score: z.number().int().min(0).max(1000).nullable().default(null) }),
  resolve_dispute: z.object({ verdict: z.enum(['approve', 'partial']), awards: z.array(text(300)).min(1).max(50) }),
  create_task: z.object({
    description: text(10_000),
    reward: units,
    durationHours: hours,
    mode: z.enum(MODES),
    auctionType: z.enum(AUCTION_TYPES).nullable().default(null),
    maxPrice: units.nullable().default(null),
    auctionStartPrice: units.nullable().default(null),
    auctionFloorPrice: units.nullable().default(null),
    bidDeadlineHours: hours.nullable().default(null),
    pitchDeadlineHours: hours.nullable().default(null),
    tags: z.array(z.string().max(50)).max(10).default([]),
    metricDescription: z.string().max(500).nullable().default(null),
    metricTarget: z.string().max(200).nullable().default(null),
  }),
  withdraw: z.object({ amount: units.refine((v) => v > 0n, 'must be greater than zero'), to: address }),
  set_withdrawal_address: z.object({ address }),
} satisfies { [A in keyof TaskmarketParams]: z.ZodType };

export type ParamAction = keyof TaskmarketParams;

export const isParamAction = (a: string): a is ParamAction => Object.hasOwn(SCHEMAS, a);

/** The typed params of `action`, or a LocalRefusal naming the first bad field. */
export function readParams<A extends ParamAction>(action: A, params: Readonly<Record<string, IntentValue>>): TaskmarketParams[A] {
  const parsed = SCHEMAS[action].safeParse(params);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new LocalRefusal(`ticket params for ${action}: ${i ? `${i.path.join('.') || 'params'}: ${i.message}` : 'invalid'}`);
  }
  return parsed.data as unknown as TaskmarketParams[A];
}

/** "<worker>:<shareBps>[:<submissionId>]" (accept_submissions winners, as the CLI spells them). */
export function parseWinner(spec: string): { worker: Address; shareBps: number; submissionId: string | null } {
  const [worker = '', share = '', sub, ...extra] = spec.split(':');
  const bps = /^[0-9]{1,5}$/.test(share) ? Number(share) : NaN;
  if (!/^0x[0-9a-fA-F]{40}$/.test(worker) || !(bps >= 1 && bps <= 10_000) || extra.length > 0 || (sub !== undefined && !/^[A-Za-z0-9_-]{1,100}$/.test(sub))) {
    throw new LocalRefusal(`winner "${spec.slice(0, 80)}" is not <worker>:<shareBps>[:<submissionId>]`);
  }
  return { worker: worker as Address, shareBps: bps, submissionId: sub ?? null };
}

/** "<worker>:<amount base units>:<rank>" (evaluate / resolve_dispute awards). */
export function parseAward(spec: string): { worker: Address; amount: bigint; rank: number } {
  const [worker = '', amount = '', rank = '', ...extra] = spec.split(':');
  if (!/^0x[0-9a-fA-F]{40}$/.test(worker) || !/^[1-9][0-9]{0,77}$/.test(amount) || !/^[1-9][0-9]{0,3}$/.test(rank) || extra.length > 0) {
    throw new LocalRefusal(`award "${spec.slice(0, 80)}" is not <worker>:<amount base units>:<rank>`);
  }
  return { worker: worker as Address, amount: BigInt(amount), rank: Number(rank) };
}
