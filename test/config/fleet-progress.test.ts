// Cycle progress of the shipped supply chain, worked out from the consumer's EM tasks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFleet } from '../../src/config/fleet.js';
import { pipelineProgress, type FleetTaskSummary } from '../../src/config/fleet-progress.js';

const { fleet } = parseFleet(JSON.parse(readFileSync(join(import.meta.dirname, '../../examples/fleet.json'), 'utf8')), { baseDir: '/c', home: '/h' });
const chain = fleet.pipelines[0]!;
const W = Object.fromEntries(fleet.agents.map((a) => [a.name, a.wallet]));
const TITLE = {
  raw_logs: '[KK Request] Raw Chat Logs',
  skill_profiles: '[KK Request] Skill Profiles',
  voice_profiles: '[KK Request] Voice Profiles',
  soul_profiles: '[KK Request] Soul Profiles',
} as const;
const PRICE = { raw_logs: 10_000n, skill_profiles: 50_000n, voice_profiles: 40_000n, soul_profiles: 80_000n } as const;
const SELLER = { raw_logs: 'kk-karma-hello', skill_profiles: 'kk-skill-extractor', voice_profiles: 'kk-voice-extractor', soul_profiles: 'kk-soul-extractor' } as const;

let clock = 1_700_000_000_000;
function task(product: keyof typeof TITLE, status: string, patch: Partial<FleetTaskSummary> = {}): FleetTaskSummary {
  clock += 300_000; // one 5-minute heartbeat per publish, as in the guide
  const assigned = !['published', 'expired', 'cancelled'].includes(status);
  return {
    id: `t${clock}`,
    title: TITLE[product],
    category: 'knowledge_access',
    status,
    // EM's agent_id is the lower-case wallet; the helper must not care about case.
    publisher: W['kk-juanjumagalp']!.toUpperCase().replace('0X', '0x'),
    worker: assigned ? W[SELLER[product]]! : null,
    bounty: PRICE[product],
    createdAt: clock,
    ...patch,
  };
}
const states = (c: { steps: { state: string }[] }) => c.steps.map((s) => s.state);

describe('pipelineProgress', () => {
  it('a full cycle with one expired-and-republished step, then a cycle in progress', () => {
    const tasks = [
      task('raw_logs', 'completed'),
      task('skill_profiles', 'completed'),
      task('voice_profiles', 'expired'),
      task('voice_profiles', 'completed'),
      task('soul_profiles', 'completed'),
      task('raw_logs', 'completed'),
      task('skill_profiles', 'submitted'),
    ];
    const p = pipelineProgress(chain, fleet.agents, tasks);
    expect(p.cycleTotal).toBe(180_000n);
    expect(p.cycles).toHaveLength(2);
    const [first, second] = p.cycles;
    expect(first).toMatchObject({ number: 1, complete: true, currentStep: null, spent: 180_000n, startedAt: tasks[0]!.createdAt });
    expect(states(first!)).toEqual(['approved', 'approved', 'approved', 'approved']);
    expect(first!.steps[2]).toMatchObject({ attempts: 2, task: { id: tasks[3]!.id }, notes: [] });
    expect(second).toMatchObject({ number: 2, complete: false, currentStep: 1, spent: 10_000n });
    expect(states(second!)).toEqual(['approved', 'submitted', 'waiting', 'waiting']);
    expect(p.nextCycleDue).toBe(false);
    // Order of the input does not matter: tasks are read by creation time.
    expect(pipelineProgress(chain, fleet.agents, [...tasks].reverse())).toEqual(p);
  });

  it('each EM status maps to its step state, and the step after an approved one is due', () => {
    const run = (status: string) => states(pipelineProgress(chain, fleet.agents, [task('raw_logs', 'completed'), task('skill_profiles', status)]).cycles[0]!);
    expect(run('published')).toEqual(['approved', 'published', 'waiting', 'waiting']);
    expect(run('accepted')).toEqual(['approved', 'assigned', 'waiting', 'waiting']);
    expect(run('in_progress')).toEqual(['approved', 'assigned', 'waiting', 'waiting']);
    expect(run('verifying')).toEqual(['approved', 'submitted', 'waiting', 'waiting']);
    expect(run('disputed')).toEqual(['approved', 'disputed', 'waiting', 'waiting']);
    expect(run('cancelled')).toEqual(['approved', 'failed', 'waiting', 'waiting']);
    expect(run('something_new')).toEqual(['approved', 'unknown', 'waiting', 'waiting']);
    expect(states(pipelineProgress(chain, fleet.agents, [task('raw_logs', 'completed')]).cycles[0]!)).toEqual(['approved', 'due', 'waiting', 'waiting']);
  });

  it('a cycle seen from the middle marks the earlier steps missing', () => {
    const p = pipelineProgress(chain, fleet.agents, [task('voice_profiles', 'completed'), task('soul_profiles', 'accepted')]);
    expect(states(p.cycles[0]!)).toEqual(['missing', 'missing', 'approved', 'assigned']);
    expect(p.cycles[0]!.currentStep).toBe(0);
  });

  it('a second live task for a step starts a new cycle; a complete last cycle makes the next one due', () => {
    const p = pipelineProgress(chain, fleet.agents, [task('raw_logs', 'published'), task('raw_logs', 'published')]);
    expect(p.cycles.map(states)).toEqual([
      ['published', 'waiting', 'waiting', 'waiting'],
      ['published', 'waiting', 'waiting', 'waiting'],
    ]);
    expect(pipelineProgress(chain, fleet.agents, []).nextCycleDue).toBe(true);
    const done = (['raw_logs', 'skill_profiles', 'voice_profiles', 'soul_profiles'] as const).map((k) => task(k, 'completed'));
    expect(pipelineProgress(chain, fleet.agents, done).nextCycleDue).toBe(true);
  });

  it("ignores other publishers' tasks, counts the consumer's unmatched ones, and flags the wrong seller or price", () => {
    const p = pipelineProgress(chain, fleet.agents, [
      task('raw_logs', 'completed', { publisher: W['kk-karma-hello']! }),
      task('raw_logs', 'completed', { title: '[KK Request] Something else entirely' }),
      task('raw_logs', 'completed', { category: 'data_collection' }),
      task('raw_logs', 'completed', { worker: W['kk-soul-extractor']!, bounty: 20_000n }),
    ]);
    expect(p.unmatched).toBe(2);
    expect(p.cycles).toHaveLength(1);
    expect(p.cycles[0]!.steps[0]).toMatchObject({ state: 'approved', notes: ['wrong_seller', 'price_mismatch'] });
    expect(p.cycles[0]!.spent).toBe(20_000n);
  });
});
