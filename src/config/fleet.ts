// Load $XDG_CONFIG_HOME/taskdesk/fleet.json: the agents the desk can act as (name, market, wallet,
// keystore) and their supply-chain pipelines. Never fatal, like config.json: every bad entry is a
// problem line and is left out, the good ones still load. Nothing here reads a keystore or a password.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { formatUsdcShort, MoneyError, parseUsdc } from '../core/money.js';
import { sanitize } from '../core/text/sanitize.js';
import type { Address } from '../core/types.js';
import { AGENT_KEYS, agentEntrySchema, FLEET_MARKETS, PIPELINE_KEYS, pipelineEntrySchema, STEP_KEYS, stepEntrySchema, type FleetMarket } from './fleet-schema.js';
import { configDir } from './paths.js';

export { FLEET_MARKETS, type FleetMarket } from './fleet-schema.js';

/** Not a keystore: a simulator bot's key lives inside the simulator, so the desk cannot act as it. */
export const SIM_BOT_KEYSTORE = 'simulator-bot';

export interface FleetAgent {
  name: string;
  markets: FleetMarket[];
  /** Lower-case 0x address. */
  wallet: Address;
  /** An absolute v3 keystore path, or "taskmarket" for the official CLI's keystore. */
  keystore: string;
  /** Absolute path, read at signing time; null when the password is typed into the desk. */
  passwordFile: string | null;
}

/** How a step's task is recognised: every rule given must hold. */
export interface StepMatch {
  titlePrefix: string | null;
  titleRegex: RegExp | null;
  category: string | null;
}

export interface PipelineStep {
  product: string;
  /** The agent that sells (fulfils) this step. */
  seller: string;
  price: bigint;
  match: StepMatch;
}

export interface FleetPipeline {
  name: string;
  /** The agent that buys each step (publishes the bounties). */
  consumer: string;
  market: FleetMarket;
  steps: PipelineStep[];
  /** Sum of the step prices: what one full cycle costs the consumer. */
  cycleTotal: bigint;
}

export interface Fleet {
  agents: FleetAgent[];
  pipelines: FleetPipeline[];
}

export interface LoadFleetResult {
  fleet: Fleet;
  problems: string[];
  path: string;
}

type Env = Record<string, string | undefined>;
const MAX_BYTES = 256 * 1024;
const TOP_KEYS = new Set(['agents', 'pipelines', '$schema']);
const clean = (s: unknown) => sanitize(s, { maxLength: 60 });
const empty = (): Fleet => ({ agents: [], pipelines: [] });
/** Execution Market refuses bounties under $0.01 (422), so such a step could never be published. */
const EM_MIN_BOUNTY = 10_000n;

export function fleetPath(env: Env = process.env): string {
  return join(configDir(env), 'fleet.json');
}

export function loadFleet(opts: { path?: string; env?: Env } = {}): LoadFleetResult {
  const path = opts.path ?? fleetPath(opts.env);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { fleet: empty(), problems: code === 'ENOENT' ? [] : [`fleet ${path}: cannot read (${code ?? 'error'})`], path };
  }
  if (text.length > MAX_BYTES) return { fleet: empty(), problems: [`fleet ${path}: larger than 256 KiB, ignored`], path };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { fleet: empty(), problems: [`fleet ${path}: not valid JSON (${clean((err as Error).message)})`], path };
  }
  const env = opts.env ?? process.env;
  const home = env.HOME && isAbsolute(env.HOME) ? env.HOME : homedir();
  const { fleet, problems } = parseFleet(json, { baseDir: dirname(resolve(path)), home });
  return { fleet, problems: problems.map((p) => `fleet: ${p}`), path };
}

/** "~/x" → home/x; a relative path is relative to the fleet file's directory. */
function resolvePath(p: string, o: { baseDir: string; home: string }): string {
  if (p === '~' || p.startsWith('~/')) return join(o.home, p.slice(2));
  return resolve(o.baseDir, p);
}

const firstIssue = (e: { issues: { path: PropertyKey[]; message: string }[] }) => {
  const i = e.issues[0];
  const at = i?.path.map(String).join('.');
  return `${at ? `${at}: ` : ''}${i?.message ?? 'invalid'}`;
};

function unknownKeys(v: unknown, known: Set<string>): string[] {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return [];
  return Object.keys(v).filter((k) => !known.has(k));
}

