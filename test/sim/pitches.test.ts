// Pitch mode over real HTTP: pitch (paid, payer = worker) → select-worker (paid by anyone + requester
// signature) → submit → accept, plus the one-pitch-per-worker, deadline and signature refusals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSim, type TestSim } from '../helpers/sim.js';
import { newWallet, paidPost, type Wallet } from '../helpers/x402.js';
import { createTask, FEE, sign, submit, task } from './submissions-helpers.js';

let sim: TestSim;
beforeAll(async () => {
  sim = await startTestSim({ manualClock: true });
});
afterAll(async () => {
  await sim.close();
});

const preflight = (error: string) => ({ error, taskmarket: { reason: 'payment_preflight_rejected' } });

async function pitch(id: string, worker: Wallet, text = 'I will do it', payer: Wallet = worker) {
  return paidPost(
    sim.url,
    `/api/tasks/${id}/pitches`,
    { taskId: id, workerAddress: worker.address, pitchText: text, estimatedDuration: 3, signature: await sign(worker, `taskmarket:pitch:${id}`) },
    payer.privateKey,
  );
}

async function select(id: string, pitchId: string, worker: string, signer: Wallet, payer: Wallet) {
  const signature = await sign(signer, `taskmarket:select-worker:${id}:${pitchId}:${worker.toLowerCase()}`);
  return paidPost(sim.url, `/api/tasks/${id}/pitches/select`, { taskId: id, pitchId, workerAddress: worker, signature }, payer.privateKey);
}

describe('pitch lifecycle', () => {
  it('pitch → select → submit → accept with exact money', async () => {
    const requester = newWallet();
    const alice = newWallet();
    const bob = newWallet();
    const helper = newWallet();
    await sim.faucet(requester.address, 10_000_000n);
    for (const w of [alice, bob, helper]) await sim.faucet(w.address, 100_000n);
    const id = await createTask(sim, requester, { mode: 'pitch', reward: 2_000_000n, pitchDeadline: 3600 });

    const pa = await pitch(id, alice, 'alice plan');
    expect(pa.status).toBe(200);
    expect(pa.challenge?.accepts[0]?.amount).toBe('1000');
    const pb = await pitch(id, bob, 'bob plan');
    expect(pb.status).toBe(200);

    const list = await sim.get(`/api/tasks/${id}/pitches`);
    expect(list.body.map((p: any) => [p.workerAddress, p.pitchText, p.status, p.estimatedDuration])).toEqual([
      [alice.address, 'alice plan', 'pending', 3],
      [bob.address, 'bob plan', 'pending', 3],
    ]);
    expect((await task(sim, id)).pitchCount).toBe(2);

    // Anyone may pay the selection fee; the signature must be the requester's.
    const sel = await select(id, pa.body.pitchId, alice.address, requester, helper);
    expect(sel.status).toBe(200);
    expect(sel.body).toEqual({ success: true });
    let t = await task(sim, id);
    expect(t.status).toBe('worker_selected');
    expect(t.claimedBy).toBe(alice.address);

    const wrong = await submit(sim, newWallet(), id).catch((e: Error) => e.message);
    expect(wrong).toMatch(/Only selected worker can submit/);
    const sub = await submit(sim, alice, id);
    expect(sub.status).toBe(200);
    t = await task(sim, id);
    expect(t.status).toBe('pending_approval');

    const acc = await paidPost(sim.url, `/api/tasks/${id}/accept`, { taskId: id, worker: alice.address }, requester.privateKey);
    expect(acc.status).toBe(200);
    t = await task(sim, id);
    expect(t.status).toBe('completed');
    expect(t.awards[0]).toMatchObject({ workerAddress: alice.address, workerPayment: '1900000', platformFee: '100000' });

    expect(await sim.balance(alice.address)).toBe(100_000n - FEE + 1_900_000n);
    expect(await sim.balance(bob.address)).toBe(100_000n - FEE);
    expect(await sim.balance(helper.address)).toBe(100_000n - FEE);
    expect(await sim.balance(requester.address)).toBe(10_000_000n - 2_000_000n - FEE);
  });

  it('refuses pitches and selections with the backend texts', async () => {
    const requester = newWallet();
    const alice = newWallet();
    const bob = newWallet();
    await sim.faucet(requester.address, 10_000_000n);
    for (const w of [alice, bob]) await sim.faucet(w.address, 100_000n);
    const id = await createTask(sim, requester, { mode: 'pitch', pitchDeadline: 600 });

    const otherPayer = await pitch(id, alice, 'x', bob);
    expect(otherPayer.status).toBe(403);
    expect(otherPayer.body).toEqual(preflight('Payment payer must be the pitch worker'));

    const first = await pitch(id, alice);
    expect(first.status).toBe(200);
    const dup = await pitch(id, alice);
    expect(dup.status).toBe(400);
    expect(dup.body).toEqual(preflight('Worker has already submitted a pitch'));

    const empty = await paidPost(sim.url, `/api/tasks/${id}/pitches`, { taskId: id, workerAddress: bob.address, pitchText: '', signature: '0x' }, bob.privateKey);
    expect(empty.status).toBe(400);
    expect(empty.body).toEqual({ error: 'Pitch text is required' });

    const notMine = await select(id, first.body.pitchId, alice.address, alice, alice);
    expect(notMine.status).toBe(403);
    expect(notMine.body).toEqual(preflight('Selection signature must be from the task requester'));

    const mismatch = await select(id, first.body.pitchId, bob.address, requester, requester);
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toEqual(preflight('Selected worker does not match the pitch worker'));

    const unknown = await select(id, 'nope', alice.address, requester, requester);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual(preflight('Pitch not found for this task'));

    const badSig = await paidPost(
      sim.url,
      `/api/tasks/${id}/pitches/select`,
      { taskId: id, pitchId: first.body.pitchId, workerAddress: alice.address, signature: '0xdeadbeef' },
      requester.privateKey,
    );
    expect(badSig.status).toBe(400);
    expect(badSig.body).toEqual(preflight('Invalid selection signature'));

    await sim.advance(601_000);
    const late = await pitch(id, bob);
    expect(late.status).toBe(400);
    expect(late.body).toEqual(preflight('Pitch deadline has passed'));
    // The pitch deadline does not block selection.
    const sel = await select(id, first.body.pitchId, alice.address, requester, requester);
    expect(sel.status).toBe(200);
    const again = await select(id, first.body.pitchId, alice.address, requester, requester);
    expect(again.body).toEqual(preflight('Task not open'));

    const claimTask = await createTask(sim, requester, { mode: 'claim' });
    const wrongMode = await pitch(claimTask, bob);
    expect(wrongMode.body).toEqual(preflight('Not a Pitch task'));
  });
});
