// An EM bot's HTTP client: JSON over the sim's own 127.0.0.1 URL, every signed request ERC-8128-signed with the
// bot's viem account and a locally made nonce (the server accepts any fresh one; its nonce endpoint is shared by
// every local client at 5/min). A 429 parks the bot until Retry-After has passed.
import { randomBytes } from 'node:crypto';
import type { PrivateKeyAccount } from 'viem';
import { signRequest } from '../../../core/erc8128.js';

export interface BotReply {
  status: number;
  body: any;
}

const TIMEOUT_MS = 10_000;

export class EmBotClient {
  private blockedUntil = 0;

  constructor(
    readonly url: string,
    readonly account: PrivateKeyAccount,
    readonly chainId: number,
    private readonly signal: AbortSignal,
  ) {}

  get address(): string {
    return this.account.address.toLowerCase();
  }

  /** Still inside a Retry-After from the last 429. */
  blocked(): boolean {
    return Date.now() < this.blockedUntil;
  }

  /** `path` is under /em/api/v1 unless it starts with /sim, /api (Taskmarket) or /em. */
  async request(method: 'GET' | 'POST', path: string, o: { body?: unknown; signed?: boolean; headers?: Record<string, string> } = {}): Promise<BotReply> {
    const url = `${this.url}${/^\/(sim|em|api)\//.test(path) ? path : `/em/api/v1${path}`}`;
    const text = o.body === undefined ? null : JSON.stringify(o.body);
    const headers: Record<string, string> = { ...(text !== null ? { 'content-type': 'application/json' } : {}), ...o.headers };
    if (o.signed !== false) {
      const signed = await signRequest({ method, url, body: text, chainId: this.chainId, signer: this.account, now: Math.floor(Date.now() / 1000), nonce: randomBytes(16).toString('hex') });
      Object.assign(headers, signed.headers);
    }
    const r = await fetch(url, { method, headers, body: text ?? undefined, redirect: 'error', signal: AbortSignal.any([this.signal, AbortSignal.timeout(TIMEOUT_MS)]) });
    const raw = await r.text();
    let body: any = raw;
    try {
      body = JSON.parse(raw);
    } catch {
      // keep the text
    }
    if (r.status === 429) this.blockedUntil = Date.now() + 1000 * Math.max(1, Number(r.headers.get('retry-after') ?? 1));
    return { status: r.status, body };
  }

  get(path: string, signed = true) {
    return this.request('GET', path, { signed });
  }

  post(path: string, body: unknown, headers?: Record<string, string>) {
    return this.request('POST', path, headers ? { body, headers } : { body });
  }
}
