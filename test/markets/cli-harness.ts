// Shared harness for the byte-compat tests: one recording stub plays key server + market, a keystore in a
// private HOME serves the real CLI 1.13.0 (child process, no shell) and this client alike.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { expect } from 'vitest';
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
export const TASK = '0x' + 'ab'.repeat(32);
export const PAY_TO = getAddress('0x5157a7ad0d0000000000000000000000000fee01');
export const CURRENT_REWARD = 5_000_000n;
/** Routes the backend serves without x402 (cli §1.4). */
const FREE = ['/request-upload-url', '/claim', '/pitches/select', '/forfeit', '/bids/select-winner', '/finalize-verdict'];

export interface Harness {
  stub: Stub;
  home: string;
  ks: Keystore;
  runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }>;
  record(fn: () => Promise<unknown>): Promise<Seen[]>;
  ours(): { read: ReturnType<typeof createTaskmarketReader>; write: ReturnType<typeof createTaskmarketWriter> };
  close(): Promise<void>;
}

function challengeFor(amount: string) {
  return {
    x402Version: 2,
    error: 'Payment required',
    resource: { url: 'http://127.0.0.1/x', description: 'paid action', mimeType: 'application/json' },
    accepts: [
      {
        scheme: 'exact',
        network: 'eip155:84532',
        amount,
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
}

/** What the backend would charge for this POST (backend §1.1). */
function priceOf(path: string, body: Record<string, string>): string {
  if (path === '/api/tasks') return body.reward ?? '0';
  if (path.endsWith('/update')) {
    const up = body.reward ? BigInt(body.reward) - CURRENT_REWARD : 0n;
    return String(1000n + (up > 0n ? up : 0n));
  }
  return '1000';
}

export async function startHarness(opts: { legalReceipt?: string } = {}): Promise<Harness> {
  const dek = randomBytes(32).toString('hex');
  let ks!: Keystore;
  const market = (req: Seen, res: ServerResponse) => {
    const path = req.url.split('?')[0]!;
    if (path.endsWith('/key')) return json(res, 200, { deviceEncryptionKey: dek });
    if (req.method === 'PUT' && path.startsWith('/upload/')) return json(res, 200, {});
    if (path.endsWith('/submissions/request-upload-url')) {
      const name = (JSON.parse(req.body) as { fileName: string }).fileName;
      return json(res, 200, { uploadUrl: `http://${req.headers.host}/upload/${name}`, artifactKey: `tasks/${TASK}/${name}` });
    }
    if (req.method === 'GET' && path === '/api/tasks') return json(res, 200, { tasks: [wireTask()], nextCursor: null, hasMore: false });
    if (req.method === 'GET' && path === `/api/tasks/${TASK}`) {
      return json(res, 200, { ...wireTask({ id: TASK }), pendingActions: [{ role: 'requester', action: 'accept', command: `taskmarket task accept ${TASK} --worker <address>` }] });
    }
    const body = (req.body ? JSON.parse(req.body) : {}) as Record<string, string>;
    const free = FREE.some((s) => path.endsWith(s));
    if (req.method === 'POST' && !free && !req.headers['payment-signature']) return json(res, 402, challengeFor(priceOf(path, body)));
    if (path === '/api/tasks') return json(res, 200, { success: true, taskId: TASK, intentId: 'i1', taskDropId: null });
    if (path.endsWith('/claim')) return json(res, 200, { success: true, claimId: 'c1' });
    if (path.endsWith('/pitches')) return json(res, 200, { success: true, pitchId: 'p1' });
    if (path.endsWith('/submissions/from-keys')) return json(res, 200, { success: true, submissionId: 'sub-1' });
    if (path.endsWith('/proofs')) return json(res, 200, { success: true, proofId: 'pr1', submissionId: 's1' });
    if (path.endsWith('/rate')) return json(res, 200, { success: true, feedbackId: 'f1' });
    if (path.endsWith('/bids/accept')) return json(res, 200, { success: true, acceptedPrice: '1500000', workerAddress: ks.walletAddress });
    if (path.endsWith('/bids/select-winner')) return json(res, 200, { success: true, workerAddress: ks.walletAddress });
    if (path.endsWith('/bids')) return json(res, 200, { success: true, bidId: 'b1' });
    if (path.endsWith('/update')) return json(res, 200, { ...wireTask({ id: TASK }), pendingActions: [] });
    return json(res, 200, { success: true, txHash: '0x' + '01'.repeat(32) });
  };
  const stub = await startStub(market);
  const home = await mkdtemp(join(tmpdir(), 'tm-cli-bytes-'));
  ks = encryptKeystore({ privateKey: `0x${'3c'.repeat(32)}`, dek, deviceId: 'dev-1', apiToken: 'tok-1', keyServerUrl: stub.url, agentId: '1' });
  if (opts.legalReceipt) ks = { ...ks, legalAcceptanceApiOrigin: new URL(stub.url).origin, legalAcceptanceReceipt: opts.legalReceipt };
  await mkdir(join(home, '.taskmarket'), { recursive: true });
  await writeFile(join(home, '.taskmarket', 'keystore.json'), JSON.stringify(ks, null, 2), { mode: 0o600 });
  return {
    stub,
    home,
    ks,
    runCli(args) {
      const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, TASKMARKET_API_URL: stub.url };
      delete env.TASKMARKET_IDEMPOTENCY_KEY;
      return new Promise((done) =>
        execFile(process.execPath, [CLI, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) =>
          done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
        ),
      );
    },
    async record(fn) {
      stub.seen.length = 0;
      await fn();
      return stub.seen.filter((s) => !s.url.endsWith('/key'));
    },
    ours() {
      const signer = keystoreSigner(ks);
      return { read: createTaskmarketReader({ apiUrl: stub.url, signer }), write: createTaskmarketWriter({ apiUrl: stub.url, signer, network: SIM_NETWORK }) };
    },
    close: () => stub.close(),
  };
}

const HEADERS = ['content-type', 'x-taskmarket-caller-address', 'x-taskmarket-caller-signature', 'x-taskmarket-legal-receipt'];
export function shape(s: Seen) {
  const headers: Record<string, unknown> = {};
  for (const h of HEADERS) headers[h] = s.headers[h];
  headers.idempotency = typeof s.headers['x-taskmarket-idempotency-key'] === 'string';
  headers.payment = typeof s.headers['payment-signature'] === 'string';
  return { method: s.method, url: s.url, headers, body: s.body };
}

export function paymentOf(s: Seen) {
  const p = decodePaymentSignatureHeader(s.headers['payment-signature'] as string);
  const auth = (p.payload as { authorization: Record<string, string> }).authorization;
  return { keys: Object.keys(p), resource: p.resource, accepted: p.accepted, authKeys: Object.keys(auth), from: auth.from, to: auth.to, value: auth.value, window: Number(auth.validBefore) - Number(auth.validAfter) };
}

/** Run the CLI and this client for one operation; assert the same requests (and payments) went out. */
export async function compare(h: Harness, args: string[], run: () => Promise<unknown>, opts: { skipCliGets?: boolean } = {}) {
  let cli = await h.record(async () => {
    const r = await h.runCli(args);
    expect(r.code, r.stderr).toBe(0);
  });
  if (opts.skipCliGets) cli = cli.filter((s) => s.method !== 'GET');
  const mine = await h.record(run);
  expect(mine.map(shape)).toEqual(cli.map(shape));
  const paid = cli.filter((s) => s.headers['payment-signature']);
  paid.forEach((leg, i) => expect(paymentOf(mine.filter((s) => s.headers['payment-signature'])[i]!)).toEqual(paymentOf(leg)));
  for (const legs of [cli, mine]) {
    legs.forEach((leg, i) => {
      if (!leg.headers['payment-signature']) return;
      const first = legs[i - 1]!; // leg 1 of the same x402 exchange
      expect(first.url).toBe(leg.url);
      expect(first.headers['x-taskmarket-idempotency-key']).toBe(leg.headers['x-taskmarket-idempotency-key']);
    });
  }
  return { cli, mine };
}
