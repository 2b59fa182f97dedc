// Whatever a market answers, every reader method either returns core-model values or rejects with a
// MarketError — never another exception type (DESIGN: "never crashes on one").
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MarketError } from '../../src/markets/errors.js';
import { createTaskmarketReader, privateKeySigner, type TaskmarketReader } from '../../src/markets/taskmarket/index.js';
import { startStub, wireTask, type Stub } from './stub-server.js';

let stub: Stub;
let reader: TaskmarketReader;
const ADDR = `0x${'11'.repeat(20)}` as const;

beforeAll(async () => {
  stub = await startStub();
  reader = createTaskmarketReader({ apiUrl: stub.url, timeoutMs: 5000, signer: privateKeySigner(`0x${'42'.repeat(32)}`, { deviceId: 'd', apiToken: 't' }) });
});
afterAll(() => stub.close());

const deep = '['.repeat(5000) + ']'.repeat(5000);
const bodies: [string, number, string][] = [
  ['empty', 200, ''],
  ['null', 200, 'null'],
  ['array', 200, '[]'],
  ['object', 200, '{}'],
  ['number', 200, '1e999'],
  ['string', 200, '"\\u001b[2J"'],
  ['truncated', 200, '{"tasks":['],
  ['deep nesting', 200, deep],
  ['proto pollution', 200, '{"__proto__":{"polluted":true},"tasks":[],"hasMore":false}'],
  ['wrong nested types', 200, JSON.stringify({ tasks: [wireTask({ tags: 'notalist', submissionCount: -1 })], nextCursor: 5, hasMore: 'yes' })],
  ['html error', 500, '<html>oops</html>'],
  ['teapot', 418, '{"error":{"message":{"nested":"object"}}}'],
  ['rate limited garbage retry-after', 429, '{}'],
];

const calls: [string, (r: TaskmarketReader) => Promise<unknown>][] = [
  ['networkInfo', (r) => r.networkInfo()],
  ['listTasks', (r) => r.listTasks({})],
  ['getTask', (r) => r.getTask('0x1')],
  ['getBids', (r) => r.getBids('0x1')],
  ['getSubmissions', (r) => r.getSubmissions('0x1')],
  ['getPitches', (r) => r.getPitches('0x1')],
  ['inbox', (r) => r.inbox(ADDR)],
  ['myBids', (r) => r.myBids()],
  ['balance', (r) => r.balance(ADDR)],
  ['agentStats', (r) => r.agentStats(ADDR)],
  ['emails', (r) => r.emails({})],
  ['markEmailRead', (r) => r.markEmailRead('1', true)],
];

describe('garbage in, MarketError out', () => {
  for (const [bodyName, status, text] of bodies) {
    it(`${bodyName} (${status})`, async () => {
      stub.handle((_r, res) => {
        res.writeHead(status, { 'Content-Type': 'application/json', 'Retry-After': 'whenever' });
        res.end(text);
      });
      for (const [name, call] of calls) {
        const outcome = await call(reader).then(
          (v) => ({ ok: true as const, v }),
          (e: unknown) => ({ ok: false as const, e }),
        );
        if (!outcome.ok) {
          expect(outcome.e, `${name} threw ${String(outcome.e)}`).toBeInstanceOf(MarketError);
          expect((outcome.e as MarketError).message.length).toBeLessThanOrEqual(500);
        }
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }
});
