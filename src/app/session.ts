// One running desk session, shared by the TUI and `watch`: config → backend → store → pollers →
// ticker → message sources. Returns everything needed to render or stream, and one stop().
import { filtersFromConfig } from '../config/filters.js';
import { loadConfig } from '../config/load.js';
import type { DeskConfig } from '../config/schema.js';
import { MarketClock } from '../core/market-clock.js';
import { clockSamplingFetch } from '../markets/clock-fetch.js';
import { createDeskStore, type DeskStore } from '../store/desk-store.js';
import type { PollerOptions } from '../store/pollers.js';
import type { Scheduler } from '../store/scheduler.js';
import { startTicker, type Ticker } from '../store/ticker.js';
import type { Envelope } from '../store/xmtp-envelope.js';
import { findTaskmarketCli, startXmtpCli, startXmtpFile, storeSink, type XmtpSource } from '../store/xmtp-source.js';
import type { DeskArgs } from './args.js';
import type { Acting } from './act.js';
import { openBackend, type Backend } from './backend.js';
import { agentBackend, findAgent } from './identity.js';
import { openWalletScope, type WalletScope } from './wallet-scope.js';
import { startFleet, type FleetSession } from './fleet-session.js';

export interface Session {
  store: DeskStore;
  backend: Backend;
  scheduler: Scheduler;
  config: DeskConfig;
  /** Config and start-up problems for the operator. */
  problems: string[];
  /** Poll everything now (the R key), retrying at once when the market is down. */
  refresh(): void;
  /** How the desk acts (journal, executor, runner); null for `watch`, which never acts. */
  acting: Acting | null;
  /** The Fleet view's agents and pipelines (read side); null for `watch`. */
  fleet: FleetSession | null;
  /** Whether acting as the fleet agent `name` needs a typed password; null when the desk cannot act as it. */
  agentNeedsPassword(name: string): boolean | null;
  /** Act as the fleet agent `name` (null: the desk's own wallet) from now on; says what happened. */
  actAs(name: string | null, password?: string): Promise<{ ok: boolean; message: string }>;
  stop(): Promise<void>;
}

export interface StartSessionOptions {
  /** Open the journal and an executor so tickets can act (the desk); watch leaves it off. */
  act?: boolean;
  /** Poll the fleet's agents and pipelines (default: with `act`, i.e. the desk). */
  fleet?: boolean;
  env?: Record<string, string | undefined>;
  pollers?: PollerOptions;
  onEnvelope?: (e: Envelope) => void;
}

/** The cheap, synchronous half: config and an empty store, so the desk can draw its first frame at once. */
export interface PreparedSession {
  store: DeskStore;
  config: DeskConfig;
  problems: string[];
  api: string | null;
  /** What the market's responses say about its clock (Date / X-Sim-Time), fed into the store. */
  clock: MarketClock;
}

export function prepareSession(args: DeskArgs, opts: StartSessionOptions = {}): PreparedSession {
  const { config, problems } = loadConfig({ env: opts.env ?? process.env });
  const api = args.api ?? config.api;
  const { filter, sort } = filtersFromConfig(config.filters);
  const store = createDeskStore({
    badge: api ? 'LIVE' : 'SIM',
    apiUrl: api ?? '',
    readonly: args.readonly,
    filter,
    ...(sort ? { sort } : {}),
  });
  return { store, config, problems, api, clock: new MarketClock() };
}

/** A fetch that feeds every response's clock headers into the session's estimate (core/market-clock.ts). */
function clockedFetch(prep: PreparedSession): typeof fetch {
  return clockSamplingFetch(globalThis.fetch, (sample) => {
    const next = prep.clock.observe(sample);
    if (next !== prep.store.getState().clock) prep.store.getState().setClock(next);
  });
}

/**
 * When signatures say they were made: the market's clock when it runs at real speed (a laptop minutes off
 * would otherwise sign x402 authorizations and ERC-8128 requests the market refuses as not yet valid or
 * expired); this machine's clock before any sample and on a sped-up simulator, which checks payments
 * against real time.
 */
export function signingTime(clock: MarketClock, local: number = Date.now()): number {
  const st = clock.state;
  return st.samples > 0 && st.scale === 1 ? Math.round(clock.now(local)) : local;
}

