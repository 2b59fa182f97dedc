// The official CLI's output envelope (taskmarket-cli.md §0.5, §7): success is one `{"ok":true,"data":…}`
// line on stdout with exit 0; failure is `{"ok":false,"error":…}` as the last JSON line on stderr with
// exit 1; commander usage errors are plain text. Anything else is a failure with a clear message, never success.
import { z } from 'zod';

const successSchema = z.object({
  ok: z.literal(true),
  data: z.unknown(),
  idempotencyKey: z.string().optional(),
});

const failureSchema = z.object({
  ok: z.literal(false),
  error: z.string(),
  status: z.number().int().optional(),
  idempotencyKey: z.string().optional(),
  reason: z.string().optional(),
  pending: z.boolean().optional(),
});

export type Envelope =
  | { ok: true; data: unknown; idempotencyKey: string | null }
  | {
      ok: false;
      error: string;
      /** The on-chain error name in `Contract call rejected: <Name>` (backend §4.3), else null. */
      contractError: string | null;
      status?: number;
      idempotencyKey: string | null;
      /** The backend's envelope reason (§0.4), e.g. intent_in_flight. */
      reason?: string;
      /** The CLI's classification: the write may still complete (§0.4). */
      pending?: boolean;
    };

const MAX_ERROR = 4000;
const CONTRACT_ERROR = /Contract call rejected: ([A-Za-z_][A-Za-z0-9_]{0,63})/;

export function contractErrorOf(message: string): string | null {
  return CONTRACT_ERROR.exec(message)?.[1] ?? null;
}

function jsonLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter((l) => l !== '');

function failure(error: string, extra: Partial<Extract<Envelope, { ok: false }>> = {}): Envelope {
  const capped = error.length > MAX_ERROR ? `${error.slice(0, MAX_ERROR)}…` : error;
  return { ok: false, error: capped, contractError: contractErrorOf(error), idempotencyKey: null, ...extra };
}

/** Read what the CLI printed and how it exited. Never throws. */
export function parseCliOutput(exitCode: number, stdout: string, stderr: string): Envelope {
  if (exitCode === 0) {
    const out = lines(stdout);
    if (out.length === 0) return failure('the CLI exited 0 without printing a result');
    if (out.length > 1) return failure(`the CLI printed ${out.length} lines where one result was expected`);
    const raw = jsonLine(out[0] ?? '');
    if (raw === undefined) return failure('the CLI printed something that is not JSON');
    const parsed = successSchema.safeParse(raw);
    if (!parsed.success || !Object.hasOwn(raw as object, 'data')) return failure('the CLI printed JSON that is not a {"ok":true,"data":…} result');
    return { ok: true, data: parsed.data.data, idempotencyKey: parsed.data.idempotencyKey ?? null };
  }
  // Warnings are ok:false lines too (printWarning, §0.5); the failure that ended the command is the last one.
  const err = lines(stderr);
  for (let i = err.length - 1; i >= 0; i--) {
    const parsed = failureSchema.safeParse(jsonLine(err[i] ?? ''));
    if (!parsed.success) continue;
    const f = parsed.data;
    const extra: Partial<Extract<Envelope, { ok: false }>> = { idempotencyKey: f.idempotencyKey ?? null };
    if (f.status !== undefined) extra.status = f.status;
    if (f.reason !== undefined) extra.reason = f.reason;
    if (f.pending !== undefined) extra.pending = f.pending;
    return failure(f.error, extra);
  }
  const plain = err.find((l) => jsonLine(l) === undefined);
  if (plain) return failure(plain);
  if (lines(stdout).some((l) => successSchema.safeParse(jsonLine(l)).success)) {
    return failure(`the CLI printed a result but exited with code ${exitCode}; re-check the task before retrying`);
  }
  return failure(`the CLI exited with code ${exitCode} and printed no error`);
}
