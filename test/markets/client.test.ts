// The HTTP edge against a node:http stub on 127.0.0.1: status mapping, timeouts, redirects, non-JSON,
// connection errors, and the headers CLI 1.13.0 sends (taskmarket-cli.md §0.1–§0.2).
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recoverMessageAddress } from 'viem';
import { MarketError } from '../../src/markets/errors.js';
import { createTaskmarketClient, createTaskmarketReader, parseRetryAfter, privateKeySigner } from '../../src/markets/taskmarket/index.js';
import { json, startStub, type Stub } from './stub-server.js';

let stub: Stub;
beforeAll(async () => {
  stub = await startStub();
});
afterAll(() => stub.close());

async function failure(p: Promise<unknown>): Promise<MarketError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MarketError);
  return err as MarketError;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('status mapping', () => {
  it('429 → rate_limited with Retry-After seconds parsed', async () => {
    stub.handle((_r, res) => json(res, 429, { error: 'slow down' }, { 'Retry-After': '7' }));
    const e = await failure(createTaskmarketClient({ apiUrl: stub.url }).get('/api/tasks'));
    expect(e.kind).toBe('rate_limited');
    expect(e.details.retryAfterMs).toBe(7000);
    expect(e.details.status).toBe(429);
    expect(e.retryable).toBe(true);
    expect(e.message).toContain('slow down');
  });

  it('Retry-After as an HTTP date', () => {
    const now = Date.parse('2026-11-22T03:00:00Z');
    expect(parseRetryAfter('Sun, 22 Nov 2026 03:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });

  it('5xx → server; 4xx → http with the backend message and envelope reason', async () => {
    stub.handle((_r, res) => json(res, 503, { error: 'Internal server error' }));
    const e = await failure(createTaskmarketClient({ apiUrl: stub.url }).get('/api/tasks'));
    expect(e.kind).toBe('server');
    expect(e.details.status).toBe(503);
    stub.handle((_r, res) => json(res, 409, { message: 'Intent in flight', code: 'CONFLICT', data: { taskmarket: { reason: 'intent_in_flight' } } }));
    const h = await failure(createTaskmarketClient({ apiUrl: stub.url }).post('/api/tasks/0x1/claim', {}));
    expect(h.kind).toBe('http');
    expect(h.details.reason).toBe('intent_in_flight');
    expect(h.message).toBe('POST /api/tasks/0x1/claim failed (409): Intent in flight');
  });

  it('401 → auth (protected reads, bad signatures, bad device tokens)', async () => {
    stub.handle((_r, res) => json(res, 401, { message: 'Caller authentication required', code: 'UNAUTHORIZED' }));
    const e = await failure(createTaskmarketClient({ apiUrl: stub.url }).get('/api/bids/my'));
    expect(e.kind).toBe('auth');
    expect(e.retryable).toBe(false);
  });

  it('a 2xx that is not JSON → schema; a 500 that is not JSON → server with its text', async () => {
    stub.handle((_r, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<html>hello</html>');
    });
    expect((await failure(createTaskmarketClient({ apiUrl: stub.url }).get('/api/tasks'))).kind).toBe('schema');
    stub.handle((_r, res) => {
      res.writeHead(502);
      res.end('Bad Gateway');
    });
    const e = await failure(createTaskmarketClient({ apiUrl: stub.url }).get('/api/tasks'));
    expect(e.kind).toBe('server');
    expect(e.message).toContain('Bad Gateway');
  });
});

describe('transport', () => {
  it('times out a server that never answers', async () => {
    stub.handle(() => undefined); // never respond
    const e = await failure(createTaskmarketClient({ apiUrl: stub.url, timeoutMs: 200 }).get('/api/tasks'));
    expect(e.kind).toBe('timeout');
    expect(e.retryable).toBe(true);
  });

  it('a caller abort is reported as an abort, not a timeout', async () => {
    stub.handle(() => undefined);
    const ac = new AbortController();
    const p = createTaskmarketClient({ apiUrl: stub.url, timeoutMs: 10_000 }).get('/api/tasks', { signal: ac.signal });
    ac.abort();
    const e = await failure(p);
    expect(e.kind).toBe('network');
    expect(e.details.reason).toBe('aborted');
  });

  it('refuses redirects', async () => {
    stub.handle((_r, res) => {
      res.writeHead(302, { Location: 'http://127.0.0.1:1/elsewhere' });
      res.end();
    });
    const e = await failure(createTaskmarketClient({ apiUrl: stub.url }).get('/api/tasks'));
    expect(e.kind).toBe('http');
    expect(e.details.reason).toBe('redirect');
  });

  it('connection refused → network', async () => {
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as { port: number }).port;
    await new Promise<void>((r) => srv.close(() => r()));
    const e = await failure(createTaskmarketClient({ apiUrl: `http://127.0.0.1:${port}` }).get('/api/tasks'));
    expect(e.kind).toBe('network');
  });

  it('only http(s) API URLs without credentials', () => {
    for (const bad of ['file:///etc/passwd', 'ftp://127.0.0.1/', 'javascript:alert(1)', 'http://u:p@127.0.0.1/', 'not a url', 'http://127.0.0.1/?x=1']) {
      expect(() => createTaskmarketClient({ apiUrl: bad })).toThrow(MarketError);
    }
    expect(createTaskmarketClient({ apiUrl: 'http://127.0.0.1:4010/' }).apiUrl).toBe('http://127.0.0.1:4010');
  });

  it('caps oversized bodies', async () => {
    stub.handle((_r, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('"' + 'x'.repeat(9 * 1024 * 1024) + '"');
    });
    expect((await failure(createTaskmarketClient({ apiUrl: stub.url }).get('/api/tasks'))).kind).toBe('schema');
  });
});

describe('headers as the CLI sends them', () => {
  it('GET carries Content-Type json and no idempotency key; POST carries a fresh UUID each time', async () => {
    stub.handle((_r, res) => json(res, 200, { ok: true }));
    const client = createTaskmarketClient({ apiUrl: stub.url });
    stub.seen.length = 0;
    await client.get('/api/tasks', { query: { status: 'open', limit: '20', cursor: undefined } });
    await client.post('/api/tasks/0x1/claim', { a: 1 });
    await client.post('/api/tasks/0x1/claim', { a: 1 });
    const [g, p1, p2] = stub.seen;
    expect(g!.headers['content-type']).toBe('application/json');
    expect(g!.headers['x-taskmarket-idempotency-key']).toBeUndefined();
    expect(g!.url).toBe('/api/tasks?status=open&limit=20');
    expect(p1!.headers['x-taskmarket-idempotency-key']).toMatch(UUID);
    expect(p2!.headers['x-taskmarket-idempotency-key']).toMatch(UUID);
    expect(p1!.headers['x-taskmarket-idempotency-key']).not.toBe(p2!.headers['x-taskmarket-idempotency-key']);
    expect(JSON.parse(p1!.body)).toEqual({ a: 1 });
  });

  it('read-auth: checksummed address + signature of taskmarket:read:<lower address>', async () => {
    const signer = privateKeySigner(`0x${'42'.repeat(32)}`);
    stub.handle((_r, res) => json(res, 200, []));
    stub.seen.length = 0;
    const reader = createTaskmarketReader({ apiUrl: stub.url, signer });
    await reader.myBids();
    const h = stub.seen[0]!.headers;
    expect(stub.seen[0]!.url).toBe('/api/bids/my');
    expect(h['x-taskmarket-caller-address']).toBe(signer.address);
    const recovered = await recoverMessageAddress({
      message: `taskmarket:read:${signer.address.toLowerCase()}`,
      signature: h['x-taskmarket-caller-signature'] as `0x${string}`,
    });
    expect(recovered).toBe(signer.address);
  });

  it('myBids without a wallet is [] and sends nothing; task ids are path-encoded', async () => {
    stub.seen.length = 0;
    const reader = createTaskmarketReader({ apiUrl: stub.url });
    expect(await reader.myBids()).toEqual([]);
    expect(stub.seen).toHaveLength(0);
    stub.handle((_r, res) => json(res, 200, []));
    await reader.getBids('0x1/../../admin?x=1');
    expect(stub.seen[0]!.url).toBe('/api/tasks/0x1%2F..%2F..%2Fadmin%3Fx%3D1/bids');
  });

  it('list filters go out the way `task list` sends them, plus sort', async () => {
    stub.handle((_r, res) => json(res, 200, { tasks: [], nextCursor: null, hasMore: false }));
    stub.seen.length = 0;
    await createTaskmarketReader({ apiUrl: stub.url }).listTasks({
      status: 'open',
      mode: 'auction',
      auctionType: 'dutch',
      tags: ['a', 'b'],
      minReward: 1_500_000n,
      maxReward: 9_000_000n,
      deadlineHours: 24,
      cursor: '2026-11-22T03:00:00.000Z',
      sort: 'newest',
    });
    const q = new URL(stub.seen[0]!.url, 'http://x').searchParams;
    expect(Object.fromEntries(q)).toEqual({
      status: 'open',
      mode: 'auction',
      auctionType: 'dutch',
      tags: 'a,b',
      minReward: '1500000',
      maxReward: '9000000',
      deadlineHours: '24',
      limit: '20',
      cursor: '2026-11-22T03:00:00.000Z',
      sort: 'newest',
    });
  });

  it('emails: device creds in the query; never in error messages', async () => {
    const signer = privateKeySigner(`0x${'42'.repeat(32)}`, { deviceId: 'dev-1', apiToken: 'secret-token-123' });
    const reader = createTaskmarketReader({ apiUrl: stub.url, signer });
    stub.handle((_r, res) =>
      json(res, 200, {
        emails: [
          { id: 1, fromAddress: 'a@x', toAddress: 'b@x', subject: 'old', bodyText: 'hi', receivedAt: '2026-11-22T01:00:00Z', isRead: 1 },
          { id: 2, fromAddress: 'a@x', toAddress: 'b@x', subject: 'new', bodyText: null, receivedAt: '2026-11-22T02:00:00Z', isRead: 0 },
        ],
      }),
    );
    stub.seen.length = 0;
    const emails = await reader.emails({ limit: 5, unreadOnly: true });
    expect(emails.map((e) => e.subject)).toEqual(['new', 'old']);
    expect(emails[0]!.isRead).toBe(false);
    expect(stub.seen[0]!.url).toBe('/api/emails/list?deviceId=dev-1&apiToken=secret-token-123&limit=5&unread=true');
    stub.handle((_r, res) => json(res, 401, { error: 'Invalid token' }));
    const e = await failure(reader.emails({}));
    expect(e.message).not.toContain('secret-token-123');
    expect(await createTaskmarketReader({ apiUrl: stub.url }).emails({})).toEqual([]);
  });
});
