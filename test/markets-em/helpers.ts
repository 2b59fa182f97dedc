// Test kit for the EM client: a simulator on 127.0.0.1 (real HTTP), wallets as EmSigners (viem local
// accounts, or a real V3 keystore decrypted per signing), the ledger, and the request log.
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { createEmClient, type CreateEmClientOptions, type EmClient, type EmSigner } from '../../src/markets/execution-market/client.js';
import { registerWorker } from '../../src/markets/execution-market/actions/register-worker.js';
import type { PublishInput } from '../../src/markets/execution-market/validate.js';
import { parseV3Keystore, v3Signer } from '../../src/markets/wallets/index.js';
import { encryptV3 } from '../wallets/encrypt-v3.js';
import { startEmSim, type EmSim } from '../sim-em/helpers.js';

export { startEmSim, type EmSim };
export const TREASURY = '0xe4e4000000000000000000000000000000f0e013';

export interface TestWallet {
  signer: EmSigner;
  address: `0x${string}`;
  /** Lower-case, as EM and the ledger spell it. */
  lower: string;
}

export function localWallet(): TestWallet {
  const account = privateKeyToAccount(generatePrivateKey());
  return { signer: { address: account.address, withAccount: (fn) => fn(account) }, address: account.address, lower: account.address.toLowerCase() };
}

/** A V3 keystore wallet (pbkdf2, light): every signature decrypts the key and drops it. */
export function keystoreWallet(password = 'correct horse'): TestWallet {
  const pk = generatePrivateKey();
  const file = parseV3Keystore(encryptV3(pk, password, { kdf: { kdf: 'pbkdf2', c: 1024 } }), 'test.json');
  const signer = v3Signer(file, { kind: 'typed', password });
  return { signer, address: signer.address, lower: signer.address.toLowerCase() };
}

export function emClient(sim: EmSim, w: TestWallet | null, o: Partial<CreateEmClientOptions> = {}): EmClient {
  return createEmClient({ baseUrl: `${sim.url}/em`, ...(w ? { signer: w.signer } : {}), ...o });
}

export interface Worker extends TestWallet {
  client: EmClient;
  executorId: string;
}

export async function newWorker(sim: EmSim, w: TestWallet = localWallet()): Promise<Worker> {
  const client = emClient(sim, w);
  const r = await registerWorker(client, { name: 'test worker' });
  return { ...w, client, executorId: r.executorId };
}

export interface LogEntry {
  method: string;
  route: string;
  path: string;
  actor: string | null;
  status: number;
}

/** Every write the sim received (GET /sim/requests). */
export async function writes(sim: EmSim): Promise<LogEntry[]> {
  const r = await fetch(`${sim.url}/sim/requests`);
  return (await r.json()) as LogEntry[];
}

export const count = (log: LogEntry[], method: string, route: string) => log.filter((e) => e.method === method && e.route === route).length;

export const TASK: PublishInput = {
  title: '[KK Request] Raw Chat Logs',
  instructions: 'Deliver raw Twitch chat logs as JSON with at least 100 records.',
  category: 'knowledge_access',
  bounty: 50_000n,
  deadlineHours: 24,
  evidenceRequired: ['json_response'],
};

export const EVIDENCE = { json_response: { url: 's3://kk-data/raw_logs/1.json', records: 500 } };

/** Wait for `pred` to hold (real waits on real state, generous timeout). */
export async function until<T>(fn: () => Promise<T | null | undefined | false> | T | null | undefined | false, what: string, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v as T;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export { registerWorker };
