// A signer per fleet agent: v3 keystores with a password file or a typed password, and "taskmarket"
// for the operator's own CLI keystore (device key served by a real HTTP key server on 127.0.0.1).
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoverMessageAddress } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { MarketError } from '../../src/markets/errors.js';
import { encryptKeystore } from '../../src/markets/taskmarket/index.js';
import { openAgentSigner, type AgentWalletRef } from '../../src/markets/wallets/index.js';
import { json, startStub, type Stub } from '../markets/stub-server.js';
import { encryptV3 } from './encrypt-v3.js';

const SELLER_KEY = `0x${'6d'.repeat(32)}` as const;
const SELLER = privateKeyToAccount(SELLER_KEY).address;
const OPERATOR_KEY = `0x${'7e'.repeat(32)}` as const;
const OPERATOR = privateKeyToAccount(OPERATOR_KEY).address;
const DEK = randomBytes(32).toString('hex');
let dir: string;
let stub: Stub;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'td-agent-'));
  stub = await startStub((req, res) => json(res, 200, { deviceEncryptionKey: DEK }));
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

const sign = (a: { signMessage(x: { message: string }): Promise<`0x${string}`> }) => a.signMessage({ message: 'ticket' });

describe('openAgentSigner', () => {
  it('a v3 agent signs with its password file, or with a password typed into the desk', async () => {
    const keystore = join(dir, 'kk-karma-hello.json');
    await writeFile(keystore, JSON.stringify(encryptV3(SELLER_KEY, 'pw-karma')));
    const passwordFile = join(dir, 'kk-karma-hello.pass');
    await writeFile(passwordFile, 'pw-karma\n');
    const agent: AgentWalletRef = { name: 'kk-karma-hello', wallet: SELLER, keystore, passwordFile };
    const s = await openAgentSigner(agent);
    expect(s.agent).toBe('kk-karma-hello');
    expect(s.address).toBe(SELLER);
    expect(await recoverMessageAddress({ message: 'ticket', signature: await s.withAccount(sign) })).toBe(SELLER);
    const typedOnly = await openAgentSigner({ ...agent, passwordFile: null }, { password: { kind: 'typed', password: 'pw-karma' } });
    expect(await recoverMessageAddress({ message: 'ticket', signature: await typedOnly.withAccount(sign) })).toBe(SELLER);
    const none = await failure(openAgentSigner({ ...agent, passwordFile: null }));
    expect(none.details.reason).toBe('no_password');
    // The fleet file names a different wallet than the keystore holds: refused before any password is read.
    const wrong = await failure(openAgentSigner({ ...agent, wallet: OPERATOR }));
    expect(wrong.details.reason).toBe('wrong_key');
  });

  it('"taskmarket" is the operator\'s CLI keystore, checked against the wallet the fleet file names', async () => {
    const path = join(dir, 'keystore.json');
    await writeFile(path, JSON.stringify(encryptKeystore({ privateKey: OPERATOR_KEY, dek: DEK, deviceId: 'd1', apiToken: 'tok', keyServerUrl: stub.url })));
    const agent: AgentWalletRef = { name: 'operator', wallet: OPERATOR, keystore: 'taskmarket', passwordFile: null };
    const s = await openAgentSigner(agent, { taskmarket: { path } });
    expect(s.agent).toBe('operator');
    stub.seen.length = 0;
    expect(await recoverMessageAddress({ message: 'ticket', signature: await s.withAccount(sign) })).toBe(OPERATOR);
    expect(stub.seen).toHaveLength(1);
    const wrong = await failure(openAgentSigner({ ...agent, wallet: SELLER }, { taskmarket: { path } }));
    expect(wrong.details.reason).toBe('wrong_key');
  });
});
