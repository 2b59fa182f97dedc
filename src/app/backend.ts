// Open the market the desk talks to: the built-in simulator (badge SIM, a funded demo wallet made the
// way `taskmarket init` makes one, in the state dir — never ~/.taskmarket) or a configured backend
// (badge LIVE, the user's keystore). Heavy modules (viem, the sim) load only on the path that needs them.
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Address } from '../core/types.js';
import type { NetworkInfo } from '../markets/market.js';
import type { TaskmarketReader } from '../markets/taskmarket/reader.js';
import type { ExpectedNetwork } from '../markets/taskmarket/network.js';
import type { TaskmarketSigner } from '../markets/taskmarket/signer.js';
import { stateDir } from '../config/paths.js';
import { onExitCleanup } from './exit-cleanup.js';
import { optionalImport } from './optional-import.js';

export interface Backend {
  badge: 'SIM' | 'LIVE';
  apiUrl: string;
  /** The Taskmarket reader; its client (with the wallet's signer) also carries the writes. */
  reader: TaskmarketReader;
  /** The network the desk expects this backend on (chain, USDC, its EIP-712 domain name). */
  network: ExpectedNetwork;
  /** The wallet's signer (keys only inside its calls), null when read-only; Execution Market signs with it too. */
  signer: TaskmarketSigner | null;
  /** Execution Market's base URL (the built-in simulator's <url>/em, or --em-api / config), null when off. */
  emBaseUrl: string | null;
  wallet: Address | null;
  /** Where the wallet's keystore lives (the CLI's HOME), when there is one. */
  walletHome: string | null;
  readonly: boolean;
  expectNetwork: Partial<NetworkInfo>;
  /** Things worth telling the operator (no keystore, bots missing, …). */
  notes: string[];
  /** The time signatures are valid from (x402 authorizations, ERC-8128 `created`): the market's clock when known. */
  signingNow: () => number;
  /** What one signing costs this wallet's keystore (a v3 KDF run), ms; 0 when negligible or unknown. */
  signingCostMs?: number;
  close(): Promise<void>;
}

export interface OpenBackendOptions {
  api: string | null;
  readonly: boolean;
  bots: number;
  keystore: string | null;
  env?: Record<string, string | undefined>;
  /** 0 skips the seed tasks placed before the first frame on the simulator. */
  seedTasks?: number;
  /** The fetch the market clients use (the session's market-clock sampler wraps the global one). */
  fetch?: typeof fetch;
  /** Execution Market for a configured backend (--em-api / config "em.api"); the built-in simulator serves its own. */
  emApi?: string | null;
  /** See Backend.signingNow (default: this machine's clock). */
  signingNow?: () => number;
  /**
   * Settles at the session's first feed answer. The built-in simulator's bots (both markets) wait for it
   * (or for AFTER_FIRST_LATEST_MS), so their set-up never delays the first live frame; without it they
   * start at once.
   */
  afterFirstFeed?: Promise<unknown>;
}

/** The longest the bots wait for `afterFirstFeed` (a feed that never answers must not leave the market still). */
const AFTER_FIRST_LATEST_MS = 3_000;
/** After the first feed answer: room for Ink to draw those rows before the bots' set-up takes the CPU. */
const BOTS_AFTER_FRAME_MS = 150;

/** The sim's bots module (src/sim/taskmarket/bots/index.ts), same contract src/sim/main.ts loads. */
interface BotsModule {
  startBots?: (sim: unknown, opts: { count: number; seed: string; url: string; snipers?: number }) => { stop(): Promise<void> | void };
}

export async function openBackend(o: OpenBackendOptions): Promise<Backend> {
  return o.api ? openLive(o, o.api) : openSim(o);
}

async function openLive(o: OpenBackendOptions, apiUrl: string): Promise<Backend> {
  const { createTaskmarketReader } = await import('../markets/taskmarket/reader.js');
  const { loadKeystore, keystoreSigner, defaultKeystorePath } = await import('../markets/taskmarket/keystore.js');
  const { expectedNetworkFor } = await import('../markets/taskmarket/env.js');
  const notes: string[] = [];
  let signer;
  let wallet: Address | null = null;
  const path = o.keystore ?? defaultKeystorePath();
  try {
    const ks = await loadKeystore(path);
    signer = keystoreSigner(ks);
    wallet = ks.walletAddress;
  } catch (err) {
    notes.push(`${(err as Error).message} Read-only.`);
  }
  const signingNow = o.signingNow ?? (() => Date.now());
  const reader = createTaskmarketReader({ apiUrl, now: signingNow, ...(signer ? { signer } : {}), ...(o.fetch ? { fetch: o.fetch } : {}) });
  // Loopback backends are test/sim backends (Base Sepolia ids); anything else must be Base mainnet.
  const net = expectedNetworkFor(apiUrl);
  return {
    badge: 'LIVE',
    apiUrl,
    reader,
    network: net,
    signer: signer ?? null,
    emBaseUrl: o.emApi ?? null,
    wallet,
    walletHome: null,
    readonly: o.readonly || wallet === null,
    expectNetwork: { chainId: net.chainId, usdcAddress: net.usdcAddress },
    notes,
    signingNow,
    close: async () => {},
  };
}

