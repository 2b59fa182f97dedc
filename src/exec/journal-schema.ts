// The journal's record schemas (JSON Lines, v1): one strict zod object per step, so a field the schema
// does not name (a key, a token, a signature) cannot ride along. Money is a base-unit string on disk and
// a bigint in memory. To add a step, add its name to STEPS and its schema to STEP_SCHEMAS; readers keep
// records of steps they do not know. Armed orders (issue 10) add armed, fired, suspended, resumed, disarmed
// and expired: an order's records carry the order's id as their actionId and have no intent of their own
// (groupActions leaves them out; src/exec/armed/ reads them).
import { z } from 'zod';
import type { GateStatus } from '../core/gate/verdict.js';
import { EM_ACTIONS, type IntentAction } from '../core/intent.js';
import { ACTION_NAMES, ACTION_ROLES, AUCTION_TYPES, MODES } from '../core/types.js';

export const JOURNAL_VERSION = 1;

/** Steps this version writes, in flow order. */
export const ARMED_STEPS = ['armed', 'fired', 'suspended', 'resumed', 'disarmed', 'expired'] as const;
export const STEPS = ['intent', 'approved', 'sent', 'response', 'verified', 'mismatch', 'reconciled', ...ARMED_STEPS] as const;
export type Step = (typeof STEPS)[number];
export type ArmedStep = (typeof ARMED_STEPS)[number];

/** Every action an Intent can name (core/intent.ts), as a runtime list. */
export const INTENT_ACTIONS = [...ACTION_NAMES, 'create_task', 'withdraw', 'set_withdrawal_address', ...EM_ACTIONS] as const;
// Compile-time guard: adding an action to IntentAction without listing it here is a type error.
type MissingAction = Exclude<IntentAction, (typeof INTENT_ACTIONS)[number]>;
const allActionsListed: [MissingAction] extends [never] ? true : MissingAction = true;
void allActionsListed;

export const INTENT_ROLES = [...ACTION_ROLES, 'publisher', 'wallet'] as const;
export const MARKETS = ['taskmarket', 'execution-market'] as const;

/** Kinds of failure a response can carry (MarketErrorKind, plus the CLI executor's and local refusals). */
export const ERROR_KINDS = ['network', 'timeout', 'http', 'rate_limited', 'server', 'schema', 'auth', 'mismatch', 'cli', 'local', 'unknown'] as const;
export type ResponseErrorKind = (typeof ERROR_KINDS)[number];

/** Gate check outcomes as the approval records them (core/gate/verdict.ts GateStatus). */
export const CHECK_STATUSES = ['pass', 'warn', 'fail', 'na'] as const;
type MissingStatus = Exclude<GateStatus, (typeof CHECK_STATUSES)[number]>;
const allStatusesListed: [MissingStatus] extends [never] ? true : MissingStatus = true;
void allStatusesListed;

// ---- field types ----------------------------------------------------------------------------

/** Non-negative base units: "1500000" on disk, 1500000n in memory. */
const units = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,77})$/, 'base units: a non-negative integer string')
  .transform((s) => BigInt(s));
/** Signed base units (balance deltas). */
const signedUnits = z
  .string()
  .regex(/^(0|-?[1-9][0-9]{0,77})$/, 'base units: an integer string')
  .transform((s) => BigInt(s));
const text = (max: number) => z.string().max(max);
const name = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/, 'a field name');
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'a 0x address');
const isoTime = z.iso.datetime({ offset: true });

const network = z.strictObject({ name: text(40).min(1), chainId: z.number().int().positive() });

/** A typed ticket value: the same shapes as IntentValue, with money already as base-unit strings. */
// Up to the backend's own longest input (a 10,000-character description or proof).
const paramValue = z.union([text(10_000), z.number().finite(), z.boolean(), z.null(), z.array(text(2000)).max(50)]);

const base = {
  v: z.literal(JOURNAL_VERSION),
  actionId: z.uuid(),
  at: isoTime,
  market: z.enum(MARKETS),
  taskId: text(200).min(1).nullable(),
  action: z.enum(INTENT_ACTIONS),
  network,
  wallet: address,
  apiUrl: z.url({ protocol: /^https?$/ }).max(500),
  agent: text(64).min(1).nullable(),
};

/** The fields every record carries (copied from the action's intent). */
export const BASE_KEYS = ['v', 'actionId', 'at', 'market', 'taskId', 'action', 'network', 'wallet', 'apiUrl', 'agent'] as const;

// ---- one schema per step ----------------------------------------------------------------------

