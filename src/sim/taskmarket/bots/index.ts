// Seeded market participants for the simulator (`taskdesk sim --bots N`, and the desk's SIM mode). Each bot
// runs its own loop over real HTTP with real x402 payments; the pace follows the sim's time scale; a failing
// request is counted and skipped, never thrown, and stop() waits for every loop to finish.
import { setMaxListeners } from 'node:events';
import { accountsOf } from '../accounts/accounts.js';
import type { Sim } from '../../sim.js';
import { newBot, sendMail, setUpBot, step, type BotContext } from './bot.js';
import { createRng } from './random.js';
import { runSniper, sleep, type Sniper } from './sniper.js';

export interface StartBotsOptions {
  count: number;
  seed: string | number;
  /** The sim's own 127.0.0.1 URL. */
  url: string;
  /** Mean market time between one bot's steps (default 4 s → with 4 bots a new task every ~4 s of market time). */
  stepMs?: number;
  /**
   * How many of the bots also run a sniper (sniper.ts) on their own wallet, taking clocks at their own
   * targets; default min(2, floor(count / 2)). Their step loops are unchanged; no extra wallets are minted.
   */
  snipers?: number;
}

export interface Bots {
  readonly addresses: readonly string[];
  /** Steps taken and steps that failed (network errors, refused requests are not failures). */
  stats(): { steps: number; errors: number };
  stop(): Promise<void>;
}

const MIN_REAL_DELAY_MS = 150;
const MAIL_EVERY_STEPS = 25;
/** stop() lets a step's requests finish (so nothing lands after it resolves) but no longer than this. */
const STOP_GRACE_MS = 5_000;

/** How much faster than real time the market runs (1 for real and manual clocks). */
function timeScale(sim: Sim): number {
  const scale = (sim.clock as { scale?: unknown }).scale;
  return sim.clockMode === 'scaled' && typeof scale === 'number' && scale > 0 ? scale : 1;
}


/** Someone outside the bot set with an email address (the demo wallet), if any. */
function mailTarget(sim: Sim, bots: ReadonlySet<string>): string | null {
  const agents = Object.values(accountsOf(sim).data.agents);
  const human = agents.find((a) => a.emailAddress && !bots.has(a.address.toLowerCase()));
  return human?.emailAddress ?? null;
}

export function startBots(sim: Sim, opts: StartBotsOptions): Bots {
  // `controller` ends the loops (sleeps); in-flight requests finish unless stop() waits too long (`hard`).
  const controller = new AbortController();
  const hard = new AbortController();
  const signal = controller.signal;
  // Every sleeping bot waits on `signal`, every request in flight on `hard` (one listener each, removed when
  // the sleep or the request ends): a crowd of up to N, not a leak.
  const count = Math.max(0, Math.floor(opts.count));
  const snipers = Math.min(count, Math.max(0, Math.floor(opts.snipers ?? Math.min(2, Math.floor(count / 2)))));
  setMaxListeners(Math.max(10, count + snipers + 2), signal, hard.signal);
  const seed = String(opts.seed);
  const stepMs = opts.stepMs ?? 4_000;
  const counters = { steps: 0, errors: 0 };
  const bots: BotContext[] = [];
  for (let i = 0; i < Math.max(0, Math.floor(opts.count)); i++) {
    bots.push(newBot(i, seed, opts.url, createRng(`${seed}:${i}`), hard.signal));
  }
  const botSet = new Set(bots.map((b) => b.client.address.toLowerCase()));
  // The last `snipers` bots snipe clocks too, once set up (funded); a sniper polls about once a real second.
  const sniping: Sniper[] = [];
  const sniperPollMs = Math.max(200, 1_000 / timeScale(sim));

  async function loop(bot: BotContext): Promise<void> {
    try {
      await setUpBot(bot);
    } catch {
      counters.errors++;
    }
    if (bot.index >= bots.length - snipers && !signal.aborted) sniping.push(runSniper(bot, seed, signal, counters, { pollMs: sniperPollMs }));
    // Stagger the first steps so the bots do not move in lockstep.
    await sleep((bot.rng.next() * stepMs) / timeScale(sim), signal);
    let n = 0;
    while (!signal.aborted) {
      try {
        if (bot.index === 0 && ++n % MAIL_EVERY_STEPS === 0) {
          const to = mailTarget(sim, botSet);
          if (to) await sendMail(bot, to);
        } else {
          await step(bot);
        }
        counters.steps++;
      } catch {
        if (!signal.aborted) counters.errors++;
      }
      const marketDelay = stepMs * (0.5 + bot.rng.next());
      await sleep(Math.max(MIN_REAL_DELAY_MS, marketDelay / timeScale(sim)), signal);
    }
  }

  const running = bots.map((b) => loop(b));
  let stopping: Promise<void> | null = null;
  return {
    addresses: bots.map((b) => b.client.address),
    stats: () => ({ ...counters }),
    stop() {
      stopping ??= (async () => {
        controller.abort();
        const timer = setTimeout(() => hard.abort(), STOP_GRACE_MS);
        await Promise.allSettled(running);
        await Promise.allSettled(sniping.map((s) => s.done));
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}
