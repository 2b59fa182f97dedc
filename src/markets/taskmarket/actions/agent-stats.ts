import type { Address } from '../../../core/types.js';
import type { AgentStats } from '../../market.js';
import type { TaskmarketClient } from '../client.js';
import { toAgentStats } from '../normalize.js';
import { parseWire } from '../parse.js';
import { agentStatsSchema } from '../schemas/agent.js';

export interface AgentStatsParameters {
  address: Address;
  signal?: AbortSignal;
}
export type AgentStatsResult = AgentStats;

/** GET /api/agents/stats?address= (backend §1.10). */
export async function getAgentStats(client: TaskmarketClient, p: AgentStatsParameters): Promise<AgentStatsResult> {
  const body = await client.get('/api/agents/stats', { query: { address: p.address }, ...(p.signal ? { signal: p.signal } : {}) });
  return toAgentStats(parseWire(agentStatsSchema, body, 'GET /api/agents/stats'));
}
