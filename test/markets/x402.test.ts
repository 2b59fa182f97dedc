// x402 payer against a stub market on 127.0.0.1: the signed authorization verifies with viem, both legs share
// one idempotency key, and a challenge for the wrong chain, asset or amount is refused BEFORE signing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAddress, verifyTypedData } from 'viem';
import { decodePaymentSignatureHeader, encodePaymentRequiredHeader } from '@x402/core/http';
import { MarketError } from '../../src/markets/errors.js';
import {
  createTaskmarketClient,
  createTaskmarketWriter,
  paidPost,
  privateKeySigner,
  SIM_NETWORK,
  TRANSFER_WITH_AUTHORIZATION_TYPES,
  type TaskmarketSigner,
} from '../../src/markets/taskmarket/index.js';
import { json, startStub, type Stub } from './stub-server.js';

const PAY_TO = '0x5157a7AD0D0000000000000000000000000fEe01';
let stub: Stub;
beforeAll(async () => {
  stub = await startStub();
});
afterAll(() => stub.close());

function challenge(over: Record<string, unknown> = {}, domainOver: Record<string, unknown> = {}) {
  return {
    x402Version: 2,
    error: 'Payment required',
    resource: { url: 'http://127.0.0.1/api/tasks', description: 'create', mimeType: 'application/json' },
    accepts: [
      {
        scheme: 'exact',
        network: 'eip155:84532',
        amount: '1000',
        asset: SIM_NETWORK.usdcAddress,
        payTo: PAY_TO,
        maxTimeoutSeconds: 300,
        extra: {
          name: 'USDC',
          version: '2',
          eip712: {
            domain: { name: 'USDC', version: '2', chainId: 84532, verifyingContract: SIM_NETWORK.usdcAddress, ...domainOver },
            types: TRANSFER_WITH_AUTHORIZATION_TYPES,
            primaryType: 'TransferWithAuthorization',
          },
        },
        ...over,
      },
    ],
  };
}

/** Market stub: 402 with `ch` until a PAYMENT-SIGNATURE arrives, then 200 `result`. */
function market(ch: unknown, result: unknown) {
  stub.seen.length = 0;
  stub.handle((req, res) => (req.headers['payment-signature'] ? json(res, 200, result) : json(res, 402, ch)));
}

/** A signer that counts how often the key is touched. */
function countingSigner(): TaskmarketSigner & { uses: number } {
  const inner = privateKeySigner(`0x${'7e'.repeat(32)}`);
  const s = { address: inner.address, uses: 0, withAccount: <T>(fn: Parameters<typeof inner.withAccount<T>>[0]) => (s.uses++, inner.withAccount(fn)) };
  return s;
}

async function failure(p: Promise<unknown>): Promise<MarketError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MarketError);
  return err as MarketError;
}

