// Error bodies (taskmarket-backend.md §5.3): `{error}` / `{message, code}` with an optional
// `taskmarket` envelope found at body.taskmarket, body.data.taskmarket or body.error.data.taskmarket (cli §0.4).
import { z } from 'zod';

export const apiEnvelopeSchema = z.object({
  reason: z.string().max(100),
  intentId: z.string().max(200).optional(),
  intentStatus: z.string().max(50).optional(),
  operation: z.string().max(100).optional(),
  idempotencyKey: z.string().max(200).optional(),
  txHash: z.string().max(200).optional(),
});
export type ApiEnvelope = z.infer<typeof apiEnvelopeSchema>;

export const errorBodySchema = z.object({
  error: z.union([z.string().max(10_000), z.object({ message: z.string().max(10_000).optional() }).passthrough()]).optional(),
  message: z.string().max(10_000).optional(),
  code: z.string().max(100).optional(),
});

/** The human message and the taskmarket envelope of an error body, if any. */
export function readErrorBody(body: unknown): { message: string | null; envelope: ApiEnvelope | null } {
  const parsed = errorBodySchema.safeParse(body);
  let message: string | null = null;
  if (parsed.success) {
    const e = parsed.data.error;
    message = parsed.data.message ?? (typeof e === 'string' ? e : (e?.message ?? null));
  }
  const rec = (v: unknown, k: string): unknown => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined);
  const candidates = [rec(body, 'taskmarket'), rec(rec(body, 'data'), 'taskmarket'), rec(rec(rec(body, 'error'), 'data'), 'taskmarket'), body];
  for (const c of candidates) {
    const env = apiEnvelopeSchema.safeParse(c);
    if (env.success) return { message, envelope: env.data };
  }
  return { message, envelope: null };
}
