// Reading and signing with v3 keystores: round trips through files written as geth and foundry write
// them, wrong passwords, tampering, hostile KDF parameters, and password files read at signing time.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { recoverMessageAddress } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { MarketError } from '../../src/markets/errors.js';
import { loadV3Keystore, parseV3Keystore, v3Signer, withV3Signer, type PasswordSource } from '../../src/markets/wallets/index.js';
import { encryptV3, FOUNDRY, GETH_STANDARD } from './encrypt-v3.js';
import { SPEC_PBKDF2 } from './vectors.js';

const KEY = `0x${'4c'.repeat(32)}` as const;
const KEY_HEX = KEY.slice(2);
const ADDRESS = privateKeyToAccount(KEY).address;
const PASSWORD = 'correct horse battery staple';
const typed = (password: string): PasswordSource => ({ kind: 'typed', password });
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-v3-'));
});

async function put(name: string, content: unknown): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, typeof content === 'string' ? content : JSON.stringify(content), { mode: 0o600 });
  return path;
}

async function failure(p: Promise<unknown>): Promise<MarketError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MarketError);
  return err as MarketError;
}

/** No message may carry the password or any form of the key. */
function expectNoSecret(e: Error, ...secrets: string[]) {
  const text = `${e.message} ${JSON.stringify((e as MarketError).details)}`.toLowerCase();
  for (const s of [KEY_HEX, PASSWORD, ...secrets]) expect(text).not.toContain(s.toLowerCase());
}

const sign = (account: { signMessage(a: { message: string }): Promise<`0x${string}`> }) => account.signMessage({ message: 'hello' });

describe('v3 keystore round trip', () => {
  it('a geth-style file (light scrypt) loads without a password and signs as its wallet', async () => {
    const path = await put('geth-light.json', encryptV3(KEY, PASSWORD));
    const loaded = await loadV3Keystore(path);
    expect(loaded.keystore.address).toBe(ADDRESS.toLowerCase());
    const signer = v3Signer(loaded, typed(PASSWORD));
    expect(signer.address).toBe(ADDRESS);
    const sig = await signer.withAccount(sign);
    expect(await recoverMessageAddress({ message: 'hello', signature: sig })).toBe(ADDRESS);
  });

  it("geth's default (standard scrypt, 256 MiB) is within the caps", async () => {
    const path = await put('geth-standard.json', encryptV3(KEY, PASSWORD, { kdf: GETH_STANDARD }));
    const sig = await withV3Signer(await loadV3Keystore(path), typed(PASSWORD), sign);
    expect(await recoverMessageAddress({ message: 'hello', signature: sig })).toBe(ADDRESS);
  });

  it('a foundry-style file has no address: the signer takes the wallet the operator names, and checks it', async () => {
    const path = await put('cast.json', encryptV3(KEY, PASSWORD, { kdf: FOUNDRY, omitAddress: true }));
    const loaded = await loadV3Keystore(path);
    expect(loaded.keystore.address).toBeUndefined();
    expect(() => v3Signer(loaded, typed(PASSWORD))).toThrow(/no address/);
    const signer = v3Signer(loaded, typed(PASSWORD), { expectedAddress: ADDRESS });
    expect(await recoverMessageAddress({ message: 'hello', signature: await signer.withAccount(sign) })).toBe(ADDRESS);
    // The wrong wallet named for it: the decrypted key says so, and fn never runs.
    const other = privateKeyToAccount(`0x${'11'.repeat(32)}`).address;
    let ran = false;
    const e = await failure(
      v3Signer(loaded, typed(PASSWORD), { expectedAddress: other }).withAccount(async () => {
        ran = true;
      }),
    );
    expect(ran).toBe(false);
    expect(e.details.reason).toBe('wrong_key');
    expectNoSecret(e);
  });

  it('pbkdf2 files written the same way open too', async () => {
    const json = encryptV3(KEY, PASSWORD, { kdf: { kdf: 'pbkdf2', c: 4096 }, capitalCrypto: true });
    const sig = await withV3Signer(parseV3Keystore(json, 'mem'), typed(PASSWORD), sign);
    expect(await recoverMessageAddress({ message: 'hello', signature: sig })).toBe(ADDRESS);
  });
});

