// x402 v2 over real HTTP: challenge shape (§5.3), escrow on create, refused payments change nothing,
// replayed nonces, idempotent replays, insufficient balance, PAYMENT-RESPONSE.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSim, type TestSim } from '../helpers/sim.js';
import { newWallet, paidPost, postWithPayment, readAuthHeaders, type Wallet } from '../helpers/x402.js';

let sim: TestSim;
let alice: Wallet;
const USDC = '0x036CbD53842c5426634e7929541eC2318f3dCF7e';
const task = (reward = '2000000') => ({ description: 'Write a haiku', reward, duration: 24, tags: ['poetry'] });

beforeAll(async () => {
  sim = await startTestSim();
  alice = newWallet();
  await sim.faucet(alice.address, 100_000_000n);
});
afterAll(async () => {
  await sim.close();
});

describe('x402 challenge', () => {
  it('answers an unpaid paid route with the backend 402 body and PAYMENT-REQUIRED header', async () => {
    const r = await fetch(`${sim.url}/api/tasks`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-taskmarket-idempotency-key': randomUUID() },
      body: JSON.stringify(task('1234567')),
    });
    expect(r.status).toBe(402);
    const body = await r.json();
    const ledger = await sim.ledger();
    expect(body).toEqual({
      x402Version: 2,
      error: 'Payment required',
      resource: { url: `${sim.url}/api/tasks`, description: expect.any(String), mimeType: 'application/json' },
      accepts: [
        {
          scheme: 'exact',
          network: 'eip155:84532',
          amount: '1234567',
          asset: USDC,
          payTo: ledger.platform,
          maxTimeoutSeconds: 300,
          extra: {
            name: 'USDC',
            version: '2',
            eip712: {
              domain: { name: 'USDC', version: '2', chainId: 84532, verifyingContract: USDC },
              types: {
                TransferWithAuthorization: [
                  { name: 'from', type: 'address' },
                  { name: 'to', type: 'address' },
                  { name: 'value', type: 'uint256' },
                  { name: 'validAfter', type: 'uint256' },
                  { name: 'validBefore', type: 'uint256' },
                  { name: 'nonce', type: 'bytes32' },
                ],
              },
              primaryType: 'TransferWithAuthorization',
            },
          },
        },
      ],
    });
    const header = r.headers.get('payment-required');
    expect(header).toBeTruthy();
    expect(JSON.parse(Buffer.from(header as string, 'base64').toString('utf8'))).toEqual(body);
  });
});