/** Validate a parsed fleet object; paths resolve against `baseDir` and `home`. */
export function parseFleet(json: unknown, o: { baseDir: string; home: string }): { fleet: Fleet; problems: string[] } {
  const problems: string[] = [];
  const fleet = empty();
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { fleet, problems: ['the file must hold a JSON object'] };
  const obj = json as Record<string, unknown>;
  for (const k of unknownKeys(obj, TOP_KEYS)) problems.push(`unknown setting "${clean(k)}" ignored`);

  const agents = obj.agents ?? [];
  if (!Array.isArray(agents)) problems.push('agents: must be a list');
  else
    agents.forEach((raw, i) => {
      const at = `agents[${i}]${typeof (raw as { name?: unknown })?.name === 'string' ? ` "${clean((raw as { name: string }).name)}"` : ''}`;
      for (const k of unknownKeys(raw, AGENT_KEYS)) problems.push(`${at}: unknown field "${clean(k)}" ignored`);
      const r = agentEntrySchema.safeParse(raw);
      if (!r.success) return problems.push(`${at}: ${firstIssue(r.error)}`);
      const a = r.data;
      if (fleet.agents.some((b) => b.name === a.name)) return problems.push(`${at}: duplicate agent name, ignored`);
      const twin = fleet.agents.find((b) => b.wallet === a.wallet);
      if (twin) return problems.push(`${at}: wallet already belongs to "${twin.name}", ignored`);
      const own = a.keystore === 'taskmarket';
      if (own && a.passwordFile) problems.push(`${at}: passwordFile is not used with the taskmarket keystore, ignored`);
      fleet.agents.push({
        name: a.name,
        markets: a.market === 'both' ? [...FLEET_MARKETS] : [a.market],
        wallet: a.wallet,
        keystore: own ? 'taskmarket' : resolvePath(a.keystore, o),
        passwordFile: !own && a.passwordFile ? resolvePath(a.passwordFile, o) : null,
      });
    });

  const pipelines = obj.pipelines ?? [];
  if (!Array.isArray(pipelines)) problems.push('pipelines: must be a list');
  else
    pipelines.forEach((raw, i) => {
      const at = `pipelines[${i}]${typeof (raw as { name?: unknown })?.name === 'string' ? ` "${clean((raw as { name: string }).name)}"` : ''}`;
      const own = parsePipeline(raw, fleet);
      problems.push(...own.notes.map((p) => `${at}: ${p}`));
      if (!own.pipeline) return;
      if (fleet.pipelines.some((q) => q.name === own.pipeline!.name)) return problems.push(`${at}: duplicate pipeline name, ignored`);
      fleet.pipelines.push(own.pipeline);
    });
  return { fleet, problems };
}

/** One pipeline: any problem but an unknown field leaves the whole pipeline out (a partial chain would miscount cycles). */
function parsePipeline(raw: unknown, fleet: Fleet): { pipeline: FleetPipeline | null; notes: string[] } {
  const notes = unknownKeys(raw, PIPELINE_KEYS).map((k) => `unknown field "${clean(k)}" ignored`);
  const r = pipelineEntrySchema.safeParse(raw);
  if (!r.success) return { pipeline: null, notes: [...notes, firstIssue(r.error)] };
  const p = r.data;
  let ok = true;
  const fail = (msg: string) => {
    notes.push(msg);
    ok = false;
  };
  const onMarket = (who: string, role: string) => {
    const agent = fleet.agents.find((a) => a.name === who);
    if (!agent) return fail(`${role} "${clean(who)}" is not an agent in this file`);
    if (!agent.markets.includes(p.market)) fail(`${role} "${who}" is not on ${p.market}`);
  };
  onMarket(p.consumer, 'consumer');
  const steps: PipelineStep[] = [];
  p.steps.forEach((rawStep, j) => {
    const at = `steps[${j}]`;
    for (const k of unknownKeys(rawStep, STEP_KEYS)) notes.push(`${at}: unknown field "${clean(k)}" ignored`);
    const s = stepEntrySchema.safeParse(rawStep);
    if (!s.success) return fail(`${at}: ${firstIssue(s.error)}`);
    const step = s.data;
    onMarket(step.seller, `${at}: seller`);
    if (step.seller === p.consumer) fail(`${at}: the seller is the consumer (a market refuses work on your own task)`);
    if (steps.some((q) => q.product === step.product)) fail(`${at}: product "${step.product}" appears twice`);
    let price: bigint;
    try {
      price = parseUsdc(step.price);
    } catch (err) {
      return fail(`${at}: price: ${err instanceof MoneyError ? clean(err.message) : 'invalid'}`);
    }
    if (p.market === 'execution-market' && price < EM_MIN_BOUNTY) fail(`${at}: price ${formatUsdcShort(price)} is below Execution Market's $0.01 minimum`);
    const m = step.match;
    const match: StepMatch = { titlePrefix: m.titlePrefix ?? null, titleRegex: m.titleRegex ? new RegExp(m.titleRegex, 'u') : null, category: m.category ?? null };
    const twin = steps.findIndex((q) => q.price === price && sameMatch(q.match, match));
    if (twin >= 0) fail(`${at}: same match and price as steps[${twin}], so their tasks cannot be told apart`);
    steps.push({ product: step.product, seller: step.seller, price, match });
  });
  if (!ok) return { pipeline: null, notes };
  const cycleTotal = steps.reduce((sum, s) => sum + s.price, 0n);
  return { pipeline: { name: p.name, consumer: p.consumer, market: p.market, steps, cycleTotal }, notes };
}

const sameMatch = (a: StepMatch, b: StepMatch) => a.titlePrefix === b.titlePrefix && a.category === b.category && a.titleRegex?.source === b.titleRegex?.source;

/** Whether a task (title and category as the market reports them) is this step's. */
export function stepMatches(match: StepMatch, task: { title: string; category: string | null }): boolean {
  // Titles are untrusted and only ever a few hundred characters on the markets: bound the regex's input.
  const title = task.title.length > 1000 ? task.title.slice(0, 1000) : task.title;
  if (match.titlePrefix !== null && !title.startsWith(match.titlePrefix)) return false;
  if (match.titleRegex !== null && !match.titleRegex.test(title)) return false;
  if (match.category !== null && task.category !== match.category) return false;
  return true;
}

export function agentByName(fleet: Fleet, name: string): FleetAgent | undefined {
  return fleet.agents.find((a) => a.name === name);
}

/** The fleet agent that owns a wallet (case-insensitive), e.g. to name the agent on a ticket. */
export function agentByWallet(fleet: Fleet, wallet: string): FleetAgent | undefined {
  const w = wallet.toLowerCase();
  return fleet.agents.find((a) => a.wallet === w);
}
