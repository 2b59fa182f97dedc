// The fleet file: the shipped KarmaCadabra example loads cleanly, bad entries become problem lines
// (never a throw), and paths resolve the way an operator writes them.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatUsdcShort } from '../../src/core/money.js';
import { agentByWallet, fleetPath, loadFleet, parseFleet, stepMatches } from '../../src/config/fleet.js';

const EXAMPLE = join(import.meta.dirname, '../../examples/fleet.json');
const example = () => JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { agents: any[]; pipelines: any[] };
const opts = { baseDir: '/cfg/taskdesk', home: '/home/op' };

function withFleet(content: string) {
  const home = mkdtempSync(join(tmpdir(), 'td-fleet-'));
  const env = { HOME: home, XDG_CONFIG_HOME: join(home, 'cfg') };
  mkdirSync(join(home, 'cfg', 'taskdesk'), { recursive: true });
  writeFileSync(fleetPath(env), content);
  return env;
}

describe('fleet file', () => {
  it('lives next to config.json; a missing file is an empty fleet with no problems', () => {
    expect(fleetPath({ HOME: '/h', XDG_CONFIG_HOME: '/x' })).toBe('/x/taskdesk/fleet.json');
    const r = loadFleet({ env: { HOME: mkdtempSync(join(tmpdir(), 'td-fleet-')) } });
    expect(r.problems).toEqual([]);
    expect(r.fleet).toEqual({ agents: [], pipelines: [] });
  });

  it('the shipped example (the guide\'s KarmaCadabra supply chain) loads cleanly and costs $0.18 a cycle', () => {
    const env = withFleet(readFileSync(EXAMPLE, 'utf8'));
    const { fleet, problems } = loadFleet({ env });
    expect(problems).toEqual([]);
    expect(fleet.agents.map((a) => a.name)).toEqual(['operator', 'kk-juanjumagalp', 'kk-karma-hello', 'kk-skill-extractor', 'kk-voice-extractor', 'kk-soul-extractor']);
    const [chain] = fleet.pipelines;
    expect(chain?.consumer).toBe('kk-juanjumagalp');
    expect(chain?.steps.map((s) => [s.product, s.seller, formatUsdcShort(s.price)])).toEqual([
      ['raw_logs', 'kk-karma-hello', '0.01'],
      ['skill_profiles', 'kk-skill-extractor', '0.05'],
      ['voice_profiles', 'kk-voice-extractor', '0.04'],
      ['soul_profiles', 'kk-soul-extractor', '0.08'],
    ]);
    expect(chain?.cycleTotal).toBe(180_000n);
    // Paths: "~/" is the home directory, a relative one sits next to the fleet file.
    const juan = fleet.agents[1]!;
    expect(juan.keystore).toBe(join(env.HOME, '.foundry/keystores/kk-juanjumagalp'));
    expect(juan.passwordFile).toBe(join(env.XDG_CONFIG_HOME, 'taskdesk/secrets/kk-juanjumagalp.pass'));
    expect(fleet.agents[0]).toMatchObject({ keystore: 'taskmarket', passwordFile: null, markets: ['taskmarket', 'execution-market'] });
    expect(agentByWallet(fleet, '0x00000000000000000000000000000000000000A2')?.name).toBe('kk-karma-hello');
  });

  it('the example\'s match rules recognise the titles the KarmaCadabra buyer publishes', () => {
    const { fleet } = parseFleet(example(), opts);
    const steps = fleet.pipelines[0]!.steps;
    const titles = [
      '[KK Request] Raw Chat Logs',
      '[KK Request] Skill Profiles',
      '[KK Request] Voice Profiles',
      '[KK Request] Soul Profiles',
    ];
    titles.forEach((title, i) => {
      expect(steps.map((s) => stepMatches(s.match, { title, category: 'knowledge_access' }))).toEqual(steps.map((_, j) => j === i));
    });
    expect(stepMatches(steps[0]!.match, { title: titles[0]!, category: 'data_collection' })).toBe(false);
  });

  it('reports every bad agent and keeps the good ones', () => {
    const ex = example();
    const agents = [
      ex.agents[1],
      { ...ex.agents[2], wallet: '0x123' },
      { ...ex.agents[3], market: 'ebay' },
      { ...ex.agents[1], wallet: '0x00000000000000000000000000000000000000ff' },
      { ...ex.agents[4], wallet: ex.agents[1].wallet },
      { ...ex.agents[5], name: 'bad name\x1b[2J' },
      { ...ex.agents[0], passwordFile: 'x.pass', colour: 'red' },
      'not an object',
    ];
    const { fleet, problems } = parseFleet({ agents }, opts);
    expect(fleet.agents.map((a) => a.name)).toEqual(['kk-juanjumagalp', 'operator']);
    expect(problems).toEqual([
      'agents[1] "kk-karma-hello": wallet: must be a 0x address (40 hex digits)',
      'agents[2] "kk-skill-extractor": market: must be "taskmarket", "execution-market" or "both"',
      'agents[3] "kk-juanjumagalp": duplicate agent name, ignored',
      'agents[4] "kk-voice-extractor": wallet already belongs to "kk-juanjumagalp", ignored',
      'agents[5] "bad name": name: must be 1–64 letters, digits, ".", "_" or "-"',
      'agents[6] "operator": unknown field "colour" ignored',
      'agents[6] "operator": passwordFile is not used with the taskmarket keystore, ignored',
      'agents[7]: Invalid input: expected object, received string',
    ]);
    for (const p of problems) expect(p).not.toMatch(/\x1b/);
  });

  it('a pipeline with an unknown agent, a bad price or a bad match rule is reported and left out', () => {
    const ex = example();
    const chain = ex.pipelines[0];
    const step = (i: number, patch: object) => ({ ...chain, steps: chain.steps.map((s: object, j: number) => (j === i ? { ...s, ...patch } : s)) });
    const pipelines = [
      { ...step(0, { seller: 'kk-nobody' }), name: 'unknown-seller' },
      { ...step(1, { price: '0.0500001' }), name: 'bad-price' },
      { ...step(1, { price: 0.05 }), name: 'number-price' },
      { ...step(2, { price: '0.001' }), name: 'under-em-minimum' },
      { ...step(3, { match: { titleRegex: '(' } }), name: 'bad-regex' },
      { ...step(3, { match: { titlePrefx: 'SOUL' } }), name: 'typo-in-match' },
      { ...step(3, { match: {} }), name: 'empty-match' },
      { ...step(3, { seller: 'kk-juanjumagalp' }), name: 'self-dealing' },
      { ...step(3, { seller: 'operator' }), name: 'operator-sells', market: 'taskmarket' },
      { ...chain, name: 'unknown-consumer', consumer: 'kk-ghost' },
      { ...chain, name: 'no-steps', steps: [] },
      { ...chain, name: 'twin-steps', steps: [chain.steps[0], { ...chain.steps[0], product: 'raw_logs_again' }] },
      { ...chain, name: 'kk-supply-chain', note: 'fine otherwise' },
      { ...chain },
    ];
    const { fleet, problems } = parseFleet({ agents: ex.agents, pipelines, extra: 1 }, opts);
    expect(fleet.pipelines.map((p) => p.name)).toEqual(['kk-supply-chain']);
    expect(problems).toEqual([
      'unknown setting "extra" ignored',
      'pipelines[0] "unknown-seller": steps[0]: seller "kk-nobody" is not an agent in this file',
      'pipelines[1] "bad-price": steps[1]: price: Invalid USDC amount: "0.0500001"',
      'pipelines[2] "number-price": steps[1]: price: must be a USDC amount as a string, like "0.05"',
      "pipelines[3] \"under-em-minimum\": steps[2]: price 0.001 is below Execution Market's $0.01 minimum",
      'pipelines[4] "bad-regex": steps[3]: match.titleRegex: is not a valid regular expression',
      'pipelines[5] "typo-in-match": steps[3]: match: Unrecognized key: "titlePrefx"',
      'pipelines[6] "empty-match": steps[3]: match: needs at least one of titlePrefix, titleRegex, category',
      'pipelines[7] "self-dealing": steps[3]: the seller is the consumer (a market refuses work on your own task)',
      'pipelines[8] "operator-sells": consumer "kk-juanjumagalp" is not on taskmarket',
      'pipelines[8] "operator-sells": steps[0]: seller "kk-karma-hello" is not on taskmarket',
      'pipelines[8] "operator-sells": steps[1]: seller "kk-skill-extractor" is not on taskmarket',
      'pipelines[8] "operator-sells": steps[2]: seller "kk-voice-extractor" is not on taskmarket',
      'pipelines[9] "unknown-consumer": consumer "kk-ghost" is not an agent in this file',
      'pipelines[10] "no-steps": steps: needs at least one step',
      'pipelines[11] "twin-steps": steps[1]: same match and price as steps[0], so their tasks cannot be told apart',
      'pipelines[12] "kk-supply-chain": unknown field "note" ignored',
      'pipelines[13] "kk-supply-chain": duplicate pipeline name, ignored',
    ]);
  });

  it('a file that is not JSON, not an object or too large is one problem, never a throw', () => {
    for (const [content, problem] of [
      ['{ "agents": [', /not valid JSON/],
      ['[1, 2]', /must hold a JSON object/],
      ['{"agents": {}}', /agents: must be a list/],
      [' '.repeat(300 * 1024), /larger than 256 KiB/],
    ] as const) {
      const r = loadFleet({ env: withFleet(content) });
      expect(r.fleet.agents).toEqual([]);
      expect(r.problems).toHaveLength(1);
      expect(r.problems[0]).toMatch(problem);
    }
  });
});
