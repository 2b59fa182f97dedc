// Wallet reads over the sim ledger (taskmarket-backend.md §1.10 wallet.router; taskmarket-cli.md §1.3).
// DREAMS rewards do not exist in the sim: zero balances, so `stats` prints nulls like an agent without any.
import { z } from 'zod';
import { formatUsdc } from '../../../core/money.js';
import { accountsOf } from '../accounts/accounts.js';
import { writeRoute } from '../idempotency.js';
import { checkSignature } from '../modes/signatures.js';
import { ok, trpcError, type Route } from '../../router.js';
import { noteActor, type Sim } from '../../sim.js';
import { usdcDomain } from '../x402.js';

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

export const routes: Route<Sim>[] = [
  {
    method: 'GET',
    path: '/api/wallet/balance',
    handle(req, sim) {
      const address = req.query.get('address') ?? '';
      if (!ADDRESS.test(address)) return trpcError(400, 'Invalid address');
      const units = sim.ledger.balanceOf(address);
      return ok({ address, balanceBaseUnits: units.toString(), balanceUsdc: formatUsdc(units) });
    },
  },
  {
    method: 'GET',
    path: '/api/wallet/withdrawal-address',
    handle(req, sim) {
      const address = req.query.get('address') ?? '';
      if (!ADDRESS.test(address)) return trpcError(400, 'Invalid address');
      const withdrawalAddress = accountsOf(sim).agent(address)?.withdrawalAddress ?? null;
      return ok({ withdrawalAddress, usdcDomain: usdcDomain(sim) });
    },
  },
  writeRoute({
    path: '/api/wallet/set-withdrawal-address',
    schema: z.object({
      walletAddress: z.string().regex(ADDRESS, 'Invalid wallet address'),
      withdrawalAddress: z.string().regex(ADDRESS, 'Invalid withdrawal address'),
      signature: z.string().min(1),
    }),
    async handle(body, req, sim) {
      const message = `taskmarket:set-withdrawal-address:${body.withdrawalAddress.toLowerCase()}`;
      const check = await checkSignature(message, body.signature, body.walletAddress, 'wallet');
      if (!check.ok) return trpcError(check.status, check.message);
      noteActor(req, check.signer);
      const agent = accountsOf(sim).ensureAgent(body.walletAddress, 'cli');
      if (agent.withdrawalAddress) return trpcError(409, 'Withdrawal address already set');
      agent.withdrawalAddress = body.withdrawalAddress;
      sim.changed();
      // The recovery code is what the real backend hands back once; the sim derives a stable 8-digit one.
      const code = String(parseInt(body.walletAddress.slice(2, 12), 16) % 100_000_000).padStart(8, '0');
      return ok({ withdrawalAddress: agent.withdrawalAddress, accountRecoveryCode: code });
    },
  }),
  { method: 'GET', path: '/api/wallet/dreams-balance', handle: () => ok({ claimableBaseUnits: '0' }) },
  { method: 'GET', path: '/api/wallet/exchange-rate', handle: () => ok({ dreamsPerUsdc: '0' }) },
];
