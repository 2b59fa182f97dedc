// Sniper bots: simulator participants that watch the open dutch and reverse-dutch clocks over HTTP and
// auction-accept each one once the listed price reaches their own target — at or below it on a falling
// clock, at or above it on a rising one — with a --min-price guard, paying the fee with real x402 like every
// other bot. Targets are seeded per (seed, sniper, task), so a demo replays the same races; each sniper reads
// the list once a poll (default every second of real time) and reacts after a short seeded delay, which is
// how they win some races against an armed order on the desk and lose others.
import type { BotContext } from './bot.js';
import { createRng } from './random.js';

export interface SniperOptions {
  /** Real ms between list reads (default 1000). */
  pollMs?: number;
  /** Most real ms between seeing the target met and sending the accept (default 300). */
  maxReactionMs?: number;
}

interface ClockRow {
  id: string;
  requester: string;
  status: string;
  auctionType: string | null;
  maxPrice: string | null;
  auctionFloorPrice: string | null;
  auctionStartPrice: string | null;
  currentAuctionPrice: string | null;
}

const units = (v: string | null | undefined): bigint | null => (typeof v === 'string' && /^[0-9]{1,30}$/.test(v) ? BigInt(v) : null);

/** A sniper's target on a clock, the same on every run for the same seed, sniper and task; null without a clock. */
export function sniperTarget(seed: string, index: number, row: ClockRow): bigint | null {
  const max = units(row.maxPrice);
  if (max === null || (row.auctionType !== 'dutch' && row.auctionType !== 'reverse_dutch')) return null;
  const rng = createRng(`${seed}:sniper:${index}:${row.id}`);
  if (row.auctionType === 'dutch') {
    const floor = units(row.auctionFloorPrice) ?? 0n;
    // Somewhere between 40% and 90% of the way down: early enough to beat the patient, late enough to be beaten.
    return max - ((max - floor) * BigInt(rng.int(40, 90))) / 100n;
  }
  const start = units(row.auctionStartPrice) ?? 0n;
  return start + ((max - start) * BigInt(rng.int(10, 60))) / 100n;
}

/** The --min-price guard a sniper sends: a little under its target on a falling clock, the target on a rising one. */
export function sniperGuard(row: ClockRow, target: bigint): bigint {
  if (row.auctionType !== 'dutch') return target;
  const max = units(row.maxPrice) ?? target;
  const floor = units(row.auctionFloorPrice) ?? 0n;
  // A tenth of the range: room for a poll and a reaction on a fast clock, never below the floor.
  const guard = target - (max - floor) / 10n;
  return guard < floor ? floor : guard;
}

export interface Sniper {
  /** Accepts sent, and how many the market took. */
  stats(): { accepts: number; won: number };
  done: Promise<void>;
}

/** Sleep `ms`, or less when `signal` aborts (the bots' loops stop at once). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Run one sniper on a bot's wallet until `signal` aborts. Failures are counted in `errors`, never thrown. */
export function runSniper(bot: BotContext, seed: string, signal: AbortSignal, counters: { errors: number }, o: SniperOptions = {}): Sniper {
  const pollMs = o.pollMs ?? 1_000;
  const maxReactionMs = o.maxReactionMs ?? 300;
  // Its own stream: the bot's step loop keeps the random sequence it always had.
  const rng = createRng(`${seed}:sniper-pace:${bot.index}`);
  const seen = new Set<string>();
  const stats = { accepts: 0, won: 0 };
  const me = bot.client.address.toLowerCase();

  async function poll(): Promise<void> {
    const list = await bot.client.get('/api/tasks?status=open&mode=auction&limit=100');
    const rows = (list.body?.tasks ?? []) as ClockRow[];
    for (const row of rows) {
      if (signal.aborted) return;
      if (seen.has(row.id) || row.status !== 'open' || row.requester?.toLowerCase() === me) continue;
      const target = sniperTarget(seed, bot.index, row);
      const price = units(row.currentAuctionPrice);
      if (target === null || price === null) continue;
      const met = row.auctionType === 'dutch' ? price <= target : price >= target;
      if (!met) continue;
      seen.add(row.id);
      await sleep(rng.int(0, maxReactionMs), signal);
      if (signal.aborted) return;
      stats.accepts++;
      const r = await bot.client.paid(`/api/tasks/${row.id}/bids/accept`, { taskId: row.id, minPrice: sniperGuard(row, target).toString() });
      if (r.status === 200) stats.won++;
    }
  }

  const done = (async () => {
    while (!signal.aborted) {
      try {
        await poll();
      } catch {
        if (!signal.aborted) counters.errors++;
      }
      await sleep(pollMs * (0.75 + rng.next() / 2), signal);
    }
  })();
  return { stats: () => ({ ...stats }), done };
}
