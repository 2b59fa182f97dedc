// Task routes over real HTTP (§1.2): create validation, list filters/sort/cursor, detail with pendingActions,
// cancel / update / refund-expired rules with preflight refusals that charge nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSim, type TestSim } from '../helpers/sim.js';
import { createTask } from '../helpers/tasks.js';
import { newWallet, paidPost, readAuthHeaders, type Wallet } from '../helpers/x402.js';

let sim: TestSim;
let req: Wallet;
let other: Wallet;
const HOUR = 3_600_000;

beforeAll(async () => {
  sim = await startTestSim({ manualClock: true });
  req = newWallet();
  other = newWallet();
  await sim.faucet(req.address, 1_000_000_000n);
  await sim.faucet(other.address, 1_000_000_000n);
});
afterAll(async () => {
  await sim.close();
});

describe('create', () => {
  it('stores the task with the backend units and derived fields', async () => {
    const now = (await sim.get('/sim/clock')).body.nowMs as number;
    const id = await createTask(sim, req, { description: 'units', reward: '2500000', duration: 2, tags: ['a', 'b'], mode: 'pitch', pitchDeadline: 600 });
    const t = (await sim.get(`/api/tasks/${id}`)).body;
    expect(t).toMatchObject({
      id,
      reward: '2500000',
      status: 'open',
      mode: 'pitch',
      tags: ['a', 'b'],
      platformFeeBps: 500,
      netReward: '2375000',
      phase: 'active',
      submissionWindowOpen: false,
      taskVisibility: 'public',
      submissionVisibility: 'public',
      stakeRequired: false,
      claimedBy: null,
      bidDeadline: null,
      maxPrice: null,
    });
    expect(t.referenceCode).toMatch(/^TSK-[0-9A-Z]{8}$/);
    const created = Date.parse(t.createdAt);
    expect(created).toBeGreaterThanOrEqual(now);
    expect(Date.parse(t.expiryTime) - created).toBe(2 * HOUR);
    expect(Date.parse(t.pitchDeadline) - created).toBe(600_000);
    expect(t.pendingActions.map((a: { action: string }) => a.action)).toEqual(['cancel', 'update', 'pitch']);
  });

  it('gives every create a distinct keccak task id', async () => {
    const a = await createTask(sim, req);
    const b = await createTask(sim, req);
    expect(a).not.toBe(b);
    expect(a).toMatch(/^0x[0-9a-f]{64}$/);
  });

  const invalid: Array<[string, Record<string, unknown>, string]> = [
    ['too many tags', { tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, 'Maximum 10 tags allowed'],
    ['non-positive duration', { duration: 0 }, 'Duration must be positive'],
    ['auction maxPrice ≠ reward', { mode: 'auction', auctionType: 'english', maxPrice: '5' }, 'maxPrice must equal reward for auction mode'],
    ['dutch without floor', { mode: 'auction', auctionType: 'dutch', maxPrice: '1000000' }, 'auctionFloorPrice is required for dutch auction type'],
    ['reverse dutch without start', { mode: 'auction', auctionType: 'reverse_dutch', maxPrice: '1000000' }, 'auctionStartPrice is required for reverse_dutch auction type'],
    ['floor above reward', { mode: 'auction', auctionType: 'dutch', maxPrice: '1000000', auctionFloorPrice: '1000001' }, 'auctionFloorPrice must be less than or equal to reward'],
    ['private without viewers', { taskVisibility: 'private' }, 'A private task needs at least one of allowedViewers or accessPassword'],
    ['viewers on a public task', { allowedViewers: ['0x0000000000000000000000000000000000000001'] }, 'allowedViewers is only valid when taskVisibility is private'],
  ];
  for (const [name, extra, text] of invalid) {
    it(`refuses ${name} with 400 "${text}" before any payment`, async () => {
      const before = await sim.ledger();
      const r = await paidPost(sim.url, '/api/tasks', { description: 'x', reward: '1000000', duration: 1, tags: [], ...extra }, req.privateKey);
      expect(r.status).toBe(400);
      expect(r.challenge).toBeNull();
      expect(r.body.error).toContain(text);
      expect(await sim.ledger()).toEqual(before);
    });
  }
});

describe('list', () => {
  let s1: TestSim;
  let ids: string[];
  beforeAll(async () => {
    // Milliseconds starting with 0 (.065): V8's Date.parse once misread long cursors of that shape.
    s1 = await startTestSim({ manualClock: true, startAt: Math.floor(Date.now() / 1000) * 1000 + 65 });
    await s1.faucet(req.address, 1_000_000_000n);
    await s1.faucet(other.address, 1_000_000_000n);
    ids = [];
    ids.push(await createTask(s1, req, { reward: '3000000', tags: ['rust'], duration: 48, description: 'Port the parser to Rust' }));
    ids.push(await createTask(s1, req, { reward: '1000000', tags: ['ts'], duration: 2, mode: 'claim' }));
    ids.push(await createTask(s1, other, { reward: '5000000', tags: ['rust', 'ts'], duration: 10 }));
    ids.push(await createTask(s1, other, { reward: '2000000', duration: 5, taskVisibility: 'unlisted' }));
    ids.push(await createTask(s1, req, { reward: '4000000', duration: 1, mode: 'auction', auctionType: 'english', maxPrice: '4000000', bidDeadline: 1 }));
  });
  afterAll(async () => {
    await s1.close();
  });
  const list = async (q: string) => (await s1.get(`/api/tasks?${q}`)).body;

  it('defaults to newest first over discoverable tasks, rows without pendingActions', async () => {
    const r = await list('');
    expect(r.tasks.map((t: { id: string }) => t.id)).toEqual([ids[4], ids[2], ids[1], ids[0]]);
    expect(r.hasMore).toBe(false);
    expect(r.nextCursor).toBeNull();
    expect(r.tasks[0]).not.toHaveProperty('pendingActions');
    expect(r.tasks[0]).toHaveProperty('phase', 'active');
  });

  it('pages with limit+1, hasMore and a createdAt cursor', async () => {
    const p1 = await list('limit=2');
    expect(p1.tasks.map((t: { id: string }) => t.id)).toEqual([ids[4], ids[2]]);
    expect(p1.hasMore).toBe(true);
    // Frozen clock: every row shares one millisecond, so the cursor carries the tie position in extra digits.
    expect(Date.parse(p1.nextCursor)).toBe(Date.parse(p1.tasks[1].createdAt));
    const p2 = await list(`limit=2&cursor=${encodeURIComponent(p1.nextCursor)}`);
    expect(p2.tasks.map((t: { id: string }) => t.id)).toEqual([ids[1], ids[0]]);
    expect(p2.hasMore).toBe(false);
  });

  it('filters by mode, tags, reward range, requester, deadline and text', async () => {
    expect((await list('mode=claim')).tasks.map((t: { id: string }) => t.id)).toEqual([ids[1]]);
    expect((await list('tags=rust')).tasks.map((t: { id: string }) => t.id)).toEqual([ids[2], ids[0]]);
    expect((await list('minReward=2000000&maxReward=4000000')).tasks.map((t: { id: string }) => t.id)).toEqual([ids[4], ids[0]]);
    expect((await list(`requester=${other.address}`)).tasks.map((t: { id: string }) => t.id)).toEqual([ids[2]]);
    expect((await list('deadlineHours=3')).tasks.map((t: { id: string }) => t.id)).toEqual([ids[4], ids[1]]);
    expect((await list('q=parser')).tasks.map((t: { id: string }) => t.id)).toEqual([ids[0]]);
    expect((await list('auctionType=english')).tasks.map((t: { id: string }) => t.id)).toEqual([ids[4]]);
  });

  it('sorts by reward and deadline', async () => {
    expect((await list('sort=reward_desc')).tasks.map((t: { reward: string }) => t.reward)).toEqual(['5000000', '4000000', '3000000', '1000000']);
    expect((await list('sort=reward_asc')).tasks.map((t: { reward: string }) => t.reward)).toEqual(['1000000', '3000000', '4000000', '5000000']);
    expect((await list('sort=deadline_asc')).tasks.map((t: { id: string }) => t.id)).toEqual([ids[4], ids[1], ids[2], ids[0]]);
  });

  it('status=open drops expired tasks; phase follows expiry', async () => {
    await s1.advance(3 * HOUR);
    expect((await list('status=open')).tasks.map((t: { id: string }) => t.id)).toEqual([ids[2], ids[0]]);
    const phases = (await list('phase=awaiting_settlement')).tasks.map((t: { id: string }) => t.id);
    expect(phases).toEqual([ids[4], ids[1]]);
  });

  it('refuses a bad query with 400', async () => {
    const r = await s1.get('/api/tasks?limit=500');
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('BAD_REQUEST');
  });

  it('reports stats over discoverable tasks', async () => {
    expect((await s1.get('/api/tasks/stats')).body).toEqual({ count: 4, totalRewards: '13000000' });
  });
});

describe('detail', () => {
  it('returns null for an unknown task and hides private tasks from strangers', async () => {
    expect((await sim.get(`/api/tasks/0x${'ab'.repeat(32)}`)).body).toBeNull();
    const id = await createTask(sim, req, { taskVisibility: 'private', allowedViewers: [other.address] });
    expect((await sim.get(`/api/tasks/${id}`)).body).toBeNull();
    const stranger = newWallet();
    expect((await sim.get(`/api/tasks/${id}`, await readAuthHeaders(stranger.privateKey))).body).toBeNull();
    expect((await sim.get(`/api/tasks/${id}`, await readAuthHeaders(other.privateKey))).body.id).toBe(id);
    expect((await sim.get(`/api/tasks/${id}`, await readAuthHeaders(req.privateKey))).body.id).toBe(id);
  });

  it('lists requester actions for anonymous callers', async () => {
    const id = await createTask(sim, req);
    const t = (await sim.get(`/api/tasks/${id}`)).body;
    expect(t.pendingActions).toEqual([
      { role: 'requester', action: 'cancel', command: `taskmarket task cancel ${id}`, eligibleAddress: req.address.toLowerCase(), requiresPayment: true, paymentAmount: '1000', availableAfter: null, availableUntil: null, targetWorker: null },
      { role: 'requester', action: 'update', command: `taskmarket task update ${id} --extend-expiry <seconds>`, eligibleAddress: req.address.toLowerCase(), requiresPayment: true, paymentAmount: '1000', availableAfter: null, availableUntil: null, targetWorker: null },
      { role: 'worker', action: 'submit', command: `taskmarket task submit ${id} --file <path>`, eligibleAddress: null, requiresPayment: false, paymentAmount: null, availableAfter: null, availableUntil: t.expiryTime, targetWorker: null },
    ]);
    expect(t.awards).toEqual([]);
  });
});

describe('cancel / update / refund-expired', () => {
  it('cancel refunds the escrow; a second cancel is refused before charging', async () => {
    const id = await createTask(sim, req, { reward: '7000000' });
    const bal0 = await sim.balance(req.address);
    const r = await paidPost(sim.url, `/api/tasks/${id}/cancel`, { taskId: id }, req.privateKey);
    expect(r.status).toBe(200);
    expect(r.body.txHash).toMatch(/^0x[0-9a-f]{64}$/);
    expect(await sim.balance(req.address)).toBe(bal0 + 7_000_000n - 1000n);
    expect((await sim.get(`/api/tasks/${id}`)).body.status).toBe('cancelled');
    const before = await sim.ledger();
    const again = await paidPost(sim.url, `/api/tasks/${id}/cancel`, { taskId: id }, req.privateKey);
    expect(again.status).toBe(400);
    expect(again.body).toEqual({ error: 'Task is not open', taskmarket: { reason: 'payment_preflight_rejected' } });
    expect(await sim.ledger()).toEqual(before);
  });

  it('cancel of an unknown task → 404 preflight', async () => {
    const r = await paidPost(sim.url, `/api/tasks/0x${'cd'.repeat(32)}/cancel`, { taskId: `0x${'cd'.repeat(32)}` }, req.privateKey);
    expect(r.status).toBe(404);
    expect(r.body.error).toBe('Task not found');
  });

  it('update charges 1000 + the reward increase, escrows it, and answers in detail shape', async () => {
    const id = await createTask(sim, req, { reward: '1000000' });
    const bal0 = await sim.balance(req.address);
    const t0 = (await sim.get(`/api/tasks/${id}`)).body;
    const newExpiry = Math.floor(Date.parse(t0.expiryTime) / 1000) + 3600;
    const r = await paidPost(sim.url, `/api/tasks/${id}/update`, { taskId: id, reward: '1500000', expiryTime: newExpiry, description: 'edited' }, req.privateKey);
    expect(r.status).toBe(200);
    expect(r.challenge?.accepts[0]?.amount).toBe('501000');
    expect(r.body).toMatchObject({ id, reward: '1500000', description: 'edited', awards: [] });
    expect(r.body.expiryTime).toBe(new Date(newExpiry * 1000).toISOString());
    expect(Array.isArray(r.body.pendingActions)).toBe(true);
    expect(await sim.balance(req.address)).toBe(bal0 - 501_000n);
    expect((await sim.ledger()).escrows[id]).toBe('1500000');
    const down = await paidPost(sim.url, `/api/tasks/${id}/update`, { taskId: id, reward: '400000' }, req.privateKey);
    expect(down.status).toBe(200);
    expect(down.challenge?.accepts[0]?.amount).toBe('1000');
    expect((await sim.ledger()).escrows[id]).toBe('400000');
  });

  it('update by someone else → 403 before charging; floor above reward → 400', async () => {
    const id = await createTask(sim, req, { reward: '1000000', mode: 'auction', auctionType: 'dutch', maxPrice: '1000000', auctionFloorPrice: '100000', bidDeadline: 1 });
    const before = await sim.ledger();
    const r = await paidPost(sim.url, `/api/tasks/${id}/update`, { taskId: id, description: 'mine now' }, other.privateKey);
    expect(r.status).toBe(403);
    expect(r.body.error).toBe('Payment payer must be the task requester');
    const f = await paidPost(sim.url, `/api/tasks/${id}/update`, { taskId: id, reward: '50000' }, req.privateKey);
    expect(f.status).toBe(400);
    expect(f.body.error).toBe('auctionFloorPrice must be less than or equal to reward');
    expect(await sim.ledger()).toEqual(before);
  });

  it('refund-expired: refused before expiry, then anyone may call it after', async () => {
    const id = await createTask(sim, req, { reward: '2000000', duration: 1 });
    const early = await paidPost(sim.url, `/api/tasks/${id}/refund-expired`, { taskId: id }, other.privateKey);
    expect(early.status).toBe(400);
    expect(early.body.error).toBe('Task has not expired');
    await sim.advance(HOUR);
    const t = (await sim.get(`/api/tasks/${id}`)).body;
    expect(t.phase).toBe('awaiting_settlement');
    expect(t.pendingActions.map((a: { action: string }) => a.action)).toEqual(['update', 'refund_expired']);
    const bal0 = await sim.balance(req.address);
    const r = await paidPost(sim.url, `/api/tasks/${id}/refund-expired`, { taskId: id }, other.privateKey);
    expect(r.status).toBe(200);
    expect(await sim.balance(req.address)).toBe(bal0 + 2_000_000n);
    expect((await sim.get(`/api/tasks/${id}`)).body.status).toBe('expired');
    const again = await paidPost(sim.url, `/api/tasks/${id}/refund-expired`, { taskId: id }, other.privateKey);
    expect(again.body.error).toBe('Task is already expired');
  });
});

describe('private access', () => {
  it('unlock with the password gives a view grant; invite/uninvite/viewers need the requester read-auth', async () => {
    const id = await createTask(sim, req, { taskVisibility: 'private', accessPassword: 'correct horse' });
    expect((await sim.get(`/api/tasks/${id}`)).body).toBeNull();
    const wrong = await sim.post(`/api/tasks/${id}/private-access/verify`, { taskId: id, password: 'nope nope' });
    expect(wrong.status).toBe(401);
    const okr = await sim.post(`/api/tasks/${id}/private-access/verify`, { taskId: id, password: 'correct horse' });
    expect(okr.status).toBe(200);
    expect(okr.body).toEqual({ grant: expect.any(String), expiresAt: expect.any(String) });
    const seen = (await sim.get(`/api/tasks/${id}`, { 'x-taskmarket-task-access-grant': okr.body.grant })).body;
    expect(seen.id).toBe(id);
    expect(seen.hasAccessPassword).toBe(true);
    expect(seen).not.toHaveProperty('accessPassword');

    const viewer = newWallet();
    expect((await sim.post(`/api/tasks/${id}/private-access/viewers`, { taskId: id, viewerAddress: viewer.address })).status).toBe(401);
    const notOwner = await sim.post(`/api/tasks/${id}/private-access/viewers`, { taskId: id, viewerAddress: viewer.address }, await readAuthHeaders(other.privateKey));
    expect(notOwner.status).toBe(403);
    const inv = await sim.post(`/api/tasks/${id}/private-access/viewers`, { taskId: id, viewerAddress: viewer.address }, await readAuthHeaders(req.privateKey));
    expect(inv.status).toBe(200);
    expect((await sim.get(`/api/tasks/${id}`, await readAuthHeaders(viewer.privateKey))).body.id).toBe(id);
    expect((await sim.get(`/api/tasks/${id}/private-access/viewers`, await readAuthHeaders(req.privateKey))).body.viewers).toEqual([viewer.address]);
    const r = await fetch(`${sim.url}/api/tasks/${id}/private-access/viewers/${viewer.address}`, {
      method: 'DELETE',
      headers: { 'x-taskmarket-idempotency-key': crypto.randomUUID(), ...(await readAuthHeaders(req.privateKey)) },
    });
    expect(r.status).toBe(200);
    expect((await sim.get(`/api/tasks/${id}`, await readAuthHeaders(viewer.privateKey))).body).toBeNull();
  });

  it('limits password attempts to 10 per task per hour', async () => {
    const id = await createTask(sim, req, { taskVisibility: 'private', accessPassword: 'longenough' });
    for (let i = 0; i < 10; i += 1) expect((await sim.post(`/api/tasks/${id}/private-access/verify`, { taskId: id, password: 'wrongwrong' })).status).toBe(401);
    const r = await sim.post(`/api/tasks/${id}/private-access/verify`, { taskId: id, password: 'longenough' });
    expect(r.status).toBe(429);
    expect(r.body.message).toBe('Too many attempts. Try again later.');
  });
});
