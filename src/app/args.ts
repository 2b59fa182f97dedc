// Argument parsing for the desk and `watch` (no dependencies, no side effects). Unknown flags are an
// error with a clear message; the caller exits 2.

export interface DeskArgs {
  help: boolean;
  version: boolean;
  /** --api URL (or TASKMARKET_API_URL): a real backend, badge LIVE. null = the built-in simulator. */
  api: string | null;
  readonly: boolean;
  /** Simulator bots when running on the built-in simulator. */
  bots: number;
  keystore: string | null;
  xmtpFile: string | null;
  xmtp: boolean;
  theme: string | null;
  /** --network base|base-sepolia: the network the operator means to act on (else config, else asked). */
  network: 'base' | 'base-sepolia' | null;
  /** --executor native|cli (else config, else native). */
  executor: 'native' | 'cli' | null;
  /** --em-api URL: an Execution Market backend beside --api (the built-in simulator serves its own). */
  emApi: string | null;
  ascii: boolean;
  /** watch only: NDJSON output (required there). */
  json: boolean;
  /** watch only, like the daemon's --task-interval: feed poll cadence (ms). */
  taskIntervalMs: number | null;
  /** watch only, like the daemon's --auction-poll-interval: task.auction_clock cadence (ms). */
  auctionIntervalMs: number | null;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

const FLAGS_WITH_VALUE = new Set(['--api', '--em-api', '--bots', '--keystore', '--xmtp-file', '--theme', '--network', '--executor', '--task-interval', '--auction-poll-interval']);

export function defaultArgs(env: Record<string, string | undefined> = process.env): DeskArgs {
  return {
    help: false,
    version: false,
    api: env.TASKMARKET_API_URL && env.TASKMARKET_API_URL.trim() !== '' ? env.TASKMARKET_API_URL.trim() : null,
    readonly: false,
    bots: 4,
    keystore: null,
    xmtpFile: null,
    xmtp: true,
    theme: null,
    network: null,
    executor: null,
    emApi: null,
    ascii: false,
    json: false,
    taskIntervalMs: null,
    auctionIntervalMs: null,
  };
}

function checkUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new UsageError(`--api: not a URL: ${JSON.stringify(raw.slice(0, 80))}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UsageError('--api: only http(s) URLs');
  if (u.username || u.password) throw new UsageError('--api: credentials in the URL are not accepted');
  return raw.replace(/\/+$/, '');
}

/** Parse flags for `taskdesk` or `taskdesk watch`. `allowed` limits which flags the subcommand takes. */
export function parseArgs(argv: string[], opts: { watch?: boolean; env?: Record<string, string | undefined> } = {}): DeskArgs {
  const args = defaultArgs(opts.env);
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] ?? '';
    let flag = raw;
    let value: string | undefined;
    const eq = raw.indexOf('=');
    if (raw.startsWith('--') && eq > 0) {
      flag = raw.slice(0, eq);
      value = raw.slice(eq + 1);
    }
    if (FLAGS_WITH_VALUE.has(flag) && value === undefined) {
      value = argv[++i];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    }
    switch (flag) {
      case '-h':
      case '--help':
        args.help = true;
        break;
      case '-V':
      case '-v':
      case '--version':
        args.version = true;
        break;
      case '--api':
        args.api = checkUrl(value!);
        break;
      case '--readonly':
        args.readonly = true;
        break;
      case '--bots': {
        // Digits only: Number('') is 0 and Number('1e1') is 10, neither of which anyone typed as a count.
        const n = /^[0-9]{1,6}$/.test(value!) ? Number(value) : NaN;
        if (!Number.isInteger(n) || n < 0 || n > 64) throw new UsageError('--bots: a whole number from 0 to 64');
        args.bots = n;
        break;
      }
      case '--keystore':
        args.keystore = value!;
        break;
      case '--xmtp-file':
        args.xmtpFile = value!;
        break;
      case '--no-xmtp':
        args.xmtp = false;
        break;
      case '--theme':
        if (opts.watch) throw new UsageError('--theme belongs to the desk, not `taskdesk watch`');
        args.theme = value!;
        break;
      case '--em-api':
        args.emApi = checkUrl(value!).replace(/\/api\/v1$/, '');
        break;
      case '--network':
        if (value !== 'base' && value !== 'base-sepolia') throw new UsageError('--network: base or base-sepolia');
        args.network = value;
        break;
      case '--executor':
        if (opts.watch) throw new UsageError('--executor belongs to the desk, not `taskdesk watch`');
        if (value !== 'native' && value !== 'cli') throw new UsageError('--executor: native or cli');
        args.executor = value;
        break;
      case '--ascii':
        if (opts.watch) throw new UsageError('--ascii belongs to the desk, not `taskdesk watch`');
        args.ascii = true;
        break;
      case '--json':
        if (!opts.watch) throw new UsageError('--json belongs to `taskdesk watch --json`');
        args.json = true;
        break;
      case '--task-interval':
      case '--auction-poll-interval': {
        if (!opts.watch) throw new UsageError(`${flag} belongs to \`taskdesk watch\``);
        const ms = Number(value);
        if (!/^[0-9]{1,9}$/.test(value!) || !Number.isInteger(ms) || ms < 250 || ms > 86_400_000) throw new UsageError(`${flag}: milliseconds from 250 to 86400000`);
        if (flag === '--task-interval') args.taskIntervalMs = ms;
        else args.auctionIntervalMs = ms;
        break;
      }
      default: {
        const shown = JSON.stringify(raw.slice(0, 60));
        throw new UsageError(raw.startsWith('-') ? `unknown option ${shown}` : `unknown command ${shown}`);
      }
    }
    if (value !== undefined && !FLAGS_WITH_VALUE.has(flag)) throw new UsageError(`${flag} takes no value`);
  }
  return args;
}

