// Checking a typed agent password without decrypting the key: the KDF and the MAC only.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { agentUnlock, checkAgentPassword } from '../../src/markets/wallets/index.js';
import { encryptV3 } from './encrypt-v3.js';

const key = generatePrivateKey();
const wallet = privateKeyToAccount(key).address;
const dir = mkdtempSync(join(tmpdir(), 'agent-pw-'));
const path = join(dir, 'ks.json');
writeFileSync(path, JSON.stringify(encryptV3(key, 'right')));

describe('checkAgentPassword', () => {
  const agent = { name: 'kk-a', wallet, keystore: path, passwordFile: null };

  it('accepts the right password and refuses a wrong one by the MAC', async () => {
    const ok = await checkAgentPassword(agent, 'right');
    expect(ok.kdfMs).toBeGreaterThan(0);
    await expect(checkAgentPassword(agent, 'wrong')).rejects.toThrow(/Wrong password for keystore .*ks\.json/);
  });

  it("reads the agent's password file, as a signing would", async () => {
    const file = join(dir, 'pw');
    writeFileSync(file, 'right\n');
    await expect(checkAgentPassword(agent, { kind: 'file', path: file })).resolves.toMatchObject({ kdfMs: expect.any(Number) });
    writeFileSync(file, 'nope\n');
    await expect(checkAgentPassword(agent, { kind: 'file', path: file })).rejects.toThrow(/Wrong password/);
  });

  it('refuses a keystore that is not the wallet the fleet names', async () => {
    const other = privateKeyToAccount(generatePrivateKey()).address;
    await expect(checkAgentPassword({ ...agent, wallet: other }, 'right')).rejects.toThrow(/is for .* not /);
  });

  it('says which agents need a typed password', () => {
    expect(agentUnlock(agent)).toBe('password');
    expect(agentUnlock({ ...agent, passwordFile: join(dir, 'pw') })).toBe('ready');
    expect(agentUnlock({ ...agent, keystore: 'taskmarket' })).toBe('ready');
  });
});
