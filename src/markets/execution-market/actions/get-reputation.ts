import { z } from 'zod';
import { emHttpError, type EmClient } from '../client.js';
import { ADDRESS_RE } from '../constants.js';
import { address, optStr } from '../schemas/common.js';
import { invalid, parse } from './common.js';

const reputationSchema = z.object({
  agent_id: z.union([z.number().int(), z.string().max(40)]),
  wallet_address: address.nullish().transform((v) => v ?? null),
  count: z.number().int().min(0),
  score: z.number().min(0).max(100),
  network: optStr(30),
});

export interface EmReputation {
  agentId: string;
  wallet: string | null;
  count: number;
  /** Mean received score, 0–100. */
  score: number;
}

/** GET /reputation/agents/{id} — public: an ERC-8004 id (the simulator also takes a wallet); null on 404 (§4b). */
export async function getReputation(client: EmClient, p: { agent: string | number; signal?: AbortSignal }): Promise<EmReputation | null> {
  const key = String(p.agent);
  if (!ADDRESS_RE.test(key) && !/^[0-9]{1,12}$/.test(key)) throw invalid('agent is an ERC-8004 id or a 0x wallet');
  const route = 'GET /reputation/agents/{agent_id}';
  const res = await client.send({ method: 'GET', path: `/reputation/agents/${key}`, route, signed: false, ...(p.signal ? { signal: p.signal } : {}) });
  if (res.status === 404) return null;
  if (res.status !== 200) throw emHttpError(res, client.now());
  const r = parse(reputationSchema, res.body, route);
  return { agentId: String(r.agent_id), wallet: r.wallet_address, count: r.count, score: r.score };
}
