// ERC-8004 identity (taskmarket-backend.md §1.10 identity.router): status is free, register is x402 1000.
import { z } from 'zod';
import { accountsOf } from '../accounts/accounts.js';
import { ok, trpcError, type Route } from '../../router.js';
import type { Sim } from '../../sim.js';
import { paidRoute, STANDARD_FEE } from '../x402.js';

export const routes: Route<Sim>[] = [
  {
    method: 'GET',
    path: '/api/identity/status',
    handle(req, sim) {
      const address = req.query.get('address');
      if (!address) return trpcError(400, 'address is required');
      const agentId = accountsOf(sim).agent(address)?.agentId ?? null;
      return ok({ agentId, registered: agentId !== null, cacheFresh: true });
    },
  },
  paidRoute({
    path: '/api/identity/register',
    schema: z.object({ source: z.enum(['cli', 'web']).optional() }),
    amount: () => STANDARD_FEE,
    description: 'Register an ERC-8004 agent identity',
    settle(body, payer, _req, sim) {
      const accounts = accountsOf(sim);
      const agent = accounts.ensureAgent(payer, body.source ?? 'cli');
      return ok(accounts.mintAgentId(agent));
    },
  }),
];
