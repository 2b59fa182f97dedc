// The Fleet view's lines: the example fleet (examples/fleet.json, the guide's supply chain) side by side with
// six-decimal balances and '-' for what is not known, each cycle's step states with the current one marked
// and its spend against $0.18, where the figures come from, and hostile text sanitised.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipelineProgress, type FleetTaskSummary } from '../../src/config/fleet-progress.js';
import { loadFleet } from '../../src/config/fleet.js';
import { createFleetStore, fleetSnapshot, type FleetSnapshot, type MarketCounts } from '../../src/store/fleet-state.js';
import { fleetLines } from '../../src/ui/views/fleet-lines.js';
import { CYCLES_SHOWN } from '../../src/ui/views/fleet-pipeline-lines.js';

const NOW = 1_800_000_000_000;
const { fleet, problems } = loadFleet({ path: join(process.cwd(), 'examples', 'fleet.json'), env: { HOME: '/home/op' } });
const wallet = (name: string) => fleet.agents.find((a) => a.name === name)!.wallet;
const TITLES = ['[KK Request] Raw Chat Logs', '[KK Request] Skill Profiles', '[KK Request] Voice Profiles', '[KK Request] Soul Profiles'];
const PRICES = [10_000n, 50_000n, 40_000n, 80_000n];

let n = 0;
function task(step: number, status: string, at: number): FleetTaskSummary {
  n++;
  return { id: `t${n}`, title: TITLES[step]!, category: 'knowledge_access', status, publisher: wallet('kk-juanjumagalp'), worker: null, bounty: PRICES[step]!, createdAt: at };
}

const counts = (o: Partial<MarketCounts>): MarketCounts => ({ open: 0, applied: null, assigned: 0, toReview: 0, lastActivity: null, fetchedAt: NOW, ...o });

function snapshot(tasks: FleetTaskSummary[], edit: (s: ReturnType<typeof createFleetStore>) => void = () => {}): FleetSnapshot {
  const s = createFleetStore({ source: 'file', path: '/home/op/.config/taskdesk/fleet.json', fleet, problems, emUrl: 'http://127.0.0.1:4010/em', balanceUrl: 'http://127.0.0.1:4010' });
  s.getState().setBalances({ 'kk-juanjumagalp': 4_820_000n, 'kk-karma-hello': 8_700n }, NOW - 3_000);
  s.getState().setEm(
    {
      counts: { 'kk-juanjumagalp': counts({ open: 1, toReview: 1, lastActivity: NOW - 12_000 }), 'kk-karma-hello': counts({ applied: 0, assigned: 1, lastActivity: NOW - 4_000 }) },
      executors: {},
      pipelines: { 'kk-supply-chain': pipelineProgress(fleet.pipelines[0]!, fleet.agents, tasks) },
    },
    NOW - 5_000,
  );
  s.getState().setHealth('balances', { okAt: NOW - 3_000, error: null, retryAt: null, failures: 0 });
  s.getState().setHealth('em', { okAt: NOW - 5_000, error: null, retryAt: null, failures: 0 });
  edit(s);
  return fleetSnapshot(s);
}

const text = (lines: { text: string }[]) => lines.map((l) => l.text).join('\n');