/** The slow half: open the market (start the simulator, make the demo wallet), then poll and tick. */
export async function connectSession(prep: PreparedSession, args: DeskArgs, opts: StartSessionOptions = {}): Promise<Session> {
  const env = opts.env ?? process.env;
  const { store, config, problems, api } = prep;
  const fetch = clockedFetch(prep);
  // The simulator's bots start after the first feed answer: their set-up never delays the first live rows.
  const afterFirstFeed = new Promise<void>((resolve) => {
    const unsubscribe = store.subscribe((s) => {
      if (s.feedLoadedAt === null) return;
      unsubscribe();
      resolve();
    });
  });
  const backend = await openBackend({ api, readonly: args.readonly, bots: args.bots, keystore: args.keystore, env, fetch, emApi: args.emApi ?? config.emApi, signingNow: () => signingTime(prep.clock), afterFirstFeed });
  store.getState().setConn({ badge: backend.badge, apiUrl: backend.apiUrl, readonly: backend.readonly, wallet: backend.wallet });
  const ticker: Ticker = startTicker(store);
  let scope: WalletScope | null = null;
  let fleet: FleetSession | null = null;
  const refresh = () => {
    scope?.kick();
    fleet?.refresh();
  };
  const open = (b: Backend, agent: string | null) =>
    openWalletScope({ store, backend: b, args, config, env, ...(opts.pollers ? { pollers: opts.pollers } : {}), act: opts.act ?? false, refresh, agent });
  // The wallet's pollers first (the first live frame waits on them), then the fleet's.
  scope = await open(backend, null);
  // The Fleet view's read side (the desk only); a failure to start it is a notice, never fatal.
  fleet = (opts.fleet ?? opts.act)
    ? await startFleet({ backend, env, emUrl: backend.emBaseUrl }).catch((err: unknown) => {
        store.getState().addNotices([`fleet: ${err instanceof Error ? err.message : String(err)}`]);
        return null;
      })
    : null;

  const sources: XmtpSource[] = [];
  const sink = storeSink(store, opts.onEnvelope);
  if (args.xmtpFile) sources.push(startXmtpFile(args.xmtpFile, sink));
  else if (args.xmtp && backend.badge === 'LIVE' && backend.wallet) {
    // Only against a real backend: the CLI's dev XMTP bus never crosses processes (cli §6.1).
    const bin = findTaskmarketCli(env);
    if (bin) sources.push(startXmtpCli(bin, sink, { ...process.env, TASKMARKET_API_URL: backend.apiUrl }));
  }

  let switching: Promise<unknown> | null = null;
  // Agents unlocked this session (a typed password is asked once; the key is still decrypted per signing).
  const unlocked = new Map<string, Backend>();
  let stopped: Promise<void> | null = null;
  const session: Session = {
    store,
    backend,
    get scheduler() {
      return scope!.scheduler;
    },
    get acting() {
      return scope?.acting ?? null;
    },
    config,
    problems: [...problems, ...backend.notes],
    refresh,
    fleet,
    agentNeedsPassword(name) {
      const r = findAgent(fleet?.snapshot().fleet.agents ?? [], name);
      return r.ok ? r.needsPassword && !unlocked.has(r.agent.name) : null;
    },
    async actAs(name, password) {
      if (!opts.act) return { ok: false, message: 'this session does not act' };
      if (switching) return { ok: false, message: 'already switching wallets' };
      const work = (async (): Promise<{ ok: boolean; message: string }> => {
        let next: Backend = backend;
        let agent: string | null = null;
        if (name !== null) {
          const found = findAgent(fleet?.snapshot().fleet.agents ?? [], name);
          if (!found.ok) return { ok: false, message: found.message };
          const known = unlocked.get(found.agent.name);
          try {
            next = known ?? (await agentBackend(backend, found.agent, { ...(password !== undefined ? { password } : {}), fetch, keystorePath: args.keystore }));
          } catch (err) {
            return { ok: false, message: err instanceof Error ? err.message : String(err) };
          }
          unlocked.set(found.agent.name, next);
          agent = found.agent.name;
        }
        if (!next.wallet) return { ok: false, message: 'that wallet cannot sign here' };
        scope?.stop();
        store.getState().switchWallet(next.wallet, agent);
        scope = await open(next, agent);
        return { ok: true, message: agent ? `acting as ${agent} (${next.wallet})` : `acting as this desk's wallet (${next.wallet})` };
      })();
      switching = work;
      try {
        return await work;
      } finally {
        switching = null;
      }
    },
    stop() {
      stopped ??= (async () => {
        await switching?.catch(() => {});
        scope?.stop();
        fleet?.stop();
        ticker.stop();
        for (const s of sources) s.stop();
        await backend.close();
      })();
      return stopped;
    },
  };
  return session;
}

export async function startSession(args: DeskArgs, opts: StartSessionOptions = {}): Promise<Session> {
  return connectSession(prepareSession(args, opts), args, opts);
}
