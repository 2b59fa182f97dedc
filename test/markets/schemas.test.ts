// Wire schemas + normalisation through the real client against a stub server: good bodies become the core
// model (bigint money, epoch ms); malformed ones become MarketError('schema') naming route and field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MarketError } from '../../src/markets/errors.js';
import { createTaskmarketReader, type TaskmarketReader } from '../../src/markets/taskmarket/index.js';
import { json, startStub, wireTask, type Stub } from './stub-server.js';

let stub: Stub;
let reader: TaskmarketReader;

beforeAll(async () => {
  stub = await startStub();
  reader = createTaskmarketReader({ apiUrl: stub.url, timeoutMs: 5000 });
});
afterAll(() => stub.close());

/** Serve `body` (raw text when a string) for every request. */
function serve(body: unknown, status = 200): void {
  stub.handle((_req, res) => {
    if (typeof body === 'string') {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(body);
    } else json(res, status, body);
  });
}

async function schemaError(p: Promise<unknown>): Promise<MarketError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MarketError);
  expect((err as MarketError).kind).toBe('schema');
  return err as MarketError;
}

describe('task list and detail', () => {
  it('normalises a list page: bigint money, epoch-ms times, no pendingActions on rows', async () => {
    serve({ tasks: [wireTask({ extraUnknownField: { nested: true } })], nextCursor: '2026-11-22T03:00:00.000Z', hasMore: true });
    const page = await reader.listTasks({ status: 'open' });
    expect(page.hasMore).toBe(true);
    expect(page.nextCursor).toBe('2026-11-22T03:00:00.000Z');
    const t = page.tasks[0]!;
    expect(t.reward).toBe(5_000_000n);
    expect(t.netReward).toBe(4_750_000n);
    expect(t.createdAt).toBe(Date.parse('2026-11-22T03:00:00.000Z'));
    expect(t.pendingActions).toBeUndefined();
    expect('extraUnknownField' in t).toBe(false);
  });

  it('normalises detail with every auction field and pendingActions', async () => {
    serve(
      wireTask({
        mode: 'auction',
        auctionType: 'dutch',
        maxPrice: '5000000',
        auctionFloorPrice: '1000000',
        auctionStartPrice: null,
        currentAuctionPrice: '4321000',
        auctionBidCount: 0,
        currentLowestBid: null,
        bidDeadline: '2026-11-22T05:00:00.000Z',
        auctionPriceReachesFloorAt: '2026-11-22T05:00:00.000Z',
        pendingActions: [
          {
            role: 'worker',
            action: 'auction_accept',
            command: `taskmarket task auction-accept 0x${'ab'.repeat(32)} # current price: $4.321000`,
            eligibleAddress: null,
            requiresPayment: true,
            paymentAmount: '1000',
            availableAfter: null,
            availableUntil: '2026-11-22T05:00:00.000Z',
            targetWorker: null,
          },
        ],
        awards: [],
      }),
    );
    const t = (await reader.getTask('0x' + 'ab'.repeat(32)))!;
    expect(t.auctionType).toBe('dutch');
    expect(t.maxPrice).toBe(5_000_000n);
    expect(t.auctionFloorPrice).toBe(1_000_000n);
    expect(t.currentAuctionPrice).toBe(4_321_000n);
    expect(t.bidDeadline).toBe(Date.parse('2026-11-22T05:00:00.000Z'));
    expect(t.pendingActions).toHaveLength(1);
    expect(t.pendingActions![0]!.paymentAmount).toBe(1000n);
    expect(t.pendingActions![0]!.availableUntil).toBe(Date.parse('2026-11-22T05:00:00.000Z'));
  });

  it('maps a JSON null task to null', async () => {
    serve('null');
    expect(await reader.getTask('0x' + 'cd'.repeat(32))).toBeNull();
  });

  it('derives phase and submissionWindowOpen when an older server omits them', async () => {
    const row = wireTask({ expiryTime: '2000-01-01T00:00:00.000Z' });
    delete row.phase;
    delete row.submissionWindowOpen;
    serve({ tasks: [row], nextCursor: null, hasMore: false });
    const t = (await reader.listTasks({})).tasks[0]!;
    expect(t.phase).toBe('awaiting_settlement');
    expect(t.submissionWindowOpen).toBe(false);
  });
});

