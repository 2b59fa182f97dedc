// Where the client points and which network it must then see. The CLI reads TASKMARKET_API_URL and falls
// back to https://api.taskmarket.dev (taskmarket-cli.md §0.1); the desk's simulator and any loopback backend
// speak Base Sepolia ids, everything else must be Base mainnet.
import { checkHttpUrl } from './client.js';
import { BASE_MAINNET, SIM_NETWORK, type ExpectedNetwork } from './network.js';

export const PRODUCTION_API_URL = 'https://api.taskmarket.dev';

/** TASKMARKET_API_URL if set (validated: http(s) only), else production. */
export function resolveApiUrl(env: Record<string, string | undefined> = process.env): string {
  const raw = env.TASKMARKET_API_URL?.trim();
  return checkHttpUrl(raw ? raw : PRODUCTION_API_URL);
}

export function isLoopbackUrl(apiUrl: string): boolean {
  const host = new URL(apiUrl).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

/** The network the desk must see on `apiUrl` before it pays anything. */
export function expectedNetworkFor(apiUrl: string): ExpectedNetwork {
  return isLoopbackUrl(apiUrl) ? SIM_NETWORK : BASE_MAINNET;
}
