// Which fleet agents the desk can act as.
import { describe, expect, it } from 'vitest';
import { findAgent } from '../../src/app/identity.js';
import { SIM_BOT_KEYSTORE, type FleetAgent } from '../../src/config/fleet.js';

const agent = (name: string, keystore: string, passwordFile: string | null = null): FleetAgent => ({ name, markets: ['execution-market'], wallet: '0x00000000000000000000000000000000000000a1', keystore, passwordFile });
const fleet = [agent('kk-typed', '/k/a.json'), agent('kk-file', '/k/b.json', '/k/b.pass'), agent('operator', 'taskmarket'), agent('kk-bot', SIM_BOT_KEYSTORE)];

describe('findAgent', () => {
  it('finds an agent by name, case-insensitively, and says whether a password must be typed', () => {
    expect(findAgent(fleet, 'KK-TYPED')).toMatchObject({ ok: true, needsPassword: true });
    expect(findAgent(fleet, 'kk-file')).toMatchObject({ ok: true, needsPassword: false });
    expect(findAgent(fleet, 'operator')).toMatchObject({ ok: true, needsPassword: false });
  });

  it('refuses an unknown name (listing the fleet) and the simulator’s own bots', () => {
    const unknown = findAgent(fleet, 'nobody');
    expect(unknown.ok).toBe(false);
    expect(!unknown.ok && unknown.message).toContain('kk-typed, kk-file, operator, kk-bot');
    const bot = findAgent(fleet, 'kk-bot');
    expect(!bot.ok && bot.message).toMatch(/simulator's own bots/);
  });
});
