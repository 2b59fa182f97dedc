// TaskResponse (create, get, list; execution-market-api.md §3b) and the raw `GET /tasks/available` row (§3b,
// §4a). Unknown extra keys are kept out by zod's default strip; a missing or mistyped key we read is a fault.
import { z } from 'zod';
import { EM_STATUSES } from '../constants.js';
import { address, isoMs, optIsoMs, optStr, optTx, str, usdNumber, uuid } from './common.js';

const evidenceSchema = z
  .looseObject({ required: z.array(str(40)).max(18).default([]), optional: z.array(str(40)).max(18).nullish().transform((v) => v ?? []) })
  .nullish()
  .transform((v) => v ?? { required: [], optional: [] });
const skills = z.array(str(60)).max(40).nullish().transform((v) => v ?? []);

const taskFields = {
  id: uuid,
  title: str(300),
  status: z.enum(EM_STATUSES),
  category: str(60),
  bounty_usd: usdNumber,
  deadline: isoMs,
  created_at: isoMs,
  /** The publisher: a wallet (lower-case 0x), or an H2A `human:<id>` / legacy numeric ERC-8004 id (§3). */
  agent_id: z.union([address, z.string().regex(/^human:[A-Za-z0-9_-]{1,64}$/), z.string().regex(/^[0-9]{1,20}$/)]),
  instructions: optStr(10_000),
  evidence_schema: evidenceSchema,
  location_hint: optStr(300),
  min_reputation: z.number().int().min(0).nullish().transform((v) => v ?? 0),
  erc8004_agent_id: z.union([z.number().int(), z.string().regex(/^[0-9]{1,20}$/).transform(Number)]).nullish().transform((v) => v ?? null),
  payment_network: str(30).nullish().transform((v) => v ?? 'base'),
  payment_token: str(10).nullish().transform((v) => v ?? 'USDC'),
  target_executor_type: optStr(20),
  agent_name: optStr(120),
  escrow_status: optStr(40),
  skill_version: optStr(30),
  updated_at: optIsoMs,
} as const;

/** TaskResponse (+ assigned_at / completed_at / updated_at when present). */
export const taskSchema = z.object({
  ...taskFields,
  executor_id: uuid.nullish().transform((v) => v ?? null),
  escrow_tx: optTx,
  refund_tx: optTx,
  payment_tx: optTx,
  skills_required: skills,
  assigned_at: optIsoMs,
  completed_at: optIsoMs,
});
export type WireTask = z.output<typeof taskSchema>;

/** A browse row: the DB row without executor_id (§3b), skills as `required_capabilities`. */
export const availableRowSchema = z.object({
  ...taskFields,
  required_capabilities: skills,
  escrow_id: optStr(80),
  publisher_type: optStr(20),
});
export type WireAvailableRow = z.output<typeof availableRowSchema>;

/** `GET /tasks/available` → {tasks, count, offset, filters_applied}. */
export const availablePageSchema = z.object({
  tasks: z.array(availableRowSchema).max(100),
  count: z.number().int().min(0),
  offset: z.number().int().min(0),
  filters_applied: z.record(z.string(), z.unknown()).nullish(),
});

/** `GET /tasks` (own tasks) → {tasks, total, count, offset, has_more}. */
export const ownPageSchema = z.object({
  tasks: z.array(taskSchema).max(100),
  total: z.number().int().min(0),
  count: z.number().int().min(0),
  offset: z.number().int().min(0),
  has_more: z.boolean(),
});
