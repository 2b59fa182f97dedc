/**
 * The simulator context every route handler receives: state, market clock, ledger, config, request log.
 *
 * How a route module uses the engine (read this before writing src/sim/taskmarket/routes/*.ts):
 *
 *   // src/sim/taskmarket/routes/pitches.ts
 *   import { z } from 'zod';
 *   import type { Route } from '../../router.js';
 *   import type { Sim } from '../../sim.js';
 *   import { paidRoute, STANDARD_FEE } from '../x402.js';
 *   import { writeRoute } from '../idempotency.js';
 *   export const routes: Route<Sim>[] = [
 *     paidRoute({
 *       path: '/api/tasks/:taskId/pitches',
 *       schema: z.object({ taskId: z.string(), workerAddress: z.string(), pitchText: z.string().min(1) }),
 *       amount: () => STANDARD_FEE,                           // or (body, req, sim) => bigint
 *       verify: async (body, req, sim) => null,               // optional async check (EIP-191) before the 402
 *       preflight: (body, payer, req, sim) => null,           // SYNC; SimReply (e.g. preflightReject(403, '…')) refuses
 *       settle: (body, payer, req, sim, payment) => ok({ success: true, pitchId }),   // SYNC; mutate sim.state here
 *     }),
 *     writeRoute({ path: '/api/tasks/:taskId/claim', schema, handle: async (body, req, sim) => ok({...}) }),
 *     { method: 'GET', path: '/api/tasks/:taskId/pitches', handle: (req, sim) => ok([...]) },
 *   ];
 * and add one line for the module to src/sim/taskmarket/routes/index.ts.
 *
 * paidRoute runs, in the backend's middleware order (taskmarket-backend.md §1.1, §5.3): body validation
 * (path params merged over the body; 400 `{error}`) → idempotency key (400/409, replay of a stored 2xx) →
 * 402 challenge → payment header checks → preflight → EIP-3009 signature/nonce/balance → preflight again →
 * charge payer→platform wallet → settle → PAYMENT-RESPONSE. preflight + charge + settle run in one tick, so
 * "exactly one winner" holds under concurrency. The charged amount lands in the platform wallet; settle moves
 * it on (e.g. create: `sim.ledger.fund(taskId, sim.ledger.platform, reward)`). Money moves only via sim.ledger.
 *
 * settle should not refuse: put every refusal in preflight (it re-runs in the charging tick). A non-2xx
 * from settle is sent as is, but the payer has been charged — like the backend's post-payment router checks.
 * Other helpers: x402.ts preflightReject(status, text) · routes/tasks.ts findTask / canView · serialize.ts
 * taskJson / taskModel / bidsOf / awardsOf · auth.ts callerOf (read-auth) / hasAccessGrant · Ledger methods
 * credit / transfer / fund / release / releaseAll (throw LedgerError when funds are short).
 *
 * writeRoute is for free writes: validation (tRPC-style 400) → idempotency key → handle (may be async).
 * Call `noteActor(req, address)` after you verify an EIP-191 signer so GET /sim/requests shows it.
 * After mutating sim.state outside these helpers (bots, timers), call `sim.changed()` so --state persists it.
 * Market time is `sim.now()` (manual / scaled clock); x402 validity uses real wall time internally.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { getAddress } from 'viem';
import { ManualClock, ScaledClock, systemClock, type Clock } from '../core/time.js';
import { DEFAULT_PLATFORM_FEE_BPS } from '../core/settlement.js';
import { Ledger } from './ledger.js';
import type { SimRequest } from './router.js';
import { emptyState, type SimState } from './state.js';

export interface SimConfig {
  chainId: number;
  /** CAIP-2, e.g. eip155:84532. */
  network: `${string}:${string}`;
  networkName: string;
  usdc: `0x${string}`;
  usdcName: string;
  usdcVersion: string;
  /** The platform (server) wallet: x402 payTo and fee recipient. */
  payTo: `0x${string}`;
  /** The Taskmarket diamond: part of the task-id preimage (§0). */
  contract: `0x${string}`;
  platformFeeBps: number;
  maxJsonBytes: number;
  maxUploadBytes: number;
  freeSubmissionAllowance: number;
  hardSubmissionCeiling: number;
  seed: string;
}

export const DEFAULT_CONFIG: SimConfig = {
  chainId: 84532,
  network: 'eip155:84532',
  networkName: 'base-sepolia',
  usdc: '0x036CbD53842c5426634e7929541eC2318f3dCF7e',
  usdcName: 'USDC',
  usdcVersion: '2',
  payTo: getAddress('0x5157a7ad0d0000000000000000000000000fee01'),
  contract: getAddress('0x7a5c0000000000000000000000000000d1a30001'),
  platformFeeBps: DEFAULT_PLATFORM_FEE_BPS,
  maxJsonBytes: 2 * 1024 * 1024,
  maxUploadBytes: 32 * 1024 * 1024,
  freeSubmissionAllowance: 5,
  hardSubmissionCeiling: 100,
  seed: 'taskdesk',
};

