// Byte compatibility with the official CLI 1.13.0 (taskmarket-cli.md §0–§2): the same operation is run
// once by the real CLI (child process, no shell) and once by this client against one recording stub on
// 127.0.0.1; method, path+query, the headers that matter, body bytes and the x402 payload must agree.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePaymentSignatureHeader } from '@x402/core/http';
import { getAddress } from 'viem';
import {
  createTaskmarketReader,
  createTaskmarketWriter,
  encryptKeystore,
  keystoreSigner,
  SIM_NETWORK,
  TRANSFER_WITH_AUTHORIZATION_TYPES,
  type Keystore,
} from '../../src/markets/taskmarket/index.js';
import { json, startStub, wireTask, type Seen, type Stub } from './stub-server.js';

const CLI = resolve('node_modules/@lucid-agents/taskmarket/dist/index.js');
const DEK = randomBytes(32).toString('hex');
const TASK = '0x' + 'ab'.repeat(32);
const PAY_TO = getAddress('0x5157a7ad0d0000000000000000000000000fee01');
let stub: Stub;
let home: string;
let ks: Keystore;

const challenge = {
  x402Version: 2,
  error: 'Payment required',
  resource: { url: 'http://127.0.0.1/x', description: 'paid action', mimeType: 'application/json' },
  accepts: [
    {
      scheme: 'exact',
      network: 'eip155:84532',
      amount: '1000',
      asset: SIM_NETWORK.usdcAddress,
      payTo: PAY_TO,
      maxTimeoutSeconds: 300,
      extra: {
        name: 'USDC',
        version: '2',
        eip712: { domain: { name: 'USDC', version: '2', chainId: 84532, verifyingContract: SIM_NETWORK.usdcAddress }, types: TRANSFER_WITH_AUTHORIZATION_TYPES, primaryType: 'TransferWithAuthorization' },
      },
    },
  ],
};

/** Key server + a market that answers each route the way the backend would. */
function market(req: Seen, res: import('node:http').ServerResponse) {
  const path = req.url.split('?')[0]!;
  if (path.endsWith('/key')) return json(res, 200, { deviceEncryptionKey: DEK });
  if (req.method === 'GET' && path === '/api/tasks') return json(res, 200, { tasks: [wireTask()], nextCursor: null, hasMore: false });
  if (req.method === 'GET' && path === `/api/tasks/${TASK}`) return json(res, 200, { ...wireTask({ id: TASK }), pendingActions: [] });
  if (req.method === 'POST' && path.endsWith('/claim')) return json(res, 200, { success: true, claimId: 'c1' });
  if (req.method === 'POST' && !req.headers['payment-signature']) {
    const reward = path === '/api/tasks' ? (JSON.parse(req.body) as { reward: string }).reward : '1000';
    return json(res, 402, { ...challenge, accepts: [{ ...challenge.accepts[0], amount: reward }] });
  }
  if (path === '/api/tasks') return json(res, 200, { success: true, taskId: TASK, intentId: 'i1', taskDropId: null });
  if (path.endsWith('/bids/accept')) return json(res, 200, { success: true, acceptedPrice: '1500000', workerAddress: ks.walletAddress });
  if (path.endsWith('/pitches')) return json(res, 200, { success: true, pitchId: 'p1' });
  if (path.endsWith('/bids')) return json(res, 200, { success: true, bidId: 'b1' });
  return json(res, 200, { success: true, txHash: '0x' + '01'.repeat(32) });
}

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, TASKMARKET_API_URL: stub.url };
  delete env.TASKMARKET_IDEMPOTENCY_KEY;
  return new Promise((done) =>
    execFile(process.execPath, [CLI, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) =>
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    ),
  );
}

/** The market requests (key fetches dropped) made while `fn` runs. */
async function record(fn: () => Promise<unknown>): Promise<Seen[]> {
  stub.seen.length = 0;
  await fn();
  return stub.seen.filter((s) => !s.url.endsWith('/key'));
}

const HEADERS = ['content-type', 'x-taskmarket-caller-address', 'x-taskmarket-caller-signature'];
function shape(s: Seen) {
  const headers: Record<string, unknown> = {};
  for (const h of HEADERS) headers[h] = s.headers[h];
  headers.idempotency = typeof s.headers['x-taskmarket-idempotency-key'] === 'string';
  headers.payment = typeof s.headers['payment-signature'] === 'string';
  return { method: s.method, url: s.url, headers, body: s.body };
}

