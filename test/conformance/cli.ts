// Conformance harness: an in-process simulator on 127.0.0.1:0 and the REAL official CLI run as a child
// process (never a shell), one private HOME per agent, asserting on its JSON stdout (taskmarket-cli.md §0.5).
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readFile } from 'node:fs/promises';
import type { Hex } from 'viem';
import { decryptPrivateKey, keystorePath } from '../../src/sim/taskmarket/accounts/keystore.js';
import { startSim, type RunningSim, type StartSimOptions } from '../../src/sim/server.js';

export const CLI_PATH = resolve('node_modules/@lucid-agents/taskmarket/dist/index.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The parsed first stdout line (`{"ok":true,"data":…}`), or null. */
  out: { ok: boolean; data?: any; idempotencyKey?: string } | null;
  /** The parsed last stderr line (`{"ok":false,"error":…}`), or null. */
  err: { ok: false; error: string; status?: number; [k: string]: unknown } | null;
}

function lastJson(text: string): any {
  const lines = text.trim().split('\n').filter(Boolean);
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      return JSON.parse(lines[i] ?? '');
    } catch {
      /* not JSON */
    }
  }
  return null;
}

/** Run the official CLI with HOME=home against the sim at url. */
export function runCli(home: string, url: string, args: string[], extraEnv: Record<string, string> = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, TASKMARKET_API_URL: url, ...extraEnv };
  delete env.TASKMARKET_IDEMPOTENCY_KEY;
  delete env.TASKMARKET_XMTP_ENV;
  return new Promise((done) => {
    execFile(process.execPath, [CLI_PATH, ...args], { env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      let out = null;
      try {
        out = JSON.parse(stdout.trim().split('\n')[0] ?? '');
      } catch {
        out = null;
      }
      done({ code, stdout, stderr, out, err: lastJson(stderr) });
    });
  });
}

export interface Agent {
  home: string;
  address: `0x${string}`;
  agentId: string | null;
  emailAddress: string | null;
  /** Run the CLI as this agent; throws with the CLI's stderr unless it exits 0 with ok:true. */
  ok(args: string[]): Promise<any>;
  /** Run the CLI as this agent and return whatever happened. */
  run(args: string[]): Promise<CliResult>;
}

export interface Desk {
  running: RunningSim;
  url: string;
  /** A fresh agent made by `taskmarket init --yes` in its own HOME, optionally funded (base units). */
  agent(fund?: bigint): Promise<Agent>;
  faucet(address: string, amount: bigint): Promise<void>;
  ledger(): Promise<{ platform: string; balances: Record<string, string>; escrows: Record<string, string> }>;
  balance(address: string): Promise<bigint>;
  escrow(taskId: string): Promise<bigint>;
  /** Advance the manual market clock. */
  advance(ms: number): Promise<void>;
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  /** The anonymous task detail over plain HTTP (state checks that need no CLI process). */
  task(id: string): Promise<any>;
  close(): Promise<void>;
}

export async function startDesk(opts: StartSimOptions = {}): Promise<Desk> {
  const running = await startSim({ port: 0, ...opts });
  const url = running.url;
  const homes: string[] = [];
  const post = async (path: string, body: unknown) => {
    const r = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!r.ok) throw new Error(`${path} → ${r.status}: ${await r.text()}`);
    return r.json();
  };
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const r = await fetch(`${url}${path}`, { headers });
    const text = await r.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* raw */
    }
    return { status: r.status, body };
  };
  const ledger = async () => (await get('/sim/ledger')).body;
  const desk: Desk = {
    running,
    url,
    async agent(fund) {
      const home = await mkdtemp(join(tmpdir(), 'tm-agent-'));
      homes.push(home);
      const run = (args: string[]) => runCli(home, url, args);
      const okRun = async (args: string[]) => {
        const r = await run(args);
        if (r.code !== 0 || !r.out?.ok) throw new Error(`taskmarket ${args.join(' ')} failed (${r.code}): ${r.stderr || r.stdout}`);
        return r.out.data;
      };
      const init = await okRun(['init', '--yes']);
      if (fund) await desk.faucet(init.address, fund);
      return { home, address: init.address, agentId: init.agentId, emailAddress: init.emailAddress, ok: okRun, run };
    },
    async faucet(address, amount) {
      await post('/sim/faucet', { address, amount: amount.toString() });
    },
    ledger,
    async balance(address) {
      return BigInt((await ledger()).balances[address.toLowerCase()] ?? '0');
    },
    async escrow(taskId) {
      return BigInt((await ledger()).escrows[taskId] ?? '0');
    },
    async advance(ms) {
      await post('/sim/clock', { advanceMs: ms });
    },
    get,
    async task(id) {
      return (await get(`/api/tasks/${id}`)).body;
    },
    async close() {
      await running.close();
      await Promise.all(homes.map((h) => rm(h, { recursive: true, force: true })));
    },
  };
  return desk;
}

/** The agent's private key, recovered the way the CLI does it: keystore + DEK from the key server (§3.3). */
export async function privateKeyOf(agent: Agent): Promise<Hex> {
  const ks = JSON.parse(await readFile(keystorePath(agent.home), 'utf8'));
  const r = await fetch(`${ks.keyServerUrl}/api/devices/${ks.deviceId}/key`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ deviceId: ks.deviceId, apiToken: ks.apiToken }),
  });
  const { deviceEncryptionKey } = (await r.json()) as { deviceEncryptionKey: string };
  return decryptPrivateKey(deviceEncryptionKey, ks.encryptedKey) as Hex;
}

/** 1 USDC in base units. */
export const USDC = 1_000_000n;
