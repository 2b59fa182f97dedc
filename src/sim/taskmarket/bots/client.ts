// A bot's HTTP client: plain JSON reads/writes, the official CLI's two-leg x402 exchange (taskmarket-cli.md §2.1)
// and EIP-191 signing, all with the bot's own viem local account. Only ever talks to the sim's 127.0.0.1 URL.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Hex, PrivateKeyAccount } from 'viem';

export interface BotReply {
  status: number;
  body: any;
}

interface Accept {
  amount: string;
  payTo: string;
  maxTimeoutSeconds: number;
  extra: { eip712: { domain: Record<string, unknown>; types: Record<string, Array<{ name: string; type: string }>>; primaryType: string } };
}

const TIMEOUT_MS = 10_000;

async function readJson(r: Response): Promise<any> {
  const text = await r.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export class BotClient {
  private readAuth: Record<string, string> | null = null;

  constructor(
    readonly url: string,
    readonly account: PrivateKeyAccount,
    private readonly signal: AbortSignal,
  ) {}

  get address(): `0x${string}` {
    return this.account.address;
  }

  sign(message: string): Promise<Hex> {
    return this.account.signMessage({ message });
  }

  async get(path: string, auth = false): Promise<BotReply> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (auth) Object.assign(headers, await this.readHeaders());
    return this.exchange((signal) => fetch(`${this.url}${path}`, { headers, redirect: 'error', signal }));
  }

  /** A free write (idempotency key like apiPost; none for the raw device routes). */
  async post(path: string, body: unknown, idempotent = true): Promise<BotReply> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (idempotent) headers['x-taskmarket-idempotency-key'] = randomUUID();
    return this.exchange((signal) => fetch(`${this.url}${path}`, { method: 'POST', headers, body: JSON.stringify(body), redirect: 'error', signal }));
  }

  /** POST through x402: unpaid leg, then sign accepts[0] and repeat with PAYMENT-SIGNATURE and the same key. */
  async paid(path: string, body: unknown): Promise<BotReply> {
    const url = `${this.url}${path}`;
    const headers = { 'content-type': 'application/json', 'x-taskmarket-idempotency-key': randomUUID() };
    const payload = JSON.stringify(body);
    const first = await this.exchange((signal) => fetch(url, { method: 'POST', headers, body: payload, redirect: 'error', signal }));
    if (first.status !== 402) return first;
    const challenge = first.body as { resource: unknown; accepts: Accept[] };
    const accept = challenge.accepts?.[0];
    if (!accept) return { status: 402, body: challenge };
    const now = Math.floor(Date.now() / 1000);
    const authorization = {
      from: this.account.address,
      to: accept.payTo,
      value: accept.amount,
      validAfter: String(now - 60),
      validBefore: String(now + Number(accept.maxTimeoutSeconds)),
      nonce: `0x${randomBytes(32).toString('hex')}`,
    };
    const { EIP712Domain: _unused, ...types } = accept.extra.eip712.types;
    const signature = await this.account.signTypedData({
      domain: accept.extra.eip712.domain,
      types,
      primaryType: accept.extra.eip712.primaryType,
      message: authorization,
    } as Parameters<PrivateKeyAccount['signTypedData']>[0]);
    const paymentPayload = { x402Version: 2, resource: challenge.resource, accepted: accept, payload: { authorization, signature } };
    return this.exchange((signal) =>
      fetch(url, {
        method: 'POST',
        headers: { ...headers, 'payment-signature': Buffer.from(JSON.stringify(paymentPayload), 'utf8').toString('base64') },
        body: payload,
        redirect: 'error',
        signal,
      }),
    );
  }

  private async readHeaders(): Promise<Record<string, string>> {
    this.readAuth ??= {
      'x-taskmarket-caller-address': this.account.address,
      'x-taskmarket-caller-signature': await this.sign(`taskmarket:read:${this.account.address.toLowerCase()}`),
    };
    return this.readAuth;
  }

  /**
   * One request and its body under a per-request signal that follows the bots' stop signal and a
   * timeout. The listener on the long-lived signal comes off when the exchange ends: AbortSignal.any on
   * it would leave an entry behind per request (Node 20), growing for as long as the bots run.
   */
  private async exchange(run: (signal: AbortSignal) => Promise<Response>): Promise<BotReply> {
    const c = new AbortController();
    const onStop = () => c.abort(this.signal.reason);
    if (this.signal.aborted) c.abort(this.signal.reason);
    else this.signal.addEventListener('abort', onStop, { once: true });
    const timer = setTimeout(() => c.abort(new Error('bot request timed out')), TIMEOUT_MS);
    try {
      const r = await run(c.signal);
      return { status: r.status, body: await readJson(r) };
    } finally {
      clearTimeout(timer);
      this.signal.removeEventListener('abort', onStop);
    }
  }
}
