// Open a v3 keystore: derive the key from the password, check the MAC (keccak256 of DK[16..32] ‖
// ciphertext, compared in constant time), then AES-128-CTR-decrypt with DK[0..16]. Every buffer that
// held key material is zeroed before returning; no error says more than which check failed.
import { createDecipheriv, timingSafeEqual } from 'node:crypto';
import { keccak256 } from 'viem';
import { MarketError } from '../errors.js';
import { deriveKey, kdfRefusal } from './kdf.js';
import type { V3Keystore } from './v3-schema.js';

/** Decrypt to the 32-byte private key (caller zeroes it). `label` names the file in messages (a path, never a secret). */
export async function decryptV3(ks: V3Keystore, password: Uint8Array, label: string): Promise<Buffer> {
  const refusal = kdfRefusal(ks.crypto);
  if (refusal) throw new MarketError('auth', `Keystore ${label} refused: ${refusal}`, { reason: 'kdf_refused' });
  let derived: Buffer;
  try {
    derived = await deriveKey(password, ks.crypto);
  } catch {
    throw new MarketError('auth', `Keystore ${label}: key derivation failed`, { reason: 'kdf_failed' });
  }
  try {
    return unlockWithDerivedKey(ks, derived, label);
  } finally {
    derived.fill(0);
  }
}

/**
 * Whether `password` opens the keystore, without decrypting the key: the KDF and the MAC only. The desk
 * checks a typed password this way when the operator switches to an agent, so no key exists until a signing.
 */
export async function checkV3Password(ks: V3Keystore, password: Uint8Array, label: string): Promise<void> {
  const refusal = kdfRefusal(ks.crypto);
  if (refusal) throw new MarketError('auth', `Keystore ${label} refused: ${refusal}`, { reason: 'kdf_refused' });
  let derived: Buffer;
  try {
    derived = await deriveKey(password, ks.crypto);
  } catch {
    throw new MarketError('auth', `Keystore ${label}: key derivation failed`, { reason: 'kdf_failed' });
  }
  try {
    checkMac(ks, derived, label);
  } finally {
    derived.fill(0);
  }
}

function checkMac(ks: V3Keystore, derived: Uint8Array, label: string): Buffer {
  const ciphertext = Buffer.from(ks.crypto.ciphertext, 'hex');
  const body = Buffer.concat([derived.subarray(16, 32), ciphertext]);
  const mac = Buffer.from(keccak256(body, 'bytes'));
  body.fill(0);
  if (!timingSafeEqual(mac, Buffer.from(ks.crypto.mac, 'hex'))) {
    throw new MarketError('auth', `Wrong password for keystore ${label} (or the file is corrupted: MAC mismatch)`, { reason: 'wrong_password' });
  }
  return ciphertext;
}

/** The step after the KDF (exported so tests can check it against a spec's published derived key). */
export function unlockWithDerivedKey(ks: V3Keystore, derived: Uint8Array, label: string): Buffer {
  const ciphertext = checkMac(ks, derived, label);
  const decipher = createDecipheriv('aes-128-ctr', derived.subarray(0, 16), Buffer.from(ks.crypto.cipherparams.iv, 'hex'));
  const plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  if (plain.length === 32) return plain;
  // Old geth dropped leading zero bytes of the key; the key is a big-endian number, so pad on the left.
  const key = Buffer.alloc(32);
  plain.copy(key, 32 - plain.length);
  plain.fill(0);
  return key;
}
