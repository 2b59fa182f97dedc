// Start-up wiring through real paths: the built-in simulator with a demo wallet and seed tasks, and a
// configured backend on the wrong chain (mismatch shown, task pollers held back).
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/app/args.js';
import { startSession } from '../../src/app/session.js';
import { OWN_SEED_TASKS, SEED_TASKS, seedSimTasks } from '../../src/app/seed.js';
import { startSim } from '../../src/sim/server.js';
import type { DeskStore } from '../../src/store/desk-store.js';
import { selectActions, selectClocks } from '../../src/store/selectors.js';

function privateEnv() {
  const home = mkdtempSync(join(tmpdir(), 'td-session-'));
  return { HOME: home, XDG_CONFIG_HOME: join(home, 'cfg'), XDG_STATE_HOME: join(home, 'state'), PATH: process.env.PATH ?? '' };
}

async function until(store: DeskStore, pred: () => boolean, ms = 25_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out; conn=${JSON.stringify(store.getState().conn, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('start-up', () => {
  it('with nothing configured: own simulator, SIM badge, funded demo wallet outside ~/.taskmarket, seeded live market', async () => {
    const env = privateEnv();
    const session = await startSession(parseArgs(['--bots', '0', '--no-xmtp'], { env: {} }), { env });
    try {
      const { store } = session;
      expect(store.getState().conn.badge).toBe('SIM');
      expect(session.backend.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      await until(store, () => store.getState().feedIds.length >= SEED_TASKS.length && store.getState().conn.balance !== null);
      const s = store.getState();
      expect(s.conn.status).toBe('ok');
      expect(s.conn.wallet).toMatch(/^0x[0-9a-fA-F]{40}$/);
      // 1000 USDC from the faucet, less the escrow of the demo wallet's own seed tasks.
      const ownEscrow = OWN_SEED_TASKS.reduce((sum, t) => sum + BigInt(String(t.reward)), 0n);
      expect(s.conn.balance).toBe(1_000_000_000n - ownEscrow);
      expect(s.conn.network?.chainId).toBe(84532);
      expect(s.conn.mismatch).toBeNull();
      // Dutch and reverse-dutch clocks are in view at once, priced locally.
      const clocks = selectClocks(s).filter((c) => c.auctionType === 'dutch' || c.auctionType === 'reverse_dutch');
      expect(clocks.length).toBeGreaterThanOrEqual(2);
      for (const c of clocks) expect(c.price).not.toBeNull();
      // The demo wallet's own tasks give the Actions pane requester work from the start.
      await until(store, () => selectActions(store.getState(), 'requester').length > 0);
      const actions = selectActions(store.getState(), 'requester').map((a) => a.action.action);
      expect(actions).toEqual(expect.arrayContaining(['cancel', 'update']));
      // The demo keystore lives in the state dir, never in the user's ~/.taskmarket.
      expect(existsSync(join(env.HOME, '.taskmarket'))).toBe(false);
      expect(session.backend.walletHome?.startsWith(env.XDG_STATE_HOME)).toBe(true);
      expect(existsSync(join(session.backend.walletHome!, '.taskmarket', 'keystore.json'))).toBe(true);
    } finally {
      await session.stop();
    }
    // …and is removed with the in-memory market it belongs to.
    expect(readdirSync(join(env.XDG_STATE_HOME, 'taskdesk', 'demo-wallet'))).toEqual([]);
  });

  it('--api to a market on another chain: mismatch shown, task pollers held back, read-only without a keystore', async () => {
    const sim = await startSim({ port: 0, config: { chainId: 1, network: 'eip155:1', networkName: 'ethereum' } });
    seedSimTasks(sim.sim); // tasks that must never reach the desk from the wrong chain
    const env = privateEnv();
    const session = await startSession(parseArgs(['--api', sim.url, '--no-xmtp'], { env: {} }), { env });
    try {
      const { store } = session;
      expect(store.getState().conn.badge).toBe('LIVE');
      expect(store.getState().conn.readonly).toBe(true);
      expect(session.problems.join('\n')).toMatch(/Keystore not found/);
      await until(store, () => store.getState().conn.mismatch !== null);
      expect(store.getState().conn.mismatch).toMatch(/chain 1\b/);
      await new Promise((r) => setTimeout(r, 500));
      expect(store.getState().feedIds).toEqual([]);
      expect(store.getState().tasks).toEqual({});
    } finally {
      await session.stop();
      await sim.close();
    }
  });
});