describe('x402 settlement', () => {
  it('a paid create escrows the reward and returns PAYMENT-RESPONSE', async () => {
    const before = await sim.balance(alice.address);
    const r = await paidPost(sim.url, '/api/tasks', task('2000000'), alice.privateKey);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ success: true, taskId: expect.stringMatching(/^0x[0-9a-f]{64}$/), taskDropId: null });
    const receipt = JSON.parse(Buffer.from(r.headers.get('payment-response') as string, 'base64').toString('utf8'));
    expect(receipt).toMatchObject({ success: true, transaction: expect.stringMatching(/^0x[0-9a-f]{64}$/), network: 'eip155:84532' });
    const ledger = await sim.ledger();
    expect(ledger.escrows[r.body.taskId]).toBe('2000000');
    expect(await sim.balance(alice.address)).toBe(before - 2_000_000n);
    const detail = await sim.get(`/api/tasks/${r.body.taskId}`);
    expect(detail.body.requester).toBe(alice.address.toLowerCase());
  });

  it('a flat-fee action pays 1000 into the platform wallet', async () => {
    const created = await paidPost(sim.url, '/api/tasks', task('3000000'), alice.privateKey);
    const ledger0 = await sim.ledger();
    const platform0 = BigInt(ledger0.balances[ledger0.platform.toLowerCase()] ?? '0');
    const r = await paidPost(sim.url, `/api/tasks/${created.body.taskId}/cancel`, { taskId: created.body.taskId }, alice.privateKey);
    expect(r.status).toBe(200);
    expect(r.challenge?.accepts[0]?.amount).toBe('1000');
    const ledger1 = await sim.ledger();
    expect(BigInt(ledger1.balances[ledger1.platform.toLowerCase()] ?? '0')).toBe(platform0 + 1000n);
    expect(ledger1.escrows[created.body.taskId]).toBe('0');
  });

  const refusals: Array<[string, Parameters<typeof paidPost>[4], RegExp]> = [
    ['wrong amount', { authorization: (a) => ({ ...a, value: '1' }) }, /does not match server requirements/],
    ['wrong payTo', { authorization: (a) => ({ ...a, to: '0x000000000000000000000000000000000000dEaD' }) }, /does not match server requirements/],
    ['claimed requirement differs', { accepted: (a) => ({ ...a, amount: '1' }) }, /does not match server requirements/],
    ['expired authorization', { authorization: (a) => ({ ...a, validBefore: String(Math.floor(Date.now() / 1000) + 3) }) }, /has expired/],
    ['not yet valid authorization', { authorization: (a) => ({ ...a, validAfter: String(Math.floor(Date.now() / 1000) + 600) }) }, /valid_after/],
    ['bad signature', { corruptSignature: true }, /Settlement failed/],
    ['signed by someone else', { signWith: newWallet().privateKey }, /invalid_exact_evm_payload_signature/],
  ];
  for (const [name, opts, text] of refusals) {
    it(`refuses ${name} with 402 payment_rejected and no ledger change`, async () => {
      const before = await sim.ledger();
      const r = await paidPost(sim.url, '/api/tasks', task('5000000'), alice.privateKey, opts);
      expect(r.status).toBe(402);
      expect(r.body.error).toMatch(text);
      expect(r.body.accepts).toEqual([]);
      expect(r.body.taskmarket).toEqual({ reason: 'payment_rejected' });
      expect(await sim.ledger()).toEqual(before);
    });
  }

  it('refuses a replayed nonce (same PAYMENT-SIGNATURE under a new idempotency key)', async () => {
    const first = await paidPost(sim.url, '/api/tasks', task('1000000'), alice.privateKey);
    expect(first.status).toBe(200);
    const before = await sim.ledger();
    const replay = await postWithPayment(sim.url, '/api/tasks', task('1000000'), first.payment as string);
    expect(replay.status).toBe(402);
    expect(replay.body.error).toMatch(/nonce_already_used/);
    expect(await sim.ledger()).toEqual(before);
  });

  it('refuses an unfunded payer with 402 payment_rejected', async () => {
    const bob = newWallet();
    await sim.faucet(bob.address, 999n);
    const r = await paidPost(sim.url, '/api/tasks', task('1000'), bob.privateKey);
    expect(r.status).toBe(402);
    expect(r.body.error).toMatch(/insufficient_balance/);
    expect(await sim.balance(bob.address)).toBe(999n);
  });

  it('replays the first response for a repeated key with the same payload, with no second effect', async () => {
    const key = randomUUID();
    const first = await paidPost(sim.url, '/api/tasks', task('1500000'), alice.privateKey, { idempotencyKey: key });
    expect(first.status).toBe(200);
    const after1 = await sim.ledger();
    const again = await paidPost(sim.url, '/api/tasks', task('1500000'), alice.privateKey, { idempotencyKey: key });
    expect(again.status).toBe(200);
    expect(again.challenge).toBeNull(); // answered from the stored response, no new 402
    expect(again.body).toEqual(first.body);
    expect(await sim.ledger()).toEqual(after1);
    const mismatch = await paidPost(sim.url, '/api/tasks', task('1500001'), alice.privateKey, { idempotencyKey: key });
    expect(mismatch.status).toBe(409);
    expect(mismatch.body.taskmarket.reason).toBe('idempotency_key_payload_mismatch');
  });

  it('the 402 leg does not consume the key', async () => {
    const key = randomUUID();
    const leg1 = await sim.post('/api/tasks', task('1000000'), { 'x-taskmarket-idempotency-key': key });
    expect(leg1.status).toBe(402);
    const paid = await paidPost(sim.url, '/api/tasks', task('1000000'), alice.privateKey, { idempotencyKey: key });
    expect(paid.status).toBe(200);
  });

  it('runs the preflight before charging (403 payment_preflight_rejected, no ledger change)', async () => {
    const created = await paidPost(sim.url, '/api/tasks', task('1000000'), alice.privateKey);
    const mallory = newWallet();
    await sim.faucet(mallory.address, 10_000n);
    const before = await sim.ledger();
    const r = await paidPost(sim.url, `/api/tasks/${created.body.taskId}/cancel`, { taskId: created.body.taskId }, mallory.privateKey);
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ error: 'Payment payer must be the task requester', taskmarket: { reason: 'payment_preflight_rejected' } });
    expect(await sim.ledger()).toEqual(before);
  });

  it('GET /api/intents finds a completed write by key or intent id, for its initiator only', async () => {
    const r = await paidPost(sim.url, '/api/tasks', task('1000000'), alice.privateKey);
    const mine = await readAuthHeaders(alice.privateKey);
    const byKey = await sim.get(`/api/intents?idempotencyKey=${r.idempotencyKey}`, mine);
    expect(byKey.body).toEqual({
      intentId: r.body.intentId,
      idempotencyKey: r.idempotencyKey,
      operation: 'tasks.create',
      status: 'completed',
      txHash: null,
      terminalReason: null,
      taskId: r.body.taskId,
      refund: null,
    });
    expect((await sim.get(`/api/intents?intentId=${r.body.intentId}`, mine)).body.idempotencyKey).toBe(r.idempotencyKey);
    const stranger = await sim.get(`/api/intents?idempotencyKey=${r.idempotencyKey}`, await readAuthHeaders(newWallet().privateKey));
    expect(stranger.status).toBe(404);
    expect(stranger.body.data.taskmarket.reason).toBe('intent_not_found');
    expect((await sim.get(`/api/intents?idempotencyKey=${r.idempotencyKey}`)).status).toBe(401);
  });
});
