// The fleet slice: every fleet agent's figures (balance, open tasks, applications, assignments, submissions to
// review, last activity) and each pipeline's progress, in its own small zustand vanilla store so the desk
// store stays the desk's. The fleet pollers (fleet-pollers.ts) are its only writers; unchanged figures keep
// their identity, and every figure carries the time it was fetched.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { PipelineProgress } from '../config/fleet-progress.js';
import type { Fleet } from '../config/fleet.js';
import { deepEqual } from './equal.js';

/** Where the fleet came from: the fleet file, the built-in simulator's own bots, or nowhere. */
export type FleetSource = 'file' | 'simulator' | 'none';

/** One agent's tasks on one market, as counted from the last read. */
export interface MarketCounts {
  /** Tasks it published that are not resolved yet (published … submitted). */
  open: number;
  /** Its pending applications; null when the market does not say (see fleet-figures.ts). */
  applied: number | null;
  /** Tasks assigned to it that are not resolved yet. */
  assigned: number;
  /** Its published tasks with a delivery waiting for its review. */
  toReview: number;
  /** The newest time seen on any of its tasks (epoch ms), null when it has none. */
  lastActivity: number | null;
  fetchedAt: number;
}

export interface AgentFigures {
  name: string;
  /** USDC base units. */
  balance: bigint | null;
  balanceFetchedAt: number | null;
  em: MarketCounts | null;
  tm: MarketCounts | null;
  /** Its Execution Market executor id once learned (the escrow receiver of a task it was assigned). */
  executorId: string | null;
}

export interface PipelineFigures {
  progress: PipelineProgress | null;
  fetchedAt: number | null;
  /** Why there is no progress (e.g. a Taskmarket pipeline, or Execution Market not reachable). */
  note: string | null;
}

export const FLEET_FEEDS = ['balances', 'em', 'taskmarket'] as const;
export type FleetFeed = (typeof FLEET_FEEDS)[number];

export interface FeedHealth {
  /** Last good read (epoch ms). */
  okAt: number | null;
  error: string | null;
  /** When the scheduler tries again after a failure. */
  retryAt: number | null;
  failures: number;
}

/** What the Fleet view reads (DeskActions.fleet). */
export interface FleetSnapshot {
  source: FleetSource;
  /** The fleet file the desk looked for. */
  path: string;
  fleet: Fleet;
  /** Problems loading the fleet file (each already sanitised; shown again through the sanitiser). */
  problems: string[];
  /** Where the figures come from: the Execution Market root read unsigned, and the balance route's root. */
  emUrl: string | null;
  balanceUrl: string | null;
  agents: Record<string, AgentFigures>;
  pipelines: Record<string, PipelineFigures>;
  health: Record<FleetFeed, FeedHealth>;
}

export interface FleetActions {
  /** Merge balances (agent name → base units). */
  setBalances(balances: Record<string, bigint>, fetchedAt: number): void;
  /** One Execution Market round: counts per agent, executor ids learned, pipeline progress. */
  setEm(round: { counts: Record<string, MarketCounts>; executors: Record<string, string>; pipelines: Record<string, PipelineProgress> }, fetchedAt: number): void;
  setTaskmarket(counts: Record<string, MarketCounts>): void;
  setHealth(feed: FleetFeed, health: FeedHealth): void;
}

export type FleetState = FleetSnapshot & FleetActions;
export type FleetStore = StoreApi<FleetState>;

export interface CreateFleetStoreOptions {
  source: FleetSource;
  path: string;
  fleet: Fleet;
  problems?: string[];
  emUrl?: string | null;
  balanceUrl?: string | null;
  /** Per pipeline, why it is not tracked (absent: tracked). */
  pipelineNotes?: Record<string, string>;
}

const idle = (): FeedHealth => ({ okAt: null, error: null, retryAt: null, failures: 0 });

/** The new object when it differs, else the old one (selectors see no change). */
const keep = <T>(old: T | undefined, next: T): T => (old !== undefined && deepEqual(old, next) ? old : next);

export function createFleetStore(o: CreateFleetStoreOptions): FleetStore {
  const agents: Record<string, AgentFigures> = {};
  for (const a of o.fleet.agents) agents[a.name] = { name: a.name, balance: null, balanceFetchedAt: null, em: null, tm: null, executorId: null };
  const pipelines: Record<string, PipelineFigures> = {};
  for (const p of o.fleet.pipelines) pipelines[p.name] = { progress: null, fetchedAt: null, note: o.pipelineNotes?.[p.name] ?? null };

  return createStore<FleetState>()((set) => {
    const patchAgents = (s: FleetState, patch: (a: AgentFigures) => AgentFigures): Record<string, AgentFigures> => {
      let changed = false;
      const next: Record<string, AgentFigures> = {};
      for (const [name, a] of Object.entries(s.agents)) {
        const b = keep(a, patch(a));
        next[name] = b;
        changed ||= b !== a;
      }
      return changed ? next : s.agents;
    };
    return {
      source: o.source,
      path: o.path,
      fleet: o.fleet,
      problems: o.problems ?? [],
      emUrl: o.emUrl ?? null,
      balanceUrl: o.balanceUrl ?? null,
      agents,
      pipelines,
      health: { balances: idle(), em: idle(), taskmarket: idle() },
      setBalances: (balances, fetchedAt) =>
        set((s) => ({ agents: patchAgents(s, (a) => (balances[a.name] === undefined ? a : { ...a, balance: balances[a.name]!, balanceFetchedAt: fetchedAt })) })),
      setEm: (round, fetchedAt) =>
        set((s) => {
          const nextAgents = patchAgents(s, (a) => ({ ...a, em: round.counts[a.name] ?? a.em, executorId: round.executors[a.name] ?? a.executorId }));
          let changed = false;
          const nextPipes: Record<string, PipelineFigures> = {};
          for (const [name, p] of Object.entries(s.pipelines)) {
            const progress = round.pipelines[name];
            const q = progress ? keep(p, { ...p, progress: keep(p.progress ?? undefined, progress), fetchedAt }) : p;
            nextPipes[name] = q;
            changed ||= q !== p;
          }
          return { agents: nextAgents, pipelines: changed ? nextPipes : s.pipelines };
        }),
      setTaskmarket: (counts) => set((s) => ({ agents: patchAgents(s, (a) => ({ ...a, tm: counts[a.name] ?? a.tm })) })),
      setHealth: (feed, h) => set((s) => (deepEqual(s.health[feed], h) ? s : { health: { ...s.health, [feed]: h } })),
    };
  });
}

/** The data half of the state (what DeskActions.fleet hands the view). */
export function fleetSnapshot(store: FleetStore): FleetSnapshot {
  return store.getState();
}
