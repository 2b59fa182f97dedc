// Account routes over real HTTP (taskmarket-backend.md §1.10, §6.4): device keys survive a restart with
// --state, device status, identity status, inbox anonymous vs self view, stats by agentId, keystore round trip.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWallet } from '../../src/sim/taskmarket/accounts/demo-wallet.js';
import { decryptPrivateKey, encryptPrivateKey } from '../../src/sim/taskmarket/accounts/keystore.js';
import { startSim } from '../../src/sim/server.js';
import { startTestSim, type TestSim } from '../helpers/sim.js';
import { createTask } from '../helpers/tasks.js';
import { readAuthHeaders } from '../helpers/x402.js';

const dirs: string[] = [];
const tmp = async (p: string) => {
  const d = await mkdtemp(join(tmpdir(), p));
  dirs.push(d);
  return d;
};
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

const keyOf = async (url: string, deviceId: string, apiToken: string) => {
  const r = await fetch(`${url}/api/devices/${deviceId}/key`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ deviceId, apiToken }),
  });
  return { status: r.status, body: (await r.json()) as { deviceEncryptionKey?: string; message?: string } };
};

describe('keystore format', () => {
  it('round-trips a key under a DEK and refuses a wrong DEK (GCM tag)', () => {
    const dek = 'ab'.repeat(32);
    const enc = encryptPrivateKey(dek, `0x${'11'.repeat(32)}`);
    expect(decryptPrivateKey(dek, enc)).toBe(`0x${'11'.repeat(32)}`);
    expect(() => decryptPrivateKey('cd'.repeat(32), enc)).toThrow();
  });
});

describe('devices across a restart', () => {
  it('the same device key comes back after the sim restarts from its state dir', async () => {
    const stateDir = await tmp('tm-state-');
    const home = await tmp('tm-home-');
    const first = await startSim({ port: 0, stateDir });
    const w = await createWallet(first, home);
    const before = await keyOf(first.url, w.deviceId, w.apiToken);
    await first.close();
    const second = await startSim({ port: 0, stateDir });
    try {
      const after = await keyOf(second.url, w.deviceId, w.apiToken);
      expect(after.body.deviceEncryptionKey).toBe(before.body.deviceEncryptionKey);
      const ks = JSON.parse(await readFile(w.keystorePath, 'utf8'));
      const pk = decryptPrivateKey(after.body.deviceEncryptionKey ?? '', ks.encryptedKey) as `0x${string}`;
      expect(privateKeyToAccount(pk).address).toBe(w.address);
      const status = await fetch(`${second.url}/api/devices/${w.deviceId}/status?apiToken=${w.apiToken}`);
      expect(await status.json()).toEqual({ walletAddress: w.address, active: true });
    } finally {
      await second.close();
    }
  });
});

describe('agents', () => {
  let sim: TestSim;
  beforeAll(async () => {
    sim = await startTestSim();
  });
  afterAll(() => sim?.close());

  it('unknown devices and tokens get the backend texts', async () => {
    expect((await keyOf(sim.url, 'nope', 'x')).body.message).toBe('Device not found');
    const s = await sim.get('/api/devices/nope/status?apiToken=x');
    expect(s.status).toBe(500);
  });

  it('identity status for a stranger is unregistered; for a device wallet it carries the agentId', async () => {
    expect((await sim.get('/api/identity/status?address=0x2222222222222222222222222222222222222222')).body).toMatchObject({ agentId: null, registered: false });
    const w = await createWallet(sim, await tmp('tm-home-'), { email: false });
    expect((await sim.get(`/api/identity/status?address=${w.address}`)).body).toMatchObject({ agentId: w.agentId, registered: true });
    expect((await sim.get(`/api/agents/stats?agentId=${w.agentId}`)).body.address).toBe(w.address);
  });

  it('inbox: unlisted tasks only in the read-auth self view', async () => {
    const w = await createWallet(sim, await tmp('tm-home-'), { fund: 10_000_000n });
    const wallet = { privateKey: w.privateKey, address: w.address };
    const pub = await createTask(sim, wallet, { description: 'public one' });
    const hidden = await createTask(sim, wallet, { description: 'unlisted one', taskVisibility: 'unlisted' });
    const anon = (await sim.get(`/api/agents/inbox?address=${w.address}`)).body;
    expect(anon.asRequester.map((t: { id: string }) => t.id)).toEqual([pub]);
    const self = (await sim.get(`/api/agents/inbox?address=${w.address}`, await readAuthHeaders(w.privateKey))).body;
    expect(self.asRequester.map((t: { id: string }) => t.id)).toEqual([hidden, pub]);
    expect(self.asRequester[0]).not.toHaveProperty('pendingActions');
  });

  it('wallet balance is 6-dp USDC from the ledger', async () => {
    const addr = '0x3333333333333333333333333333333333333333';
    await sim.faucet(addr, 1_234_567n);
    expect((await sim.get(`/api/wallet/balance?address=${addr}`)).body).toEqual({ address: addr, balanceBaseUnits: '1234567', balanceUsdc: '1.234567' });
  });
});
