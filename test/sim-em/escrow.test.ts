// Escrow at assign (the wire format for §13.9): the challenge, its nonce = keccak256(abi.encode(PaymentInfo)),
// every refusal of a forged X-Payment-Auth (402 detail codes), replay and funds, and --em-lock-delay's 202.
import { encodeAbiParameters, getAddress, keccak256 } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newWallet, paymentAuth, startEmSim, taskBody, worker, type EmClient, type EmSim, type Party, type Wallet } from './helpers.js';

const PAYMENT_INFO = [
  {
    type: 'tuple',
    components: [
      { name: 'operator', type: 'address' },
      { name: 'payer', type: 'address' },
      { name: 'receiver', type: 'address' },
      { name: 'token', type: 'address' },
      { name: 'maxAmount', type: 'uint120' },
      { name: 'preApprovalExpiry', type: 'uint48' },
      { name: 'authorizationExpiry', type: 'uint48' },
      { name: 'refundExpiry', type: 'uint48' },
      { name: 'minFeeBps', type: 'uint16' },
      { name: 'maxFeeBps', type: 'uint16' },
      { name: 'feeReceiver', type: 'address' },
      { name: 'salt', type: 'uint256' },
    ],
  },
] as const;

function hashInfo(p: any) {
  return keccak256(
    encodeAbiParameters(PAYMENT_INFO, [
      {
        operator: p.operator,
        payer: p.payer,
        receiver: p.receiver,
        token: p.token,
        maxAmount: BigInt(p.max_amount),
        preApprovalExpiry: p.pre_approval_expiry,
        authorizationExpiry: p.authorization_expiry,
        refundExpiry: p.refund_expiry,
        minFeeBps: p.min_fee_bps,
        maxFeeBps: p.max_fee_bps,
        feeReceiver: p.fee_receiver,
        salt: BigInt(p.salt),
      },
    ]),
  );
}

async function applied(sim: EmSim, pub: EmClient, over: Record<string, unknown> = {}): Promise<{ id: string; w: Party; challenge: any }> {
  const id = (await pub.post('/tasks', taskBody(over))).body.id as string;
  const w = await worker(sim);
  expect((await w.c.post(`/tasks/${id}/apply`, { executor_id: w.executorId })).status).toBe(200);
  const ch = await pub.get(`/tasks/${id}/assign/challenge?executor_id=${w.executorId}`);
  expect(ch.status).toBe(200);
  return { id, w, challenge: ch.body };
}

