// Read-auth (taskmarket-backend.md §6.3): X-Taskmarket-Caller-Address + X-Taskmarket-Caller-Signature, an
// EIP-191 signature of `taskmarket:read:<address lower>`. Invalid or absent → anonymous, never an error.
// The signed text has no nonce, so a verified (address, signature) pair is cached.
import { recoverMessageAddress, type Hex } from 'viem';
import type { SimRequest } from '../router.js';
import type { Sim } from '../sim.js';

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const SIG = /^0x[0-9a-fA-F]{130}$/;
const CACHE_CAP = 10_000;
const cache = new Map<string, boolean>();

export const readAuthMessage = (address: string) => `taskmarket:read:${address.toLowerCase()}`;

function header(req: SimRequest, name: string): string | null {
  const v = req.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s.trim() : null;
}

/** The verified caller address (as sent), or null for an anonymous request. */
export async function callerOf(req: SimRequest): Promise<string | null> {
  const address = header(req, 'x-taskmarket-caller-address');
  const signature = header(req, 'x-taskmarket-caller-signature');
  if (!address || !signature || !ADDRESS.test(address) || !SIG.test(signature)) return null;
  const key = `${address.toLowerCase()}|${signature.toLowerCase()}`;
  let valid = cache.get(key);
  if (valid === undefined) {
    try {
      const signer = await recoverMessageAddress({ message: readAuthMessage(address), signature: signature as Hex });
      valid = signer.toLowerCase() === address.toLowerCase();
    } catch {
      valid = false;
    }
    if (cache.size >= CACHE_CAP) cache.delete(cache.keys().next().value as string);
    cache.set(key, valid);
  }
  return valid ? address : null;
}

export const ACCESS_GRANT_HEADER = 'x-taskmarket-task-access-grant';

/** Whether the request carries a live `task unlock` grant for this task (§6.5: view-only, never for writes). */
export function hasAccessGrant(sim: Sim, req: SimRequest, taskId: string): boolean {
  const grant = header(req, ACCESS_GRANT_HEADER);
  if (!grant) return false;
  const g = sim.state.accessGrants[grant];
  return !!g && g.taskId === taskId && g.expiresAt > sim.now();
}