export const HELP = `usage: taskdesk [options]             open the desk (a local simulator unless --api is given)
       taskdesk watch --json [options]  stream NDJSON events to stdout (taskdesk watch --help)
       taskdesk sim [sim options]       run the simulator alone (taskdesk sim --help)
       taskdesk journal [report ID]     past actions; one action's completion report
       taskdesk help [watch|sim]        show this help, or a subcommand's

options:
  --api URL          connect to a Taskmarket backend (also TASKMARKET_API_URL); badge LIVE,
                     wallet from ~/.taskmarket/keystore.json
  --keystore PATH    read the wallet from PATH instead
  --em-api URL       an Execution Market backend beside --api (config "em.api"); the built-in
                     simulator serves Execution Market itself under <url>/em
  --readonly         never offer money-moving actions
  --network NAME     base or base-sepolia: the network you mean to act on (config "act.network");
                     without it the first action of a session asks you to type its name
  --executor KIND    native (default: the desk's own client) or cli (the official taskmarket
                     binary runs each action's command, as argv, never through a shell)
  --bots N           bots on the built-in simulator, 0 to 64 (default 4; half of them, at most 2,
                     also snipe dutch clocks, racing your armed orders)
  --xmtp-file PATH   read XMTP envelopes as NDJSON from PATH
  --no-xmtp          do not start \`taskmarket xmtp listen\`
  --theme NAME       theme from themes/ (config: "theme")
  --ascii            ASCII glyphs only
  -h, --help         show this help
  -V, -v, --version  print the version

files:
  $XDG_CONFIG_HOME/taskdesk/config.json   theme, keys, ascii, default filters, act (network, spend caps)
  $XDG_CONFIG_HOME/taskdesk/fleet.json    the fleet: agents (wallet, keystore) and pipelines (F, :act-as)
  $XDG_STATE_HOME/taskdesk/journal.jsonl  every action, step by step (taskdesk journal), and every
                                          armed order (armed, fired, suspended, resumed, disarmed,
                                          expired); unfinished orders come back paused on restart

armed orders:
  x on a dutch / reverse-dutch clock or an English auction offers arm-auction-accept / arm-bid-ladder;
  C in the Feed (or :arm-claim <min reward> <N>) arms a claim rule from the Feed's filters. Confirmed
  once by typing the trigger P, the floor, or N; every check runs again on a fresh read when it fires.
  O (or :orders) lists them: r resumes a paused or suspended one, d disarms (no confirmation).
`;

export const WATCH_HELP = `usage: taskdesk watch --json [options]

Stream the desk's events to stdout as NDJSON, one {"ok":true,"data":{...}} object per line in the
shape of \`taskmarket daemon\`. Every data object has "event" and "at" (ISO time of the line).

  at start   task.snapshot for each open task already listed (the fields of task.new),
             then one watch.ready {"tasks":N}; the first poll runs at once
  then       task.new, task.status_changed, task.auction_clock, email.new, xmtp.envelope

options:
  --json             NDJSON output (required; the only format)
  --api URL          a Taskmarket backend (also TASKMARKET_API_URL); default: the built-in simulator
  --keystore PATH    read the wallet from PATH instead of ~/.taskmarket/keystore.json
  --em-api URL       an Execution Market backend beside --api (config "em.api"); the built-in
                     simulator serves Execution Market itself under <url>/em
  --readonly, --network NAME, --executor KIND
                     taken as the desk takes them (one config for both); watch never acts
  --bots N           bots on the built-in simulator, 0 to 64 (default 4)
  --xmtp-file PATH   read XMTP envelopes as NDJSON from PATH ("-" for stdin)
  --no-xmtp          do not start \`taskmarket xmtp listen\`
  --task-interval MS feed poll interval, default 15000
  --auction-poll-interval MS
                     task.auction_clock interval, default 15000
  -h, --help         show this help
  -V, -v, --version  print the version
`;
