// Where the desk's fleet comes from: the fleet file when there is one (problems reported, never fatal), the
// simulator's own KarmaCadabra bots when there is none on the built-in simulator, nothing on a live backend.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { simBotWallets, simFleetJson } from '../../src/app/fleet-sim.js';
import { startFleet, type FleetSession } from '../../src/app/fleet-session.js';

const dirs: string[] = [];
const sessions: FleetSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function home(fleetJson?: unknown): Record<string, string> {
  const h = mkdtempSync(join(tmpdir(), 'taskdesk-fleet-'));
  dirs.push(h);
  if (fleetJson !== undefined) {
    mkdirSync(join(h, '.config', 'taskdesk'), { recursive: true });
    writeFileSync(join(h, '.config', 'taskdesk', 'fleet.json'), typeof fleetJson === 'string' ? fleetJson : JSON.stringify(fleetJson));
  }
  return { HOME: h, XDG_CONFIG_HOME: join(h, '.config') };
}

// Nothing listens here: the pollers' first reads fail, which these tests do not look at.
const DEAD = 'http://127.0.0.1:9';

async function start(env: Record<string, string>, badge: 'SIM' | 'LIVE', emUrl?: string | null) {
  const s = await startFleet({ backend: { badge, apiUrl: DEAD }, env, ...(emUrl !== undefined ? { emUrl } : {}) });
  sessions.push(s);
  return s.snapshot();
}

describe('startFleet', () => {
  it('no fleet file on the built-in simulator: the bots, their wallets and the $0.18 supply chain, EM at <sim>/em', async () => {
    const snap = await start(home(), 'SIM');
    expect(snap.source).toBe('simulator');
    expect(snap.problems).toEqual([]);
    expect(Object.fromEntries(snap.fleet.agents.map((a) => [a.name, a.wallet]))).toEqual(simBotWallets());
    expect(snap.fleet.agents.every((a) => a.keystore === 'simulator-bot')).toBe(true);
    expect(snap.fleet.pipelines.map((p) => [p.name, p.consumer, p.cycleTotal])).toEqual([['kk-supply-chain', 'kk-juanjumagalp', 180_000n]]);
    expect(snap.emUrl).toBe(`${DEAD}/em`);
    expect(snap.balanceUrl).toBe(DEAD);
  });

  it('a fleet file wins, its problems are kept, and EM is what the backend says', async () => {
    const json = simFleetJson('other');
    const snap = await start(home({ ...json, agents: [...json.agents, { name: 'bad', market: 'nowhere', wallet: '0x1', keystore: 'x' }] }), 'LIVE', 'http://127.0.0.1:9/em');
    expect(snap.source).toBe('file');
    expect(snap.fleet.agents).toHaveLength(5);
    expect(snap.problems.join('\n')).toMatch(/fleet: agents\[5\] "bad": market/);
    expect(snap.emUrl).toBe('http://127.0.0.1:9/em');
  });

  it('no fleet file on a live backend: no agents; without an EM URL the pipelines say they are not read', async () => {
    expect((await start(home(), 'LIVE')).source).toBe('none');
    const snap = await start(home(simFleetJson()), 'LIVE', null);
    expect(snap.emUrl).toBeNull();
    expect(snap.pipelines['kk-supply-chain']!.note).toMatch(/no Execution Market URL/);
  });

  it('a fleet file that is not JSON is a problem, never fatal', async () => {
    const snap = await start(home('{ nope'), 'SIM');
    expect(snap.source).toBe('file');
    expect(snap.fleet.agents).toEqual([]);
    expect(snap.problems[0]).toMatch(/not valid JSON/);
  });
});