export const intentSchema = z.strictObject({
  ...base,
  step: z.literal('intent'),
  /** X-Taskmarket-Idempotency-Key, chosen before anything is sent; every retry of this action reuses it. */
  idempotencyKey: z.uuid(),
  role: z.enum(INTENT_ROLES),
  mode: z.enum(MODES).nullable(),
  auctionType: z.enum(AUCTION_TYPES).nullable(),
  amount: units.nullable(),
  fee: units,
  spend: units,
  payee: text(200).nullable(),
  score: z.number().int().min(0).max(100).nullable(),
  params: z.record(name, paramValue).refine((p) => Object.keys(p).length <= 40, 'at most 40 params'),
  executor: z.enum(['native', 'cli']),
  /** The clock price the ticket showed when the operator confirmed (auction-accept), for drift. */
  shownPrice: units.optional(),
  /** The task's expiryTime as fetched for the ticket, for the expiry caveat. */
  taskExpiresAt: isoTime.optional(),
});

export const approvedSchema = z.strictObject({
  ...base,
  step: z.literal('approved'),
  confirmation: z.enum(['typed', 'press']),
  /** What the operator typed (an amount, a score, a task id); never a secret. */
  phrase: text(100),
  checks: z.array(z.strictObject({ id: text(60).min(1), status: z.enum(CHECK_STATUSES) })).max(60),
});

export const sentSchema = z.strictObject({
  ...base,
  step: z.literal('sent'),
  /** 1 for the first send; a retry is 2, 3, … and reuses the intent's idempotencyKey. */
  attempt: z.number().int().min(1).max(100),
});

const resultSchema = z.strictObject({
  txHash: text(200).optional(),
  taskId: text(200).optional(),
  submissionId: text(200).optional(),
  bidId: text(200).optional(),
  claimId: text(200).optional(),
  pitchId: text(200).optional(),
  feedbackId: text(200).optional(),
  intentId: text(200).optional(),
  acceptedPrice: units.optional(),
  workerAddress: address.optional(),
  success: z.boolean().optional(),
});

const errorSchema = z.strictObject({
  kind: z.enum(ERROR_KINDS),
  /** The market's (or CLI's) text, capped; untrusted, sanitised on display. */
  message: text(300),
  /** <Name> of "Contract call rejected: <Name>" (an on-chain revert: do not retry). */
  contractError: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/).optional(),
  /** The backend's machine reason (data.taskmarket.reason), e.g. idempotency_key_reused. */
  reason: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/).optional(),
});

export const responseSchema = z
  .strictObject({
    ...base,
    step: z.literal('response'),
    ok: z.boolean(),
    httpStatus: z.number().int().min(100).max(599).optional(),
    result: resultSchema.optional(),
    error: errorSchema.optional(),
  })
  .refine((r) => (r.ok ? r.error === undefined : r.error !== undefined), 'ok:true carries no error; ok:false carries one');

/** What verification expected and what the re-fetch showed. */
const observationSchema = z.strictObject({
  status: text(40).optional(),
  /** Count deltas by name: { submissionCount: 1 }. */
  countDelta: z.record(name, z.number().int()).optional(),
  /** The ownership field checked (claimedBy, workerAddress, winner, …) and its value. */
  ownerField: name.optional(),
  owner: text(200).nullable().optional(),
  balanceDelta: signedUnits.optional(),
  returnedId: text(200).optional(),
});

export const verifiedSchema = z.strictObject({
  ...base,
  step: z.literal('verified'),
  expected: observationSchema,
  observed: observationSchema,
  note: text(300).optional(),
});

export const mismatchSchema = z.strictObject({
  ...base,
  step: z.literal('mismatch'),
  expected: observationSchema,
  observed: observationSchema,
  note: text(300).optional(),
});

export const reconciledSchema = z.strictObject({
  ...base,
  step: z.literal('reconciled'),
  outcome: z.enum(['done', 'not_done', 'unknown']),
  how: z.enum(['intents', 'task', 'ledger', 'none']),
  note: text(300),
});

// ---- armed orders (issue 10) ---------------------------------------------------------------

const tag = text(60).min(1);
const claimFilterSchema = z.strictObject({
  tags: z.array(tag).max(20),
  skill: tag.nullable(),
  minReward: units.nullable(),
  maxReward: units.nullable(),
  deadlineHours: z.number().positive().max(1_000_000).nullable(),
  text: text(200),
});
const count = z.number().int().min(1).max(100);

/** What was armed: the order's own inputs (the trigger and guard, the rule, the ladder). */
const orderSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('auction_accept'), auctionType: z.enum(['dutch', 'reverse_dutch']), trigger: units, minPrice: units }),
  z.strictObject({ kind: z.literal('claim'), filter: claimFilterSchema, minReward: units, maxFills: count }),
  z.strictObject({ kind: z.literal('ladder'), auctionType: z.enum(['english', 'reverse_english']), step: units, floor: units, maxBids: count }),
]);

