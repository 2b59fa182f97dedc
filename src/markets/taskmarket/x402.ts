// The x402 v2 exchange as CLI 1.13.0's x402Post does it (taskmarket-cli.md §2.1): leg 1 without payment;
// on 402 read the JSON body, take accepts[0], sign an EIP-3009 TransferWithAuthorization, send
// PAYMENT-SIGNATURE = base64(JSON) on leg 2 with the SAME idempotency key. Unlike the CLI, the challenge is
// checked against the expected network and the caller's expected amount BEFORE anything is signed.
import { randomBytes, randomUUID } from 'node:crypto';
import { decodePaymentRequiredHeader, encodePaymentSignatureHeader } from '@x402/core/http';
import type { PaymentPayload, PaymentRequirements } from '@x402/core/types';
import { getAddress, isAddress, type Hex } from 'viem';
import type { Address } from '../../core/types.js';
import { formatUsdc } from '../../core/money.js';
import { MarketError } from '../errors.js';
import { httpError, IDEMPOTENCY_HEADER, type TaskmarketClient } from './client.js';
import type { ExpectedNetwork } from './network.js';
import { parseWire } from './parse.js';
import { paymentRequiredSchema, type WirePaymentRequirements } from './schemas/x402.js';

export const PAYMENT_SIGNATURE_HEADER = 'PAYMENT-SIGNATURE';
const ZERO = '0x0000000000000000000000000000000000000000';

/** EIP-3009 types, fixed here rather than taken from the server (the CLI trusts the server's; we compare). */
export const TRANSFER_WITH_AUTHORIZATION_TYPES = {
  TransferWithAuthorization: [
    { name: 'from', type: 'address' },
    { name: 'to', type: 'address' },
    { name: 'value', type: 'uint256' },
    { name: 'validAfter', type: 'uint256' },
    { name: 'validBefore', type: 'uint256' },
    { name: 'nonce', type: 'bytes32' },
  ],
} as const;

export interface ChallengeCheckParameters {
  requirements: WirePaymentRequirements;
  network: ExpectedNetwork;
  expectedAmount: bigint;
  payer: Address;
}

/** The EIP-712 domain to sign under, or a MarketError('mismatch') naming what disagreed. */
export function checkChallenge({ requirements: r, network, expectedAmount, payer }: ChallengeCheckParameters) {
  const refuse = (why: string) => new MarketError('mismatch', `Refusing to pay: ${why}`, { reason: why });
  if (r.scheme !== 'exact') throw refuse(`payment scheme "${r.scheme.slice(0, 20)}" is not "exact"`);
  if (r.network !== `eip155:${network.chainId}`) throw refuse(`challenge network ${r.network} is not eip155:${network.chainId} (${network.name})`);
  if (r.asset.toLowerCase() !== network.usdcAddress.toLowerCase()) throw refuse(`challenge asset ${r.asset} is not the expected USDC ${network.usdcAddress}`);
  if (BigInt(r.amount) !== expectedAmount) {
    throw refuse(`challenge asks ${formatUsdc(BigInt(r.amount))} USDC but this action should cost ${formatUsdc(expectedAmount)} USDC`);
  }
  if (!isAddress(r.payTo, { strict: false }) || r.payTo.toLowerCase() === ZERO) throw refuse('payTo is not a usable address');
  if (r.payTo.toLowerCase() === payer.toLowerCase()) throw refuse('payTo is the paying wallet itself');
  if (network.payTo && r.payTo.toLowerCase() !== network.payTo.toLowerCase()) throw refuse(`payTo ${r.payTo} is not the market wallet ${network.payTo}`);
  if (r.maxTimeoutSeconds < 1 || r.maxTimeoutSeconds > 3600) throw refuse('maxTimeoutSeconds outside 1..3600');
  const e = r.extra.eip712;
  const name = e?.domain.name ?? r.extra.name;
  const version = e?.domain.version ?? r.extra.version ?? '2';
  if (!name) throw refuse('challenge names no EIP-712 domain');
  if (e) {
    if (e.domain.chainId !== network.chainId) throw refuse(`EIP-712 domain chainId ${e.domain.chainId} is not ${network.chainId}`);
    if (e.domain.verifyingContract.toLowerCase() !== network.usdcAddress.toLowerCase()) throw refuse('EIP-712 verifyingContract is not the expected USDC');
    if (e.primaryType !== 'TransferWithAuthorization') throw refuse(`primaryType ${e.primaryType.slice(0, 40)} is not TransferWithAuthorization`);
    const fields = e.types.TransferWithAuthorization ?? [];
    const want = TRANSFER_WITH_AUTHORIZATION_TYPES.TransferWithAuthorization;
    const same = fields.length === want.length && want.every((w, i) => fields[i]?.name === w.name && fields[i]?.type === w.type);
    if (!same) throw refuse('EIP-712 types are not the standard TransferWithAuthorization');
  }
  if (name !== network.usdcDomainName) throw refuse(`USDC domain name "${name.slice(0, 40)}" is not "${network.usdcDomainName}"`);
  return { name, version, chainId: network.chainId, verifyingContract: network.usdcAddress } as const;
}