describe('v3 keystore refusals', () => {
  it('a wrong password fails with a clear message naming the file and nothing secret', async () => {
    const path = await put('wrong.json', encryptV3(KEY, PASSWORD));
    let ran = false;
    const e = await failure(
      withV3Signer(await loadV3Keystore(path), typed('hunter2-not-it'), async () => {
        ran = true;
      }),
    );
    expect(ran).toBe(false);
    expect(e.kind).toBe('auth');
    expect(e.details.reason).toBe('wrong_password');
    expect(e.message).toBe(`Wrong password for keystore ${path} (or the file is corrupted: MAC mismatch)`);
    expectNoSecret(e, 'hunter2-not-it');
  });

  it('a tampered MAC, ciphertext or address is caught', async () => {
    const json = encryptV3(KEY, PASSWORD) as { address: string; crypto: { mac: string; ciphertext: string } };
    const flip = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1);
    const mac = await failure(withV3Signer(parseV3Keystore({ ...json, crypto: { ...json.crypto, mac: flip(json.crypto.mac) } }, 'm'), typed(PASSWORD), sign));
    expect(mac.details.reason).toBe('wrong_password');
    const ct = await failure(withV3Signer(parseV3Keystore({ ...json, crypto: { ...json.crypto, ciphertext: flip(json.crypto.ciphertext) } }, 'c'), typed(PASSWORD), sign));
    expect(ct.details.reason).toBe('wrong_password');
    const other = privateKeyToAccount(`0x${'22'.repeat(32)}`).address.slice(2).toLowerCase();
    const addr = await failure(withV3Signer(parseV3Keystore({ ...json, address: other }, 'a'), typed(PASSWORD), sign));
    expect(addr.details.reason).toBe('wrong_key');
    for (const e of [mac, ct, addr]) expectNoSecret(e);
  });

  it('hostile or unsupported KDF parameters are refused before any derivation', async () => {
    const base = encryptV3(KEY, PASSWORD) as { crypto: Record<string, any> };
    const withParams = (kdfparams: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
      ...base,
      crypto: { ...base.crypto, ...extra, kdfparams: { ...base.crypto.kdfparams, ...kdfparams } },
    });
    const refused = [
      [withParams({ n: 2 ** 30 }), /power of two from 2 to/],
      [withParams({ n: 4095 }), /power of two/],
      [withParams({ r: 1024 }), /r=1024 is above/],
      [withParams({ p: 64 }), /p=64 is above/],
      [withParams({ n: 2 ** 20, r: 8 }), /needs 1024 MiB/],
      [withParams({ n: 2 ** 16, r: 8, p: 16 }), /n·r·p/],
      [withParams({ dklen: 16 }), /dklen 16/],
      [withParams({ c: 1e9, prf: 'hmac-sha256' }, { kdf: 'pbkdf2' }), /c=1000000000 is above/],
    ] as const;
    for (const [json, message] of refused) {
      const e = await failure(withV3Signer(parseV3Keystore(json, 'hostile'), typed(PASSWORD), sign));
      expect(e.details.reason).toBe('kdf_refused');
      expect(e.message).toMatch(message);
    }
    // Shapes the reader does not speak are schema errors, named by field.
    const shape = [
      [{ ...SPEC_PBKDF2, version: 4 }, /version/],
      [{ ...SPEC_PBKDF2, crypto: { ...SPEC_PBKDF2.crypto, cipher: 'aes-256-gcm' } }, /cipher/],
      [{ ...SPEC_PBKDF2, crypto: { ...SPEC_PBKDF2.crypto, kdf: 'argon2' } }, /kdf/],
      [{ ...SPEC_PBKDF2, crypto: { ...SPEC_PBKDF2.crypto, kdfparams: { ...SPEC_PBKDF2.crypto.kdfparams, prf: 'hmac-sha512' } } }, /prf/],
      [{ ...SPEC_PBKDF2, crypto: { ...SPEC_PBKDF2.crypto, kdfparams: { ...SPEC_PBKDF2.crypto.kdfparams, c: 2.5 } } }, /kdfparams\.c/],
      [{}, /version|crypto/],
    ] as const;
    for (const [json, message] of shape) {
      let err: unknown;
      try {
        parseV3Keystore(json, 'shape');
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(MarketError);
      expect((err as MarketError).details.reason).toBe('bad_keystore');
      expect((err as MarketError).message).toMatch(message);
    }
  });

  it('missing, non-JSON and oversized files are clear auth errors', async () => {
    expect((await failure(loadV3Keystore(join(dir, 'nope.json')))).details.reason).toBe('no_keystore');
    expect((await failure(loadV3Keystore(await put('garbage', '\x00\x01 not json')))).message).toMatch(/is not JSON/);
    expect((await failure(loadV3Keystore(await put('huge.json', ' '.repeat(70_000))))).message).toMatch(/64 KiB/);
  });
});

