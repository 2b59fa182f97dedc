// What the client needs to sign: an address and a scoped way to use the account. The keystore's
// withSigner is one implementation (key fetched, decrypted, dropped per call); tests may wrap a local account.
import type { LocalAccount } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { Address } from '../../core/types.js';

export interface DeviceCredentials {
  deviceId: string;
  apiToken: string;
}

export interface TaskmarketSigner {
  readonly address: Address;
  /** Run `fn` with the account; implementations must not keep the key after `fn` settles. */
  withAccount<T>(fn: (account: LocalAccount) => Promise<T>): Promise<T>;
  /** Device credentials for device-scoped routes (emails, cli §6.2); absent when the wallet has no device. */
  readonly device?: DeviceCredentials;
  /** The keystore's legal-acceptance receipt, sent on writes to the origin it was issued for (cli §0.2). */
  readonly legalReceipt?: { apiOrigin: string; receipt: string };
}

/** A signer over an in-memory private key — for tests and throwaway demo wallets only. */
export function privateKeySigner(privateKey: `0x${string}`, device?: DeviceCredentials): TaskmarketSigner {
  const account = privateKeyToAccount(privateKey);
  const signer: TaskmarketSigner = {
    address: account.address,
    withAccount: (fn) => fn(account),
    ...(device ? { device } : {}),
  };
  return signer;
}
