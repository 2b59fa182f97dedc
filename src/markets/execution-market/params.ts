// The typed inputs each EM action carries in Intent.params (what a ticket collects and the executor needs),
// checked with zod. Accepts the in-memory form (bigint money) and the journal's (base-unit strings), so a retry
// rebuilt from the journal reads the same. Evidence travels as the JSON text the operator typed.
import { z } from 'zod';
import type { EmIntentAction, IntentValue } from '../../core/intent.js';
import { ADDRESS_RE, BODY_LIMITS, UUID_RE } from './constants.js';

const units = z.union([z.bigint().nonnegative(), z.string().regex(/^(0|[1-9][0-9]{0,77})$/).transform((s) => BigInt(s))]);
const id = z.string().regex(UUID_RE, 'a lower-case UUID');
const address = z.string().regex(ADDRESS_RE, 'a 0x address');
const optText = (max: number) => z.string().max(max).nullable().default(null);
const strings = (maxItems: number, each: number) => z.array(z.string().max(each)).max(maxItems);

export const EM_PARAM_SCHEMAS = {
  em_publish: z.object({
    title: z.string().min(1).max(255),
    instructions: z.string().min(1).max(5000),
    category: z.string().max(60),
    bounty: units,
    deadlineHours: z.number().int().min(1).max(720),
    evidenceRequired: strings(5, 40).min(1),
    evidenceOptional: strings(5, 40).default([]),
    skills: strings(20, 50).default([]),
    targetExecutor: z.enum(['human', 'agent', 'robot', 'any']).default('any'),
    minReputation: z.number().int().min(0).default(0),
    locationHint: optText(255),
  }),
  em_apply: z.object({ executorId: id, message: optText(BODY_LIMITS.applyMessage) }),
  em_assign: z.object({ executorId: id, worker: address, bounty: units }),
  em_submit: z.object({ executorId: id, evidence: z.string().min(2).max(1024 * 1024), requiredEvidence: strings(18, 40).default([]), notes: optText(BODY_LIMITS.submitNotes) }),
  em_approve: z.object({ submissionId: id, worker: address.nullable().default(null), notes: optText(BODY_LIMITS.approveNotes) }),
  em_reject: z.object({ submissionId: id, severity: z.enum(['minor', 'major']), notes: z.string().min(10).max(1000), reputationScore: z.number().int().min(0).max(50).nullable().default(null) }),
  em_request_info: z.object({ submissionId: id, notes: z.string().min(5).max(1000) }),
  em_cancel: z.object({ reason: optText(BODY_LIMITS.cancelReason) }),
  em_withdraw: z.object({ executorId: id, reason: optText(BODY_LIMITS.withdrawReason) }),
  em_rate_worker: z.object({ score: z.number().int().min(0).max(100), worker: address.nullable().default(null), comment: optText(BODY_LIMITS.rateComment), proofTx: optText(100) }),
  em_rate_agent: z.object({ score: z.number().int().min(0).max(100), agentId: z.number().int().min(1).nullable().default(null), comment: optText(BODY_LIMITS.rateComment) }),
} satisfies { [A in EmIntentAction]: z.ZodType };

export type EmParams = { [A in EmIntentAction]: z.output<(typeof EM_PARAM_SCHEMAS)[A]> };

export type ParamsRead<A extends EmIntentAction> = { ok: true; value: EmParams[A] } | { ok: false; error: string };

/** Intent.params → the action's typed params, or the first problem. */
export function readEmParams<A extends EmIntentAction>(action: A, params: Readonly<Record<string, IntentValue>>): ParamsRead<A> {
  const r = EM_PARAM_SCHEMAS[action].safeParse(params);
  if (r.success) return { ok: true, value: r.data as EmParams[A] };
  const i = r.error.issues[0];
  return { ok: false, error: `params.${i?.path.join('.') || '(all)'}: ${i?.message ?? 'invalid'}` };
}
