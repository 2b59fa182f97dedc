// Dutch and reverse-dutch clock auctions with the official CLI (backend §1.3 bids/accept, §3.1 clock math):
// auction-accept at the current clock price, --min-price refusal before any charge, one winner only.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDesk, USDC, type Agent, type Desk } from './cli.js';

// Each CLI call is a fresh node process (~0.5 s idle, far more on a loaded 2-core box): generous limits.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

let desk: Desk;
let req: Agent;
let w1: Agent;
let w2: Agent;
let dutch: string;
let reverse: string;

beforeAll(async () => {
  desk = await startDesk({ manualClock: true });
  [req, w1, w2] = await Promise.all([desk.agent(20n * USDC), desk.agent(USDC), desk.agent(USDC)]);
  const common = ['--duration', '24', '--mode', 'auction', '--max-price', '2', '--reward', '2', '--bid-deadline', '2'];
  const [d, r] = await Promise.all([
    req.ok(['task', 'create', '--description', 'Label 500 images', ...common, '--auction-type', 'dutch', '--auction-floor-price', '1']),
    req.ok(['task', 'create', '--description', 'Review a PR', ...common, '--auction-type', 'reverse_dutch', '--auction-start-price', '0.5']),
  ]);
  dutch = d.taskId;
  reverse = r.taskId;
});
afterAll(() => desk?.close());

describe('clock auctions', () => {
  it('a bid on a clock auction is refused', async () => {
    const r = await w1.run(['task', 'bid', dutch, '--price', '1']);
    expect(r.code).toBe(1);
    expect(r.err?.error).toContain('auction-accept');
  });

  it('the clock starts at max (dutch) and at the start price (reverse dutch)', async () => {
    const [d, r] = await Promise.all([req.ok(['task', 'get', dutch]), req.ok(['task', 'get', reverse])]);
    expect(d.currentAuctionPrice).toBe('2000000');
    expect(r.currentAuctionPrice).toBe('500000');
    expect(d.pendingActions.map((a: { action: string }) => a.action)).toEqual(['cancel', 'update', 'auction_accept']);
    expect(d.pendingActions[2].command).toContain('# current price: $2.000000');
  });

  it('--min-price above the clock is refused with no charge', async () => {
    const before = await desk.balance(w1.address);
    const r = await w1.run(['task', 'auction-accept', reverse, '--min-price', '1']);
    expect(r.code).toBe(1);
    expect(r.err?.error).toContain('below');
    expect(await desk.balance(w1.address)).toBe(before);
  });

  it('half-way through the window the dutch price is 1.5 and reverse dutch 1.25; first accept wins', async () => {
    await desk.advance(60 * 60_000);
    // The market clock is frozen, so the price the detail shows is the price auction-accept must charge.
    const price = async (id: string) => BigInt((await desk.get(`/api/tasks/${id}`)).body.currentAuctionPrice);
    const [dp, rp] = [await price(dutch), await price(reverse)];
    // Half-way: 1.5 / 1.25 USDC, give or take the base unit the backend's truncating division may shift (§3.1).
    expect(dp - 1_500_000n).toBeGreaterThanOrEqual(0n);
    expect(dp - 1_500_000n).toBeLessThanOrEqual(1n);
    expect(1_250_000n - rp).toBeGreaterThanOrEqual(0n);
    expect(1_250_000n - rp).toBeLessThanOrEqual(1n);
    const d = await w1.ok(['task', 'auction-accept', dutch, '--min-price', '1.4']);
    expect(d.acceptedPrice).toBe(dp.toString());
    const late = await w2.run(['task', 'auction-accept', dutch]);
    expect(late.code).toBe(1);
    expect(late.err?.error).toContain('not open');
    const r = await w2.ok(['task', 'auction-accept', reverse, '--min-price', '0']);
    expect(r.acceptedPrice).toBe(rp.toString());
    const t = await req.ok(['task', 'get', dutch]);
    expect(t.status).toBe('claimed');
    expect(t.claimedBy.toLowerCase()).toBe(w1.address.toLowerCase());
    expect(t.pendingActions.map((a: { action: string }) => a.action)).toEqual(['submit']);
  });

  it('after the bid deadline the clock is closed', async () => {
    const { taskId } = await req.ok(['task', 'create', '--description', 'Too late', '--duration', '24', '--mode', 'auction',
      '--max-price', '1', '--reward', '1', '--bid-deadline', '1', '--auction-type', 'dutch', '--auction-floor-price', '0.5']);
    await desk.advance(2 * 60 * 60_000);
    const r = await w2.run(['task', 'auction-accept', taskId]);
    expect(r.code).toBe(1);
    expect(r.err?.error.toLowerCase()).toContain('expired');
  });
});
