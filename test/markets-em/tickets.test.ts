// Every EM ticket: defaults, the server's validation before anything is signed, the Intent it builds
// (amount / spend / payee / score / params) and the effect lines with the escrow and the 87/13 split in base units.
import { describe, expect, it } from 'vitest';
import type { Task } from '../../src/core/types.js';
import { evaluate } from '../../src/core/gate.js';
import { EM_ACTIONS } from '../../src/core/intent.js';
import { readEmParams } from '../../src/markets/execution-market/params.js';
import { emTicketSpecFor, type EmTicketContext } from '../../src/markets/execution-market/tickets/index.js';
import { application, emTask, EXEC_ID, NOW, PUBLISHER, submission, SUB_ID, WORKER } from './fixtures.js';

function ctx(task: Task | null, wallet: string, over: Partial<EmTicketContext['em']> = {}): EmTicketContext {
  return {
    task,
    bids: [],
    submissions: [],
    pitches: [],
    wallet: wallet as `0x${string}`,
    agent: 'kk-juanjumagalp',
    now: NOW,
    balance: 1_000_000n,
    guardLeadMs: 0,
    em: { executorId: null, applications: [], submissions: [], minBounty: 10_000n, ...over },
  };
}
const spec = (a: (typeof EM_ACTIONS)[number]) => {
  const s = emTicketSpecFor(a);
  if (!s) throw new Error(`no ticket for ${a}`);
  return s;
};
const intentOf = (r: ReturnType<ReturnType<typeof spec>['build']>) => {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.intent;
};
const defaults = (s: ReturnType<typeof spec>, c: EmTicketContext) => Object.fromEntries(s.fields(c).map((f) => [f.key, f.initial]));