describe('password files', () => {
  it('are read at signing time, with exactly one trailing newline dropped (LF or CRLF)', async () => {
    const ks = await loadV3Keystore(await put('pf.json', encryptV3(KEY, PASSWORD)));
    const pwFile = join(dir, 'pw.txt');
    const signer = v3Signer(ks, { kind: 'file', path: pwFile });
    for (const content of [`${PASSWORD}\n`, `${PASSWORD}\r\n`, PASSWORD]) {
      await writeFile(pwFile, content, { mode: 0o600 });
      expect(await recoverMessageAddress({ message: 'hello', signature: await signer.withAccount(sign) })).toBe(ADDRESS);
    }
    // Two newlines: the second one is part of the password, so it is wrong.
    await writeFile(pwFile, `${PASSWORD}\n\n`);
    expect((await failure(signer.withAccount(sign))).details.reason).toBe('wrong_password');
    // Changed on disk after the signer was made: the next signing sees the change.
    await writeFile(pwFile, 'something else\n');
    const e = await failure(signer.withAccount(sign));
    expect(e.details.reason).toBe('wrong_password');
    expectNoSecret(e, 'something else');
  });

  it('a missing or unreadable password file says which file, not what is in it', async () => {
    const ks = await loadV3Keystore(await put('pf2.json', encryptV3(KEY, PASSWORD)));
    const missing = await failure(withV3Signer(ks, { kind: 'file', path: join(dir, 'absent.txt') }, sign));
    expect(missing.message).toBe(`Cannot read password file ${join(dir, 'absent.txt')} (ENOENT)`);
    const isDir = await failure(withV3Signer(ks, { kind: 'file', path: dir }, sign));
    expect(isDir.message).toMatch(/not a regular file/);
    const big = await failure(withV3Signer(ks, { kind: 'file', path: await put('big.txt', `${PASSWORD}${'x'.repeat(5000)}`) }, sign));
    expect(big.message).toMatch(/larger than 4096 bytes/);
    for (const e of [missing, isDir, big]) expectNoSecret(e);
  });

  it('an "ask" source is asked at each signing; a refusal to answer is a clear error', async () => {
    const ks = await loadV3Keystore(await put('ask.json', encryptV3(KEY, PASSWORD)));
    let asked = 0;
    const signer = v3Signer(ks, { kind: 'ask', ask: async () => (asked++, PASSWORD) });
    await signer.withAccount(sign);
    await signer.withAccount(sign);
    expect(asked).toBe(2);
    const e = await failure(withV3Signer(ks, { kind: 'ask', ask: () => Promise.reject(new Error('Esc')) }, sign));
    expect(e.details.reason).toBe('no_password');
  });
});