async function openSim(o: OpenBackendOptions): Promise<Backend> {
  // One round of loading, not one module after another (the sim, its demo wallet and seeds, the client).
  const [{ startSim }, { createTaskmarketReader }, { privateKeySigner }, { SIM_NETWORK }, { createSimWallet }, seed] = await Promise.all([
    import('../sim/server.js'),
    import('../markets/taskmarket/reader.js'),
    import('../markets/taskmarket/signer.js'),
    import('../markets/taskmarket/network.js'),
    import('../sim/taskmarket/accounts/demo-wallet.js'),
    import('./seed.js'),
  ]);
  const notes: string[] = [];
  const running = await startSim({ port: 0 });
  // The demo wallet lives in the desk's state dir (or a temp dir), never in the user's ~/.taskmarket.
  let home: string;
  try {
    home = join(stateDir(o.env ?? process.env), 'demo-wallet', String(process.pid));
    await mkdir(home, { recursive: true, mode: 0o700 });
  } catch {
    home = await mkdtemp(join(tmpdir(), 'taskdesk-demo-'));
  }
  // When close() never runs or cannot finish (a crash, a hung-up terminal, a signal), the exit cleanups remove it.
  const demoHome = home;
  const forgetHome = onExitCleanup(() => rmSync(demoHome, { recursive: true, force: true }));
  // Written straight into the in-process sim (no signed HTTP registration): ~0.2 s sooner, the same wallet.
  const w = await createSimWallet(running, home, { fund: 1_000_000_000n });
  // The first feed answer, or the latest the bots wait for it.
  const firstFeed: Promise<unknown> = o.afterFirstFeed
    ? Promise.race([o.afterFirstFeed.catch(() => {}), new Promise((r) => setTimeout(r, AFTER_FIRST_LATEST_MS).unref())])
    : Promise.resolve();
  const signer = privateKeySigner(w.privateKey, { deviceId: w.deviceId, apiToken: w.apiToken });
  const signingNow = o.signingNow ?? (() => Date.now());
  const reader = createTaskmarketReader({ apiUrl: running.url, signer, now: signingNow, ...(o.fetch ? { fetch: o.fetch } : {}) });

  // Seed tasks synchronously, before the first poll, so the first frame already shows a market.
  if ((o.seedTasks ?? 1) > 0) {
    seed.seedSimTasks(running.sim);
    seed.seedSimTasks(running.sim, seed.OWN_SEED_TASKS, w.address);
  }
  let bots: { stop(): Promise<void> | void } | null = null;
  // The Execution Market side's KarmaCadabra agents (one consumer, four sellers) under <sim>/em.
  let emBots: { stop(): Promise<void> } | null = null;
  let closed = false;
  const startAllBots = async () => {
    const botsModule = await optionalImport<BotsModule>('../sim/taskmarket/bots/index.js');
    if (closed) return;
    if (typeof botsModule?.startBots === 'function') {
      // Sniper bots race the desk's armed orders on the demo's dutch clocks (issue 10): half the bots, at most 2.
      bots = botsModule.startBots(running.sim, { count: o.bots, seed: 'taskdesk', url: running.url, snipers: Math.min(2, Math.floor(o.bots / 2)) });
    } else notes.push('simulator bots are not available in this build');
    const { startEmBots } = await import('../sim/execution-market/bots/index.js');
    if (!closed) emBots = startEmBots(running.sim, { seed: 'taskdesk', url: running.url });
  };
  let botsStarted: Promise<void> = Promise.resolve();
  // A start still waiting for the first feed answer: close() calls it off.
  let callOffBots: (() => void) | null = null;
  if (o.bots > 0 && o.afterFirstFeed) {
    botsStarted = new Promise<void>((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      callOffBots = () => {
        callOffBots = null;
        clearTimeout(timer);
        resolve();
      };
      void firstFeed.then(() => {
        if (callOffBots) timer = setTimeout(() => ((callOffBots = null), resolve(startAllBots())), BOTS_AFTER_FRAME_MS);
      });
    });
  } else if (o.bots > 0) await (botsStarted = startAllBots());

  return {
    badge: 'SIM',
    apiUrl: running.url,
    reader,
    network: SIM_NETWORK,
    signer,
    emBaseUrl: `${running.url}/em`,
    wallet: w.address,
    walletHome: home,
    readonly: o.readonly,
    expectNetwork: { chainId: SIM_NETWORK.chainId, usdcAddress: SIM_NETWORK.usdcAddress },
    notes,
    signingNow,
    close: async () => {
      closed = true;
      callOffBots?.();
      await botsStarted.catch(() => {});
      await Promise.all([bots?.stop(), emBots?.stop()]);
      await running.close();
      // The demo wallet belongs to this in-memory market only; nothing to keep.
      await rm(home, { recursive: true, force: true }).catch(() => {});
      forgetHome();
    },
  };
}
