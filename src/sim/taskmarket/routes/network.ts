// GET /trpc/network.info (taskmarket-cli.md §3.5): the only source of network facts for `init` and `deposit`.
import { ok, type Route } from '../../router.js';
import type { Sim } from '../../sim.js';

/** The backend's display name for the chain (`deposit` prints it as `network`). */
function networkName(sim: Sim): string {
  return sim.config.chainId === 84532 ? 'Base Sepolia' : sim.config.chainId === 8453 ? 'Base' : sim.config.networkName;
}

export const routes: Route<Sim>[] = [
  {
    method: 'GET',
    path: '/trpc/network.info',
    handle: (_req, sim) =>
      ok({ result: { data: { networkName: networkName(sim), chainId: sim.config.chainId, usdcAddress: sim.config.usdc } } }),
  },
];
