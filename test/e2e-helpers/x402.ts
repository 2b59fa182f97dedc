// A minimal x402 payer for tests, doing what the official CLI's x402Post does (taskmarket-cli.md §2.1):
// leg 1 without payment; on 402 sign an EIP-3009 TransferWithAuthorization with the server's EIP-712
// domain/types for accepts[0]; leg 2 with PAYMENT-SIGNATURE and the same idempotency key.
import { randomBytes, randomUUID } from 'node:crypto';
import { privateKeyToAccount } from 'viem/accounts';
import type { Hex } from 'viem';

export interface PaidPostParameters {
  baseUrl: string;
  path: string;
  body: unknown;
  privateKey: Hex;
}

export interface PaidPostResult {
  status: number;
  body: unknown;
  /** Whether leg 2 (a signed payment) was needed. */
  paid: boolean;
}

interface Accept {
  scheme: string;
  network: string;
  amount: string;
  asset: string;
  payTo: string;
  maxTimeoutSeconds: number;
  extra: { eip712: { domain: Record<string, unknown>; types: Record<string, Array<{ name: string; type: string }>>; primaryType: string } };
}

async function readJson(r: Response): Promise<unknown> {
  const text = await r.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function paidPost(p: PaidPostParameters): Promise<PaidPostResult> {
  const account = privateKeyToAccount(p.privateKey);
  const url = new URL(p.path, p.baseUrl).toString();
  const headers = { 'content-type': 'application/json', 'x-taskmarket-idempotency-key': randomUUID() };
  const payload = JSON.stringify(p.body);
  const r1 = await fetch(url, { method: 'POST', headers, body: payload, redirect: 'error' });
  if (r1.status !== 402) return { status: r1.status, body: await readJson(r1), paid: false };
  const challenge = (await r1.json()) as { resource: unknown; accepts: Accept[] };
  const accept = challenge.accepts[0];
  if (!accept) throw new Error('402 without accepts');
  const now = Math.floor(Date.now() / 1000);
  const authorization = {
    from: account.address,
    to: accept.payTo,
    value: accept.amount,
    validAfter: String(now - 60),
    validBefore: String(now + Number(accept.maxTimeoutSeconds)),
    nonce: `0x${randomBytes(32).toString('hex')}`,
  };
  const { EIP712Domain: _ignored, ...types } = accept.extra.eip712.types;
  const signature = await account.signTypedData({
    domain: accept.extra.eip712.domain as Parameters<typeof account.signTypedData>[0]['domain'],
    types,
    primaryType: accept.extra.eip712.primaryType,
    message: authorization,
  } as Parameters<typeof account.signTypedData>[0]);
  const paymentPayload = {
    x402Version: 2,
    resource: challenge.resource,
    accepted: accept,
    payload: { authorization, signature },
  };
  const r2 = await fetch(url, {
    method: 'POST',
    headers: { ...headers, 'payment-signature': Buffer.from(JSON.stringify(paymentPayload), 'utf8').toString('base64') },
    body: payload,
    redirect: 'error',
  });
  return { status: r2.status, body: await readJson(r2), paid: true };
}
