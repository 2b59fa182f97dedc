// Private tasks and forfeit with the official CLI (backend §1.2 visibility, §1.4 forfeit, §1.10 inbox):
// allow-listed viewers and password grants, invitedPrivateTasks in the inbox, forfeit after expiry.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDesk, USDC, type Agent, type Desk } from './cli.js';

vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

let desk: Desk;
let req: Agent;
let w1: Agent;
let w2: Agent;

beforeAll(async () => {
  desk = await startDesk({ manualClock: true });
  [req, w1, w2] = await Promise.all([desk.agent(10n * USDC), desk.agent(USDC), desk.agent(USDC)]);
});
afterAll(() => desk?.close());

describe('private tasks', () => {
  it('only viewers see it; a password unlock grants a view; the inbox lists the invitation', async () => {
    const { taskId } = await req.ok(['task', 'create', '--description', 'Confidential audit', '--reward', '1', '--duration', '24',
      '--task-visibility', 'private', '--allowed-viewers', w1.address, '--access-password', 'correct-horse']);
    expect((await w1.ok(['task', 'get', taskId])).taskVisibility).toBe('private');
    const hidden = await w2.run(['task', 'get', taskId]);
    expect(hidden.code).toBe(1);
    expect(hidden.err?.error).toContain('not found');
    expect((await w2.ok(['task', 'list'])).tasks.map((t: { id: string }) => t.id)).not.toContain(taskId);
    const inbox = await w1.ok(['inbox']);
    expect(inbox.invitedPrivateTasks.map((t: { id: string }) => t.id)).toEqual([taskId]);
    const grant = await w2.ok(['task', 'unlock', taskId, '--password', 'correct-horse']);
    expect(grant).toMatchObject({ taskId });
    expect(Date.parse(grant.expiresAt)).toBeGreaterThan(0); // the grant itself is cached in the agent's HOME
    expect((await w2.ok(['task', 'get', taskId])).id).toBe(taskId);
    const viewers = await req.ok(['task', 'viewers', taskId]);
    expect(JSON.stringify(viewers).toLowerCase()).toContain(w1.address.toLowerCase());
  });
});

describe('forfeit', () => {
  it('the requester reopens a claimed task once it has expired', async () => {
    const { taskId } = await req.ok(['task', 'create', '--mode', 'claim', '--description', 'Quick fix', '--reward', '1', '--duration', '1']);
    await w1.ok(['task', 'claim', taskId]);
    const early = await req.run(['task', 'forfeit', taskId]);
    expect(early.code).toBe(1);
    await desk.advance(2 * 3_600_000);
    expect((await desk.task(taskId)).pendingActions.map((a: { action: string }) => a.action)).toEqual(['forfeit']);
    await req.ok(['task', 'forfeit', taskId]);
    const t = await desk.task(taskId);
    expect(t).toMatchObject({ status: 'open', claimedBy: null });
  });
});