function paymentOf(s: Seen) {
  const p = decodePaymentSignatureHeader(s.headers['payment-signature'] as string);
  const auth = (p.payload as { authorization: Record<string, string> }).authorization;
  return { keys: Object.keys(p), resource: p.resource, accepted: p.accepted, authKeys: Object.keys(auth), from: auth.from, to: auth.to, value: auth.value, window: Number(auth.validBefore) - Number(auth.validAfter) };
}

beforeAll(async () => {
  stub = await startStub(market);
  home = await mkdtemp(join(tmpdir(), 'tm-cli-bytes-'));
  ks = encryptKeystore({ privateKey: `0x${'3c'.repeat(32)}`, dek: DEK, deviceId: 'dev-1', apiToken: 'tok-1', keyServerUrl: stub.url, agentId: '1' });
  await mkdir(join(home, '.taskmarket'), { recursive: true });
  await writeFile(join(home, '.taskmarket', 'keystore.json'), JSON.stringify(ks, null, 2), { mode: 0o600 });
});
afterAll(() => stub.close());

const ours = () => {
  const signer = keystoreSigner(ks);
  return { read: createTaskmarketReader({ apiUrl: stub.url, signer }), write: createTaskmarketWriter({ apiUrl: stub.url, signer, network: SIM_NETWORK }) };
};

describe('same bytes as CLI 1.13.0', () => {
  it('task list (read-auth, default filters)', async () => {
    const cli = await record(async () => expect((await runCli(['task', 'list'])).code).toBe(0));
    const mine = await record(() => ours().read.listTasks({ status: 'open' }));
    expect(mine.map(shape)).toEqual(cli.map(shape));
  });

  it('task get (read-auth)', async () => {
    const cli = await record(async () => expect((await runCli(['task', 'get', TASK])).code).toBe(0));
    const mine = await record(() => ours().read.getTask(TASK));
    expect(mine.map(shape)).toEqual(cli.map(shape));
  });

  it('task claim (EIP-191 signed, deterministic signature)', async () => {
    const cli = await record(async () => expect((await runCli(['task', 'claim', TASK])).code).toBe(0));
    const mine = await record(() => ours().write.claim({ taskId: TASK }));
    expect(mine.map(shape)).toEqual(cli.map(shape));
  });

  for (const [name, args, run] of [
    ['task bid', ['task', 'bid', TASK, '--price', '2'], () => ours().write.bid({ taskId: TASK, price: 2_000_000n })],
    ['task auction-accept', ['task', 'auction-accept', TASK, '--min-price', '1'], () => ours().write.auctionAccept({ taskId: TASK, minPrice: 1_000_000n })],
    ['task cancel', ['task', 'cancel', TASK], () => ours().write.cancel({ taskId: TASK })],
    [
      'task create (bounty)',
      ['task', 'create', '--description', 'Write a haiku', '--reward', '5', '--duration', '24', '--tags', 'poetry,short'],
      () => ours().write.createTask({ description: 'Write a haiku', reward: 5_000_000n, durationHours: 24, tags: ['poetry', 'short'] }),
    ],
    [
      'task create (dutch auction)',
      ['task', 'create', '--description', 'Dutch', '--reward', '4', '--duration', '12', '--mode', 'auction', '--max-price', '4', '--auction-type', 'dutch', '--auction-floor-price', '1', '--bid-deadline', '2'],
      () => ours().write.createTask({ description: 'Dutch', reward: 4_000_000n, durationHours: 12, mode: 'auction', auctionType: 'dutch', auctionFloorPrice: 1_000_000n, bidDeadlineHours: 2 }),
    ],
    [
      'task pitch (signed + x402)',
      ['task', 'pitch', TASK, '--text', 'I can do it', '--duration', '3'],
      () => ours().write.pitch({ taskId: TASK, text: 'I can do it', durationHours: 3 }),
    ],
  ] as const) {
    it(`${name} (x402, two legs, one idempotency key)`, async () => {
      const cli = await record(async () => {
        const r = await runCli([...args]);
        expect(r.code, r.stderr).toBe(0);
      });
      const mine = await record(run);
      expect(mine.map(shape)).toEqual(cli.map(shape));
      for (const legs of [cli, mine]) {
        expect(legs).toHaveLength(2);
        expect(legs[0]!.headers['x-taskmarket-idempotency-key']).toBe(legs[1]!.headers['x-taskmarket-idempotency-key']);
      }
      expect(paymentOf(mine[1]!)).toEqual(paymentOf(cli[1]!));
    });
  }
});
