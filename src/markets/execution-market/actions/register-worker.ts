import type { Address } from '../../../core/types.js';
import type { EmClient } from '../client.js';
import { ADDRESS_RE } from '../constants.js';
import { registerSchema } from '../schemas/writes.js';
import { honouringRateLimit, invalid, parse } from './common.js';

export interface RegisterWorkerParameters {
  /** Default: the signer's wallet. */
  wallet?: Address;
  name?: string;
  email?: string;
  signal?: AbortSignal;
}

export interface RegisterWorkerResult {
  executorId: string;
  wallet: string;
  created: boolean;
}

/** POST /workers/register — public get-or-create of the executor id for a wallet (§4a, §13.5); safe to repeat. */
export async function registerWorker(client: EmClient, p: RegisterWorkerParameters = {}): Promise<RegisterWorkerResult> {
  const wallet = p.wallet ?? client.signer?.address;
  if (!wallet || !ADDRESS_RE.test(wallet)) throw invalid('registerWorker needs a 0x wallet');
  if (p.name !== undefined && p.name.length > 100) throw invalid('name is at most 100 characters');
  if (p.email !== undefined && p.email.length > 255) throw invalid('email is at most 255 characters');
  const route = 'POST /workers/register';
  const body = { wallet_address: wallet, ...(p.name ? { name: p.name } : {}), ...(p.email ? { email: p.email } : {}) };
  // Get-or-create: a re-send after an unknown outcome is harmless.
  const res = await honouringRateLimit(() => client.call({ method: 'POST', path: '/workers/register', route, body, signed: false, ...(p.signal ? { signal: p.signal } : {}) }), p.signal ? { signal: p.signal } : {});
  const d = parse(registerSchema, res.body, route).data;
  return { executorId: d.executor_id, wallet: d.wallet_address, created: d.created ?? false };
}
