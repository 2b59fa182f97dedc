// The desk's npm start demo wallet (createSimWallet: written straight into the in-process sim's state, no
// signed HTTP registration) is one the REAL official CLI accepts exactly like an init-made one.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsOf } from '../../src/sim/taskmarket/accounts/accounts.js';
import { createSimWallet, createWallet, type CreatedWallet } from '../../src/sim/taskmarket/accounts/demo-wallet.js';
import { startSim, type RunningSim } from '../../src/sim/server.js';
import { runCli } from './cli.js';

let running: RunningSim;
let demo: CreatedWallet;
let viaHttp: CreatedWallet;
const homes: string[] = [];
const home = async () => {
  const h = await mkdtemp(join(tmpdir(), 'tm-simwallet-'));
  homes.push(h);
  return h;
};
const demoOk = async (args: string[]) => {
  const r = await runCli(demo.home, running.url, args);
  if (r.code !== 0 || !r.out?.ok) throw new Error(`demo ${args.join(' ')}: ${r.stderr}`);
  return r.out.data;
};

beforeAll(async () => {
  running = await startSim({ port: 0 });
  demo = await createSimWallet(running, await home(), { fund: 20_000_000n });
  viaHttp = await createWallet(running, await home(), { fund: 20_000_000n });
}, 60_000);
afterAll(async () => {
  await running?.close();
  await Promise.all(homes.map((h) => rm(h, { recursive: true, force: true })));
});

describe('the in-process demo wallet', () => {
  it('has the records an init over HTTP makes: device (with its public key), agent id, email, funds', () => {
    const accounts = accountsOf(running.sim);
    const mine = accounts.data.devices[demo.deviceId];
    const theirs = accounts.data.devices[viaHttp.deviceId];
    expect(mine).toMatchObject({ walletAddress: demo.address, revokedAt: null });
    expect(mine?.publicKey).toMatch(/^0[23][0-9a-f]{64}$/);
    expect(Object.keys(mine ?? {}).sort()).toEqual(Object.keys(theirs ?? {}).sort());
    expect(accounts.deviceWallet(demo.deviceId, demo.apiToken)).toBe(demo.address);
    expect(demo.agentId).toMatch(/^\d+$/);
    expect(demo.emailAddress).toBe(`${demo.agentId}-84532@taskmarket.dev`);
    expect(viaHttp.emailAddress).toBe(`${viaHttp.agentId}-84532@taskmarket.dev`);
    expect(running.sim.ledger.balanceOf(demo.address)).toBe(20_000_000n);
  });

  it('the CLI reads its keystore: address, balance, email address', async () => {
    expect(await demoOk(['address'])).toEqual({ address: demo.address });
    expect(await demoOk(['wallet', 'balance'])).toMatchObject({ balanceBaseUnits: '20000000' });
    expect(await demoOk(['email', 'address'])).toEqual({ emailAddress: demo.emailAddress });
  }, 60_000);

  it('the CLI decrypts its key and signs with it: a paid create debits this wallet', async () => {
    const { taskId } = await demoOk(['task', 'create', '--mode', 'bounty', '--description', 'Signed by the demo key', '--reward', '1', '--duration', '2']);
    expect(taskId).toMatch(/^0x[0-9a-f]{64}$/);
    expect(running.sim.ledger.balanceOf(demo.address)).toBeLessThan(20_000_000n);
  }, 60_000);
});