export interface PaidPostParameters {
  path: string;
  body: unknown;
  /** What the desk showed the operator; any other amount is refused before signing. */
  expectedAmount: bigint;
  network: ExpectedNetwork;
  signal?: AbortSignal;
  idempotencyKey?: string;
  now?: () => number;
}

export interface PaidPostResult {
  data: unknown;
  idempotencyKey: string;
  /** The amount paid, or null when the server answered leg 1 with a 2xx (no payment). */
  paid: bigint | null;
  /** base64 PAYMENT-RESPONSE header, when the server sent one. */
  paymentResponse: string | null;
}

/** POST through x402 (cli §2.1). Throws MarketError on every failure; never signs a challenge it did not expect. */
export async function paidPost(client: TaskmarketClient, p: PaidPostParameters): Promise<PaidPostResult> {
  const signer = client.signer;
  if (!signer) throw new MarketError('auth', 'No wallet: this action needs a keystore to pay', { reason: 'no_signer' });
  const route = `POST ${p.path}`;
  const idempotencyKey = p.idempotencyKey ?? randomUUID();
  const base = { method: 'POST' as const, path: p.path, body: p.body, ...(p.signal ? { signal: p.signal } : {}) };
  const leg1 = await client.send({ ...base, headers: { [IDEMPOTENCY_HEADER]: idempotencyKey } });
  if (leg1.status >= 200 && leg1.status < 300) {
    if (leg1.notJson) throw new MarketError('schema', `${route} returned a body that is not JSON`, { route });
    return { data: leg1.body, idempotencyKey, paid: null, paymentResponse: leg1.headers.get('payment-response') };
  }
  if (leg1.status !== 402) throw httpError(route, leg1);
  // The CLI reads the JSON body (cli §2.1 step 3); a standard x402 server may put it only in PAYMENT-REQUIRED.
  const header = leg1.headers.get('payment-required');
  let challengeBody = leg1.body;
  if (!paymentRequiredSchema.safeParse(challengeBody).success && header) {
    try {
      challengeBody = decodePaymentRequiredHeader(header);
    } catch {
      /* fall through to the body's schema error */
    }
  }
  const challenge = parseWire(paymentRequiredSchema, challengeBody, `${route} (402 challenge)`);
  const requirements = challenge.accepts[0];
  if (!requirements) throw new MarketError('http', `${route}: No payment methods accepted by server`, { route, status: 402 });
  const domain = checkChallenge({ requirements, network: p.network, expectedAmount: p.expectedAmount, payer: signer.address });

  const nowS = Math.floor((p.now ?? Date.now)() / 1000);
  const authorization = {
    from: signer.address,
    to: requirements.payTo as Address,
    value: requirements.amount,
    validAfter: String(nowS - 60),
    validBefore: String(nowS + requirements.maxTimeoutSeconds),
    nonce: `0x${randomBytes(32).toString('hex')}` as Hex,
  };
  const signature = await signer
    .withAccount(async (account) => {
      if (account.address.toLowerCase() !== signer.address.toLowerCase()) {
        throw new MarketError('auth', 'Decrypted key does not belong to the keystore wallet', { reason: 'wrong_key' });
      }
      return account.signTypedData({
        domain,
        types: TRANSFER_WITH_AUTHORIZATION_TYPES,
        primaryType: 'TransferWithAuthorization',
        // EIP-712 encodes addresses case-independently; checksumming only keeps viem from rejecting odd casing.
        message: {
          ...authorization,
          to: getAddress(authorization.to.toLowerCase()),
          value: BigInt(authorization.value),
          validAfter: BigInt(authorization.validAfter),
          validBefore: BigInt(authorization.validBefore),
        },
      });
    })
    .catch((e: unknown) => {
      throw e instanceof MarketError ? e : new MarketError('auth', 'Signing the payment authorization failed', { reason: 'sign_failed' });
    });
  // Echo accepts[0] as the server sent it (the CLI copies these seven fields verbatim, cli §2.1 step 5).
  const raw = ((challengeBody as { accepts: Record<string, unknown>[] }).accepts[0] ?? {}) as Record<string, unknown>;
  const accepted: PaymentRequirements = {
    scheme: requirements.scheme,
    network: requirements.network as PaymentRequirements['network'],
    amount: requirements.amount,
    asset: requirements.asset,
    payTo: requirements.payTo,
    maxTimeoutSeconds: requirements.maxTimeoutSeconds,
    extra: (raw.extra ?? {}) as Record<string, unknown>,
  };
  const payload = {
    x402Version: 2,
    resource: challenge.resource,
    accepted,
    payload: { authorization, signature },
  } as PaymentPayload;
  const leg2 = await client.send({
    ...base,
    headers: { [IDEMPOTENCY_HEADER]: idempotencyKey, [PAYMENT_SIGNATURE_HEADER]: encodePaymentSignatureHeader(payload) },
  });
  if (leg2.status < 200 || leg2.status > 299) throw httpError(route, leg2, ' after payment');
  if (leg2.notJson) throw new MarketError('schema', `${route} returned a body that is not JSON after payment`, { route });
  return { data: leg2.body, idempotencyKey, paid: BigInt(requirements.amount), paymentResponse: leg2.headers.get('payment-response') };
}