/** One write the server received (GET /sim/requests). */
export interface RequestLogEntry {
  /** Wall time, epoch ms. */
  at: number;
  /** Market time, epoch ms. */
  marketAt: number;
  method: string;
  /** The route pattern, e.g. /api/tasks/:taskId/bids, or the raw path when unmatched. */
  route: string;
  path: string;
  /** x402 payer or verified EIP-191 signer, when known. */
  actor: string | null;
  idempotencyKey: string | null;
  status: number;
  /** Real wall time (epoch ms, sub-ms precision) the request arrived, before its body was read (bench/act.mjs). */
  receivedAt?: number;
}

export type ClockMode = 'real' | 'scaled' | 'manual';

export interface Sim {
  readonly config: SimConfig;
  state: SimState;
  /** Market clock. */
  readonly clock: Clock;
  readonly clockMode: ClockMode;
  /** How fast market time runs against wall time: 1 real, the --time-scale factor, 0 under --manual-clock. */
  readonly timeScale: number;
  /** Set only with --manual-clock (POST /sim/clock advances it). */
  readonly manualClock: ManualClock | null;
  /** Real wall time: x402 authorization validity is checked against this, never the market clock. */
  readonly wall: Clock;
  readonly ledger: Ledger;
  readonly log: RequestLogEntry[];
  /** Market time now, epoch ms. */
  now(): number;
  /** A fresh uuid for rows (bids, submissions, intents …). */
  uuid(): string;
  /** A fresh 0x-prefixed 32-byte hash, standing in for a transaction hash. */
  txHash(): `0x${string}`;
  /** Mark state dirty (persistence). */
  changed(): void;
  /** Persistence hook; the server sets it when --state is given. */
  onChange: (() => void) | null;
}

export interface CreateSimOptions {
  config?: Partial<SimConfig>;
  /** Market clock: real (default), scaled (timeScale ≠ 1), manual. */
  timeScale?: number;
  manualClock?: boolean;
  /** Initial market time for a manual clock (default: now). */
  startAt?: number;
  state?: SimState;
  wall?: Clock;
}

const LOG_CAP = 20_000;

export function createSim(opts: CreateSimOptions = {}): Sim {
  const config: SimConfig = { ...DEFAULT_CONFIG, ...opts.config };
  const wall = opts.wall ?? systemClock;
  let manualClock: ManualClock | null = null;
  let clock: Clock = systemClock;
  let clockMode: ClockMode = 'real';
  let timeScale = 1;
  if (opts.manualClock) {
    manualClock = new ManualClock(opts.startAt ?? opts.state?.clockAt ?? wall.now());
    clock = manualClock;
    clockMode = 'manual';
    timeScale = 0;
  } else if ((opts.timeScale ?? 1) !== 1 || (opts.state?.clockAt ?? 0) > wall.now()) {
    // Resume a persisted market time that ran ahead of the wall clock (an earlier scaled run):
    // market time must never run backwards across a restart.
    clock = new ScaledClock(opts.timeScale ?? 1, wall, wall.now(), Math.max(wall.now(), opts.state?.clockAt ?? 0));
    clockMode = 'scaled';
    timeScale = opts.timeScale ?? 1;
  }
  // A snapshot from an older build may lack collections added since: fill them from an empty state.
  const state: SimState = opts.state ? { ...emptyState(clock.now()), ...opts.state } : emptyState(clock.now());
  state.ledger = { ...emptyState(0).ledger, ...state.ledger };
  // A snapshot from before the id salt (or a damaged one) gets a fresh salt; its old ids stay as they are.
  if (!/^0x[0-9a-f]{64}$/.test(String(state.idSalt))) state.idSalt = emptyState(0).idSalt;
  const log: RequestLogEntry[] = [];
  const sim: Sim = {
    config,
    state,
    clock,
    clockMode,
    timeScale,
    manualClock,
    wall,
    log,
    ledger: undefined as unknown as Ledger,
    now: () => clock.now(),
    uuid: () => randomUUID(),
    txHash: () => `0x${randomBytes(32).toString('hex')}`,
    changed: () => sim.onChange?.(),
    onChange: null,
  };
  (sim as { ledger: Ledger }).ledger = new Ledger(state.ledger, config.payTo, () => sim.changed());
  return sim;
}

/**
 * The market-time headers every response carries (finding 28): `X-Sim-Time` market epoch ms and
 * `X-Sim-Time-Scale` its rate, so a client can estimate market time to the millisecond (the Date
 * header has whole seconds) and run its own clock at a scaled market's speed.
 */
export function simTimeHeaders(sim: Sim): Record<string, string> {
  return { 'X-Sim-Time': String(sim.now()), 'X-Sim-Time-Scale': String(sim.timeScale) };
}

/** Append to the request log, dropping the oldest entries beyond the cap. */
export function logRequest(sim: Sim, entry: RequestLogEntry): void {
  sim.log.push(entry);
  if (sim.log.length > LOG_CAP) sim.log.splice(0, sim.log.length - LOG_CAP);
}

const actors = new WeakMap<SimRequest, string>();
const keys = new WeakMap<SimRequest, string>();

/** Record who acted on this request (x402 payer or verified signer) for the request log. */
export function noteActor(req: SimRequest, address: string): void {
  actors.set(req, address);
}

export function actorOf(req: SimRequest): string | null {
  return actors.get(req) ?? null;
}

export function noteIdempotencyKey(req: SimRequest, key: string): void {
  keys.set(req, key);
}

export function idempotencyKeyOf(req: SimRequest): string | null {
  return keys.get(req) ?? null;
}
