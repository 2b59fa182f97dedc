// One running desk session, shared by the TUI and `watch`: config → backend → store → pollers →
// ticker → message sources. Returns everything needed to render or stream, and one stop().
import { filtersFromConfig } from '../config/filters.js';
import { loadConfig } from '../config/load.js';
import type { DeskConfig } from '../config/schema.js';
import { MarketClock } from '../core/market-clock.js';
import { clockSamplingFetch } from '../markets/clock-fetch.js';
import { createDeskStore, type DeskStore } from '../store/desk-store.js';
import { createPollers, POLLERS, type PollerOptions } from '../store/pollers.js';
import type { Scheduler } from '../store/scheduler.js';
import { startTicker, type Ticker } from '../store/ticker.js';
import type { Envelope } from '../store/xmtp-envelope.js';
import { findTaskmarketCli, startXmtpCli, startXmtpFile, storeSink, type XmtpSource } from '../store/xmtp-source.js';
import type { DeskArgs } from './args.js';
import { startActing, type Acting } from './act.js';
import { openEm } from './em.js';
import { openBackend, type Backend } from './backend.js';
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

/** The slow half: open the market (start the simulator, make the demo wallet), then poll and tick. */
export async function connectSession(prep: PreparedSession, args: DeskArgs, opts: StartSessionOptions = {}): Promise<Session> {
  const env = opts.env ?? process.env;
  const { store, config, problems, api } = prep;
  const backend = await openBackend({ api, readonly: args.readonly, bots: args.bots, keystore: args.keystore, env, fetch: clockedFetch(prep), emApi: args.emApi ?? config.emApi });
  store.getState().setConn({ badge: backend.badge, apiUrl: backend.apiUrl, readonly: backend.readonly, wallet: backend.wallet });
  const scheduler = createPollers(store, backend.reader, { expectNetwork: backend.expectNetwork, ...opts.pollers });
  scheduler.start();
  const ticker: Ticker = startTicker(store);
  const em = backend.emBaseUrl ? await openEm(store, backend) : null;
  // The Fleet view's read side (the desk only); a failure to start it is a notice, never fatal.
  const fleet = (opts.fleet ?? opts.act)
    ? await startFleet({ backend, env, emUrl: backend.emBaseUrl }).catch((err: unknown) => {
        store.getState().addNotices([`fleet: ${err instanceof Error ? err.message : String(err)}`]);
        return null;
      })
    : null;
  const refresh = () => {
    for (const n of POLLERS) scheduler.kick(n);
    fleet?.refresh();
    if (em) for (const n of ['em-network', 'em-feed', 'em-mine']) em.pollers.scheduler.kick(n);
  };
  const acting = opts.act ? await startActing({ store, backend, args, config, env, refresh, em }).catch((err: unknown) => {
    store.getState().setAct({ blocked: err instanceof Error ? err.message : String(err) });
    return null;
  }) : null;

  const sources: XmtpSource[] = [];
  const sink = storeSink(store, opts.onEnvelope);
  if (args.xmtpFile) sources.push(startXmtpFile(args.xmtpFile, sink));
  else if (args.xmtp && backend.badge === 'LIVE' && backend.wallet) {
    // Only against a real backend: the CLI's dev XMTP bus never crosses processes (cli §6.1).
    const bin = findTaskmarketCli(env);
    if (bin) sources.push(startXmtpCli(bin, sink, { ...process.env, TASKMARKET_API_URL: backend.apiUrl }));
  }

  let stopped: Promise<void> | null = null;
  return {
    store,
    backend,
    scheduler,
    config,
    problems: [...problems, ...backend.notes],
    refresh,
    acting,
    fleet,
    stop() {
      stopped ??= (async () => {
        acting?.close();
        em?.pollers.stop();
        fleet?.stop();
        ticker.stop();
        scheduler.stop();
        for (const s of sources) s.stop();
        await backend.close();
      })();
      return stopped;
    },
  };
}

export async function startSession(args: DeskArgs, opts: StartSessionOptions = {}): Promise<Session> {
  return connectSession(prepareSession(args, opts), args, opts);
}
