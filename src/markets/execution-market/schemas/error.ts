// EM error bodies (execution-market-api.md §2, §13.3): coded `{"detail":{code, retryable, message, …}}`, a plain
// `{"detail":"…"}`, the snapshot's 422 `{"detail":"Validation error","errors":[{field,message,type}]}`, FastAPI's
// own 422 `{"detail":[{loc,msg,type}]}`, and the limiter's `{"error","message","retry_after"}`. Loose on purpose:
// an error body that matches none still becomes an error, never a success.
import { z } from 'zod';

const text = (max: number) => z.string().transform((s) => s.slice(0, max));

export const codedDetailSchema = z.looseObject({
  code: text(80),
  retryable: z.boolean().optional(),
  message: text(500).optional(),
  recovery: text(300).optional(),
  ref: text(80).optional(),
});

export const fieldErrorSchema = z.looseObject({ field: text(200), message: text(300), type: text(60).optional() });
export const fastapiIssueSchema = z.looseObject({ loc: z.array(z.union([z.string(), z.number()])).max(20), msg: text(300), type: text(60).optional() });

export const errorBodySchema = z.union([
  z.looseObject({ detail: codedDetailSchema }),
  z.looseObject({ detail: text(500), errors: z.array(fieldErrorSchema).max(100).optional() }),
  z.looseObject({ detail: z.array(fastapiIssueSchema).max(100) }),
  z.looseObject({ error: text(120), message: text(500).optional(), retry_after: z.number().optional() }),
]);

export interface FieldProblem {
  field: string;
  message: string;
  type: string | null;
}

export interface EmErrorDetail {
  /** detail.code (or the limiter's `error`); null for a plain-text detail. */
  code: string | null;
  /** detail.retryable as the server said it; null when it did not say. */
  retryable: boolean | null;
  /** The server's human text (untrusted: sanitised on display, never parsed). */
  message: string | null;
  /** Per-field problems of a 422. */
  fields: FieldProblem[];
  ref: string | null;
}

/** Read whatever error shape the body has. */
export function readEmError(body: unknown): EmErrorDetail {
  const r = errorBodySchema.safeParse(body);
  const none: EmErrorDetail = { code: null, retryable: null, message: null, fields: [], ref: null };
  if (!r.success) return none;
  const b = r.data as Record<string, unknown>;
  const d = b.detail;
  if (d && typeof d === 'object' && !Array.isArray(d)) {
    const c = d as z.output<typeof codedDetailSchema>;
    return { code: c.code, retryable: c.retryable ?? null, message: c.message ?? null, fields: [], ref: c.ref ?? null };
  }
  if (Array.isArray(d)) {
    const fields = (d as z.output<typeof fastapiIssueSchema>[]).map((i) => ({ field: i.loc.join('.'), message: i.msg, type: i.type ?? null }));
    return { ...none, code: 'validation_error', message: 'Validation error', fields };
  }
  if (typeof d === 'string') {
    const errors = (b.errors as z.output<typeof fieldErrorSchema>[] | undefined) ?? [];
    const fields = errors.map((e) => ({ field: e.field, message: e.message, type: e.type ?? null }));
    return { ...none, code: errors.length ? 'validation_error' : null, message: d, fields };
  }
  if (typeof b.error === 'string') return { ...none, code: b.error, message: typeof b.message === 'string' ? b.message : b.error };
  return none;
}
