// The fleet store and the pure figures behind it: identity kept for unchanged figures, counts by EM status,
// applications from two browse listings, the time a change was first seen, Taskmarket inbox counts.
import { describe, expect, it } from 'vitest';
import type { Fleet } from '../../src/config/fleet.js';
import type { PipelineProgress } from '../../src/config/fleet-progress.js';
import type { Task } from '../../src/core/types.js';
import { toEmTask } from '../../src/markets/execution-market/normalize.js';
import { activityOf, appliedCount, emCounts, mergeTracked, tmCounts, toSummary, trimTracked } from '../../src/store/fleet-figures.js';
import { createFleetStore, fleetSnapshot, type MarketCounts } from '../../src/store/fleet-state.js';
import { makeTask } from './fixtures.js';

const A = '0x00000000000000000000000000000000000000a1';
const B = '0x00000000000000000000000000000000000000a2';
const fleet: Fleet = {
  agents: [
    { name: 'buyer', markets: ['execution-market'], wallet: A, keystore: 'taskmarket', passwordFile: null },
    { name: 'seller', markets: ['taskmarket', 'execution-market'], wallet: B, keystore: 'taskmarket', passwordFile: null },
  ],
  pipelines: [],
};

let n = 0;
/** An EM task as listMine normalises it (wire → toEmTask). */
function emTask(o: { status: string; publisher?: string; executor?: string | null; created?: number; assigned?: number | null; title?: string; bounty?: number }): Task {
  n++;
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return toEmTask(
    {
      id,
      title: o.title ?? '[KK Request] Raw Chat Logs',
      status: o.status as never,
      category: 'knowledge_access',
      bounty_usd: 10_000n,
      deadline: 2_000_000_000_000,
      created_at: o.created ?? 1_000 + n,
      agent_id: o.publisher ?? A,
      instructions: null,
      evidence_schema: { required: ['json_response'], optional: [] },
      location_hint: null,
      min_reputation: 0,
      erc8004_agent_id: null,
      payment_network: 'base',
      payment_token: 'USDC',
      target_executor_type: null,
      agent_name: null,
      escrow_status: null,
      skill_version: null,
      updated_at: null,
      executor_id: o.executor ?? null,
      escrow_tx: null,
      refund_tx: null,
      payment_tx: null,
      skills_required: [],
      assigned_at: o.assigned ?? null,
      completed_at: null,
    },
    { now: 5_000 },
  );
}

const counts = (open: number): MarketCounts => ({ open, applied: null, assigned: 0, toReview: 0, lastActivity: null, fetchedAt: 1 });

describe('createFleetStore', () => {
  it('starts with an empty figure per agent and pipeline, and idle feeds', () => {
    const s = createFleetStore({ source: 'file', path: '/x/fleet.json', fleet, emUrl: 'http://127.0.0.1:1/em', balanceUrl: 'http://127.0.0.1:1' });
    const snap = fleetSnapshot(s);
    expect(Object.keys(snap.agents)).toEqual(['buyer', 'seller']);
    expect(snap.agents.buyer).toEqual({ name: 'buyer', balance: null, balanceFetchedAt: null, em: null, tm: null, executorId: null });
    expect(snap.health.em).toEqual({ okAt: null, error: null, retryAt: null, failures: 0 });
    expect(snap.emUrl).toBe('http://127.0.0.1:1/em');
  });

  it('merges balances and keeps untouched agents and equal health as the same objects', () => {
    const s = createFleetStore({ source: 'file', path: '/x', fleet });
    const before = s.getState().agents;
    s.getState().setBalances({ buyer: 5_000_000n }, 10);
    const after = s.getState().agents;
    expect(after.buyer).toMatchObject({ balance: 5_000_000n, balanceFetchedAt: 10 });
    expect(after.seller).toBe(before.seller);
    const h = { okAt: 3, error: null, retryAt: null, failures: 0 };
    s.getState().setHealth('em', h);
    const kept = s.getState().health;
    s.getState().setHealth('em', { ...h });
    expect(s.getState().health).toBe(kept);
  });

  it('an EM round sets counts, executor ids and pipeline progress; an equal progress keeps its object', () => {
    const f: Fleet = { ...fleet, pipelines: [{ name: 'p', consumer: 'buyer', market: 'execution-market', steps: [], cycleTotal: 0n }] };
    const s = createFleetStore({ source: 'file', path: '/x', fleet: f });
    const progress: PipelineProgress = { pipeline: 'p', cycleTotal: 0n, cycles: [], unmatched: 0, nextCycleDue: true };
    s.getState().setEm({ counts: { buyer: counts(1) }, executors: { seller: 'ex-1' }, pipelines: { p: progress } }, 20);
    expect(s.getState().agents.buyer!.em?.open).toBe(1);
    expect(s.getState().agents.seller!.executorId).toBe('ex-1');
    expect(s.getState().pipelines.p).toMatchObject({ fetchedAt: 20, note: null });
    const kept = s.getState().pipelines.p!.progress;
    s.getState().setEm({ counts: {}, executors: {}, pipelines: { p: { ...progress, cycles: [] } } }, 30);
    expect(s.getState().pipelines.p!.progress).toBe(kept);
    // A round that did not count an agent leaves its last figures.
    expect(s.getState().agents.buyer!.em?.open).toBe(1);
  });

  it('a pipeline note says why it is not tracked', () => {
    const f: Fleet = { ...fleet, pipelines: [{ name: 'tm', consumer: 'buyer', market: 'taskmarket', steps: [], cycleTotal: 0n }] };
    const s = createFleetStore({ source: 'file', path: '/x', fleet: f, pipelineNotes: { tm: 'not tracked' } });
    expect(s.getState().pipelines.tm).toEqual({ progress: null, fetchedAt: null, note: 'not tracked' });
  });
});

