// The official CLI keystore (~/.taskmarket/keystore.json, taskmarket-cli.md §3.2–§3.3): the private key is
// AES-256-GCM encrypted under a device encryption key (DEK) that only the key server hands out.
// encryptedKey = hex(iv[12] ‖ tag[16] ‖ ciphertext), plaintext = "0x" + 64 hex. The decrypted key exists
// only inside withSigner's callback; it is never cached, logged or put in an error message.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { privateKeyToAccount, type LocalAccount } from 'viem/accounts';
import type { Address } from '../../core/types.js';
import { MarketError } from '../errors.js';
import { checkHttpUrl } from './client.js';
import type { TaskmarketSigner } from './signer.js';

export const keystoreSchema = z.object({
  encryptedKey: z.string().regex(/^[0-9a-fA-F]{58,400}$/, { error: 'encryptedKey must be hex (iv‖tag‖ciphertext)' }),
  walletAddress: z.string().regex(/^0x[0-9a-fA-F]{40}$/, { error: 'walletAddress must be a 0x address' }),
  deviceId: z.string().min(1).max(200),
  apiToken: z.string().min(1).max(400),
  agentId: z.union([z.string(), z.number()]).nullish(),
  keyServerUrl: z.string().min(1).max(2000),
  legalAcceptanceApiOrigin: z.string().max(2000).optional(),
  legalAcceptanceReceipt: z.string().max(20_000).optional(),
});
export type Keystore = z.infer<typeof keystoreSchema> & { walletAddress: Address };

export function defaultKeystorePath(): string {
  return join(homedir(), '.taskmarket', 'keystore.json');
}

/** Read and validate the keystore; MarketError('auth') when missing or malformed (no contents in the message). */
export async function loadKeystore(path: string = defaultKeystorePath()): Promise<Keystore> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new MarketError('auth', `Keystore not found at ${path}. Run 'taskmarket init' first.`, { reason: 'no_keystore' });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new MarketError('auth', `Keystore at ${path} is not JSON`, { reason: 'bad_keystore' });
  }
  const parsed = keystoreSchema.safeParse(json);
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path.join('.') || '(file)';
    throw new MarketError('auth', `Keystore at ${path} is invalid at ${field}`, { reason: 'bad_keystore' });
  }
  return parsed.data as Keystore;
}

const DEK_HEX = /^[0-9a-fA-F]{64}$/;

/** Same format as the CLI's encryption, for tests and demo wallets. */
export function encryptPrivateKey(privateKey: `0x${string}`, dekHex: string): string {
  if (!DEK_HEX.test(dekHex)) throw new MarketError('auth', 'Device encryption key must be 32 bytes of hex', { reason: 'bad_dek' });
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(dekHex, 'hex'), iv);
  const ct = Buffer.concat([cipher.update(privateKey, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('hex');
}

export interface EncryptKeystoreParameters {
  privateKey: `0x${string}`;
  dek: string;
  deviceId: string;
  apiToken: string;
  keyServerUrl: string;
  agentId?: string | null;
}

/** A keystore object in the CLI's format (write it with JSON.stringify(ks, null, 2), mode 0600). */
export function encryptKeystore(p: EncryptKeystoreParameters): Keystore {
  return {
    encryptedKey: encryptPrivateKey(p.privateKey, p.dek),
    walletAddress: privateKeyToAccount(p.privateKey).address,
    deviceId: p.deviceId,
    apiToken: p.apiToken,
    agentId: p.agentId ?? null,
    keyServerUrl: p.keyServerUrl,
  };
}

function decrypt(encryptedHex: string, dekHex: string): `0x${string}` {
  const buf = Buffer.from(encryptedHex, 'hex');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(dekHex, 'hex'), buf.subarray(0, 12));
  decipher.setAuthTag(buf.subarray(12, 28));
  const plain = Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
  if (!/^0x[0-9a-fA-F]{64}$/.test(plain)) throw new Error('plaintext is not a private key');
  return plain as `0x${string}`;
}

export interface WithSignerOptions {
  fetch?: typeof fetch;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** POST {keyServerUrl}/api/devices/{deviceId}/key {deviceId, apiToken} → deviceEncryptionKey (cli §3.3). */
async function fetchDeviceKey(ks: Keystore, o: WithSignerOptions): Promise<string> {
  const base = checkHttpUrl(ks.keyServerUrl, 'key server URL');
  const route = 'POST /api/devices/{deviceId}/key';
  const timeout = AbortSignal.timeout(o.timeoutMs ?? 15_000);
  let res: Response;
  let json: unknown;
  try {
    res = await (o.fetch ?? fetch)(`${base}/api/devices/${encodeURIComponent(ks.deviceId)}/key`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ deviceId: ks.deviceId, apiToken: ks.apiToken }),
      redirect: 'error',
      signal: o.signal ? AbortSignal.any([timeout, o.signal]) : timeout,
    });
    json = await res.json().catch(() => undefined);
  } catch {
    if (timeout.aborted) throw new MarketError('timeout', 'Device key request timed out', { route });
    throw new MarketError('network', 'Could not reach the key server', { route });
  }
  if (!res.ok) throw new MarketError('auth', `Key server refused the device key (${res.status})`, { route, status: res.status });
  const dek = (json as { deviceEncryptionKey?: unknown } | undefined)?.deviceEncryptionKey;
  if (typeof dek !== 'string' || !DEK_HEX.test(dek)) throw new MarketError('auth', 'Key server returned no usable device key', { route });
  return dek;
}

/** Fetch the DEK, decrypt the key, run `fn(account)`, drop the key. Errors never carry key material. */
export async function withSigner<T>(ks: Keystore, fn: (account: LocalAccount) => Promise<T>, o: WithSignerOptions = {}): Promise<T> {
  const dek = await fetchDeviceKey(ks, o);
  let account: LocalAccount;
  try {
    account = privateKeyToAccount(decrypt(ks.encryptedKey, dek));
  } catch {
    throw new MarketError('auth', 'Could not decrypt the keystore with the device key (wrong key or corrupted keystore)', { reason: 'decrypt_failed' });
  }
  if (account.address.toLowerCase() !== ks.walletAddress.toLowerCase()) {
    throw new MarketError('auth', 'Decrypted key does not match the keystore wallet address', { reason: 'wrong_key' });
  }
  return fn(account);
}

/** A TaskmarketSigner over a keystore: every use fetches the device key again, like the CLI. */
export function keystoreSigner(ks: Keystore, o: WithSignerOptions = {}): TaskmarketSigner {
  const legal = ks.legalAcceptanceApiOrigin && ks.legalAcceptanceReceipt ? { legalReceipt: { apiOrigin: ks.legalAcceptanceApiOrigin, receipt: ks.legalAcceptanceReceipt } } : {};
  return {
    address: ks.walletAddress,
    withAccount: (fn) => withSigner(ks, fn, o),
    device: { deviceId: ks.deviceId, apiToken: ks.apiToken },
    ...legal,
  };
}
