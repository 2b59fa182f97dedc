// A tiny node:http server on 127.0.0.1 whose replies a test scripts per request, recording what arrived.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type StubHandler = (req: Seen, res: ServerResponse) => void | Promise<void>;

export interface Stub {
  url: string;
  seen: Seen[];
  handle(fn: StubHandler): void;
  close(): Promise<void>;
}

export async function startStub(initial?: StubHandler): Promise<Stub> {
  let handler: StubHandler = initial ?? ((_r, res) => json(res, 200, {}));
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s: Seen = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(s);
      Promise.resolve(handler(s, res)).catch(() => res.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    handle(fn) {
      handler = fn;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

/** A valid wire task row; override fields per test. */
export function wireTask(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: '0x' + 'ab'.repeat(32),
    referenceCode: 'TSK-TEST0001',
    requester: '0x' + '11'.repeat(20),
    requesterPubkey: null,
    description: 'Write a haiku',
    reward: '5000000',
    escrowTxHash: '0x' + '00'.repeat(32),
    createdAt: '2026-11-22T03:00:00.000Z',
    expiryTime: '2026-11-23T03:00:00.000Z',
    status: 'open',
    tags: ['poetry'],
    mode: 'bounty',
    taskVisibility: 'public',
    submissionVisibility: 'public',
    stakeRequired: false,
    stakeBps: 0,
    pitchDeadline: null,
    bidDeadline: null,
    maxPrice: null,
    metricDescription: null,
    metricTarget: null,
    claimedBy: null,
    claimedAt: null,
    platformFeeBps: 500,
    submissionCount: 0,
    pitchCount: 0,
    submissionWindowOpen: true,
    phase: 'active',
    netReward: '4750000',
    ...over,
  };
}
