// The official CLI against the simulator: init, address, deposit, wallet balance, stats, identity, xmtp status,
// legal status (taskmarket-cli.md §1.1, §1.3, §3, §8.1).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDesk, USDC, type Agent, type Desk } from './cli.js';

// Each CLI call is a fresh node process (~0.5 s idle, far more on a loaded 2-core box): generous limits.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

let desk: Desk;
let alice: Agent;

beforeAll(async () => {
  desk = await startDesk();
  alice = await desk.agent(5n * USDC);
});
afterAll(() => desk?.close());

describe('init and the keystore', () => {
  it('init --yes registers a device, gets an agentId and an email, and writes an official keystore', async () => {
    expect(alice.address).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect(alice.agentId).toMatch(/^\d+$/);
    expect(alice.emailAddress).toBe(`${alice.agentId}-84532@taskmarket.dev`);
    const ks = JSON.parse(await readFile(join(alice.home, '.taskmarket', 'keystore.json'), 'utf8'));
    expect(ks.walletAddress).toBe(alice.address);
    expect(ks.keyServerUrl).toBe(desk.url);
    expect(ks.encryptedKey).toMatch(/^[0-9a-f]+$/);
    // iv12 + tag16 + ciphertext of "0x" + 64 hex
    expect(ks.encryptedKey.length).toBe((12 + 16 + 66) * 2);
  });

  it('re-running init keeps the wallet and reports network facts', async () => {
    const again = await alice.ok(['init', '--yes']);
    expect(again).toMatchObject({ address: alice.address, agentId: alice.agentId, network: 'Base Sepolia', chainId: 84532, emailAddress: alice.emailAddress });
  });

  it('address prints the keystore wallet', async () => {
    expect(await alice.ok(['address'])).toEqual({ address: alice.address });
  });

  it('deposit prints network.info', async () => {
    expect(await alice.ok(['deposit'])).toEqual({
      address: alice.address,
      network: 'Base Sepolia',
      chainId: 84532,
      currency: 'USDC',
      usdcContract: '0x036CbD53842c5426634e7929541eC2318f3dCF7e',
    });
  });

  it('wallet balance reads the sim ledger', async () => {
    const bal = await alice.ok(['wallet', 'balance']);
    expect(bal).toMatchObject({ balanceBaseUnits: '5000000', balanceUsdc: '5.000000' });
    expect(bal.address.toLowerCase()).toBe(alice.address.toLowerCase());
  });

  it('stats combines agent stats and balance', async () => {
    const s = await alice.ok(['stats']);
    expect(s).toMatchObject({
      agentId: alice.agentId,
      balanceBaseUnits: '5000000',
      completedTasks: 0,
      ratedTasks: 0,
      totalEarnings: '0',
      emailAddress: alice.emailAddress,
    });
  });

  it('identity status and a paid identity register (0.001 USDC)', async () => {
    expect(await alice.ok(['identity', 'status'])).toMatchObject({ registered: true, agentId: alice.agentId });
    const before = await desk.balance(alice.address);
    const reg = await alice.ok(['identity', 'register']);
    expect(reg).toMatchObject({ agentId: alice.agentId });
    expect(await desk.balance(alice.address)).toBe(before - 1000n);
  });

  it('legal status validates against the CLI schema', async () => {
    const s = await alice.ok(['legal', 'status']);
    expect(s).toMatchObject({ accepted: false, enforcementEnabled: false, status: 'approved' });
    expect(s.documents).toHaveLength(4);
  });

  it('xmtp status authenticates with the device token', async () => {
    expect(await alice.ok(['xmtp', 'status'])).toMatchObject({ inboxId: null, enabled: false, activeInstallations: [] });
  });

  it('xmtp init (dev client) bootstraps an installation; status and heartbeat see it', async () => {
    expect(await alice.ok(['xmtp', 'init'])).toEqual({ policyMode: 'allowlist' });
    const s = await alice.ok(['xmtp', 'status']);
    expect(s).toMatchObject({ enabled: true, inboxId: `dev-inbox-${alice.address.slice(2, 10).toLowerCase()}` });
    expect(s.activeInstallations).toHaveLength(1);
    const hb = await alice.run(['xmtp', 'heartbeat']);
    expect(hb.code).toBe(0);
    const r = await desk.get(`/api/xmtp/resolve?address=${alice.address}`);
    expect(r.body).toEqual({ address: alice.address, inboxId: s.inboxId });
  });

  it('wallet set/get-withdrawal-address (signed, one-time)', async () => {
    const target = '0x1111111111111111111111111111111111111111';
    const set = await alice.ok(['wallet', 'set-withdrawal-address', target]);
    expect(set.withdrawalAddress).toBe(target);
    expect(set.accountRecoveryCode).toMatch(/^\d{8}$/);
    const got = await alice.ok(['wallet', 'get-withdrawal-address']);
    expect(got).toMatchObject({ withdrawalAddress: target, usdcDomain: { name: 'USDC', version: '2', chainId: 84532 } });
    const again = await alice.run(['wallet', 'set-withdrawal-address', target]);
    expect(again.code).toBe(1);
    expect(again.err?.status).toBe(409);
  });

  it('actions reads the action queue with read-auth', async () => {
    const { taskId } = await alice.ok(['task', 'create', '--mode', 'claim', '--description', 'Queue me', '--reward', '0.5', '--duration', '2']);
    const q = await alice.ok(['actions']);
    expect(q.items.map((i: { taskId: string; action: string }) => `${i.taskId}:${i.action}`)).toEqual(
      expect.arrayContaining([`${taskId}:cancel`, `${taskId}:update`]),
    );
  });
});

describe('device key server', () => {
  it('returns the same DEK every time and refuses a wrong token with the backend text', async () => {
    const ks = JSON.parse(await readFile(join(alice.home, '.taskmarket', 'keystore.json'), 'utf8'));
    const ask = (apiToken: string) =>
      fetch(`${desk.url}/api/devices/${ks.deviceId}/key`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ deviceId: ks.deviceId, apiToken }),
      });
    const a = (await (await ask(ks.apiToken)).json()) as { deviceEncryptionKey: string };
    const b = (await (await ask(ks.apiToken)).json()) as { deviceEncryptionKey: string };
    expect(a.deviceEncryptionKey).toMatch(/^[0-9a-f]{64}$/);
    expect(b.deviceEncryptionKey).toBe(a.deviceEncryptionKey);
    const bad = await ask('00'.repeat(32));
    expect(bad.status).toBe(500);
    expect(await bad.json()).toMatchObject({ message: 'Invalid token' });
  });

  it('refuses a device registration whose signature is not the wallet', async () => {
    const r = await fetch(`${desk.url}/api/devices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ walletAddress: alice.address, signature: `0x${'11'.repeat(65)}`, publicKey: '02' + '00'.repeat(32) }),
    });
    expect([400, 401]).toContain(r.status);
  });

  it('agents stats without address or agentId is a 500 like the backend', async () => {
    const r = await desk.get('/api/agents/stats');
    expect(r.status).toBe(500);
    expect(r.body.message).toBe('Provide address or agentId');
  });

  it('GET /api/bids/my without read-auth is 401', async () => {
    const r = await desk.get('/api/bids/my');
    expect(r.status).toBe(401);
    expect(r.body.message).toBe('Caller authentication required');
  });
});
