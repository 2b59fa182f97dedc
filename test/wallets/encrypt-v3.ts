// Write a v3 keystore the way geth's accounts/keystore does (EncryptKey): random 32-byte salt and
// 16-byte IV, scrypt (or PBKDF2), AES-128-CTR under DK[0..16], MAC = keccak256(DK[16..32] ‖ ciphertext).
// Written here with node:crypto and viem, independently of src/markets/wallets (which only reads).
import { createCipheriv, pbkdf2Sync, randomBytes, randomUUID, scryptSync } from 'node:crypto';
import { keccak256 } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';

export type TestKdf = { kdf: 'scrypt'; n: number; r: number; p: number } | { kdf: 'pbkdf2'; c: number };

/** geth's LightScryptN/P (what `geth --lightkdf` and many test setups use). */
export const GETH_LIGHT: TestKdf = { kdf: 'scrypt', n: 4096, r: 8, p: 6 };
/** geth's StandardScryptN/P, the default for `geth account new`. */
export const GETH_STANDARD: TestKdf = { kdf: 'scrypt', n: 262144, r: 8, p: 1 };
/** foundry's `cast wallet new`/`import` (eth-keystore: log_n 13, r 8, p 1, no address field). */
export const FOUNDRY: TestKdf = { kdf: 'scrypt', n: 8192, r: 8, p: 1 };

export interface EncryptV3Options {
  kdf?: TestKdf;
  /** Leave out "address", as foundry does. */
  omitAddress?: boolean;
  /** Old geth's capitalised "Crypto" key. */
  capitalCrypto?: boolean;
}

export function encryptV3(privateKey: `0x${string}`, password: string, o: EncryptV3Options = {}): Record<string, unknown> {
  const kdf = o.kdf ?? GETH_LIGHT;
  const salt = randomBytes(32);
  const iv = randomBytes(16);
  const pw = Buffer.from(password, 'utf8');
  const dk =
    kdf.kdf === 'scrypt'
      ? scryptSync(pw, salt, 32, { N: kdf.n, r: kdf.r, p: kdf.p, maxmem: 128 * kdf.r * (kdf.n + kdf.p + 2) + 2 ** 20 })
      : pbkdf2Sync(pw, salt, kdf.c, 32, 'sha256');
  const cipher = createCipheriv('aes-128-ctr', dk.subarray(0, 16), iv);
  const ciphertext = Buffer.concat([cipher.update(Buffer.from(privateKey.slice(2), 'hex')), cipher.final()]);
  const mac = keccak256(Buffer.concat([dk.subarray(16, 32), ciphertext])).slice(2);
  const kdfparams =
    kdf.kdf === 'scrypt'
      ? { dklen: 32, n: kdf.n, p: kdf.p, r: kdf.r, salt: salt.toString('hex') }
      : { c: kdf.c, dklen: 32, prf: 'hmac-sha256', salt: salt.toString('hex') };
  const crypto = { cipher: 'aes-128-ctr', ciphertext: ciphertext.toString('hex'), cipherparams: { iv: iv.toString('hex') }, kdf: kdf.kdf, kdfparams, mac };
  const address = privateKeyToAccount(privateKey).address.slice(2).toLowerCase();
  return {
    ...(o.omitAddress ? {} : { address }),
    [o.capitalCrypto ? 'Crypto' : 'crypto']: crypto,
    id: randomUUID(),
    version: 3,
  };
}