describe('assign challenge and X-Payment-Auth', () => {
  let sim: EmSim;
  let payer: Wallet;
  let pub: EmClient;
  beforeAll(async () => {
    sim = await startEmSim();
    payer = newWallet();
    pub = sim.client(payer);
    await sim.faucet(payer.address, 5_000_000n);
  });
  afterAll(async () => {
    await sim?.close();
  });

  const assign = (id: string, w: Party, header: string) => pub.post(`/tasks/${id}/assign`, { executor_id: w.executorId }, { headers: { 'X-Payment-Auth': header } });

  it('is a ReceiveWithAuthorization for exactly the bounty whose nonce hashes the PaymentInfo naming the worker', async () => {
    const { w, challenge } = await applied(sim, pub, { bounty_usd: 0.08 });
    expect(Object.keys(challenge).sort()).toEqual(['paymentInfo', 'typedData']);
    const { domain, types, primaryType, message } = challenge.typedData;
    expect(domain).toEqual({ name: 'USDC', version: '2', chainId: 84532, verifyingContract: '0x036CbD53842c5426634e7929541eC2318f3dCF7e' });
    expect(primaryType).toBe('ReceiveWithAuthorization');
    expect(types.ReceiveWithAuthorization.map((f: { name: string }) => f.name)).toEqual(['from', 'to', 'value', 'validAfter', 'validBefore', 'nonce']);
    expect(message).toMatchObject({ from: getAddress(payer.address), value: '80000' });
    expect(challenge.paymentInfo).toMatchObject({ payer: getAddress(payer.address), receiver: getAddress(w.wallet.address), max_amount: '80000', min_fee_bps: 1300 });
    expect(message.nonce).toBe(hashInfo(challenge.paymentInfo));
    expect(message.validBefore).toBe(String(challenge.paymentInfo.pre_approval_expiry));
  });

  it('refuses forgeries with the decline codes and locks nothing', async () => {
    const { id, w, challenge } = await applied(sim, pub);
    const before = (await sim.balances())[payer.address.toLowerCase()];
    const cases: Array<[string, Promise<string>, number, string]> = [
      ['wrong signer', paymentAuth(payer, challenge, { signWith: newWallet() }), 402, 'INVALID_SIGNATURE'],
      ['less than the bounty', paymentAuth(payer, challenge, { message: (m) => ({ ...m, value: '49999' }) }), 402, 'AMOUNT_MISMATCH'],
      ['paid to someone else', paymentAuth(payer, { ...challenge, paymentInfo: { ...challenge.paymentInfo, receiver: getAddress(newWallet().address) } }), 402, 'FORBIDDEN_RECEIVER'],
      ['other salt, stale nonce', paymentAuth(payer, { ...challenge, paymentInfo: { ...challenge.paymentInfo, salt: '0x01' } }), 402, 'NONCE_MISMATCH'],
      ['already expired', paymentAuth(payer, challenge, { message: (m) => ({ ...m, validBefore: String(Math.floor(Date.now() / 1000) - 1) }) }), 402, 'AUTHORIZATION_EXPIRED'],
      ['not base64 JSON', Promise.resolve('%%%'), 400, 'invalid_payment_auth'],
      ['wrong version', Promise.resolve(Buffer.from(JSON.stringify({ x402Version: 1 })).toString('base64')), 400, 'invalid_payment_auth'],
    ];
    for (const [what, header, status, code] of cases) {
      const r = await assign(id, w, await header);
      expect({ what, status: r.status, code: r.body.detail?.code }).toEqual({ what, status, code });
    }
    const bad = await assign(id, w, await paymentAuth(payer, challenge, { signWith: newWallet() }));
    expect(bad.body.detail).toMatchObject({ retryable: false, network: 'base-sepolia' });
    const client = await pub.post(`/tasks/${id}/assign`, { executor_id: w.executorId, escrow_tx: `0x${'ab'.repeat(32)}`, payment_info: challenge.paymentInfo });
    expect(client.status).toBe(400);
    expect(client.body.detail.code).toBe('escrow_tx_not_simulated');
    expect((await sim.balances())[payer.address.toLowerCase()]).toBe(before);
    expect(await sim.escrow(id)).toBe(0n);
    expect((await pub.get(`/tasks/${id}`)).body.status).toBe('published');
  });

  it('a withdrawn worker cannot be re-assigned; a short balance is INSUFFICIENT_FUNDS', async () => {
    const { id, w, challenge } = await applied(sim, pub);
    const header = await paymentAuth(payer, challenge);
    expect((await assign(id, w, header)).status).toBe(200);
    expect((await w.c.post(`/tasks/${id}/withdraw`, { executor_id: w.executorId })).status).toBe(200);
    expect((await assign(id, w, header)).body.detail.code).toBe('WORKER_NOT_APPLIED');
    expect((await w.c.post(`/tasks/${id}/apply`, { executor_id: w.executorId })).status).toBe(409);

    const poor = newWallet();
    const poorPub = sim.client(poor);
    await sim.faucet(poor.address, 10_000n);
    const p = await applied(sim, poorPub, { bounty_usd: 0.05 });
    const r = await poorPub.post(`/tasks/${p.id}/assign`, { executor_id: p.w.executorId }, { headers: { 'X-Payment-Auth': await paymentAuth(poor, p.challenge) } });
    expect(r.status).toBe(402);
    expect(r.body.detail).toMatchObject({ code: 'INSUFFICIENT_FUNDS', retryable: true, required_usdc: '0.050000', balance_usdc: '0.010000' });
  });

  it('a signed authorization locks once: replayed on a twin task it is LOCK_REVERTED (nonce spent)', async () => {
    // The nonce binds payer, worker, amount and salt, not the task: a twin task (same bounty and worker) would
    // accept the same header if the nonce were not single-use.
    const { id, w, challenge } = await applied(sim, pub);
    const twin = (await pub.post('/tasks', taskBody())).body.id as string;
    await w.c.post(`/tasks/${twin}/apply`, { executor_id: w.executorId });
    const header = await paymentAuth(payer, challenge);
    expect((await assign(id, w, header)).status).toBe(200);
    const before = (await sim.balances())[payer.address.toLowerCase()];
    const r = await assign(twin, w, header);
    expect(r.status).toBe(402);
    expect(r.body.detail).toMatchObject({ code: 'LOCK_REVERTED', retryable: true });
    expect((await sim.balances())[payer.address.toLowerCase()]).toBe(before);
    expect(await sim.escrow(twin)).toBe(0n);
  });
});

