// Sign with a v3 keystore the way the Taskmarket keystore does (taskmarket/keystore.ts): the file is
// read and checked up front (it holds only ciphertext), and each signing reads the password, decrypts,
// hands a viem LocalAccount to `fn`, and keeps nothing. Errors never carry the password or the key.
import { readFile } from 'node:fs/promises';
import { getAddress } from 'viem';
import { privateKeyToAccount, type LocalAccount } from 'viem/accounts';
import type { Address } from '../../core/types.js';
import { MarketError } from '../errors.js';
import { readPassword, type PasswordSource } from './password.js';
import { decryptV3 } from './v3-decrypt.js';
import { v3KeystoreSchema, type V3Keystore } from './v3-schema.js';

/** What the desk needs from any wallet: an address, and the account only for the length of a call. */
export interface WalletSigner {
  readonly address: Address;
  /** Run `fn` with the account; the key is not kept after `fn` settles. */
  withAccount<T>(fn: (account: LocalAccount) => Promise<T>): Promise<T>;
}

export interface V3KeystoreFile {
  path: string;
  keystore: V3Keystore;
}

const MAX_KEYSTORE_BYTES = 64 * 1024;
const bad = (path: string, why: string) => new MarketError('auth', `Keystore ${path} ${why}`, { reason: 'bad_keystore' });

/** Validate parsed JSON as a v3 keystore; `path` only labels messages. */
export function parseV3Keystore(json: unknown, path: string): V3KeystoreFile {
  const parsed = v3KeystoreSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || '(file)';
    throw bad(path, `is not a v3 keystore: ${field}: ${issue?.message ?? 'invalid'}`);
  }
  return { path, keystore: parsed.data };
}

/** Read and validate a keystore file (no password needed: nothing is decrypted). */
export async function loadV3Keystore(path: string): Promise<V3KeystoreFile> {
  let text: string;
  try {
    const buf = await readFile(path);
    if (buf.length > MAX_KEYSTORE_BYTES) throw bad(path, 'is larger than 64 KiB');
    text = buf.toString('utf8');
  } catch (err) {
    if (err instanceof MarketError) throw err;
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new MarketError('auth', `Keystore not found at ${path} (${code})`, { reason: 'no_keystore' });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw bad(path, 'is not JSON');
  }
  return parseV3Keystore(json, path);
}

export interface V3SignerOptions {
  /** The wallet the operator expects (the fleet file's); must match the file's address and the key. */
  expectedAddress?: Address;
}

/** Decrypt, run `fn(account)`, drop the key. */
export async function withV3Signer<T>(file: V3KeystoreFile, password: PasswordSource, fn: (account: LocalAccount) => Promise<T>, o: V3SignerOptions = {}): Promise<T> {
  const expected = checkedAddress(file, o.expectedAddress);
  const pw = await readPassword(password);
  let key: Buffer;
  try {
    key = await decryptV3(file.keystore, pw, file.path);
  } finally {
    pw.fill(0);
  }
  let account: LocalAccount;
  try {
    account = privateKeyToAccount(`0x${key.toString('hex')}`);
  } catch {
    throw new MarketError('auth', `Keystore ${file.path} holds no valid secp256k1 key`, { reason: 'bad_key' });
  } finally {
    key.fill(0);
  }
  if (expected && account.address.toLowerCase() !== expected) {
    throw new MarketError('auth', `Keystore ${file.path} decrypts to ${account.address}, not ${expected}`, { reason: 'wrong_key' });
  }
  return fn(account);
}

/** A WalletSigner over a loaded keystore: every use reads the password and decrypts again. */
export function v3Signer(file: V3KeystoreFile, password: PasswordSource, o: V3SignerOptions = {}): WalletSigner {
  const address = checkedAddress(file, o.expectedAddress);
  if (!address) throw new MarketError('auth', `Keystore ${file.path} has no address; name the wallet it holds`, { reason: 'no_address' });
  return {
    address: getAddress(address),
    withAccount: (fn) => withV3Signer(file, password, fn, { expectedAddress: address }),
  };
}

/** The address the key must have (lower-case), from the caller and/or the file; they must agree. */
function checkedAddress(file: V3KeystoreFile, expected: Address | undefined): Address | undefined {
  const want = expected?.toLowerCase() as Address | undefined;
  const inFile = file.keystore.address;
  if (want && inFile && want !== inFile) {
    throw new MarketError('auth', `Keystore ${file.path} is for ${inFile}, not ${want}`, { reason: 'wrong_key' });
  }
  return want ?? inFile;
}
