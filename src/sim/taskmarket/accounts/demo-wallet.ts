// A wallet made the way `taskmarket init` makes one (taskmarket-cli.md §3.3, §8.1 option A, over real HTTP):
// fresh key → signed POST /api/devices → keystore.json encrypted under the returned DEK, written to
// `<dir>/.taskmarket/keystore.json` so the CLI (HOME=dir) and the desk can both use it.
// createSimWallet makes the same wallet straight in an in-process sim's state (the desk's npm start).
import { createECDH } from 'node:crypto';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { getAddress, keccak256, type Hex } from 'viem';
import type { Sim } from '../../sim.js';
import { accountsOf } from './accounts.js';
import { encryptPrivateKey, writeKeystore, type Keystore } from './keystore.js';
import { EMAIL_DOMAIN, usernameAvailable } from './mailbox.js';

export interface CreateWalletOptions {
  /** Mint this many base units to the wallet through POST /sim/faucet. */
  fund?: bigint;
  /** Email username to register; default `<agentId>-<chainId>` like init; false to skip. */
  email?: string | false;
  /** Use this key instead of a fresh one (tests, bots). */
  privateKey?: Hex;
}

export interface CreatedWallet {
  address: `0x${string}`;
  privateKey: Hex;
  deviceId: string;
  apiToken: string;
  agentId: string | null;
  emailAddress: string | null;
  /** The HOME to give the CLI. */
  home: string;
  keystorePath: string;
  keystore: Keystore;
}

interface DeviceReply {
  deviceId: string;
  apiToken: string;
  deviceEncryptionKey: string;
  agentId?: string | null;
}

async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    redirect: 'error',
  });
}

/** Compressed secp256k1 public key, hex without 0x, as init sends it (§3.2). */
function compressedPublicKey(privateKey: Hex): string {
  const ecdh = createECDH('secp256k1');
  ecdh.setPrivateKey(Buffer.from(privateKey.slice(2), 'hex'));
  return ecdh.getPublicKey(undefined, 'compressed').toString('hex');
}

export async function createWallet(sim: string | { url: string }, dir: string, opts: CreateWalletOptions = {}): Promise<CreatedWallet> {
  const base = typeof sim === 'string' ? sim : sim.url;
  const privateKey = opts.privateKey ?? generatePrivateKey();
  const account = privateKeyToAccount(privateKey);
  const signature = await account.signMessage({ message: `taskmarket:device-register:${account.address.toLowerCase()}` });
  const res = await postJson(`${base}/api/devices`, {
    publicKey: compressedPublicKey(privateKey),
    signature,
    walletAddress: account.address,
  });
  if (!res.ok) throw new Error(`Device registration failed (${res.status}): ${await res.text()}`);
  const device = (await res.json()) as DeviceReply;
  const keystore: Keystore = {
    encryptedKey: encryptPrivateKey(device.deviceEncryptionKey, privateKey),
    walletAddress: account.address,
    deviceId: device.deviceId,
    apiToken: device.apiToken,
    agentId: device.agentId ?? null,
    keyServerUrl: base,
  };
  const keystorePath = await writeKeystore(dir, keystore);
  if (opts.fund !== undefined && opts.fund > 0n) {
    const f = await postJson(`${base}/sim/faucet`, { address: account.address, amount: opts.fund.toString() });
    if (!f.ok) throw new Error(`Faucet failed (${f.status}): ${await f.text()}`);
  }
  let emailAddress: string | null = null;
  const username = opts.email === false ? null : (opts.email ?? (keystore.agentId ? `${keystore.agentId}-84532` : null));
  if (username) {
    const r = await postJson(
      `${base}/api/emails/register`,
      { deviceId: keystore.deviceId, apiToken: keystore.apiToken, username },
      { 'x-taskmarket-idempotency-key': crypto.randomUUID() },
    );
    if (r.ok) emailAddress = ((await r.json()) as { emailAddress?: string }).emailAddress ?? null;
  }
  return {
    address: account.address,
    privateKey,
    deviceId: keystore.deviceId,
    apiToken: keystore.apiToken,
    agentId: keystore.agentId,
    emailAddress,
    home: dir,
    keystorePath,
    keystore,
  };
}

/** The wallet's address from its key by Node's native secp256k1 (viem's first key use costs ~70 ms of tables). */
function addressOf(privateKey: Hex): `0x${string}` {
  const ecdh = createECDH('secp256k1');
  ecdh.setPrivateKey(Buffer.from(privateKey.slice(2), 'hex'));
  return getAddress(`0x${keccak256(ecdh.getPublicKey().subarray(1)).slice(-40)}`);
}

/**
 * The wallet createWallet makes, written straight into an in-process sim's state: the same device record,
 * DEK, keystore (the official CLI reads it as one of init's), faucet credit and email address, without
 * the HTTP round trips or the device-register signature the sim would only verify (the desk's start-up).
 */
export async function createSimWallet(running: { url: string; sim: Sim }, dir: string, opts: CreateWalletOptions = {}): Promise<CreatedWallet> {
  const { url: base, sim } = running;
  const privateKey = opts.privateKey ?? generatePrivateKey();
  const address = addressOf(privateKey);
  const accounts = accountsOf(sim);
  const device = accounts.registerDevice(address, compressedPublicKey(privateKey));
  const keystore: Keystore = {
    encryptedKey: encryptPrivateKey(device.deviceEncryptionKey, privateKey),
    walletAddress: address,
    deviceId: device.deviceId,
    apiToken: device.apiToken,
    agentId: device.agentId,
    keyServerUrl: base,
  };
  const keystorePath = await writeKeystore(dir, keystore);
  if (opts.fund !== undefined && opts.fund > 0n) sim.ledger.credit(address, opts.fund);
  let emailAddress: string | null = null;
  const username = opts.email === false ? null : (opts.email ?? (keystore.agentId ? `${keystore.agentId}-84532` : null));
  const agent = accounts.ensureAgent(address, 'cli');
  // As POST /api/emails/register: one address per agent, a free and well-formed username.
  if (username && !agent.emailAddress && usernameAvailable(accounts, username)) {
    agent.emailAddress = emailAddress = `${username}@${EMAIL_DOMAIN}`;
    sim.changed();
  }
  return { address, privateKey, deviceId: device.deviceId, apiToken: device.apiToken, agentId: device.agentId, emailAddress, home: dir, keystorePath, keystore };
}
