// The keystore's key derivation (scrypt or PBKDF2-HMAC-SHA256) with node:crypto, behind caps so a
// hostile file cannot ask for gigabytes or minutes. The caps admit what geth, foundry and the spec write.
import { pbkdf2, scrypt } from 'node:crypto';
import type { V3Kdf } from './v3-schema.js';

export const KDF_LIMITS = {
  /** 128·r·N bytes: geth's "standard" scrypt (N=2^18, r=8) is exactly 256 MiB. */
  scryptMaxMemory: 256 * 1024 * 1024,
  scryptMaxN: 2 ** 20,
  scryptMaxR: 32,
  scryptMaxP: 16,
  /** N·r·p, the CPU work: geth standard and the spec's vectors are 2^21. */
  scryptMaxWork: 2 ** 22,
  /** The spec's PBKDF2 vector uses 262,144 iterations; eight times that is still a few seconds. */
  pbkdf2MaxIterations: 2 ** 21,
  minDkLen: 32,
  maxDkLen: 64,
} as const;

/** Why these parameters are refused, or null when they are within the caps. */
export function kdfRefusal(k: V3Kdf): string | null {
  const { dklen } = k.kdfparams;
  if (dklen < KDF_LIMITS.minDkLen || dklen > KDF_LIMITS.maxDkLen) return `dklen ${dklen} is outside ${KDF_LIMITS.minDkLen}–${KDF_LIMITS.maxDkLen}`;
  if (k.kdf === 'pbkdf2') {
    const { c } = k.kdfparams;
    return c > KDF_LIMITS.pbkdf2MaxIterations ? `pbkdf2 c=${c} is above the cap of ${KDF_LIMITS.pbkdf2MaxIterations}` : null;
  }
  const { n, r, p } = k.kdfparams;
  if (n < 2 || (n & (n - 1)) !== 0 || n > KDF_LIMITS.scryptMaxN) return `scrypt n=${n} must be a power of two from 2 to ${KDF_LIMITS.scryptMaxN}`;
  if (r > KDF_LIMITS.scryptMaxR) return `scrypt r=${r} is above the cap of ${KDF_LIMITS.scryptMaxR}`;
  if (p > KDF_LIMITS.scryptMaxP) return `scrypt p=${p} is above the cap of ${KDF_LIMITS.scryptMaxP}`;
  if (128 * r * n > KDF_LIMITS.scryptMaxMemory) return `scrypt n=${n} r=${r} needs ${mib(128 * r * n)} MiB, above the cap of ${mib(KDF_LIMITS.scryptMaxMemory)} MiB`;
  if (n * r * p > KDF_LIMITS.scryptMaxWork) return `scrypt n·r·p=${n * r * p} is above the cap of ${KDF_LIMITS.scryptMaxWork}`;
  // RFC 7914 §2: N < 2^(128·r/8). OpenSSL enforces it (geth does not), so such a file cannot be opened here.
  if (16 * r < 31 && n >= 2 ** (16 * r)) return `scrypt n=${n} with r=${r} breaks RFC 7914 (n must be below 2^${16 * r}); node:crypto (OpenSSL) refuses it`;
  return null;
}

const mib = (bytes: number) => Math.ceil(bytes / (1024 * 1024));

// One derivation at a time: four agents signing at once must not hold 4 × 256 MiB.
let queue: Promise<unknown> = Promise.resolve();

/** Derive the key (off the main thread, in libuv's pool, so the desk's clocks keep ticking). Caller zeroes it. */
export function deriveKey(password: Uint8Array, k: V3Kdf): Promise<Buffer> {
  const run = () =>
    new Promise<Buffer>((resolve, reject) => {
      const salt = Buffer.from(k.kdfparams.salt, 'hex');
      const done = (err: Error | null, key: Buffer) => (err ? reject(err) : resolve(key));
      if (k.kdf === 'pbkdf2') return pbkdf2(password, salt, k.kdfparams.c, k.kdfparams.dklen, 'sha256', done);
      const { n, r, p, dklen } = k.kdfparams;
      // OpenSSL counts 128·r·(N+p+2) bytes; allow exactly that plus slack, never the 32 MiB default.
      scrypt(password, salt, dklen, { N: n, r, p, maxmem: 128 * r * (n + p + 2) + 1024 * 1024 }, done);
    });
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}
