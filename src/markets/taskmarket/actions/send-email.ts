import { MarketError } from '../../errors.js';
import { parseWire } from '../parse.js';
import { emailSendResultSchema } from '../schemas/email.js';
import type { WriteContext, WriteOptions } from './write-common.js';

export interface SendEmailParameters extends WriteOptions {
  to: string;
  subject: string;
  bodyText: string;
  signal?: AbortSignal;
}
export interface SendEmailResult {
  sent: boolean;
}

/** POST /api/emails/send {deviceId, apiToken, to, subject, bodyText} (cli §6.2); free, device-authenticated. */
export async function sendEmail(ctx: WriteContext, p: SendEmailParameters): Promise<SendEmailResult> {
  const device = ctx.client.signer?.device;
  if (!device) throw new MarketError('auth', 'No device credentials: email needs a keystore', { reason: 'no_device' });
  const body = await ctx.client.post(
    '/api/emails/send',
    { deviceId: device.deviceId, apiToken: device.apiToken, to: p.to, subject: p.subject, bodyText: p.bodyText },
    { ...(p.signal ? { signal: p.signal } : {}), ...(p.idempotencyKey ? { idempotencyKey: p.idempotencyKey } : {}) },
  );
  return { sent: parseWire(emailSendResultSchema, body, 'POST /api/emails/send').sent ?? true };
}
