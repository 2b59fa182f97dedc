// Bots over real HTTP against an in-process sim running 30× faster than real time: they fund themselves,
// create tasks of every mode, pay with real x402, mail the demo wallet, keep USDC conserved and stop cleanly.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWallet, type CreatedWallet } from '../../src/sim/taskmarket/accounts/demo-wallet.js';
import { startBots, type Bots } from '../../src/sim/taskmarket/bots/index.js';
import { botKey } from '../../src/sim/taskmarket/bots/bot.js';
import { HOSTILE } from '../../src/sim/taskmarket/bots/content.js';
import { startSim, type RunningSim } from '../../src/sim/server.js';

// The waits below depend on bot activity, which slows down on a loaded 2-core box: generous limits.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

let sim: RunningSim;
let bots: Bots;
let demo: CreatedWallet;
let home: string;

async function waitFor<T>(what: string, probe: () => T | null | undefined | false, capMs = 90_000): Promise<T> {
  const until = Date.now() + capMs;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  sim = await startSim({ port: 0, timeScale: 30 });
  home = await mkdtemp(join(tmpdir(), 'tm-demo-'));
  demo = await createWallet(sim, home, { fund: 100_000_000n });
  bots = startBots(sim.sim, { count: 4, seed: 7, url: sim.url, stepMs: 3_000 });
});
afterAll(async () => {
  await bots?.stop();
  await sim?.close();
  if (home) await rm(home, { recursive: true, force: true });
});

describe('bots', () => {
  it('create tasks across modes and auction types', async () => {
    const state = sim.sim.state;
    await waitFor('modes', () => {
      const tasks = Object.values(state.tasks);
      const modes = new Set(tasks.map((t) => (t.mode === 'auction' ? `auction:${t.auctionType}` : t.mode)));
      return modes.size >= 6 && tasks.length >= 12;
    });
    for (const t of Object.values(state.tasks)) {
      expect(bots.addresses.map((a) => a.toLowerCase())).toContain(t.requester.toLowerCase());
      expect(sim.sim.ledger.escrowOf(t.id) >= 0n).toBe(true);
    }
  });

  it('work the market: bids, submissions or pitches arrive and some tasks move past open', async () => {
    const state = sim.sim.state;
    await waitFor('activity', () => state.bids.length + state.submissions.length + state.pitches.length >= 5);
    await waitFor('progress', () => Object.values(state.tasks).some((t) => t.status !== 'open'));
  });

  it('mail the demo wallet now and then', async () => {
    const inbox = await waitFor('mail', () =>
      sim.sim.state.accounts && (sim.sim.state.accounts as { emails?: { agentAddress: string }[] }).emails?.some((e) => e.agentAddress === demo.address.toLowerCase()),
    );
    expect(inbox).toBe(true);
  });

  it('keep USDC conserved: balances + escrows equal what the faucet minted', async () => {
    const minted = 100_000_000n + 4n * 500_000_000n;
    const snap = sim.sim.ledger.snapshot();
    const total = [...Object.values(snap.balances), ...Object.values(snap.escrows)].reduce((s, v) => s + BigInt(v), 0n);
    expect(total).toBe(minted);
  });

  it('some descriptions carry hostile text for the sanitiser', async () => {
    await waitFor('hostile', () => Object.values(sim.sim.state.tasks).some((t) => HOSTILE.some((h) => t.description.includes(h))));
  });

  it('are deterministic per seed and stop cleanly', async () => {
    expect(botKey('7', 0)).toBe(botKey('7', 0));
    expect(botKey('7', 0)).not.toBe(botKey('8', 0));
    await bots.stop();
    const n = sim.sim.log.length;
    await new Promise((r) => setTimeout(r, 500));
    expect(sim.sim.log.length).toBe(n);
    const health = await fetch(`${sim.url}/health`);
    expect(health.status).toBe(200);
  });
});
