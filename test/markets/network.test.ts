// Expected-network checks and env resolution; identity and XMTP status reads against the simulator.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MarketError } from '../../src/markets/errors.js';
import { createWallet } from '../../src/sim/taskmarket/accounts/demo-wallet.js';
import {
  BASE_MAINNET,
  checkNetwork,
  createTaskmarketClient,
  expectedNetworkFor,
  getIdentityStatus,
  getXmtpStatus,
  keystoreSigner,
  loadKeystore,
  resolveApiUrl,
  SIM_NETWORK,
} from '../../src/markets/taskmarket/index.js';
import { startTestSim, type TestSim } from '../helpers/sim.js';

describe('checkNetwork', () => {
  const base = { networkName: 'base', chainId: 8453, usdcAddress: '0x833589fcd6edb6e08f4c7c32d4f71b54bda02913' as const };
  it('accepts the same chain and USDC (address case-insensitive)', () => {
    expect(checkNetwork(BASE_MAINNET, base)).toBeNull();
  });
  it('names a chain mismatch', () => {
    expect(checkNetwork(BASE_MAINNET, { ...base, chainId: 84532, networkName: 'base-sepolia' })).toBe(
      'Network mismatch: market is on chain 84532 (base-sepolia), desk expects chain 8453 (base)',
    );
  });
  it('names a USDC contract mismatch', () => {
    expect(checkNetwork(BASE_MAINNET, { ...base, usdcAddress: SIM_NETWORK.usdcAddress })).toMatch(/USDC contract mismatch on chain 8453/);
  });
});

describe('env', () => {
  it('TASKMARKET_API_URL or production; loopback expects the sim network', () => {
    expect(resolveApiUrl({})).toBe('https://api.taskmarket.dev');
    expect(resolveApiUrl({ TASKMARKET_API_URL: 'http://127.0.0.1:4010/' })).toBe('http://127.0.0.1:4010');
    expect(() => resolveApiUrl({ TASKMARKET_API_URL: 'file:///x' })).toThrow(MarketError);
    expect(expectedNetworkFor('http://127.0.0.1:4010')).toBe(SIM_NETWORK);
    expect(expectedNetworkFor('https://api.taskmarket.dev')).toBe(BASE_MAINNET);
  });
});

describe('identity and XMTP status against the simulator', () => {
  let sim: TestSim;
  beforeAll(async () => {
    sim = await startTestSim();
  });
  afterAll(() => sim.close());

  it('a registered wallet has an agent id; XMTP status needs device creds', async () => {
    const w = await createWallet(sim, await mkdtemp(join(tmpdir(), 'tm-id-')));
    const signer = keystoreSigner(await loadKeystore(w.keystorePath));
    const client = createTaskmarketClient({ apiUrl: sim.url, signer });
    const id = await getIdentityStatus(client, { address: w.address });
    expect(id.registered).toBe(true);
    expect(id.agentId).toBe(w.agentId);
    const status = await getXmtpStatus(client);
    expect(status).not.toBeNull();
    expect(await getXmtpStatus(createTaskmarketClient({ apiUrl: sim.url }))).toBeNull();
  });
});