export const armedSchema = z.strictObject({
  ...base,
  step: z.literal('armed'),
  order: orderSchema,
  /** Market time the order stops, or null (a claim rule without an expiry). */
  expiresAt: isoTime.nullable(),
  /** The fee of one fire, and the most every fire together can take from the wallet. */
  fee: units,
  maxSpend: units,
  /** The arming confirmation (typed once: P, N or the floor) and the gate as shown then. */
  confirmation: z.enum(['typed', 'press']),
  phrase: text(100),
  checks: z.array(z.strictObject({ id: text(60).min(1), status: z.enum(CHECK_STATUSES) })).max(60),
});

export const firedSchema = z.strictObject({
  ...base,
  step: z.literal('fired'),
  /** The runner's actionId for the action this fire sends (its own intent → … records follow). */
  firedActionId: z.uuid(),
  /** The task fired on (a claim rule's taskId field is null: it names no task when armed). */
  target: text(200).min(1),
  /** Market time of the fire, and the crossing instant it was scheduled for (auction-accept). */
  marketAt: isoTime,
  crossingAt: isoTime.optional(),
  /** The local clock price at the fire (auction-accept) or the bid price (ladder). */
  price: units.optional(),
});

export const suspendedSchema = z.strictObject({
  ...base,
  step: z.literal('suspended'),
  /** The failing check's reason (nothing was sent). */
  reason: text(300),
  check: text(60).min(1).optional(),
});

export const resumedSchema = z.strictObject({ ...base, step: z.literal('resumed') });
export const disarmedSchema = z.strictObject({ ...base, step: z.literal('disarmed') });
export const expiredSchema = z.strictObject({ ...base, step: z.literal('expired'), reason: text(300) });

export const STEP_SCHEMAS = {
  intent: intentSchema,
  approved: approvedSchema,
  sent: sentSchema,
  response: responseSchema,
  verified: verifiedSchema,
  mismatch: mismatchSchema,
  reconciled: reconciledSchema,
  armed: armedSchema,
  fired: firedSchema,
  suspended: suspendedSchema,
  resumed: resumedSchema,
  disarmed: disarmedSchema,
  expired: expiredSchema,
} as const satisfies Record<Step, z.ZodType>;

export type IntentRecord = z.output<typeof intentSchema>;
export type ApprovedRecord = z.output<typeof approvedSchema>;
export type SentRecord = z.output<typeof sentSchema>;
export type ResponseRecord = z.output<typeof responseSchema>;
export type VerifiedRecord = z.output<typeof verifiedSchema>;
export type MismatchRecord = z.output<typeof mismatchSchema>;
export type ReconciledRecord = z.output<typeof reconciledSchema>;
export type Observation = z.output<typeof observationSchema>;
export type ResponseResult = z.output<typeof resultSchema>;
export type ResponseError = z.output<typeof errorSchema>;
export type ArmedRecord = z.output<typeof armedSchema>;
export type FiredRecord = z.output<typeof firedSchema>;
export type SuspendedRecord = z.output<typeof suspendedSchema>;
export type ResumedRecord = z.output<typeof resumedSchema>;
export type DisarmedRecord = z.output<typeof disarmedSchema>;
export type ExpiredRecord = z.output<typeof expiredSchema>;
export type ArmedOrderRecord = z.output<typeof orderSchema>;
/** A record of an armed order's step (keyed by the order's id). */
export type OrderRecord = ArmedRecord | FiredRecord | SuspendedRecord | ResumedRecord | DisarmedRecord | ExpiredRecord;

/** A record of a step this version knows, as held in memory (bigint money). */
export type JournalRecord = IntentRecord | ApprovedRecord | SentRecord | ResponseRecord | VerifiedRecord | MismatchRecord | ReconciledRecord | OrderRecord;
/** A record of an action's step (intent … reconciled), as opposed to an armed order's. */
export type ActionRecord = Exclude<JournalRecord, OrderRecord>;
export type RecordOf<S extends Step> = Extract<JournalRecord, { step: S }>;
export type BaseFields = Pick<IntentRecord, (typeof BASE_KEYS)[number]>;

/**
 * A line that is a journal record but not one this version can type: a future step, a
 * newer version, or a known step with fields it does not recognise. Kept, never dropped.
 */
export interface OtherRecord {
  line: number;
  actionId: string;
  step: string;
  at: string;
  reason: string;
  raw: Readonly<Record<string, unknown>>;
}

/** The minimum a line must have to be kept as an OtherRecord. */
export const looseRecordSchema = z.looseObject({
  v: z.number().int().positive(),
  actionId: z.string().min(1).max(100),
  step: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/),
  at: z.string().max(40),
});

export const isKnownStep = (step: string): step is Step => (STEPS as readonly string[]).includes(step);
export const isArmedStep = (step: string): step is ArmedStep => (ARMED_STEPS as readonly string[]).includes(step);
export const isOrderRecord = (r: JournalRecord): r is OrderRecord => isArmedStep(r.step);