describe('EM tickets', () => {
  it('there is a ticket for every EM action and its params read back', () => {
    for (const a of EM_ACTIONS) expect(emTicketSpecFor(a)?.action).toBe(a);
  });

  it('publish: the server’s rules by field, nothing spent now, escrow and split in base units', () => {
    const s = spec('em_publish');
    const c = ctx(null, PUBLISHER);
    const d = defaults(s, c);
    expect(d).toMatchObject({ category: 'knowledge_access', deadlineHours: '24', evidenceRequired: 'json_response', targetExecutor: 'any' });
    const bad = s.build(c, { ...d, title: 'abc', instructions: 'short', bounty: '0.005', deadlineHours: '721', evidenceRequired: 'json_response,hologram' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(Object.keys(bad.errors).sort()).toEqual(['deadlineHours']);
    const rules = s.build(c, { ...d, title: 'abc', instructions: 'short', bounty: '0.005', evidenceRequired: 'json_response,hologram' });
    expect(rules.ok ? {} : rules.errors).toMatchObject({ title: expect.stringMatching(/5–255/), instructions: expect.stringMatching(/20–5000/), bounty: expect.stringMatching(/0.010000/), evidenceRequired: expect.stringMatching(/hologram/) });
    const ok = s.build(c, { ...d, title: '[KK Request] Raw Chat Logs', instructions: 'Deliver raw Twitch chat logs as JSON, 100+ records.', bounty: '0.05', skills: 'logs, twitch' });
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(ok.intent).toMatchObject({ market: 'execution-market', action: 'em_publish', taskId: null, role: 'publisher', amount: 50_000n, fee: 0n, spend: 0n, mode: null, agent: 'kk-juanjumagalp' });
    expect(readEmParams('em_publish', ok.intent.params)).toMatchObject({ ok: true, value: { bounty: 50_000n, skills: ['logs', 'twitch'], evidenceRequired: ['json_response'] } });
    const lines = s.effect!(c, ok.intent).map((l) => l.value).join(' | ');
    expect(lines).toMatch(/50000 base units \(0\.050000 USDC\) lock at assign/);
    expect(lines).toMatch(/43500 to the worker \(87 %\), 6500 platform fee \(1300 bps\)/);
  });

  it('assign: a pending applicant, the escrow spend, the worker wallet named as payee', () => {
    const s = spec('em_assign');
    const t = emTask();
    const c = ctx(t, PUBLISHER, { applications: [application()] });
    const d = defaults(s, c);
    expect(d.executor).toBe(EXEC_ID);
    expect(s.fields(c)[0]!.choices![0]!.label).toContain(WORKER);
    const r = s.build(c, d);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.intent).toMatchObject({ action: 'em_assign', taskId: t.id, amount: 50_000n, spend: 50_000n, payee: WORKER, params: { executorId: EXEC_ID, worker: WORKER, bounty: 50_000n }, mode: 'bounty' });
    const lines = s.effect!(c, r.intent);
    expect(lines[0]!.value).toBe(`50000 base units (0.050000 USDC) from your wallet, receiver ${WORKER}`);
    expect(lines[1]!.value).toContain(`43500 to the worker ${WORKER} (87 %), 6500 platform fee`);
    expect(s.build(c, { executor: 'nobody' })).toMatchObject({ ok: false, errors: { executor: expect.any(String) } });
    expect(s.build(ctx(emTask({ status: 'accepted', executor_id: EXEC_ID }), PUBLISHER, { applications: [application()] }), d)).toMatchObject({ ok: false, errors: { '': expect.stringMatching(/accepted, not published/) } });
    expect(s.build(ctx(emTask({ min_reputation: 50 }), PUBLISHER, { applications: [application()] }), d)).toMatchObject({ ok: false, errors: { executor: expect.stringMatching(/below the task minimum 50/) } });
  });

  it('approve / reject / request more info: a pending submission, the rules of notes and severity', () => {
    const t = emTask({ status: 'submitted', executor_id: EXEC_ID });
    const c = ctx(t, PUBLISHER, { applications: [application({ status: 'accepted' })], submissions: [submission()] });
    const ap = spec('em_approve').build(c, defaults(spec('em_approve'), c));
    expect(ap.ok && ap.intent).toMatchObject({ amount: 50_000n, spend: 0n, payee: WORKER, params: { submissionId: SUB_ID } });
    expect(spec('em_approve').effect!(c, intentOf(ap)).map((l) => l.value)).toEqual(['50000 base units (0.050000 USDC)', expect.stringContaining('43500 to the worker')]);

    const rj = spec('em_reject');
    const rd = defaults(rj, c);
    expect(rj.build(c, { ...rd, notes: 'too short' })).toMatchObject({ ok: false, errors: { notes: expect.stringMatching(/at least 10/) } });
    expect(rj.build(c, { ...rd, notes: 'missing the timestamps', reputationScore: '20' })).toMatchObject({ ok: false, errors: { reputationScore: expect.stringMatching(/major/) } });
    expect(rj.build(c, { ...rd, severity: 'major', notes: 'missing the timestamps', reputationScore: '51' })).toMatchObject({ ok: false, errors: { reputationScore: expect.any(String) } });
    const major = rj.build(c, { ...rd, severity: 'major', notes: 'missing the timestamps', reputationScore: '20' });
    expect(major.ok && major.intent).toMatchObject({ amount: 50_000n, payee: PUBLISHER, params: { severity: 'major', reputationScore: 20 } });
    expect(rj.effect!(c, intentOf(major))[0]!.value).toMatch(/50000 base units .* back to you/);
    const minor = rj.build(c, { ...rd, notes: 'missing the timestamps' });
    expect(minor.ok && minor.intent).toMatchObject({ amount: null, params: { severity: 'minor', reputationScore: null } });

    const mi = spec('em_request_info');
    expect(mi.build(c, { submission: SUB_ID, notes: 'why' })).toMatchObject({ ok: false, errors: { notes: expect.stringMatching(/at least 5/) } });
    expect(mi.build(c, { submission: SUB_ID, notes: 'which channel?' }).ok).toBe(true);
    expect(spec('em_approve').build(ctx(emTask(), PUBLISHER), { submission: SUB_ID })).toMatchObject({ ok: false, errors: { '': expect.stringMatching(/not submitted/) } });
  });

  it('cancel: a refund only when escrow is locked; not after evidence', () => {
    const s = spec('em_cancel');
    const pub = s.build(ctx(emTask(), PUBLISHER), { reason: '' });
    expect(pub.ok && pub.intent).toMatchObject({ amount: null, params: { reason: null } });
    const acc = s.build(ctx(emTask({ status: 'accepted', executor_id: EXEC_ID }), PUBLISHER), { reason: 'changed plans' });
    expect(acc.ok && acc.intent).toMatchObject({ amount: 50_000n, payee: PUBLISHER });
    expect(s.build(ctx(emTask({ status: 'submitted', executor_id: EXEC_ID }), PUBLISHER), {})).toMatchObject({ ok: false });
  });

  it('worker side: apply (registered, not own task), submit (JSON keyed by type, every required type), withdraw, rate', () => {
    const ap = spec('em_apply');
    expect(ap.build(ctx(emTask(), WORKER), { message: '' })).toMatchObject({ ok: false, errors: { '': expect.stringMatching(/register/) } });
    expect(ap.build(ctx(emTask(), PUBLISHER, { executorId: EXEC_ID }), {})).toMatchObject({ ok: false, errors: { '': expect.stringMatching(/own task/) } });
    expect(ap.build(ctx(emTask(), WORKER, { executorId: EXEC_ID }), { message: 'x'.repeat(501) })).toMatchObject({ ok: false, errors: { message: expect.any(String) } });
    expect(ap.build(ctx(emTask(), WORKER, { executorId: EXEC_ID }), { message: 'I have it' })).toMatchObject({ ok: true, intent: { role: 'worker', params: { executorId: EXEC_ID, message: 'I have it' } } });

    const sb = spec('em_submit');
    const t = emTask({ status: 'accepted', executor_id: EXEC_ID, evidence_schema: { required: ['json_response', 'screenshot'] } });
    const c = ctx(t, WORKER, { executorId: EXEC_ID });
    expect(defaults(sb, c).evidence).toBe('{"json_response":{},"screenshot":{}}');
    expect(sb.build(c, { evidence: 'not json' })).toMatchObject({ ok: false, errors: { evidence: expect.stringMatching(/JSON/) } });
    expect(sb.build(c, { evidence: '{"type":"json_response","data":1}' })).toMatchObject({ ok: false, errors: { evidence: expect.stringMatching(/keyed by type/) } });
    expect(sb.build(c, { evidence: '{"json_response":{"url":"s3://x"}}' })).toMatchObject({ ok: false, errors: { evidence: expect.stringMatching(/missing required evidence: screenshot/) } });
    const good = sb.build(c, { evidence: '{"json_response":{"url":"s3://x"},"screenshot":"https://x/1.png"}', notes: '' });
    expect(good.ok && good.intent).toMatchObject({ action: 'em_submit', amount: null, params: { executorId: EXEC_ID, requiredEvidence: ['json_response', 'screenshot'] } });
    expect(sb.build(ctx(t, WORKER, { executorId: '0f0f0f0f-0000-4000-8000-000000000009' }), { evidence: '{}' })).toMatchObject({ ok: false, errors: { '': expect.stringMatching(/not the assigned worker/) } });

    const wd = spec('em_withdraw').build(c, { reason: 'cannot deliver' });
    expect(wd.ok && wd.intent).toMatchObject({ amount: 50_000n, payee: PUBLISHER, params: { executorId: EXEC_ID, reason: 'cannot deliver' } });

    const done = emTask({ status: 'completed', executor_id: EXEC_ID });
    const ra = spec('em_rate_agent').build(ctx(done, WORKER, { executorId: EXEC_ID }), { score: '101' });
    expect(ra).toMatchObject({ ok: false, errors: { score: expect.any(String) } });
    const ra2 = spec('em_rate_agent').build(ctx(done, WORKER, { executorId: EXEC_ID }), { score: '85', comment: '' });
    expect(ra2.ok && ra2.intent).toMatchObject({ score: 85, payee: PUBLISHER, params: { score: 85, agentId: 3001 } });
    const rw = spec('em_rate_worker').build(ctx(done, PUBLISHER), { score: '90' });
    expect(rw.ok && rw.intent).toMatchObject({ score: 90, payee: WORKER, role: 'publisher' });
  });

  it('an EM intent goes through the same gate (no pendingActions on EM: derived instead)', () => {
    const t = emTask({ status: 'accepted', executor_id: EXEC_ID });
    const build = (wallet: string, executorId: string) => {
      const r = spec('em_submit').build(ctx(t, wallet, { executorId }), { evidence: '{"json_response":{"ok":true}}' });
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r.intent;
    };
    const input = (intent: ReturnType<typeof build>) => ({
      intent,
      now: NOW,
      wallNow: NOW,
      readonly: false,
      network: { intended: { name: 'base-sepolia', chainId: 84532, usdcAddress: '0x036CbD53842c5426634e7929541eC2318f3dCF7e' as const }, confirmed: true, intendedApiUrl: 'http://127.0.0.1:1/em', apiUrl: 'http://127.0.0.1:1/em', seen: { networkName: 'base-sepolia', chainId: 84532, usdcAddress: '0x036CbD53842c5426634e7929541eC2318f3dCF7e' as const }, seenFetchedAt: NOW, mismatch: null },
      task: { value: t, fetchedAt: NOW, lastFetchOk: true, lastError: null },
      wallet: { address: intent.wallet, balance: 1_000_000n, balanceFetchedAt: NOW },
      spend: { sessionSpent: 0n, daySpent: 0n, sessionCap: null, dayCap: null },
      approved: true,
      stops: { contractRejected: null, stateDisagrees: null },
    });
    const byId = (r: ReturnType<typeof evaluate>) => Object.fromEntries(r.checks.map((c) => [c.id, c.status]));
    const mine = byId(evaluate(input(build(WORKER, EXEC_ID))));
    expect(mine).toMatchObject({ pending_action: 'na', worker: 'pass', mode: 'pass' });
    expect(evaluate(input(build(WORKER, EXEC_ID))).ok).toBe(true);
    // The gate's worker check reads claimedBy, which the adapter fills with the assignee's wallet.
    const other = evaluate(input({ ...build(WORKER, EXEC_ID), wallet: PUBLISHER as `0x${string}` }));
    expect(byId(other).worker).toBe('fail');
  });
});