describe('fleetLines', () => {
  it('the example fleet loads as the guide\u2019s supply chain: $0.01 + $0.05 + $0.04 + $0.08 = $0.18', () => {
    expect(problems).toEqual([]);
    expect(fleet.pipelines[0]!.steps.map((s) => [s.product, s.seller, s.price])).toEqual([
      ['raw_logs', 'kk-karma-hello', 10_000n],
      ['skill_profiles', 'kk-skill-extractor', 50_000n],
      ['voice_profiles', 'kk-voice-extractor', 40_000n],
      ['soul_profiles', 'kk-soul-extractor', 80_000n],
    ]);
    expect(fleet.pipelines[0]!.cycleTotal).toBe(180_000n);
  });

  it('every agent side by side: market, short wallet, six-decimal balance, counts, last activity; - where unknown', () => {
    const t = text(fleetLines(snapshot([]), { now: NOW, width: 120 }));
    expect(t).toMatch(/AGENT\s+MARKET\s+WALLET\s+BALANCE USDC\s+OPEN\s+APPLIED\s+ASSIGNED\s+REVIEW\s+LAST ACTIVITY/);
    expect(t).toMatch(/operator\s+TM\+EM\s+0x0000…00a0\s+-\s+-\s+-\s+-\s+-\s+-/);
    expect(t).toMatch(/kk-juanjumagalp\s+EM\s+0x0000…00a1\s+4\.820000\s+1\s+-\s+0\s+1\s+12s ago/);
    expect(t).toMatch(/kk-karma-hello\s+EM\s+0x0000…00a2\s+0\.008700\s+0\s+0\s+1\s+0\s+4s ago/);
    expect(t).toContain('Execution Market      http://127.0.0.1:4010/em (public reads, unsigned)');
    expect(t).toContain('balances from         http://127.0.0.1:4010 (GET /api/wallet/balance)');
    expect(t).toContain('Execution Market      polled 5s ago');
    expect(t).toContain('Taskmarket            not read yet');
  });

  it('a pipeline: steps with product, seller, price and match; then each cycle newest first, the current step marked', () => {
    const tasks = [task(0, 'completed', 1), task(1, 'completed', 2), task(2, 'completed', 3), task(3, 'completed', 4), task(0, 'completed', 5), task(1, 'accepted', 6)];
    const lines = fleetLines(snapshot(tasks), { now: NOW, width: 140 });
    const t = text(lines);
    expect(t).toContain('Pipeline kk-supply-chain   consumer kk-juanjumagalp   execution-market   0.180000 USDC a cycle');
    expect(t).toMatch(/1\s+raw_logs\s+kk-karma-hello\s+0\.010000\s+title starts "\[KK Request\] Raw Chat Logs", category knowledge_access/);
    expect(t).toMatch(/4\s+soul_profiles\s+kk-soul-extractor\s+0\.080000\s+title ~ \/\^\\\[KK Request\\\] \(SOUL\\\.md\|Soul Profiles\)\/, category knowledge_access/);
    expect(t).toContain('2 cycles seen, 1 complete, 0.190000 USDC spent; cycle #2 at step 2 skill_profiles');
    const rows = lines.filter((l) => /^\s+#\d/.test(l.text));
    expect(rows.map((r) => r.text.trim().split(/\s+/))).toEqual([
      ['#2', 'approved', '›assigned', 'waiting', 'waiting', '0.010000', '/', '0.180000', 'at', 'skill_profiles'],
      ['#1', 'approved', 'approved', 'approved', 'approved', '0.180000', '/', '0.180000', 'complete'],
    ]);
    expect(rows[1]!.tone).toBe('positive');
    // ASCII glyphs mark the current step with '>'.
    expect(text(fleetLines(snapshot(tasks), { now: NOW, width: 140, ascii: true }))).toMatch(/#2\s+approved\s+>assigned/);
  });

  it('flags a step delivered for another price or retried, and says when no cycle has started', () => {
    const odd = { ...task(0, 'expired', 1) };
    const retry = task(0, 'published', 2);
    const t = text(fleetLines(snapshot([odd, { ...retry, bounty: 20_000n }]), { now: NOW, width: 160 }));
    expect(t).toMatch(/#1\s+›published!/);
    expect(t).toContain('raw_logs: bounty differs from the step price; raw_logs: 2 attempts');
    expect(text(fleetLines(snapshot([]), { now: NOW, width: 120 }))).toContain('0 cycles seen, 0 complete, 0.000000 USDC spent; step 1 of a new cycle is due');
  });

  it('keeps only the newest cycles and counts the older ones', () => {
    const tasks: FleetTaskSummary[] = [];
    for (let c = 0; c < CYCLES_SHOWN + 2; c++) for (let s = 0; s < 4; s++) tasks.push(task(s, 'completed', c * 10 + s));
    const lines = fleetLines(snapshot(tasks), { now: NOW, width: 140 });
    expect(lines.filter((l) => /^\s+#\d/.test(l.text))).toHaveLength(CYCLES_SHOWN);
    expect(text(lines)).toContain('+ 2 older cycles (2 complete)');
  });

  it('a failing feed says why and when it retries; hostile text reaches the screen only sanitised', () => {
    const snap = snapshot([], (s) => s.getState().setHealth('em', { okAt: NOW - 70_000, error: 'GET /tasks failed (500): \x1b[2J\x1b]52;c;aGk=\x07boom\u202e', retryAt: NOW + 8_000, failures: 2 }));
    const lines = fleetLines({ ...snap, problems: ['fleet: agents[3]: \x1b[31mred\x1b[0m'] }, { now: NOW, width: 120 });
    const t = text(lines);
    expect(t).toMatch(/Execution Market\s+GET \/tasks failed \(500\): .*boom.*, retry in 8s \(last good 1m10s ago\)/);
    expect(t).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f\u202e]/);
    expect(lines.find((l) => l.text.includes('boom'))!.tone).toBe('negative');
    expect(t).toContain('fleet: agents[3]:');
  });

  it('no snapshot, no fleet file, and the simulator\u2019s own fleet each say so', () => {
    expect(text(fleetLines(null, { now: NOW, width: 80 }))).toContain('the market is not open yet');
    const none = createFleetStore({ source: 'none', path: '/h/.config/taskdesk/fleet.json', fleet: { agents: [], pipelines: [] } });
    expect(text(fleetLines(fleetSnapshot(none), { now: NOW, width: 200 }))).toContain('there is no fleet file at /h/.config/taskdesk/fleet.json');
    const sim = createFleetStore({ source: 'simulator', path: '/h/fleet.json', fleet, emUrl: 'http://127.0.0.1:9/em', balanceUrl: 'http://127.0.0.1:9' });
    const t = text(fleetLines(fleetSnapshot(sim), { now: NOW, width: 120 }));
    expect(t).toContain("Fleet: the simulator's KarmaCadabra agents");
    expect(t).toContain("none at /h/fleet.json, so the built-in simulator's own bots are shown");
    expect(t).toContain("waiting for the first read of the consumer's tasks");
  });
});
