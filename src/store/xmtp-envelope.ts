// The XMTP envelope (taskmarket-cli.md §6.1) and the NDJSON lines that carry it: the daemon's
// `{"ok":true,"data":{"event":"xmtp.envelope",…envelope}}` (§5), `xmtp listen`'s `{"ok":true,"data":envelope}`,
// or a bare envelope (file sources). Every line is zod-parsed; anything else is a bad line.
import { z } from 'zod';
import type { Message } from './state.js';

export const envelopeSchema = z.object({
  schemaVersion: z.literal(1).optional(),
  type: z.string().min(1).max(200),
  requestId: z.string().min(1).max(200),
  replyToRequestId: z.string().max(200).nullish(),
  senderInboxId: z.string().max(200).optional(),
  senderAddress: z.string().max(200),
  sentAt: z.string().max(64).optional(),
  deadlineMs: z.number().int().positive().optional(),
  payload: z.record(z.string(), z.unknown()).optional(),
});
export type Envelope = z.infer<typeof envelopeSchema>;

const wrapped = z.object({ ok: z.literal(true), data: z.unknown() });

/** One NDJSON line → an envelope, or null when the line is not one (counted as bad by the caller). */
export function parseEnvelopeLine(line: string): Envelope | null {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return null;
  }
  const w = wrapped.safeParse(json);
  let candidate = w.success ? w.data.data : json;
  if (candidate && typeof candidate === 'object' && 'event' in candidate) {
    if ((candidate as { event: unknown }).event !== 'xmtp.envelope') return null;
    const { event: _e, ...rest } = candidate as Record<string, unknown>;
    candidate = rest;
  }
  const e = envelopeSchema.safeParse(candidate);
  return e.success ? e.data : null;
}

const BODY_CAP = 20_000;

/** The inbox message for an envelope; dedupe key as the CLI's: senderInboxId:requestId:type (§6.1). */
export function envelopeMessage(e: Envelope, receivedAt: number): Message {
  const sent = e.sentAt ? Date.parse(e.sentAt) : NaN;
  let body = '';
  try {
    body = JSON.stringify(e.payload ?? {}, null, 2).slice(0, BODY_CAP);
  } catch {
    body = '';
  }
  return {
    key: `xmtp:${e.senderInboxId ?? e.senderAddress}:${e.requestId}:${e.type}`,
    source: 'xmtp',
    id: e.requestId,
    from: e.senderAddress,
    subject: e.type,
    body,
    receivedAt: Number.isFinite(sent) ? sent : receivedAt,
    read: false,
    type: e.type,
  };
}
