import type { Address } from '../../../core/types.js';
import type { InboxView } from '../../market.js';
import type { TaskmarketClient } from '../client.js';
import { toInbox } from '../normalize.js';
import { parseWire } from '../parse.js';
import { inboxSchema } from '../schemas/task.js';

export interface InboxParameters {
  address: Address;
  signal?: AbortSignal;
}
export type InboxResult = InboxView;

/** GET /api/agents/inbox?address= (read-auth makes it a self-view with private invites, backend §1.10). */
export async function getInbox(client: TaskmarketClient, p: InboxParameters): Promise<InboxResult> {
  const body = await client.get('/api/agents/inbox', { query: { address: p.address }, readAuth: true, ...(p.signal ? { signal: p.signal } : {}) });
  return toInbox(parseWire(inboxSchema, body, 'GET /api/agents/inbox'));
}
