// The KarmaCadabra agents on the EM side (`taskdesk sim --bots N`, and the desk's SIM mode): kk-juanjumagalp buys
// the supply chain step by step and the four sellers apply and deliver — all over real HTTP with ERC-8128 and real
// EIP-3009 escrow signatures. Each bot runs its own heartbeat loop (real time, jittered); a failing request is
// counted, never thrown. `manual: true` runs no loops: the caller drives `heartbeat()` (tests).
import { randomBytes } from 'node:crypto';
import { keccak256, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { Sim } from '../../sim.js';
import { createRng } from '../../taskmarket/bots/random.js';
import { EmBotClient } from './client.js';
import { Consumer } from './consumer.js';
import { CONSUMER, SUPPLY_CHAIN } from './products.js';
import { Seller } from './seller.js';

export interface StartEmBotsOptions {
  /** The sim's own 127.0.0.1 URL. */
  url: string;
  seed: string | number;
  /** Mean real time between one bot's heartbeats (default 4 s; KK's are 5 min). */
  heartbeatMs?: number;
  /** No loops: call heartbeat() yourself. */
  manual?: boolean;
}

export interface EmBots {
  /** name → lower-case wallet. */
  readonly wallets: Readonly<Record<string, string>>;
  /** One heartbeat of every bot, consumer first (manual mode; also works alongside the loops). */
  heartbeat(): Promise<void>;
  stats(): { heartbeats: number; errors: number; cycles: number; stepsDone: number; delivered: number };
  stop(): Promise<void>;
}

const MIN_DELAY_MS = 250;
const STOP_GRACE_MS = 5_000;

export function emBotKey(seed: string, name: string): `0x${string}` {
  return keccak256(toHex(`taskdesk-em-bot:${seed}:${name}`));
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}

export function startEmBots(sim: Sim, opts: StartEmBotsOptions): EmBots {
  const seed = String(opts.seed);
  const controller = new AbortController();
  const hard = new AbortController();
  const rng = createRng(`em:${seed}`);
  const rand = () => rng.next();
  const client = (name: string) => new EmBotClient(opts.url, privateKeyToAccount(emBotKey(seed, name)), sim.config.chainId, hard.signal);
  const consumer = new Consumer(client(CONSUMER), randomBytes(6).toString('hex'), rand);
  const sellers = SUPPLY_CHAIN.map((p) => new Seller(p.seller, p, client(p.seller), rand));
  const counters = { heartbeats: 0, errors: 0 };
  const ready = new Map<object, Promise<void>>();

  type Bot = Consumer | Seller;
  const all: Bot[] = [consumer, ...sellers];
  const setUp = (b: Bot): Promise<void> => {
    let p = ready.get(b);
    if (!p) {
      p = b.setUp().catch(() => {
        ready.delete(b); // try again next heartbeat
        counters.errors++;
      });
      ready.set(b, p);
    }
    return p;
  };
  const beat = async (b: Bot): Promise<void> => {
    try {
      await setUp(b);
      await b.heartbeat();
      counters.heartbeats++;
    } catch {
      if (!controller.signal.aborted) counters.errors++;
    }
  };

  const heartbeatMs = opts.heartbeatMs ?? 4_000;
  async function loop(b: Bot): Promise<void> {
    await sleep(rand() * heartbeatMs, controller.signal);
    while (!controller.signal.aborted) {
      await beat(b);
      await sleep(Math.max(MIN_DELAY_MS, heartbeatMs * (0.75 + rand() * 0.5)), controller.signal);
    }
  }
  const running = opts.manual ? [] : all.map((b) => loop(b));

  let stopping: Promise<void> | null = null;
  return {
    wallets: Object.fromEntries(all.map((b) => [b instanceof Consumer ? CONSUMER : b.name, b.client.address])),
    async heartbeat() {
      for (const b of all) await beat(b);
    },
    stats: () => ({
      ...counters,
      cycles: consumer.state.cycles,
      stepsDone: consumer.state.stepsDone,
      delivered: sellers.reduce((s, x) => s + x.state.delivered, 0),
    }),
    stop() {
      stopping ??= (async () => {
        controller.abort();
        const timer = setTimeout(() => hard.abort(), STOP_GRACE_MS);
        await Promise.allSettled(running);
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}
