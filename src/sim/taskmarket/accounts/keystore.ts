// The official CLI's keystore format (taskmarket-cli.md §3.2): the private key "0x…" encrypted with
// AES-256-GCM under the server-held device encryption key, stored as hex(iv12 ‖ tag16 ‖ ciphertext).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface Keystore {
  encryptedKey: string;
  walletAddress: string;
  deviceId: string;
  apiToken: string;
  agentId: string | null;
  keyServerUrl: string;
}

export function encryptPrivateKey(dekHex: string, privateKey: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(dekHex, 'hex'), iv);
  const ct = Buffer.concat([cipher.update(privateKey, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('hex');
}

export function decryptPrivateKey(dekHex: string, encryptedKey: string): string {
  const buf = Buffer.from(encryptedKey, 'hex');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(dekHex, 'hex'), buf.subarray(0, 12));
  decipher.setAuthTag(buf.subarray(12, 28));
  return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
}

/** `<home>/.taskmarket/keystore.json`, where the CLI reads it when HOME=<home>. */
export function keystorePath(home: string): string {
  return join(home, '.taskmarket', 'keystore.json');
}

/** Write the keystore the way the CLI does: pretty JSON (2 spaces), mode 0600. */
export async function writeKeystore(home: string, keystore: Keystore): Promise<string> {
  const path = keystorePath(home);
  await mkdir(join(home, '.taskmarket'), { recursive: true, mode: 0o700 });
  await writeFile(path, JSON.stringify(keystore, null, 2), { mode: 0o600 });
  await chmod(path, 0o600);
  return path;
}
