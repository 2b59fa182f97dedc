import type { Address } from '../../../core/types.js';
import type { TaskmarketClient } from '../client.js';
import { parseWire } from '../parse.js';
import { identityStatusSchema } from '../schemas/agent.js';

export interface IdentityStatusParameters {
  address: Address;
  signal?: AbortSignal;
}
export interface IdentityStatusResult {
  agentId: string | null;
  registered: boolean;
}

/** GET /api/identity/status?address= → `{agentId|null, registered, cacheFresh}` (backend §1.10). */
export async function getIdentityStatus(client: TaskmarketClient, p: IdentityStatusParameters): Promise<IdentityStatusResult> {
  const body = await client.get('/api/identity/status', { query: { address: p.address }, ...(p.signal ? { signal: p.signal } : {}) });
  const w = parseWire(identityStatusSchema, body, 'GET /api/identity/status');
  return { agentId: w.agentId == null ? null : String(w.agentId), registered: w.registered };
}