describe('x402 exchange', () => {
  it('signs an EIP-3009 authorization that viem verifies, with one idempotency key on both legs', async () => {
    const signer = countingSigner();
    market(challenge(), { success: true, bidId: 'bid-1' });
    const writer = createTaskmarketWriter({ apiUrl: stub.url, signer, network: SIM_NETWORK });
    const r = await writer.bid({ taskId: '0xabc', price: 2_500_000n });
    expect(r).toMatchObject({ bidId: 'bid-1', paid: 1000n });
    expect(stub.seen).toHaveLength(2);
    const [leg1, leg2] = stub.seen;
    expect(leg1!.headers['payment-signature']).toBeUndefined();
    expect(leg1!.headers['x-taskmarket-idempotency-key']).toBe(leg2!.headers['x-taskmarket-idempotency-key']);
    expect(r.idempotencyKey).toBe(leg2!.headers['x-taskmarket-idempotency-key']);
    expect(leg1!.body).toBe(leg2!.body);
    expect(JSON.parse(leg2!.body)).toEqual({ taskId: '0xabc', price: '2500000' });

    const payload = decodePaymentSignatureHeader(leg2!.headers['payment-signature'] as string);
    expect(Object.keys(payload)).toEqual(['x402Version', 'resource', 'accepted', 'payload']);
    expect(payload.x402Version).toBe(2);
    expect(payload.accepted).toEqual(challenge().accepts[0]);
    const { authorization, signature } = payload.payload as {
      authorization: { from: `0x${string}`; to: `0x${string}`; value: string; validAfter: string; validBefore: string; nonce: `0x${string}` };
      signature: `0x${string}`;
    };
    expect(authorization.from).toBe(signer.address);
    expect(authorization.to).toBe(PAY_TO); // echoed as the server wrote it (odd checksum casing included)
    expect(authorization.value).toBe('1000');
    expect(Number(authorization.validBefore) - Number(authorization.validAfter)).toBe(360);
    expect(authorization.nonce).toMatch(/^0x[0-9a-f]{64}$/);
    const valid = await verifyTypedData({
      address: signer.address,
      domain: { name: 'USDC', version: '2', chainId: 84532, verifyingContract: SIM_NETWORK.usdcAddress },
      types: TRANSFER_WITH_AUTHORIZATION_TYPES,
      primaryType: 'TransferWithAuthorization',
      message: { ...authorization, to: getAddress(authorization.to.toLowerCase()), value: 1000n, validAfter: BigInt(authorization.validAfter), validBefore: BigInt(authorization.validBefore) },
      signature,
    });
    expect(valid).toBe(true);
    expect(signer.uses).toBe(1);
  });

  it("signs its validity window on the clock it is given (the desk passes the market's), not this machine's", async () => {
    const marketNow = Date.UTC(2026, 11, 1, 12, 0, 0); // a laptop 10 minutes behind would sign 10 minutes early
    market(challenge(), { success: true, bidId: 'bid-2' });
    const writer = createTaskmarketWriter({ apiUrl: stub.url, signer: countingSigner(), network: SIM_NETWORK, now: () => marketNow });
    await writer.bid({ taskId: '0xabc', price: 2_500_000n });
    const payload = decodePaymentSignatureHeader(stub.seen[1]!.headers['payment-signature'] as string);
    const { authorization } = payload.payload as { authorization: { validAfter: string; validBefore: string } };
    expect(Number(authorization.validAfter)).toBe(marketNow / 1000 - 60);
    expect(Number(authorization.validBefore)).toBe(marketNow / 1000 + 300);
  });

  it('a 2xx on leg 1 is accepted without paying', async () => {
    const signer = countingSigner();
    stub.seen.length = 0;
    stub.handle((_r, res) => json(res, 200, { success: true }));
    const r = await paidPost(createTaskmarketClient({ apiUrl: stub.url, signer }), { path: '/api/x', body: {}, expectedAmount: 1000n, network: SIM_NETWORK });
    expect(r.paid).toBeNull();
    expect(signer.uses).toBe(0);
    expect(stub.seen).toHaveLength(1);
  });

  const refusals: [string, unknown, RegExp][] = [
    ['wrong chain', challenge({ network: 'eip155:8453' }), /network/],
    ['wrong asset', challenge({ asset: '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913' }), /asset/],
    ['wrong amount', challenge({ amount: '1000000' }), /1\.000000 USDC but this action should cost 0\.001000 USDC/],
    ['domain on another chain', challenge({}, { chainId: 1 }), /chainId/],
    ['domain for another contract', challenge({}, { verifyingContract: '0x0000000000000000000000000000000000000001' }), /verifyingContract/],
    ['zero payTo', challenge({ payTo: '0x0000000000000000000000000000000000000000' }), /payTo/],
    ['scheme upto', challenge({ scheme: 'upto' }), /scheme/],
  ];
  for (const [name, ch, why] of refusals) {
    it(`refuses before signing: ${name}`, async () => {
      const signer = countingSigner();
      market(ch, { success: true, bidId: 'x' });
      const writer = createTaskmarketWriter({ apiUrl: stub.url, signer, network: SIM_NETWORK });
      const e = await failure(writer.bid({ taskId: '0xabc', price: 1n }));
      expect(e.kind).toBe('mismatch');
      expect(e.message).toMatch(why);
      expect(signer.uses).toBe(0);
      expect(stub.seen).toHaveLength(1);
    });
  }

  it('refuses a payTo equal to the payer, and types that are not TransferWithAuthorization', async () => {
    const signer = countingSigner();
    market(challenge({ payTo: signer.address }), {});
    const client = createTaskmarketClient({ apiUrl: stub.url, signer });
    expect((await failure(paidPost(client, { path: '/api/x', body: {}, expectedAmount: 1000n, network: SIM_NETWORK }))).kind).toBe('mismatch');
    const ch = challenge();
    (ch.accepts[0]!.extra.eip712 as { types: unknown }).types = { TransferWithAuthorization: [{ name: 'from', type: 'address' }] };
    market(ch, {});
    expect((await failure(paidPost(client, { path: '/api/x', body: {}, expectedAmount: 1000n, network: SIM_NETWORK }))).kind).toBe('mismatch');
    expect(signer.uses).toBe(0);
  });

  it('a malformed challenge is a schema error; empty accepts is refused; failure after payment says so', async () => {
    const signer = countingSigner();
    const client = createTaskmarketClient({ apiUrl: stub.url, signer });
    const call = () => paidPost(client, { path: '/api/x', body: {}, expectedAmount: 1000n, network: SIM_NETWORK });
    market({ x402Version: 2, accepts: [{ scheme: 'exact' }] }, {});
    expect((await failure(call())).kind).toBe('schema');
    market({ x402Version: 2, accepts: [] }, {});
    expect((await failure(call())).message).toContain('No payment methods accepted by server');
    stub.seen.length = 0;
    stub.handle((req, res) =>
      req.headers['payment-signature'] ? json(res, 402, { x402Version: 2, error: 'Payment authorization has expired', accepts: [], taskmarket: { reason: 'payment_rejected' } }) : json(res, 402, challenge()),
    );
    const e = await failure(call());
    expect(e.message).toContain('failed after payment (402)');
    expect(e.details.reason).toBe('payment_rejected');
  });

  it('a non-402 error on leg 1 (preflight) is raised without signing', async () => {
    const signer = countingSigner();
    stub.handle((_r, res) => json(res, 400, { error: 'Task is not open', taskmarket: { reason: 'payment_preflight_rejected' } }));
    const e = await failure(paidPost(createTaskmarketClient({ apiUrl: stub.url, signer }), { path: '/api/x', body: {}, expectedAmount: 1000n, network: SIM_NETWORK }));
    expect(e.kind).toBe('http');
    expect(e.details.reason).toBe('payment_preflight_rejected');
    expect(signer.uses).toBe(0);
  });

  it('without a wallet, paying is an auth error', async () => {
    const e = await failure(paidPost(createTaskmarketClient({ apiUrl: stub.url }), { path: '/api/x', body: {}, expectedAmount: 1000n, network: SIM_NETWORK }));
    expect(e.kind).toBe('auth');
  });

  it('a journalled idempotency key is used on both legs', async () => {
    const signer = countingSigner();
    market(challenge(), { success: true, bidId: 'b' });
    const key = '0b7c7f7e-1a2b-4c3d-8e9f-0123456789ab';
    const r = await createTaskmarketWriter({ apiUrl: stub.url, signer, network: SIM_NETWORK }).bid({ taskId: '0xabc', price: 5n, idempotencyKey: key });
    expect(r.idempotencyKey).toBe(key);
    expect(stub.seen.map((s) => s.headers['x-taskmarket-idempotency-key'])).toEqual([key, key]);
  });

  it('falls back to the PAYMENT-REQUIRED header when the 402 body carries no challenge', async () => {
    const signer = countingSigner();
    stub.seen.length = 0;
    const ch = challenge() as Parameters<typeof encodePaymentRequiredHeader>[0];
    stub.handle((req, res) => (req.headers['payment-signature'] ? json(res, 200, { success: true }) : json(res, 402, {}, { 'PAYMENT-REQUIRED': encodePaymentRequiredHeader(ch) })));
    const r = await paidPost(createTaskmarketClient({ apiUrl: stub.url, signer }), { path: '/api/x', body: {}, expectedAmount: 1000n, network: SIM_NETWORK });
    expect(r.paid).toBe(1000n);
    expect(signer.uses).toBe(1);
  });
});
