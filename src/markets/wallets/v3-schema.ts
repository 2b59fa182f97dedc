// Web3 Secret Storage v3 (the encrypted JSON keystore geth and foundry's `cast wallet` write): its
// shape, checked with zod. Only what a signer needs is kept; the KDF's cost limits are kdf.ts's call.
import { z } from 'zod';
import type { Address } from '../../core/types.js';

/** Hex of a fixed or bounded byte length; a "0x" prefix is tolerated (some writers add one). */
const hexBytes = (min: number, max: number, what: string) =>
  z
    .string()
    .transform((s) => (s.startsWith('0x') || s.startsWith('0X') ? s.slice(2) : s))
    .pipe(
      z
        .string()
        .regex(/^(?:[0-9a-fA-F]{2})+$/, { error: `${what} must be hex` })
        .refine((s) => s.length >= min * 2 && s.length <= max * 2, {
          error: min === max ? `${what} must be ${min} bytes` : `${what} must be ${min}–${max} bytes`,
        })
        .transform((s) => s.toLowerCase()),
    );

const count = z.number().int().positive();

const scryptParams = z.object({
  n: count,
  r: count,
  p: count,
  dklen: count,
  salt: hexBytes(1, 128, 'kdfparams.salt'),
});

const pbkdf2Params = z.object({
  c: count,
  dklen: count,
  prf: z.literal('hmac-sha256', { error: 'kdfparams.prf must be hmac-sha256' }),
  salt: hexBytes(1, 128, 'kdfparams.salt'),
});

const cryptoSection = z.discriminatedUnion(
  'kdf',
  [
    z.object({ kdf: z.literal('scrypt'), kdfparams: scryptParams }),
    z.object({ kdf: z.literal('pbkdf2'), kdfparams: pbkdf2Params }),
  ],
  { error: 'crypto.kdf must be scrypt or pbkdf2' },
).and(
  z.object({
    cipher: z.literal('aes-128-ctr', { error: 'crypto.cipher must be aes-128-ctr' }),
    cipherparams: z.object({ iv: hexBytes(16, 16, 'cipherparams.iv') }),
    // 32 bytes; old geth builds wrote 30–31 when the key had leading zero bytes (geth's own test vectors).
    ciphertext: hexBytes(30, 32, 'crypto.ciphertext'),
    mac: hexBytes(32, 32, 'crypto.mac'),
  }),
);

/** Old geth wrote "Crypto"; Go's JSON decoder reads either, so this does too. Both at once is refused. */
function liftCrypto(v: unknown, ctx: { addIssue(issue: { code: 'custom'; message: string; path: string[] }): void }): unknown {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
  const o = v as Record<string, unknown>;
  if (!('Crypto' in o)) return v;
  if ('crypto' in o) ctx.addIssue({ code: 'custom', message: 'both "crypto" and "Crypto" present', path: ['crypto'] });
  const { Crypto, ...rest } = o;
  return { ...rest, crypto: Crypto };
}

export const v3KeystoreSchema = z.preprocess(
  liftCrypto,
  z.object({
    version: z.literal(3, { error: 'version must be 3' }),
    id: z.string().max(100).optional(),
    // Optional in the spec (foundry omits it); when present the decrypted key must match it.
    address: z
      .string()
      .regex(/^(0x)?[0-9a-fA-F]{40}$/, { error: 'address must be 40 hex digits' })
      .transform((a) => `0x${a.replace(/^0x/, '').toLowerCase()}` as Address)
      .optional(),
    crypto: cryptoSection,
  }),
);

export type V3Keystore = z.infer<typeof v3KeystoreSchema>;
export type ScryptParams = z.infer<typeof scryptParams>;
export type Pbkdf2Params = z.infer<typeof pbkdf2Params>;
export type V3Kdf = { kdf: 'scrypt'; kdfparams: ScryptParams } | { kdf: 'pbkdf2'; kdfparams: Pbkdf2Params };
