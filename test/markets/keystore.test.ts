// Keystore: CLI format round trip through a real key-server exchange on 127.0.0.1, wrong DEK, and no
// key material in errors.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoverMessageAddress } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { MarketError } from '../../src/markets/errors.js';
import { encryptKeystore, keystoreSigner, loadKeystore, withSigner } from '../../src/markets/taskmarket/index.js';
import { json, startStub, type Stub } from './stub-server.js';

const PRIVATE_KEY = `0x${'5a'.repeat(32)}` as const;
const DEK = randomBytes(32).toString('hex');
let stub: Stub;
let dir: string;

beforeAll(async () => {
  stub = await startStub();
  dir = await mkdtemp(join(tmpdir(), 'tm-keystore-'));
});
afterAll(() => stub.close());

async function failure(p: Promise<unknown>): Promise<MarketError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MarketError);
  return err as MarketError;
}

function serveDek(dek: string) {
  stub.handle((req, res) => {
    const body = JSON.parse(req.body) as { deviceId: string; apiToken: string };
    if (req.method !== 'POST' || req.url !== `/api/devices/${body.deviceId}/key` || body.apiToken !== 'tok') return json(res, 401, { error: 'Invalid token' });
    json(res, 200, { deviceEncryptionKey: dek });
  });
}

describe('keystore', () => {
  it('encrypts in the CLI format: hex(iv12 ‖ tag16 ‖ ct) of the "0x…" key', () => {
    const ks = encryptKeystore({ privateKey: PRIVATE_KEY, dek: DEK, deviceId: 'd1', apiToken: 'tok', keyServerUrl: stub.url });
    expect(ks.walletAddress).toBe(privateKeyToAccount(PRIVATE_KEY).address);
    // 66-byte plaintext → 12 + 16 + 66 bytes → 188 hex chars
    expect(ks.encryptedKey).toMatch(/^[0-9a-f]{188}$/);
  });

  it('round trip: file → device key fetch → decrypt → sign, and the account is the keystore wallet', async () => {
    const ks = encryptKeystore({ privateKey: PRIVATE_KEY, dek: DEK, deviceId: 'd1', apiToken: 'tok', keyServerUrl: stub.url, agentId: '7' });
    const path = join(dir, 'keystore.json');
    await writeFile(path, JSON.stringify(ks, null, 2), { mode: 0o600 });
    serveDek(DEK);
    const loaded = await loadKeystore(path);
    stub.seen.length = 0;
    const sig = await withSigner(loaded, (account) => account.signMessage({ message: 'hello' }));
    expect(await recoverMessageAddress({ message: 'hello', signature: sig })).toBe(ks.walletAddress);
    expect(stub.seen).toHaveLength(1);
    expect(JSON.parse(stub.seen[0]!.body)).toEqual({ deviceId: 'd1', apiToken: 'tok' });
    // a signer fetches the key again on every use (no caching)
    const signer = keystoreSigner(loaded);
    await signer.withAccount(async () => undefined);
    await signer.withAccount(async () => undefined);
    expect(stub.seen).toHaveLength(3);
  });

  it('a wrong DEK fails authentication with an auth error that carries no key material', async () => {
    const ks = encryptKeystore({ privateKey: PRIVATE_KEY, dek: DEK, deviceId: 'd1', apiToken: 'tok', keyServerUrl: stub.url });
    const wrong = randomBytes(32).toString('hex');
    serveDek(wrong);
    let called = false;
    const e = await failure(
      withSigner(ks, async () => {
        called = true;
      }),
    );
    expect(called).toBe(false);
    expect(e.kind).toBe('auth');
    expect(e.details.reason).toBe('decrypt_failed');
    for (const secret of [PRIVATE_KEY.slice(2), DEK, wrong, 'tok']) expect(e.message + JSON.stringify(e.details)).not.toContain(secret);
  });

  it('key server refusals and garbage become auth errors', async () => {
    const ks = encryptKeystore({ privateKey: PRIVATE_KEY, dek: DEK, deviceId: 'd1', apiToken: 'nope', keyServerUrl: stub.url });
    serveDek(DEK);
    expect((await failure(withSigner(ks, async () => 1))).kind).toBe('auth');
    stub.handle((_r, res) => json(res, 200, { deviceEncryptionKey: 'zz' }));
    expect((await failure(withSigner({ ...ks, apiToken: 'tok' }, async () => 1))).kind).toBe('auth');
  });

  it('a keystore whose key decrypts to another wallet is refused', async () => {
    const ks = encryptKeystore({ privateKey: PRIVATE_KEY, dek: DEK, deviceId: 'd1', apiToken: 'tok', keyServerUrl: stub.url });
    serveDek(DEK);
    const e = await failure(withSigner({ ...ks, walletAddress: `0x${'99'.repeat(20)}` }, async () => 1));
    expect(e.details.reason).toBe('wrong_key');
  });

  it('missing, non-JSON and malformed keystore files', async () => {
    expect((await failure(loadKeystore(join(dir, 'nope.json')))).details.reason).toBe('no_keystore');
    await writeFile(join(dir, 'bad.json'), '{not json');
    expect((await failure(loadKeystore(join(dir, 'bad.json')))).details.reason).toBe('bad_keystore');
    await writeFile(join(dir, 'shape.json'), JSON.stringify({ encryptedKey: 'xyz', walletAddress: '0x1' }));
    const e = await failure(loadKeystore(join(dir, 'shape.json')));
    expect(e.message).toContain('encryptedKey');
  });

  it('refuses a non-http key server URL before sending anything', async () => {
    const ks = encryptKeystore({ privateKey: PRIVATE_KEY, dek: DEK, deviceId: 'd1', apiToken: 'tok', keyServerUrl: 'file:///etc/passwd' });
    expect((await failure(withSigner(ks, async () => 1))).details.reason).toBe('bad_url');
  });
});
