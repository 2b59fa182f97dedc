// `taskdesk sim`: run the Taskmarket simulator on 127.0.0.1. The first stdout line is always
// `taskdesk sim listening on http://127.0.0.1:PORT` (scripts and tests wait for it).
// The server (viem, every route) loads only once the arguments are good: help, version and usage
// errors answer at once.
import type { RunningSim } from './server.js';
import type { Sim } from './sim.js';

const HELP = `usage: taskdesk sim [options]

Run a local simulator of Taskmarket and, under <url>/em, Execution Market (HTTP on 127.0.0.1;
point TASKMARKET_API_URL at it, and the desk's --em-api at <url>/em).

options:
  --port N          port to listen on (default 4010; 0 picks a free port)
  --seed S          seed for bots and generated data (default "taskdesk")
  --bots N          run N simulated market participants, 0 to 64 (default 0)
  --snipers N       how many of the bots also snipe dutch and reverse-dutch clocks at their own
                    target prices (default: 2, or bots/2 when fewer than 4 bots)
  --time-scale X    market time runs X times faster than real time (default 1)
  --manual-clock    freeze market time; move it with POST /sim/clock {"advanceMs":N}
  --state DIR       persist all state under DIR and load it on start
  --em-lock-delay MS  Execution Market: assign answers 202 and locks the escrow MS later (default 0)
  --em-rate-limit N   Execution Market: requests per minute per signing wallet (default 60; 0 = off)
  -h, --help        show this help
  -V, -v, --version print the version

Simulator controls: POST /sim/faucet {"address","amount"}, POST /sim/clock, GET /sim/clock,
GET /sim/ledger, GET /sim/requests, POST /sim/seed {"tasks":[…]} (many tasks at once),
POST|GET|DELETE /sim/faults (make the next requests to a route fail: status, wrong-shape, not-json,
hang, reset). Every response carries X-Sim-Time (market epoch ms) and X-Sim-Time-Scale (market ms per
wall ms; 0 with --manual-clock).
Execution Market: <url>/em/api/v1/… (ERC-8128 signed) and the WebSocket <url>/em/ws; --bots also starts
the KarmaCadabra agents there.
`;

export interface SimArgs {
  port: number;
  seed: string;
  bots: number;
  /** null = the bots module's default. */
  snipers: number | null;
  timeScale: number;
  manualClock: boolean;
  stateDir: string | null;
  help: boolean;
  version: boolean;
  emLockDelayMs: number;
  emRateLimit: number;
}

export class UsageError extends Error {}

