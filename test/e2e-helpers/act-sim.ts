// The simulator as the acting e2e tests drive it: a separate `taskdesk sim --bots 0` process and its
// simulator-only routes over HTTP (seed, faucet, clock, faults, the request log and the ledger), plus
// plain reads of a task as the market holds it.
import type { RequestLogEntry } from '../../src/sim/sim.js';
import { startSimProcess, type SimProcess } from './proc.js';

/** One entry of GET /sim/requests: the simulator's own type, as JSON carries it. */
export type SimRequest = RequestLogEntry;

export interface Ledger {
  platform: string;
  balances: Record<string, string>;
  escrows: Record<string, string>;
}

export interface FaultSpec {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  kind: 'status' | 'wrong-shape' | 'not-json' | 'hang' | 'reset';
  status?: number;
  retryAfterSeconds?: number;
  body?: unknown;
  count?: number | null;
}

export interface ActSim {
  url: string;
  proc: SimProcess;
  /** POST /sim/seed: create-task bodies (tags default []); the seed requesters own them. */
  seed(tasks: Record<string, unknown>[]): Promise<string[]>;
  faucet(address: string, amount: bigint): Promise<void>;
  /** Move the manual market clock (needs --manual-clock). */
  advance(ms: number): Promise<void>;
  requests(): Promise<SimRequest[]>;
  ledger(): Promise<Ledger>;
  balance(address: string): Promise<bigint>;
  escrow(taskId: string): Promise<bigint>;
  fault(spec: FaultSpec): Promise<void>;
  clearFaults(): Promise<void>;
  /** GET /api/tasks/:id as an anonymous reader (status, claimedBy, counts, pendingActions). */
  task(id: string): Promise<any>;
  get<T = any>(path: string): Promise<T>;
  stop(): Promise<void>;
}

async function post(url: string, body: unknown): Promise<{ status: number; body: any }> {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await r.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // leave as text
  }
  return { status: r.status, body: parsed };
}

export const usdc = (n: number): string => String(Math.round(n * 1_000_000));

export async function startActSim(opts: { manualClock?: boolean } = {}): Promise<ActSim> {
  const proc = await startSimProcess(['--bots', '0', ...(opts.manualClock ? ['--manual-clock'] : [])]);
  const url = proc.url;
  const get = async <T = any>(path: string): Promise<T> => {
    const r = await fetch(`${url}${path}`);
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${await r.text()}`);
    return (await r.json()) as T;
  };
  const must = async (path: string, body: unknown) => {
    const r = await post(`${url}${path}`, body);
    if (r.status !== 200) throw new Error(`POST ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const ledger = () => get<Ledger>('/sim/ledger');
  return {
    url,
    proc,
    async seed(tasks) {
      const out = (await must('/sim/seed', { tasks: tasks.map((t) => ({ tags: [], ...t })) })) as { ids: string[]; skipped: number };
      if (out.skipped > 0) throw new Error(`sim/seed skipped ${out.skipped} of ${tasks.length} bodies`);
      return out.ids;
    },
    async faucet(address, amount) {
      await must('/sim/faucet', { address, amount: amount.toString() });
    },
    async advance(ms) {
      await must('/sim/clock', { advanceMs: Math.round(ms) });
    },
    requests: () => get<SimRequest[]>('/sim/requests'),
    ledger,
    async balance(address) {
      return BigInt((await ledger()).balances[address.toLowerCase()] ?? '0');
    },
    async escrow(taskId) {
      return BigInt((await ledger()).escrows[taskId] ?? '0');
    },
    async fault(spec) {
      await must('/sim/faults', spec);
    },
    async clearFaults() {
      const r = await fetch(`${url}/sim/faults`, { method: 'DELETE' });
      if (r.status !== 200) throw new Error(`DELETE /sim/faults: ${r.status}`);
    },
    task: (id) => get(`/api/tasks/${id}`),
    get,
    stop: () => proc.stop(),
  };
}

/** Entries of the request log with this idempotency key that took effect (2xx). */
export const effective = (log: readonly SimRequest[], key: string): SimRequest[] => log.filter((r) => r.idempotencyKey === key && r.status >= 200 && r.status < 300);
