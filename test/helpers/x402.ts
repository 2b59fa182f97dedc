// Test-side x402 payer built on viem local accounts, doing the exchange like the official CLI's x402Post
// (taskmarket-cli.md §2.1): leg 1 unpaid; on 402 sign EIP-3009 TransferWithAuthorization with the
// server's accepts[0] EIP-712 domain/types; leg 2 with PAYMENT-SIGNATURE and the SAME idempotency key.
// Knobs let tests forge bad payments (wrong amount/payTo, expired, bad signature, replayed nonce).
import { randomBytes, randomUUID } from 'node:crypto';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { Hex } from 'viem';

export interface Wallet {
  privateKey: Hex;
  address: `0x${string}`;
}

export function newWallet(): Wallet {
  const privateKey = generatePrivateKey();
  return { privateKey, address: privateKeyToAccount(privateKey).address };
}

export interface Accept {
  scheme: string;
  network: string;
  amount: string;
  asset: string;
  payTo: string;
  maxTimeoutSeconds: number;
  extra: { eip712: { domain: Record<string, unknown>; types: Record<string, Array<{ name: string; type: string }>>; primaryType: string } };
}

export interface Challenge {
  x402Version: number;
  resource: unknown;
  accepts: Accept[];
}

export interface Authorization {
  from: string;
  to: string;
  value: string;
  validAfter: string;
  validBefore: string;
  nonce: string;
}

export interface PaymentOptions {
  /** Change the signed authorization before signing (e.g. value, to, validBefore). */
  authorization?: (a: Authorization) => Authorization;
  /** Change what is claimed as `accepted` (signed over nothing: only the header). */
  accepted?: (a: Accept) => Accept;
  /** Sign with another key than the payer's (signature won't match `from`). */
  signWith?: Hex;
  /** Flip a byte of the signature after signing. */
  corruptSignature?: boolean;
}

/** The base64 PAYMENT-SIGNATURE header for a challenge (§2.1 steps 4–5). */
export async function paymentHeader(challenge: Challenge, privateKey: Hex, opts: PaymentOptions = {}): Promise<string> {
  const account = privateKeyToAccount(privateKey);
  const accept0 = challenge.accepts[0];
  if (!accept0) throw new Error('402 without accepts');
  const now = Math.floor(Date.now() / 1000);
  let authorization: Authorization = {
    from: account.address,
    to: accept0.payTo,
    value: accept0.amount,
    validAfter: String(now - 60),
    validBefore: String(now + Number(accept0.maxTimeoutSeconds)),
    nonce: `0x${randomBytes(32).toString('hex')}`,
  };
  if (opts.authorization) authorization = opts.authorization(authorization);
  const signer = opts.signWith ? privateKeyToAccount(opts.signWith) : account;
  const { EIP712Domain: _ignored, ...types } = accept0.extra.eip712.types;
  let signature = await signer.signTypedData({
    domain: accept0.extra.eip712.domain,
    types,
    primaryType: accept0.extra.eip712.primaryType,
    message: authorization,
  } as unknown as Parameters<typeof signer.signTypedData>[0]);
  if (opts.corruptSignature) {
    const i = 10;
    const flipped = (parseInt(signature.slice(i, i + 2), 16) ^ 0xff).toString(16).padStart(2, '0');
    signature = `${signature.slice(0, i)}${flipped}${signature.slice(i + 2)}` as Hex;
  }
  const accepted = opts.accepted ? opts.accepted(accept0) : accept0;
  const payload = { x402Version: 2, resource: challenge.resource, accepted, payload: { authorization, signature } };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64');
}

export interface PaidResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
  /** Leg 1's 402 body (null when leg 1 was not a 402). */
  challenge: Challenge | null;
  /** The PAYMENT-SIGNATURE sent on leg 2 (reuse it to test replays). */
  payment: string | null;
  idempotencyKey: string;
}

export interface PaidPostOptions extends PaymentOptions {
  idempotencyKey?: string;
  headers?: Record<string, string>;
}

async function readJson(r: Response): Promise<any> {
  const text = await r.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** POST with the CLI's two-leg x402 exchange; returns leg 2's answer (or leg 1's when it was not a 402). */
export async function paidPost<T = any>(
  baseUrl: string,
  path: string,
  body: unknown,
  privateKey: Hex,
  opts: PaidPostOptions = {},
): Promise<PaidResult<T>> {
  const url = new URL(path, baseUrl).toString();
  const idempotencyKey = opts.idempotencyKey ?? randomUUID();
  const headers = { 'content-type': 'application/json', 'x-taskmarket-idempotency-key': idempotencyKey, ...opts.headers };
  const payload = JSON.stringify(body);
  const r1 = await fetch(url, { method: 'POST', headers, body: payload, redirect: 'error' });
  if (r1.status !== 402) return { status: r1.status, body: await readJson(r1), headers: r1.headers, challenge: null, payment: null, idempotencyKey };
  const challenge = (await r1.json()) as Challenge;
  const payment = await paymentHeader(challenge, privateKey, opts);
  const r2 = await fetch(url, { method: 'POST', headers: { ...headers, 'payment-signature': payment }, body: payload, redirect: 'error' });
  return { status: r2.status, body: await readJson(r2), headers: r2.headers, challenge, payment, idempotencyKey };
}

/** Send a POST with a ready-made PAYMENT-SIGNATURE (replays). */
export async function postWithPayment(
  baseUrl: string,
  path: string,
  body: unknown,
  payment: string,
  idempotencyKey: string = randomUUID(),
): Promise<{ status: number; body: any }> {
  const r = await fetch(new URL(path, baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-taskmarket-idempotency-key': idempotencyKey, 'payment-signature': payment },
    body: JSON.stringify(body),
  });
  return { status: r.status, body: await readJson(r) };
}

/** Read-auth headers (§6.3): personal_sign of taskmarket:read:<address lower>. */
export async function readAuthHeaders(privateKey: Hex): Promise<Record<string, string>> {
  const account = privateKeyToAccount(privateKey);
  const signature = await account.signMessage({ message: `taskmarket:read:${account.address.toLowerCase()}` });
  return { 'x-taskmarket-caller-address': account.address, 'x-taskmarket-caller-signature': signature };
}
