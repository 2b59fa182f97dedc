// EM test kit: a started sim (real HTTP on 127.0.0.1), wallets, and a client that signs every request with
// ERC-8128 (viem local accounts) and can forge bad ones (stale times, reused nonces, wrong signer, tampering).
import { randomBytes, randomUUID } from 'node:crypto';
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { signRequest } from '../../src/core/erc8128.js';
import { startSim, type RunningSim, type StartSimOptions } from '../../src/sim/server.js';

export const CHAIN_ID = 84532;
export const API = '/em/api/v1';

export interface Wallet {
  privateKey: `0x${string}`;
  address: `0x${string}`;
  account: PrivateKeyAccount;
}

export function newWallet(): Wallet {
  const privateKey = generatePrivateKey();
  const account = privateKeyToAccount(privateKey);
  return { privateKey, address: account.address, account };
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface SendOptions {
  body?: unknown;
  /** Raw body text (sent as is; overrides `body`). */
  raw?: string;
  headers?: Record<string, string>;
  /** Sign with this wallet (default: the client's). null = send unsigned. */
  as?: Wallet | null;
  nonce?: string;
  /** Epoch seconds used as `created` (default now). */
  now?: number;
  ttl?: number;
  /** Change the signed headers before sending (forgeries). */
  tamper?: (h: Record<string, string>) => Record<string, string>;
  /** Send this body instead of the signed one (digest mismatch). */
  swapBody?: string;
}

async function parse(r: Response): Promise<any> {
  const text = await r.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Build the headers of a signed request without sending it (WebSocket upgrades, replays). */
export async function signedHeaders(wallet: Wallet, method: string, url: string, body: string | null, o: { nonce?: string; now?: number; ttl?: number } = {}) {
  const { headers } = await signRequest({
    method,
    url,
    body,
    chainId: CHAIN_ID,
    signer: wallet.account,
    now: o.now ?? Math.floor(Date.now() / 1000),
    nonce: o.nonce ?? randomBytes(12).toString('hex'),
    ttlSeconds: o.ttl ?? 60,
  });
  return { ...headers } as Record<string, string>;
}

export class EmClient {
  constructor(
    readonly base: string,
    readonly wallet: Wallet | null,
  ) {}

  /** `path` is relative to /em/api/v1 unless it starts with /em or /sim. */
  async send<T = any>(method: string, path: string, o: SendOptions = {}): Promise<Reply<T>> {
    const url = `${this.base}${path.startsWith('/em') || path.startsWith('/sim') ? path : `${API}${path}`}`;
    const text = o.raw ?? (o.body === undefined ? null : JSON.stringify(o.body));
    const headers: Record<string, string> = { ...(text !== null ? { 'content-type': 'application/json' } : {}), ...o.headers };
    const who = o.as === undefined ? this.wallet : o.as;
    let signed: Record<string, string> = {};
    if (who) signed = await signedHeaders(who, method, url, text, o);
    const all = o.tamper ? o.tamper({ ...headers, ...signed }) : { ...headers, ...signed };
    const r = await fetch(url, { method, headers: all, body: o.swapBody ?? text ?? undefined });
    return { status: r.status, body: await parse(r), headers: r.headers };
  }

  get<T = any>(path: string, o: SendOptions = {}) {
    return this.send<T>('GET', path, o);
  }

  post<T = any>(path: string, body?: unknown, o: SendOptions = {}) {
    return this.send<T>('POST', path, { ...o, body });
  }
}

export interface EmSim extends RunningSim {
  client(wallet: Wallet | null): EmClient;
  faucet(address: string, amount: bigint): Promise<void>;
  balances(): Promise<Record<string, bigint>>;
  escrow(taskId: string): Promise<bigint>;
  advance(ms: number): Promise<void>;
}

/** A sim on 127.0.0.1 (port 0 unless given), EM rate limit off unless given. */
export async function startEmSim(opts: StartSimOptions = {}): Promise<EmSim> {
  const running = await startSim({ port: 0, ...opts, em: { rateLimitPerMinute: 0, ...opts.em } });
  const anon = new EmClient(running.url, null);
  const ledger = async () => (await anon.get('/sim/ledger')).body as { balances: Record<string, string>; escrows: Record<string, string> };
  return {
    ...running,
    client: (w) => new EmClient(running.url, w),
    async faucet(address, amount) {
      const r = await fetch(`${running.url}/sim/faucet`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-taskmarket-idempotency-key': randomUUID() }, body: JSON.stringify({ address, amount: amount.toString() }) });
      if (r.status !== 200) throw new Error(`faucet ${r.status}`);
    },
    async balances() {
      return Object.fromEntries(Object.entries((await ledger()).balances).map(([k, v]) => [k, BigInt(v)]));
    },
    async escrow(taskId) {
      return BigInt((await ledger()).escrows[`em:${taskId}`] ?? '0');
    },
    async advance(ms) {
      const r = await fetch(`${running.url}/sim/clock`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-taskmarket-idempotency-key': randomUUID() }, body: JSON.stringify({ advanceMs: ms }) });
      if (r.status !== 200) throw new Error(`clock ${r.status}`);
    },
  };
}

export const TREASURY = '0xe4e4000000000000000000000000000000f0e013';

export function taskBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '[KK Request] Raw Chat Logs',
    instructions: 'Deliver raw Twitch chat logs as JSON with at least 100 records.',
    category: 'knowledge_access',
    bounty_usd: 0.05,
    deadline_hours: 24,
    evidence_required: ['json_response'],
    ...over,
  };
}

/** Sign the assign challenge and build X-Payment-Auth (the issue's wire format). */
export async function paymentAuth(payer: Wallet, challenge: { typedData: any; paymentInfo: any }, o: { message?: (m: any) => any; signWith?: Wallet } = {}) {
  const message = o.message ? o.message(challenge.typedData.message) : challenge.typedData.message;
  const signature = await (o.signWith ?? payer).account.signTypedData({
    domain: challenge.typedData.domain,
    types: challenge.typedData.types,
    primaryType: challenge.typedData.primaryType,
    message,
  });
  const envelope = { x402Version: 2, payload: { authorization: message, signature }, paymentInfo: challenge.paymentInfo };
  return Buffer.from(JSON.stringify(envelope), 'utf8').toString('base64');
}

export interface Party {
  wallet: Wallet;
  c: EmClient;
  executorId: string;
}

/** A registered worker with its own signing client. */
export async function worker(sim: EmSim): Promise<Party> {
  const wallet = newWallet();
  const c = sim.client(wallet);
  const r = await c.post('/workers/register', { wallet_address: wallet.address, name: 'test worker' }, { as: null });
  if (r.status !== 200) throw new Error(`register ${r.status} ${JSON.stringify(r.body)}`);
  return { wallet, c, executorId: r.body.data.executor_id };
}

/** Publish → apply → challenge → assign (inline lock). Returns the task id. */
export async function assignedTask(sim: EmSim, pub: EmClient, w: Party, over: Record<string, unknown> = {}): Promise<string> {
  const created = await pub.post('/tasks', taskBody(over));
  if (created.status !== 201) throw new Error(`create ${created.status} ${JSON.stringify(created.body)}`);
  const id = created.body.id as string;
  const applied = await w.c.post(`/tasks/${id}/apply`, { executor_id: w.executorId, message: 'I have it' });
  if (applied.status !== 200) throw new Error(`apply ${applied.status} ${JSON.stringify(applied.body)}`);
  const ch = await pub.get(`/tasks/${id}/assign/challenge?executor_id=${w.executorId}`);
  if (ch.status !== 200) throw new Error(`challenge ${ch.status} ${JSON.stringify(ch.body)}`);
  const header = await paymentAuth(pub.wallet as Wallet, ch.body);
  const assigned = await pub.post(`/tasks/${id}/assign`, { executor_id: w.executorId }, { headers: { 'X-Payment-Auth': header } });
  if (assigned.status !== 200) throw new Error(`assign ${assigned.status} ${JSON.stringify(assigned.body)}`);
  return id;
}

export const EVIDENCE = { json_response: { url: 's3://kk-data/raw_logs/1.json', records: 500, format: 'json' } };
