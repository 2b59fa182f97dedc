// One simulated market participant: its own key, device, agent id and email, funded by the faucet; each
// step it creates a task, works on someone else's, or manages its own — all over HTTP with real x402.
import { createECDH } from 'node:crypto';
import { keccak256, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { BotClient } from './client.js';
import * as content from './content.js';
import type { Rng } from './random.js';
import { manageOwnTasks } from './requester.js';
import { workOnMarket, workOnClaimed } from './worker.js';

const USDC = 1_000_000n;
const FUND_TARGET = 500n * USDC;
const MODES = ['bounty', 'claim', 'pitch', 'benchmark', 'auction'] as const;
const AUCTIONS = ['dutch', 'english', 'reverse_dutch', 'reverse_english'] as const;
const REWARDS_CENTS = [50, 100, 150, 200, 300, 500, 800, 1200, 2000];
const DURATIONS_H = [0.25, 0.5, 1, 2, 6, 24];

export interface BotState {
  /** Task ids this bot created and still looks after. */
  own: Set<string>;
  /** Tasks this bot already submitted to / pitched on / bid on. */
  touched: Set<string>;
  /** Per-task reservation price for clock auctions, base units. */
  reservations: Map<string, bigint>;
  emailAddress: string | null;
  device: { deviceId: string; apiToken: string } | null;
}

export interface BotContext {
  index: number;
  privateKey: `0x${string}`;
  client: BotClient;
  rng: Rng;
  state: BotState;
}

export function botKey(seed: string, index: number): `0x${string}` {
  return keccak256(toHex(`taskdesk-bot:${seed}:${index}`));
}

const usdc = (cents: number) => (BigInt(cents) * USDC) / 100n;

/** Device + agent id + email + funds. Safe to repeat against a persisted sim. */
export async function setUpBot(ctx: BotContext): Promise<void> {
  const { client } = ctx;
  const account = client.account;
  const ecdh = createECDH('secp256k1');
  ecdh.setPrivateKey(Buffer.from(ctx.privateKey.slice(2), 'hex'));
  const signature = await client.sign(`taskmarket:device-register:${account.address.toLowerCase()}`);
  const device = await client.post(
    '/api/devices',
    { walletAddress: account.address, signature, publicKey: ecdh.getPublicKey('hex', 'compressed') },
    false,
  );
  if (device.status === 200) ctx.state.device = { deviceId: device.body.deviceId, apiToken: device.body.apiToken };
  const bal = await client.get(`/api/wallet/balance?address=${account.address}`);
  const have = BigInt(bal.body?.balanceBaseUnits ?? '0');
  if (have < FUND_TARGET) await client.post('/sim/faucet', { address: account.address, amount: (FUND_TARGET - have).toString() }, false);
  // After a restart from --state, pick up the tasks this bot still has to look after.
  const inbox = await client.get(`/api/agents/inbox?address=${account.address}`, true);
  for (const t of (inbox.body?.asRequester ?? []) as { id: string; status: string }[]) {
    if (!['cancelled', 'expired'].includes(t.status)) ctx.state.own.add(t.id);
  }
  const stats = await client.get(`/api/agents/stats?address=${account.address}`);
  ctx.state.emailAddress = stats.body?.emailAddress ?? null;
  if (!ctx.state.emailAddress && ctx.state.device) {
    const username = `bot-${ctx.index}-${account.address.slice(2, 8).toLowerCase()}`;
    const reg = await client.post('/api/emails/register', { ...ctx.state.device, username });
    if (reg.status === 200) ctx.state.emailAddress = reg.body.emailAddress;
  }
}

export async function createTask(ctx: BotContext): Promise<void> {
  const { rng, client } = ctx;
  const mode = rng.pick(MODES);
  const reward = usdc(rng.pick(REWARDS_CENTS));
  const duration = rng.pick(DURATIONS_H);
  const body: Record<string, unknown> = {
    description: content.description(rng),
    reward: reward.toString(),
    duration,
    mode,
    tags: content.tags(rng),
    taskVisibility: 'public',
    submissionVisibility: 'public',
    stakeRequired: false,
    stakeBps: 0,
  };
  if (mode === 'pitch') body.pitchDeadline = Math.round(duration * 3600 * 0.5);
  if (mode === 'auction') {
    const type = rng.pick(AUCTIONS);
    body.auctionType = type;
    body.maxPrice = reward.toString();
    // Fractional hours so auction clocks visibly move (the backend schema takes any positive number, §1.2).
    body.bidDeadline = Math.max(0.02, Number((duration * (0.2 + rng.next() * 0.3)).toFixed(3)));
    if (type === 'dutch') body.auctionFloorPrice = ((reward * BigInt(rng.int(30, 60))) / 100n).toString();
    if (type === 'reverse_dutch') body.auctionStartPrice = ((reward * BigInt(rng.int(10, 40))) / 100n).toString();
  }
  const r = await client.paid('/api/tasks', body);
  if (r.status === 200 && typeof r.body?.taskId === 'string') ctx.state.own.add(r.body.taskId);
}

/** Send a short mail to an agent outside the bot set (e.g. the demo wallet), now and then. */
export async function sendMail(ctx: BotContext, to: string): Promise<void> {
  const device = ctx.state.device;
  if (!device || !ctx.state.emailAddress) return;
  await ctx.client.post('/api/emails/send', { deviceId: device.deviceId, apiToken: device.apiToken, to, ...content.mail(ctx.rng) });
}

/** One step: weights favour working the market, then managing, then creating. */
export async function step(ctx: BotContext): Promise<void> {
  const roll = ctx.rng.next();
  if (roll < 0.25) return createTask(ctx);
  if (roll < 0.55) return workOnMarket(ctx);
  if (roll < 0.7) return workOnClaimed(ctx);
  return manageOwnTasks(ctx);
}

export function newBot(index: number, seed: string, url: string, rng: Rng, signal: AbortSignal): BotContext {
  const privateKey = botKey(seed, index);
  const account = privateKeyToAccount(privateKey);
  return {
    index,
    privateKey,
    client: new BotClient(url, account, signal),
    rng,
    state: { own: new Set(), touched: new Set(), reservations: new Map(), emailAddress: null, device: null },
  };
}
