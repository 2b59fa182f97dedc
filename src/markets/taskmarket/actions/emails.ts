import type { Email } from '../../market.js';
import type { TaskmarketClient } from '../client.js';
import { toEmail } from '../normalize.js';
import { parseWire } from '../parse.js';
import { emailListSchema } from '../schemas/email.js';

export interface EmailsParameters {
  limit?: number;
  unreadOnly?: boolean;
  signal?: AbortSignal;
}
export type EmailsResult = Email[];

/** GET /api/emails/list?deviceId&apiToken&limit[&unread=true] — device creds in the query, as the CLI does (cli §6.2). */
export async function getEmails(client: TaskmarketClient, p: EmailsParameters = {}): Promise<EmailsResult> {
  const device = client.signer?.device;
  if (!device) return [];
  const query = { deviceId: device.deviceId, apiToken: device.apiToken, limit: String(p.limit ?? 20), unread: p.unreadOnly ? 'true' : undefined };
  const body = await client.get('/api/emails/list', { query, ...(p.signal ? { signal: p.signal } : {}) });
  const emails = parseWire(emailListSchema, body, 'GET /api/emails/list').map(toEmail);
  // Unread first, then newest first (MarketReader contract).
  return emails.sort((a, b) => Number(a.isRead) - Number(b.isRead) || b.receivedAt - a.receivedAt);
}
