// The session's fleet half: load the fleet file (or, with none on the built-in simulator, the simulator's own
// KarmaCadabra bots), make its store, and poll it with readers that carry no key: an Execution Market client
// with no signer and a Taskmarket reader with no signer (balances from the shared ledger, public inboxes).
import { existsSync } from 'node:fs';
import { loadFleet, type Fleet } from '../config/fleet.js';
import { createEmClient } from '../markets/execution-market/client.js';
import { createTaskmarketReader } from '../markets/taskmarket/reader.js';
import { createFleetPollers, FLEET_POLLERS, type FleetPollerOptions } from '../store/fleet-pollers.js';
import { createFleetStore, fleetSnapshot, type FleetSnapshot, type FleetSource, type FleetStore } from '../store/fleet-state.js';
import type { Scheduler } from '../store/scheduler.js';
import type { Backend } from './backend.js';

export interface FleetSession {
  store: FleetStore;
  scheduler: Scheduler;
  snapshot(): FleetSnapshot;
  /** Poll every fleet feed now (R). */
  refresh(): void;
  stop(): void;
}

export interface StartFleetOptions {
  backend: Pick<Backend, 'badge' | 'apiUrl'>;
  env?: Record<string, string | undefined>;
  /** The Execution Market root (…/em on the simulator); default: the simulator's, none on a live backend. */
  emUrl?: string | null;
  pollers?: FleetPollerOptions;
}

export async function startFleet(o: StartFleetOptions): Promise<FleetSession> {
  const loaded = loadFleet({ env: o.env ?? process.env });
  let source: FleetSource = 'file';
  let fleet: Fleet = loaded.fleet;
  let problems = loaded.problems;
  if (!existsSync(loaded.path)) {
    if (o.backend.badge === 'SIM') {
      const { simFleet } = await import('./fleet-sim.js');
      ({ fleet, problems } = simFleet());
      source = 'simulator';
    } else source = 'none';
  }
  const emUrl = o.emUrl !== undefined ? o.emUrl : o.backend.badge === 'SIM' ? `${o.backend.apiUrl}/em` : null;
  const pipelineNotes: Record<string, string> = {};
  for (const p of fleet.pipelines) {
    if (p.market === 'taskmarket') pipelineNotes[p.name] = 'Taskmarket pipelines are not tracked yet';
    else if (!emUrl) pipelineNotes[p.name] = 'no Execution Market URL for this backend: progress is not read';
  }
  const store = createFleetStore({ source, path: loaded.path, fleet, problems, emUrl, balanceUrl: o.backend.apiUrl, pipelineNotes });
  // No signer on either reader: the fleet view never needs a keystore.
  const tm = createTaskmarketReader({ apiUrl: o.backend.apiUrl });
  const em = emUrl ? createEmClient({ baseUrl: emUrl }) : null;
  const scheduler = createFleetPollers(store, { em, balance: (a, s) => tm.balance(a, s), inbox: (a, s) => tm.inbox(a, s) }, o.pollers);
  scheduler.start();
  return {
    store,
    scheduler,
    snapshot: () => fleetSnapshot(store),
    refresh: () => {
      for (const n of FLEET_POLLERS) scheduler.kick(n);
    },
    stop: () => scheduler.stop(),
  };
}
