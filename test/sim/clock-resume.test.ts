import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/time.js';
import { createSim } from '../../src/sim/sim.js';
import { emptyState } from '../../src/sim/state.js';

describe('market time across a --state restart', () => {
  const HOUR = 3_600_000;

  it('resumes a scaled market time that ran ahead of the wall clock, and keeps moving forward', () => {
    const wall = new ManualClock(1_800_000_000_000);
    const saved = { ...emptyState(wall.now()), clockAt: wall.now() + HOUR };
    const sim = createSim({ timeScale: 10, state: saved, wall });
    expect(sim.now()).toBe(saved.clockAt);
    wall.advance(1_000);
    expect(sim.now()).toBe(saved.clockAt + 10_000);
  });

  it('never jumps back to wall time when restarted at time-scale 1 after a faster run', () => {
    const wall = new ManualClock(1_800_000_000_000);
    const saved = { ...emptyState(wall.now()), clockAt: wall.now() + HOUR };
    const sim = createSim({ state: saved, wall });
    expect(sim.now()).toBe(saved.clockAt);
    wall.advance(500);
    expect(sim.now()).toBe(saved.clockAt + 500);
  });
});