describe('--em-lock-delay', () => {
  let sim: EmSim;
  let payer: Wallet;
  let pub: EmClient;
  beforeAll(async () => {
    sim = await startEmSim({ em: { lockDelayMs: 400 } });
    payer = newWallet();
    pub = sim.client(payer);
    await sim.faucet(payer.address, 60_000n);
  });
  afterAll(async () => {
    await sim?.close();
  });

  async function poll(id: string): Promise<any[]> {
    const seen: any[] = [];
    for (let i = 0; i < 100; i++) {
      const t = (await pub.get(`/tasks/${id}`)).body;
      seen.push(t);
      if (t.status !== 'assigning') return seen;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error('still assigning');
  }

  it('answers 202 assigning, refuses a re-POST, then locks: accepted', async () => {
    const { id, w, challenge } = await applied(sim, pub, { bounty_usd: 0.05 });
    const header = await paymentAuth(payer, challenge);
    const r = await pub.post(`/tasks/${id}/assign`, { executor_id: w.executorId }, { headers: { 'X-Payment-Auth': header } });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ status: 'assigning', task_id: id, executor_id: w.executorId });
    expect((await pub.get(`/tasks/${id}`)).body).toMatchObject({ status: 'assigning', escrow_status: 'pending_assignment', executor_id: null });
    expect(await sim.escrow(id)).toBe(0n);
    const again = await pub.post(`/tasks/${id}/assign`, { executor_id: w.executorId }, { headers: { 'X-Payment-Auth': header } });
    expect(again.status).toBe(409);
    expect(again.body.detail.code).toBe('TASK_NOT_ASSIGNABLE');
    expect((await pub.post(`/tasks/${id}/cancel`)).status).toBe(409);
    const seen = await poll(id);
    expect(seen.at(-1)).toMatchObject({ status: 'accepted', executor_id: w.executorId, escrow_status: 'locked' });
    expect(await sim.escrow(id)).toBe(50_000n);
  });

  it('a lock that fails later puts the task back to published (funds spent meanwhile)', async () => {
    // 10_000 left after the first test: two 0.01 tasks both pass the checks, only one can lock.
    const a = await applied(sim, pub, { bounty_usd: 0.01 });
    const b = await applied(sim, pub, { bounty_usd: 0.01 });
    const ra = await pub.post(`/tasks/${a.id}/assign`, { executor_id: a.w.executorId }, { headers: { 'X-Payment-Auth': await paymentAuth(payer, a.challenge) } });
    const rb = await pub.post(`/tasks/${b.id}/assign`, { executor_id: b.w.executorId }, { headers: { 'X-Payment-Auth': await paymentAuth(payer, b.challenge) } });
    expect([ra.status, rb.status]).toEqual([202, 202]);
    const [ea, eb] = [(await poll(a.id)).at(-1), (await poll(b.id)).at(-1)];
    expect([ea.status, eb.status]).toEqual(['accepted', 'published']);
    expect(eb).toMatchObject({ executor_id: null, escrow_status: null });
    expect(await sim.escrow(a.id)).toBe(10_000n);
    expect(await sim.escrow(b.id)).toBe(0n);
    // The failed one can be assigned again once funded.
    await sim.faucet(payer.address, 10_000n);
    const ch = await pub.get(`/tasks/${b.id}/assign/challenge?executor_id=${b.w.executorId}`);
    expect(ch.status).toBe(200);
  });
});