export function parseSimArgs(argv: string[]): SimArgs {
  const args: SimArgs = { port: 4010, seed: 'taskdesk', bots: 0, snipers: null, timeScale: 1, manualClock: false, stateDir: null, help: false, version: false, emLockDelayMs: 0, emRateLimit: 60 };
  for (let i = 0; i < argv.length; i += 1) {
    const raw = argv[i] as string;
    const [flag, inline] = raw.startsWith('--') && raw.includes('=') ? [raw.slice(0, raw.indexOf('=')), raw.slice(raw.indexOf('=') + 1)] : [raw, undefined];
    let tookValue = false;
    const value = (): string => {
      tookValue = true;
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    // Same wording as the desk's own flags (src/app/args.ts): `--bots: a whole number from 0 to 64`.
    const int = (name: string, v: string, min: number, max: number): number => {
      if (!/^[0-9]+$/.test(v) || Number(v) < min || Number(v) > max) throw new UsageError(`${name}: a whole number from ${min} to ${max}`);
      return Number(v);
    };
    switch (flag) {
      case '--port':
        args.port = int('--port', value(), 0, 65535);
        break;
      case '--seed':
        args.seed = value();
        break;
      case '--bots':
        args.bots = int('--bots', value(), 0, 64);
        break;
      case '--snipers':
        args.snipers = int('--snipers', value(), 0, 64);
        break;
      case '--time-scale': {
        const v = value();
        const n = Number(v);
        if (!/^[0-9]+(\.[0-9]+)?$/.test(v) || !(n > 0) || n > 1_000_000) throw new UsageError('--time-scale: a number above 0, at most 1000000');
        args.timeScale = n;
        break;
      }
      case '--manual-clock':
        args.manualClock = true;
        break;
      case '--state':
        args.stateDir = value();
        break;
      case '--em-lock-delay':
        args.emLockDelayMs = int('--em-lock-delay', value(), 0, 600_000);
        break;
      case '--em-rate-limit':
        args.emRateLimit = int('--em-rate-limit', value(), 0, 1_000_000);
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      case '--version':
      case '-V':
      case '-v':
        args.version = true;
        break;
      default: {
        const shown = JSON.stringify(raw.slice(0, 60));
        throw new UsageError(raw.startsWith('-') ? `unknown option ${shown}` : `unexpected argument ${shown}`);
      }
    }
    if (inline !== undefined && !tookValue) throw new UsageError(`${flag} takes no value`);
  }
  if (args.manualClock && args.timeScale !== 1) throw new UsageError('--manual-clock and --time-scale cannot be combined');
  return args;
}

type StartBots = (sim: Sim, opts: { count: number; seed: string; url: string; snipers?: number }) => { stop(): void | Promise<void> };

/** The bots module is sim-accounts'; load it only when asked for and when it exists. */
async function loadBots(): Promise<StartBots | null> {
  const spec = new URL('./taskmarket/bots/index.js', import.meta.url).href;
  try {
    const mod = (await import(spec)) as { startBots?: StartBots };
    return typeof mod.startBots === 'function' ? mod.startBots : null;
  } catch {
    return null;
  }
}

export interface SimCommandOptions {
  /** The package version for --version (the CLI reads it; the simulator has no package.json of its own). */
  version?: string;
}

export async function runSimCommand(argv: string[], opts: SimCommandOptions = {}): Promise<void> {
  let args: SimArgs;
  try {
    args = parseSimArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    // The desk's form (src/cli.ts): one line naming the problem, one pointing at the help; exit 2.
    process.stderr.write(`taskdesk sim: ${err.message}\nRun \`taskdesk sim --help\` for usage.\n`);
    process.exitCode = 2;
    return;
  }
  if (args.help) {
    process.stdout.write(HELP);
    return;
  }
  if (args.version) {
    process.stdout.write(`taskdesk ${opts.version ?? '0.0.0'}\n`);
    return;
  }
  let running: RunningSim;
  try {
    const { startSim } = await import('./server.js');
    running = await startSim({
      port: args.port,
      timeScale: args.timeScale,
      manualClock: args.manualClock,
      stateDir: args.stateDir ?? undefined,
      config: { seed: args.seed },
      em: { lockDelayMs: args.emLockDelayMs, rateLimitPerMinute: args.emRateLimit },
    });
  } catch (err) {
    process.stderr.write(`taskdesk sim: cannot start: ${(err as Error).message}\n`);
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`taskdesk sim listening on ${running.url}\n`);
  let bots: { stop(): void | Promise<void> } | null = null;
  if (args.bots > 0) {
    const startBots = await loadBots();
    if (startBots) bots = startBots(running.sim, { count: args.bots, seed: args.seed, url: running.url, ...(args.snipers !== null ? { snipers: args.snipers } : {}) });
    else process.stderr.write('taskdesk sim: bots are not available in this build; running without them\n');
    // The Execution Market side's KarmaCadabra agents run next to them (one consumer, four sellers).
    const { startEmBots } = await import('./execution-market/bots/index.js');
    const em = startEmBots(running.sim, { seed: args.seed, url: running.url });
    const tm = bots;
    bots = { stop: async () => void (await Promise.all([tm?.stop(), em.stop()])) };
  }
  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      process.stderr.write(`taskdesk sim: ${signal}, shutting down\n`);
      void (async () => {
        try {
          // Bots get 2 s to finish their current step; a failing or slow bot must not hold up the flush.
          if (bots) await Promise.race([bots.stop(), new Promise((r) => setTimeout(r, 2000).unref())]);
        } catch {
          // ignored: the state flush below matters more
        }
        await running.close();
        // Anything a stuck bot left scheduled must not keep the process alive after the flush.
        setTimeout(() => process.exit(), 1000).unref();
        resolve();
      })();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
