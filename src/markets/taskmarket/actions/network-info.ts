import type { NetworkInfo } from '../../market.js';
import type { TaskmarketClient } from '../client.js';
import { toNetworkInfo } from '../normalize.js';
import { parseWire } from '../parse.js';
import { networkInfoSchema } from '../schemas/network.js';

export type NetworkInfoResult = NetworkInfo;

/** GET /trpc/network.info (tRPC envelope, taskmarket-cli.md §3.5). */
export async function getNetworkInfo(client: TaskmarketClient, signal?: AbortSignal): Promise<NetworkInfoResult> {
  const body = await client.get('/trpc/network.info', signal ? { signal } : {});
  return toNetworkInfo(parseWire(networkInfoSchema, body, 'GET /trpc/network.info'));
}