describe('fleet figures', () => {
  it('mergeTracked stamps the poll that first saw a new status or assignee, not the first sighting', () => {
    const t1 = emTask({ status: 'published', created: 50 });
    const m1 = mergeTracked(new Map(), [t1], 100);
    expect(m1.get(t1.id)).toMatchObject({ changedAt: null, seenAt: 100 });
    const m2 = mergeTracked(m1, [t1], 200);
    expect(m2.get(t1.id)!.changedAt).toBeNull();
    const moved = { ...t1, em: { ...t1.em!, status: 'accepted', executorId: 'e' } };
    const m3 = mergeTracked(m2, [moved], 300);
    expect(m3.get(t1.id)).toMatchObject({ changedAt: 300, seenAt: 300 });
    expect(mergeTracked(m3, [moved], 400).get(t1.id)!.changedAt).toBe(300);
    expect(activityOf(m3.get(t1.id)!)).toBe(300);
  });

  it('trimTracked keeps the newest tasks', () => {
    const rows = [emTask({ status: 'completed', created: 1 }), emTask({ status: 'completed', created: 3 }), emTask({ status: 'completed', created: 2 })];
    const kept = trimTracked(mergeTracked(new Map(), rows, 1), 2);
    expect([...kept.values()].map((r) => r.task.createdAt).sort()).toEqual([2, 3]);
  });

  it('emCounts: open until resolved, review only while submitted, assigned while held', () => {
    const pub = ['published', 'assigning', 'accepted', 'in_progress', 'submitted', 'verifying', 'disputed', 'completed', 'expired', 'cancelled'].map((status) => emTask({ status }));
    const published = [...mergeTracked(new Map(), pub, 1).values()];
    const work = [...mergeTracked(new Map(), [emTask({ status: 'accepted', assigned: 9_000 }), emTask({ status: 'submitted' }), emTask({ status: 'completed' })], 1).values()];
    const c = emCounts(published, work, 2, 50);
    expect(c).toMatchObject({ open: 7, toReview: 1, assigned: 2, applied: 2, fetchedAt: 50, lastActivity: 9_000 });
    expect(emCounts([], [], null, 1)).toEqual({ open: 0, applied: null, assigned: 0, toReview: 0, lastActivity: null, fetchedAt: 1 });
  });

  it('appliedCount: the published tasks hidden by exclude_executor, judged only within the excluded page', () => {
    const [t1, t2, t3, t4] = [emTask({ status: 'published', created: 40 }), emTask({ status: 'published', created: 30 }), emTask({ status: 'published', created: 20 }), emTask({ status: 'published', created: 10 })];
    expect(appliedCount([t1!, t2!, t3!, t4!], [t1!, t3!, t4!], false)).toBe(1);
    // A full excluded page that stops at t2: t3 and t4 (older) cannot be judged.
    expect(appliedCount([t1!, t2!, t3!, t4!], [t2!], true)).toBe(1);
    expect(appliedCount([t1!, t2!], [], false)).toBe(2);
  });

  it('toSummary: EM status, publisher, bounty and the worker wallet learned for its executor', () => {
    const t = emTask({ status: 'accepted', executor: 'ex-9' });
    const r = mergeTracked(new Map(), [t], 1).get(t.id)!;
    expect(toSummary(r, (id) => (id === 'ex-9' ? B : null))).toEqual({ id: t.id, title: '[KK Request] Raw Chat Logs', category: 'knowledge_access', status: 'accepted', publisher: A, worker: B, bounty: 10_000n, createdAt: t.createdAt });
    expect(toSummary(r, () => null).worker).toBeNull();
  });

  it('tmCounts: asked tasks open and to review, claimed work assigned; applications unknown', () => {
    const asked = [makeTask({ id: 'a1', requester: A, status: 'open' }), makeTask({ id: 'a2', requester: A, status: 'pending_approval' }), makeTask({ id: 'a3', requester: A, status: 'completed' })];
    const work = [makeTask({ id: 'w1', status: 'worker_selected', claimedBy: A }), makeTask({ id: 'w2', status: 'completed', claimedBy: A })];
    const c = tmCounts(A, { asRequester: asked, asWorker: work, invitedPrivateTasks: [] }, 7, new Map());
    expect(c).toMatchObject({ open: 2, toReview: 1, assigned: 1, applied: null, fetchedAt: 7 });
  });
});
