// Task ids carry a per-state random salt (finding 35): two simulators with the same --seed never hand out
// the same ids, and a --state restart keeps producing ids in the same space (the salt is persisted).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeAbiParameters, keccak256 } from 'viem';
import { afterAll, describe, expect, it } from 'vitest';
import { seedSimTasks } from '../../src/app/seed.js';
import { createSim, DEFAULT_CONFIG } from '../../src/sim/sim.js';
import { emptyState, type SimState } from '../../src/sim/state.js';
import { startTestSim } from '../helpers/sim.js';
import { createTask } from '../helpers/tasks.js';
import { newWallet } from '../helpers/x402.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'taskdesk-ids-'));
  dirs.push(d);
  return d;
};

/** The simulator's documented preimage: abi.encode(chainId, contract, requester, nonce, idSalt). */
const expectedId = (requester: string, nonce: number, salt: `0x${string}`) =>
  keccak256(
    encodeAbiParameters(
      [{ type: 'uint256' }, { type: 'address' }, { type: 'address' }, { type: 'uint256' }, { type: 'bytes32' }],
      [BigInt(DEFAULT_CONFIG.chainId), DEFAULT_CONFIG.contract, requester.toLowerCase() as `0x${string}`, BigInt(nonce), salt],
    ),
  );

const savedSalt = (dir: string) => (JSON.parse(readFileSync(join(dir, 'sim-state.json'), 'utf8')) as SimState).idSalt;

describe('task ids', () => {
  it('differ between two simulators with the same seed, for the same requester and nonce', async () => {
    const w = newWallet();
    const a = await startTestSim({ manualClock: true, config: { seed: 'same' } });
    const b = await startTestSim({ manualClock: true, config: { seed: 'same' } });
    try {
      await a.faucet(w.address, 10_000_000n);
      await b.faucet(w.address, 10_000_000n);
      const body = { description: 'same task', reward: '1000000', duration: 1 };
      const ida = await createTask(a, w, body);
      const idb = await createTask(b, w, body);
      expect(ida).toMatch(/^0x[0-9a-f]{64}$/);
      expect(idb).not.toBe(ida);
      // The seed tasks have fixed requesters: without the salt every fresh desk repeated their ids.
      const seededA = seedSimTasks(a.sim);
      const seededB = new Set(seedSimTasks(b.sim));
      expect(seededA.length).toBeGreaterThan(0);
      expect(seededA.filter((id) => seededB.has(id))).toEqual([]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('keep their space across a --state restart; a new state directory gets a new one', async () => {
    const dir = tmp();
    const w = newWallet();
    const a = await startTestSim({ stateDir: dir, manualClock: true });
    await a.faucet(w.address, 10_000_000n);
    const first = await createTask(a, w);
    await a.close();
    const salt = savedSalt(dir);
    expect(salt).toMatch(/^0x[0-9a-f]{64}$/);
    expect(first).toBe(expectedId(w.address, 0, salt));

    const b = await startTestSim({ stateDir: dir, manualClock: true });
    try {
      const second = await createTask(b, w);
      expect(second).toBe(expectedId(w.address, 1, salt));
      expect((await b.get(`/api/tasks/${first}`)).body.id).toBe(first);
    } finally {
      await b.close();
    }
    expect(savedSalt(dir)).toBe(salt);

    const other = tmp();
    const c = await startTestSim({ stateDir: other, manualClock: true });
    try {
      await c.faucet(w.address, 10_000_000n);
      expect(await createTask(c, w)).not.toBe(first);
    } finally {
      await c.close();
    }
    expect(savedSalt(other)).not.toBe(salt);
  });

  it('a snapshot from before the salt gets one, keeping its tasks and nonces', () => {
    const old = { ...emptyState(0), requesterNonces: { '0xabc': 3 } } as Partial<SimState>;
    delete old.idSalt;
    const sim = createSim({ manualClock: true, state: old as SimState });
    expect(sim.state.idSalt).toMatch(/^0x[0-9a-f]{64}$/);
    expect(sim.state.requesterNonces).toEqual({ '0xabc': 3 });
  });
});
