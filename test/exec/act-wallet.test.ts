// Wallet writes through the runner (native executor) and the simulator's POST /api/wallet/withdraw:
// set_withdrawal_address (the one-time recovery code reaches the caller, never the journal), withdraw
// (balance down by the amount, the registered address up by it), and the route's refusals.
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRANSFER_WITH_AUTHORIZATION_TYPES } from '../../src/markets/taskmarket/index.js';
import { startTestSim, type TestSim } from '../helpers/sim.js';
import { newWallet, type Wallet } from '../helpers/x402.js';
import { cleanupDirs, expectClean, makeActor, walletIntent, type Actor } from './act-fixtures.js';

let sim: TestSim;
let me: Actor;
const cold = newWallet();

beforeAll(async () => {
  sim = await startTestSim();
  me = await makeActor(sim, { fund: 20_000_000n });
});
afterAll(async () => {
  me?.close();
  await sim?.close();
  cleanupDirs();
});

/** A withdraw body signed by `w` (as the CLI builds it), with knobs to break it. */
async function withdrawBody(w: Wallet, to: string, amount: bigint, o: { nonce?: string; validBefore?: number; signWith?: Wallet; value?: bigint } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const authorization = {
    from: w.address,
    to,
    value: String(o.value ?? amount),
    validAfter: String(now - 60),
    validBefore: String(o.validBefore ?? now + 300),
    nonce: o.nonce ?? `0x${randomBytes(32).toString('hex')}`,
  };
  const signature = await privateKeyToAccount((o.signWith ?? w).privateKey).signTypedData({
    domain: { name: 'USDC', version: '2', chainId: 84532, verifyingContract: '0x036CbD53842c5426634e7929541eC2318f3dCF7e' },
    types: TRANSFER_WITH_AUTHORIZATION_TYPES,
    primaryType: 'TransferWithAuthorization',
    message: { ...authorization, from: authorization.from, to: authorization.to as `0x${string}`, value: BigInt(authorization.value), validAfter: BigInt(authorization.validAfter), validBefore: BigInt(authorization.validBefore), nonce: authorization.nonce as `0x${string}` },
  });
  return { from: w.address, amountBaseUnits: amount.toString(), authorization, signature };
}

describe('POST /api/wallet/withdraw (simulator)', () => {
  it('refuses without a registered address, with a wrong recipient, a bad signature, an expired authorization, a short balance, a reused nonce', async () => {
    const w = newWallet();
    await sim.faucet(w.address, 5_000_000n);
    expect((await sim.post('/api/wallet/withdraw', await withdrawBody(w, cold.address, 1_000_000n))).status).toBe(412);
    const sig = await privateKeyToAccount(w.privateKey).signMessage({ message: `taskmarket:set-withdrawal-address:${cold.address.toLowerCase()}` });
    expect((await sim.post('/api/wallet/set-withdrawal-address', { walletAddress: w.address, withdrawalAddress: cold.address, signature: sig })).status).toBe(200);

    const cases: [object, number, RegExp][] = [
      [await withdrawBody(w, newWallet().address, 1_000_000n), 400, /registered withdrawal address/],
      [await withdrawBody(w, cold.address, 1_000_000n, { signWith: newWallet() }), 401, /does not match/],
      [await withdrawBody(w, cold.address, 1_000_000n, { validBefore: Math.floor(Date.now() / 1000) + 2 }), 400, /expired/],
      [await withdrawBody(w, cold.address, 1_000_000n, { value: 2_000_000n }), 400, /does not match amountBaseUnits/],
      [await withdrawBody(w, cold.address, 9_000_000n), 400, /Insufficient balance/],
    ];
    for (const [body, status, text] of cases) {
      const r = await sim.post('/api/wallet/withdraw', body);
      expect([r.status, r.body.message]).toEqual([status, expect.stringMatching(text)]);
    }
    expect(await sim.balance(w.address)).toBe(5_000_000n);

    const nonce = `0x${randomBytes(32).toString('hex')}`;
    const ok = await sim.post('/api/wallet/withdraw', await withdrawBody(w, cold.address, 1_000_000n, { nonce }));
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ amountBaseUnits: '1000000', to: cold.address });
    const reused = await sim.post('/api/wallet/withdraw', await withdrawBody(w, cold.address, 1_000_000n, { nonce }));
    expect([reused.status, reused.body.message]).toEqual([409, 'Authorization nonce already used']);
    expect(await sim.balance(w.address)).toBe(4_000_000n);
    expect(await sim.balance(cold.address)).toBe(1_000_000n);
  });
});

describe('wallet actions through the runner', () => {
  it('set_withdrawal_address: registered, verified, and the recovery code is handed back but never journaled', async () => {
    const out = await me.run(walletIntent(me, 'set_withdrawal_address', { address: cold.address }));
    await expectClean(sim, me, out, '/api/wallet/set-withdrawal-address');
    expect(out.verification?.observed).toEqual({ ownerField: 'withdrawalAddress', owner: cold.address });
    const code = out.oneTime?.accountRecoveryCode;
    expect(code).toMatch(/^[0-9]{8}$/);
    expect(readFileSync(me.journalPath, 'utf8')).not.toContain(code!);
  });

  it('withdraw: the balance goes down by exactly the amount and the registered address receives it', async () => {
    const b0 = await sim.balance(me.address);
    const c0 = await sim.balance(cold.address);
    const out = await me.run(walletIntent(me, 'withdraw', { amount: 3_500_000n, to: cold.address }, 3_500_000n));
    await expectClean(sim, me, out, '/api/wallet/withdraw');
    expect(out.verification?.observed.balanceDelta).toBe(-3_500_000n);
    expect(out.response?.ok && out.response.result.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await sim.balance(me.address)).toBe(b0 - 3_500_000n);
    expect(await sim.balance(cold.address)).toBe(c0 + 3_500_000n);
  });

  it('withdraw to an address other than the registered one is refused before signing; nothing moves', async () => {
    const b0 = await sim.balance(me.address);
    const out = await me.run(walletIntent(me, 'withdraw', { amount: 1_000_000n, to: newWallet().address }, 1_000_000n));
    expect(out.ok).toBe(false);
    expect(out.response?.ok === false && out.response.error).toMatchObject({ kind: 'mismatch', message: expect.stringMatching(/registered withdrawal address/) });
    expect(await sim.balance(me.address)).toBe(b0);
  });
});
