// Building journal records: an intent record from the core Intent, later steps from the intent
// record (so every step repeats the same identifying fields), and the wire form (bigint → string).
import { randomUUID } from 'node:crypto';
import type { Intent, IntentValue } from '../core/intent.js';
import { redactSecrets } from './journal-guard.js';
import { BASE_KEYS, JOURNAL_VERSION, type BaseFields, type IntentRecord, type RecordOf, type ResponseError, type Step } from './journal-schema.js';

export interface IntentContext {
  network: { name: string; chainId: number };
  apiUrl: string;
  executor: 'native' | 'cli';
  /** Defaults to a fresh UUID. */
  actionId?: string;
  /** The idempotency key every send of this action carries; defaults to a fresh UUID. */
  idempotencyKey?: string;
  /** The clock price the ticket showed at confirmation (auction-accept). */
  shownPrice?: bigint;
  /** The task's expiry as fetched for the ticket (epoch ms). */
  taskExpiresAt?: number | null;
  at?: Date;
}

function paramValue(v: IntentValue): string | number | boolean | null | string[] {
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return [...(v as readonly string[])];
  return v as string | number | boolean | null;
}

/** The `intent` record for an Intent: written (and fsync'd) before anything is sent. */
export function intentRecord(intent: Intent, ctx: IntentContext): IntentRecord {
  const rec: IntentRecord = {
    v: JOURNAL_VERSION,
    actionId: ctx.actionId ?? randomUUID(),
    step: 'intent',
    at: (ctx.at ?? new Date()).toISOString(),
    market: intent.market,
    taskId: intent.taskId,
    action: intent.action,
    network: { name: ctx.network.name, chainId: ctx.network.chainId },
    wallet: intent.wallet,
    apiUrl: ctx.apiUrl,
    agent: intent.agent,
    idempotencyKey: ctx.idempotencyKey ?? randomUUID(),
    role: intent.role,
    mode: intent.mode,
    auctionType: intent.auctionType,
    amount: intent.amount,
    fee: intent.fee,
    spend: intent.spend,
    payee: intent.payee,
    score: intent.score,
    params: Object.fromEntries(Object.entries(intent.params).map(([k, v]) => [k, paramValue(v)])),
    executor: ctx.executor,
  };
  if (ctx.shownPrice !== undefined) rec.shownPrice = ctx.shownPrice;
  if (ctx.taskExpiresAt != null) rec.taskExpiresAt = new Date(ctx.taskExpiresAt).toISOString();
  return rec;
}

/** The identifying fields of an intent, for a later step. */
export function baseOf(intent: IntentRecord): Omit<BaseFields, 'at'> {
  const out: Record<string, unknown> = {};
  for (const k of BASE_KEYS) if (k !== 'at') out[k] = intent[k];
  return out as Omit<BaseFields, 'at'>;
}

export type StepFields<S extends Step> = Omit<RecordOf<S>, (typeof BASE_KEYS)[number] | 'step'>;

/** A later step of the action `intent` started: `stepRecord(intent, 'sent', { attempt: 1 })`. */
export function stepRecord<S extends Exclude<Step, 'intent'>>(intent: IntentRecord, step: S, fields: StepFields<S>, at: Date = new Date()): RecordOf<S> {
  return { ...baseOf(intent), at: at.toISOString(), step, ...fields } as unknown as RecordOf<S>;
}

/** A response error fit for the journal: message redacted of secret-shaped runs and capped. */
export function journalError(kind: ResponseError['kind'], message: string, extra: Pick<ResponseError, 'contractError' | 'reason'> = {}): ResponseError {
  const contract = extra.contractError ?? /Contract call rejected: ([A-Za-z_][A-Za-z0-9_]{0,63})/.exec(message)?.[1];
  const out: ResponseError = { kind, message: redactSecrets(message, 300) };
  if (contract) out.contractError = contract;
  if (extra.reason) out.reason = extra.reason;
  return out;
}

/** The record as it goes on disk: plain JSON, money as base-unit strings, undefined fields gone. */
export function toWire(record: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(record, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))) as Record<string, unknown>;
}
