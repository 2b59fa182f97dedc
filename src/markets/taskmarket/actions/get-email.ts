import type { Email } from '../../market.js';
import { MarketError } from '../../errors.js';
import type { TaskmarketClient } from '../client.js';
import { toEmail } from '../normalize.js';
import { parseWire } from '../parse.js';
import { emailSchema } from '../schemas/email.js';

export interface GetEmailParameters {
  id: string;
  signal?: AbortSignal;
}
export type GetEmailResult = Email;

/** GET /api/emails/get?deviceId&apiToken&id — the server marks it read (cli §6.2 `email read`). */
export async function getEmail(client: TaskmarketClient, p: GetEmailParameters): Promise<GetEmailResult> {
  const device = client.signer?.device;
  if (!device) throw new MarketError('auth', 'No device credentials: emails need a keystore', { reason: 'no_device' });
  const body = await client.get('/api/emails/get', { query: { deviceId: device.deviceId, apiToken: device.apiToken, id: p.id }, ...(p.signal ? { signal: p.signal } : {}) });
  return toEmail(parseWire(emailSchema, body, 'GET /api/emails/get'));
}