describe('malformed bodies become MarketError kind schema', () => {
  it('truncated JSON', async () => {
    serve('{"tasks":[{"id":"0x');
    const e = await schemaError(reader.listTasks({}));
    expect(e.message).toContain('GET /api/tasks');
    expect(e.message).toContain('not JSON');
  });

  it('wrong type for money names the field', async () => {
    serve({ tasks: [wireTask({ reward: 5 })], nextCursor: null, hasMore: false });
    const e = await schemaError(reader.listTasks({}));
    expect(e.message).toContain('tasks[0].reward');
    expect(e.details.route).toBe('GET /api/tasks');
  });

  it('float money strings and negative money are refused', async () => {
    serve({ tasks: [wireTask({ reward: '1.5' })], nextCursor: null, hasMore: false });
    expect((await schemaError(reader.listTasks({}))).message).toContain('tasks[0].reward');
    serve({ tasks: [wireTask({ reward: '-5' })], nextCursor: null, hasMore: false });
    await schemaError(reader.listTasks({}));
  });

  it('huge numbers as strings stay exact bigints; absurd widths are refused', async () => {
    const huge = '9'.repeat(60);
    serve({ tasks: [wireTask({ reward: huge })], nextCursor: null, hasMore: false });
    expect((await reader.listTasks({})).tasks[0]!.reward).toBe(BigInt(huge));
    serve({ tasks: [wireTask({ reward: '9'.repeat(100) })], nextCursor: null, hasMore: false });
    await schemaError(reader.listTasks({}));
  });

  it('missing required fields and unknown enum values', async () => {
    const row = wireTask();
    delete row.status;
    serve(wireTask({ pendingActions: undefined }));
    expect((await schemaError(reader.getTask('0x1'))).message).toContain('pendingActions');
    serve({ tasks: [row], nextCursor: null, hasMore: false });
    expect((await schemaError(reader.listTasks({}))).message).toContain('tasks[0].status');
    serve({ tasks: [wireTask({ mode: 'lottery' })], nextCursor: null, hasMore: false });
    expect((await schemaError(reader.listTasks({}))).message).toContain('tasks[0].mode');
  });

  it('bad timestamps', async () => {
    serve({ tasks: [wireTask({ expiryTime: 'tomorrow-ish' })], nextCursor: null, hasMore: false });
    expect((await schemaError(reader.listTasks({}))).message).toContain('expiryTime');
    // zone-less date-times would be read as local time: refused
    serve({ tasks: [wireTask({ expiryTime: '2026-11-23T03:00:00' })], nextCursor: null, hasMore: false });
    expect((await schemaError(reader.listTasks({}))).message).toContain('expiryTime');
    serve({ tasks: [wireTask({ expiryTime: '2026-11-23T05:00:00+02:00' })], nextCursor: null, hasMore: false });
    expect((await reader.listTasks({})).tasks[0]!.expiryTime).toBe(Date.parse('2026-11-23T03:00:00Z'));
  });

  it('a non-object body where a list page is expected', async () => {
    serve([1, 2, 3]);
    await schemaError(reader.listTasks({}));
    serve('"just a string"');
    await schemaError(reader.listTasks({}));
  });

  it('the message never echoes the offending value', async () => {
    const hostile = '\u001b]0;pwned\u0007' + 'x'.repeat(5000);
    serve({ tasks: [wireTask({ reward: hostile })], nextCursor: null, hasMore: false });
    const e = await schemaError(reader.listTasks({}));
    expect(e.message).not.toContain('pwned');
    expect(e.message.length).toBeLessThanOrEqual(500);
  });
});

describe('other wire objects', () => {
  it('bids: sealed entries carry null worker and price', async () => {
    serve([
      { id: 'b1', taskId: '0x1', workerAddress: null, price: null, createdAt: '2026-11-22T03:00:00.000Z', workerAgentId: null },
      { id: 'b2', taskId: '0x1', workerAddress: '0x' + '22'.repeat(20), price: '900000', createdAt: '2026-11-22T03:01:00.000Z', isMyBid: true },
    ]);
    const bids = await reader.getBids('0x1');
    expect(bids[0]!.price).toBeNull();
    expect(bids[0]!.workerAddress).toBeNull();
    expect(bids[1]!.price).toBe(900_000n);
    expect(bids[1]!.isMyBid).toBe(true);
  });

  it('submissions, pitches, inbox, agent stats, balance, network info', async () => {
    serve([{ id: 's1', taskId: '0x1', workerAddress: '0xw', fileUrl: null, signature: '0x', submittedAt: '2026-11-22T03:00:00Z', rejectedAt: null, artifacts: [] }]);
    expect((await reader.getSubmissions('0x1'))[0]!.submittedAt).toBe(Date.parse('2026-11-22T03:00:00Z'));
    serve([{ id: 'p1', taskId: '0x1', workerAddress: '0xw', pitchText: 'I can', estimatedDuration: 2, status: 'pending', submittedAt: '2026-11-22T03:00:00Z' }]);
    expect((await reader.getPitches('0x1'))[0]!.status).toBe('pending');
    serve({ asRequester: [wireTask()], asWorker: [], invitedPrivateTasks: [] });
    expect((await reader.inbox(`0x${'11'.repeat(20)}`)).asRequester[0]!.reward).toBe(5_000_000n);
    serve({ address: '0x' + '11'.repeat(20), agentId: 42, completedTasks: 3, ratedTasks: 1, averageRating: 90, totalEarnings: '123', emailAddress: null });
    const stats = await reader.agentStats(`0x${'11'.repeat(20)}`);
    expect(stats.agentId).toBe('42');
    expect(stats.totalEarnings).toBe(123n);
    serve({ address: '0x' + '11'.repeat(20), balanceBaseUnits: '1000001', balanceUsdc: '1.000001' });
    expect(await reader.balance(`0x${'11'.repeat(20)}`)).toBe(1_000_001n);
    serve({ result: { data: { networkName: 'base', chainId: 8453, usdcAddress: '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913' } } });
    expect((await reader.networkInfo()).chainId).toBe(8453);
    serve({ networkName: 'base', chainId: 8453, usdcAddress: '0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913' });
    expect((await schemaError(reader.networkInfo())).message).toContain('result');
  });
});
