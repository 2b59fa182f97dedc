// /em/ws over a real socket: the upgrade is signed with ERC-8128; unsigned sockets open but join no room and get no
// events; signed sockets are in user:<wallet> and global, may join task:<id> as participants and category:<cat>;
// lifecycle events arrive once per socket; bad signatures and API keys are refused before the upgrade.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { newWallet, paymentAuth, signedHeaders, startEmSim, taskBody, worker, type EmClient, type EmSim, type Wallet } from './helpers.js';

interface Msg {
  type: string;
  payload: any;
}

class Sock {
  readonly msgs: Msg[] = [];
  private waiters: Array<() => void> = [];
  constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => {
      this.msgs.push(JSON.parse(String(d)));
      for (const w of this.waiters.splice(0)) w();
    });
  }
  send(type: string, payload: unknown = {}) {
    this.ws.send(JSON.stringify({ type, payload }));
  }
  async next(pred: (m: Msg) => boolean, what: string, ms = 10_000): Promise<Msg> {
    const until = Date.now() + ms;
    for (;;) {
      const hit = this.msgs.find(pred);
      if (hit) return hit;
      if (Date.now() > until) throw new Error(`no ${what}; got ${JSON.stringify(this.msgs.map((m) => m.type === 'event' ? m.payload.event : m.type))}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
  }
  events(name?: string) {
    return this.msgs.filter((m) => m.type === 'event' && (!name || m.payload.event === name));
  }
  /** Round-trip a ping: everything the server sent before it has arrived. */
  async flush() {
    const before = this.msgs.filter((m) => m.type === 'pong').length;
    this.send('ping');
    await this.next(() => this.msgs.filter((m) => m.type === 'pong').length > before, 'pong');
  }
}

let sim: EmSim;
let publisher: Wallet;
let pub: EmClient;
const open: WebSocket[] = [];

async function connect(wallet: Wallet | null, headers: Record<string, string> = {}): Promise<Sock> {
  const url = `ws://127.0.0.1:${sim.port}/em/ws`;
  const signed = wallet ? await signedHeaders(wallet, 'GET', url, null) : {};
  const ws = new WebSocket(url, { headers: { ...signed, ...headers } });
  open.push(ws);
  const s = new Sock(ws);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  await s.next((m) => m.type === 'welcome', 'welcome');
  return s;
}

beforeAll(async () => {
  sim = await startEmSim();
  publisher = newWallet();
  pub = sim.client(publisher);
  await sim.faucet(publisher.address, 1_000_000n);
});
afterAll(async () => {
  for (const ws of open) ws.terminate();
  await sim?.close();
});

describe('/em/ws', () => {
  it('rooms and events: unsigned hears nothing; publisher, worker and category rooms hear the lifecycle', async () => {
    const anon = await connect(null);
    expect(anon.msgs[0]!.payload).toEqual({ authenticated: false, wallet: null, rooms: [] });
    anon.send('subscribe', { room: 'global' });
    expect((await anon.next((m) => m.type === 'error', 'error')).payload.code).toBe('not_authenticated');

    const p = await connect(publisher);
    expect(p.msgs[0]!.payload).toMatchObject({ authenticated: true, wallet: publisher.address.toLowerCase(), rooms: [`user:${publisher.address.toLowerCase()}`, 'global'] });
    const w = await worker(sim);
    const ws = await connect(w.wallet);
    ws.send('subscribe', { room: 'category:knowledge_access' });
    await ws.next((m) => m.type === 'subscribed', 'subscribed');

    const bystander = await connect(newWallet());
    const t = (await pub.post('/tasks', taskBody())).body;
    const seenGlobal = await bystander.next((m) => m.payload?.event === 'TaskCreated', 'TaskCreated in global');
    expect(seenGlobal.payload).toMatchObject({ room: 'global', payload: { task_id: t.id } });
    const created = await p.next((m) => m.payload?.event === 'TaskCreated', 'TaskCreated');
    expect(created.payload).toMatchObject({ room: `user:${publisher.address.toLowerCase()}`, payload: { task_id: t.id, task: { id: t.id, status: 'published' } } });
    await ws.next((m) => m.payload?.event === 'TaskCreated', 'TaskCreated for the worker');
    expect(ws.events('TaskCreated')).toHaveLength(1); // in global and category: delivered once

    // task:<id> is for participants only.
    ws.send('subscribe', { room: `task:${t.id}` });
    expect((await ws.next((m) => m.type === 'error' && m.payload.room === `task:${t.id}`, 'forbidden')).payload.code).toBe('forbidden');
    await w.c.post(`/tasks/${t.id}/apply`, { executor_id: w.executorId });
    ws.send('subscribe', { room: `task:${t.id}` });
    await ws.next((m) => m.type === 'subscribed' && m.payload.room === `task:${t.id}`, 'task room');
    const appEvent = await p.next((m) => m.payload?.event === 'ApplicationReceived', 'ApplicationReceived');
    expect(appEvent.payload.payload).toMatchObject({ task_id: t.id, executor_id: w.executorId });

    const ch = await pub.get(`/tasks/${t.id}/assign/challenge?executor_id=${w.executorId}`);
    await pub.post(`/tasks/${t.id}/assign`, { executor_id: w.executorId }, { headers: { 'X-Payment-Auth': await paymentAuth(publisher, ch.body) } });
    await ws.next((m) => m.payload?.event === 'WorkerAssigned', 'WorkerAssigned');
    await ws.next((m) => m.payload?.event === 'PaymentEscrowed', 'PaymentEscrowed');
    const sub = await w.c.post(`/tasks/${t.id}/submit`, { executor_id: w.executorId, evidence: { json_response: { ok: true } } });
    await p.next((m) => m.payload?.event === 'SubmissionReceived', 'SubmissionReceived');
    await pub.post(`/submissions/${sub.body.data.submission_id}/approve`);
    const paid = await ws.next((m) => m.payload?.event === 'PaymentReleased', 'PaymentReleased');
    expect(paid.payload.payload).toMatchObject({ worker_net_usdc: '0.043500', platform_fee_usdc: '0.006500' });
    await ws.next((m) => m.payload?.event === 'TaskCompleted', 'TaskCompleted');
    expect(ws.events('WorkerAssigned')).toHaveLength(1);

    // Everything above reached the signed sockets; the unsigned one got no event at all, and a bystander only
    // the global ones (created, completed), none of the task's private steps.
    await anon.flush();
    expect(anon.events()).toEqual([]);
    await bystander.next((m) => m.payload?.event === 'TaskCompleted', 'TaskCompleted in global');
    await bystander.flush();
    expect(bystander.events().map((m) => m.payload.event)).toEqual(['TaskCreated', 'TaskCompleted']);

    const rooms = await pub.get('/em/ws/rooms');
    expect(rooms.body).toMatchObject({ global: 3, 'category:knowledge_access': 1, [`task:${t.id}`]: 1 });
    expect((await sim.client(null).get('/em/ws/rooms')).status).toBe(401);
  });

  it('refuses a bad signature (401) and an API key (403) before the upgrade', async () => {
    await expect(connect(null, { Signature: 'eth=:AAAA:', 'Signature-Input': 'eth=("@method");created=1;expires=2;nonce="abcdefgh";keyid="erc8128:84532:0x0000000000000000000000000000000000000001"' })).rejects.toThrow('HTTP 401');
    await expect(connect(null, { 'X-API-Key': 'em_free_0123456789abcdef0123456789abcdef' })).rejects.toThrow('HTTP 403');
    // A replayed upgrade signature is a spent nonce.
    const wallet = newWallet();
    const url = `ws://127.0.0.1:${sim.port}/em/ws`;
    const headers = await signedHeaders(wallet, 'GET', url, null);
    await connect(null, headers);
    await expect(connect(null, headers)).rejects.toThrow('HTTP 401');
  });
});
