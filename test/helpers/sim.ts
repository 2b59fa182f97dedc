// In-process simulator for tests: port 0 on 127.0.0.1, optional manual clock, plus small HTTP helpers.
import { randomUUID } from 'node:crypto';
import { startSim, type RunningSim, type StartSimOptions } from '../../src/sim/server.js';

export interface TestSim extends RunningSim {
  /** Mint USDC base units to an address (POST /sim/faucet). */
  faucet(address: string, amount: bigint): Promise<void>;
  /** Move the manual market clock (POST /sim/clock). */
  advance(ms: number): Promise<void>;
  /** GET /sim/ledger. */
  ledger(): Promise<{ platform: string; balances: Record<string, string>; escrows: Record<string, string> }>;
  balance(address: string): Promise<bigint>;
  get<T = any>(path: string, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
  /** POST JSON with a fresh idempotency key unless `headers` gives one. */
  post<T = any>(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
}

export interface TestSimOptions extends Omit<StartSimOptions, 'port'> {
  manualClock?: boolean;
}

async function json(r: Response): Promise<any> {
  const text = await r.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function startTestSim(opts: TestSimOptions = {}): Promise<TestSim> {
  const running = await startSim({ ...opts, port: 0 });
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const r = await fetch(new URL(path, running.url), { headers });
    return { status: r.status, body: await json(r) };
  };
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const r = await fetch(new URL(path, running.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-taskmarket-idempotency-key': randomUUID(), ...headers },
      body: JSON.stringify(body),
    });
    return { status: r.status, body: await json(r) };
  };
  const ledger = async () => (await get('/sim/ledger')).body;
  return {
    ...running,
    get,
    post,
    ledger,
    async faucet(address, amount) {
      const r = await post('/sim/faucet', { address, amount: amount.toString() });
      if (r.status !== 200) throw new Error(`faucet failed: ${r.status} ${JSON.stringify(r.body)}`);
    },
    async advance(ms) {
      const r = await post('/sim/clock', { advanceMs: ms });
      if (r.status !== 200) throw new Error(`clock advance failed: ${r.status} ${JSON.stringify(r.body)}`);
    },
    async balance(address) {
      return BigInt((await ledger()).balances[address.toLowerCase()] ?? '0');
    },
  };
}
