// `taskdesk sim` as a real process (dist/, like `npm start` uses it): --em-lock-delay makes assign answer 202, the
// EM options parse like the others, and --bots brings the KarmaCadabra agents to life under /em.
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimProcess, type SimProcess } from '../e2e-helpers/proc.js';
import { emBotKey } from '../../src/sim/execution-market/bots/index.js';
import { parseSimArgs, UsageError } from '../../src/sim/main.js';
import { EmClient, newWallet, paymentAuth, taskBody, type Wallet } from './helpers.js';

describe('taskdesk sim EM options', () => {
  it('parses --em-lock-delay and --em-rate-limit', () => {
    expect(parseSimArgs(['--em-lock-delay', '1500', '--em-rate-limit=0'])).toMatchObject({ emLockDelayMs: 1500, emRateLimit: 0 });
    expect(parseSimArgs([])).toMatchObject({ emLockDelayMs: 0, emRateLimit: 60 });
    expect(() => parseSimArgs(['--em-lock-delay', '-1'])).toThrow(UsageError);
    expect(() => parseSimArgs(['--em-lock-delay', '600001'])).toThrow('--em-lock-delay: a whole number from 0 to 600000');
  });
});

describe('taskdesk sim --em-lock-delay 300 --bots 1', () => {
  let proc: SimProcess;
  beforeAll(async () => {
    proc = await startSimProcess(['--em-lock-delay', '300', '--bots', '1', '--seed', 'cli-test']);
  });
  afterAll(async () => {
    await proc?.stop();
  });

  async function faucet(address: string, amount: bigint) {
    const r = await fetch(`${proc.url}/sim/faucet`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-taskmarket-idempotency-key': crypto.randomUUID() }, body: JSON.stringify({ address, amount: amount.toString() }) });
    expect(r.status).toBe(200);
  }

  it('assign answers 202 and the task becomes accepted after the delay', async () => {
    const payer: Wallet = newWallet();
    const worker: Wallet = newWallet();
    await faucet(payer.address, 1_000_000n);
    const pub = new EmClient(proc.url, payer);
    const wk = new EmClient(proc.url, worker);
    const id = (await pub.post('/tasks', taskBody({ skills_required: ['cli-test-only'] }))).body.id;
    const reg = await wk.post('/workers/register', { wallet_address: worker.address }, { as: null });
    const executorId = reg.body.data.executor_id;
    expect((await wk.post(`/tasks/${id}/apply`, { executor_id: executorId })).status).toBe(200);
    const ch = await pub.get(`/tasks/${id}/assign/challenge?executor_id=${executorId}`);
    const r = await pub.post(`/tasks/${id}/assign`, { executor_id: executorId }, { headers: { 'X-Payment-Auth': await paymentAuth(payer, ch.body) } });
    expect(r.status).toBe(202);
    let status = (await pub.get(`/tasks/${id}`)).body.status;
    expect(status).toBe('assigning');
    const until = Date.now() + 15_000;
    while (status === 'assigning' && Date.now() < until) {
      await new Promise((res) => setTimeout(res, 100));
      status = (await pub.get(`/tasks/${id}`)).body.status;
    }
    expect(status).toBe('accepted');
  });

  it('the KarmaCadabra consumer publishes "[KK Request]" bounties and kk-karma-hello gets assigned', async () => {
    const consumer = privateKeyToAccount(emBotKey('cli-test', 'kk-juanjumagalp')).address.toLowerCase();
    const seller = privateKeyToAccount(emBotKey('cli-test', 'kk-karma-hello')).address;
    const anon = new EmClient(proc.url, null);
    const until = Date.now() + 30_000;
    let executorId: string | null = null;
    for (;;) {
      // Registration is get-or-create: once the seller bot has registered, this names its executor id.
      const reg = await anon.post('/workers/register', { wallet_address: seller });
      if (reg.body.message === 'Worker already registered') executorId = reg.body.data.executor_id;
      const tasks = (await anon.get(`/tasks?publisher=${consumer}`)).body.tasks as { title: string; executor_id: string | null; status: string }[];
      const raw = tasks.find((t) => t.title === '[KK Request] Raw Chat Logs' && t.executor_id !== null);
      if (raw && executorId) {
        expect(raw.executor_id).toBe(executorId);
        expect(['accepted', 'in_progress', 'submitted', 'completed']).toContain(raw.status);
        break;
      }
      if (Date.now() > until) throw new Error(`the EM bots did not get going:\n${proc.output()}`);
      await new Promise((res) => setTimeout(res, 250));
    }
  });
});
