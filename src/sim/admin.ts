// Simulator-only controls under /sim (not part of Taskmarket) plus the backend's health routes.
// POST /sim/faucet mints USDC; POST /sim/clock advances a manual market clock and GET /sim/clock reads
// it with its rate; GET /sim/ledger and GET /sim/requests expose balances/escrows and every write received.
import { z } from 'zod';
import { errorReply, ok, type Route } from './router.js';
import type { Sim } from './sim.js';

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const BASE_UNITS = /^[0-9]{1,30}$/;

const faucetSchema = z.object({
  address: z.string().regex(ADDRESS, 'address must be a 0x-prefixed 20-byte hex address'),
  amount: z.string().regex(BASE_UNITS, 'amount must be a base-unit integer string'),
});

const clockSchema = z.object({
  advanceMs: z.number().int('advanceMs must be an integer').nonnegative('advanceMs must be >= 0').max(10 * 365 * 86_400_000),
});

const messages = (e: z.ZodError) => e.issues.map((i) => i.message).join('; ');

export const routes: Route<Sim>[] = [
  { method: 'GET', path: '/health', handle: () => ok({ status: 'ok' }) },
  {
    method: 'GET',
    path: '/api/health',
    handle: (_req, sim) =>
      ok({
        status: 'ok',
        timestamp: new Date(sim.wall.now()).toISOString(),
        environment: 'simulator',
        limits: {
          freeSubmissionAllowance: sim.config.freeSubmissionAllowance,
          hardSubmissionCeiling: sim.config.hardSubmissionCeiling,
        },
      }),
  },
  {
    method: 'POST',
    path: '/sim/faucet',
    handle(req, sim) {
      const parsed = faucetSchema.safeParse(req.body);
      if (!parsed.success) return errorReply(400, messages(parsed.error));
      const amount = BigInt(parsed.data.amount);
      sim.ledger.credit(parsed.data.address, amount);
      return ok({ address: parsed.data.address, amount: amount.toString(), balance: sim.ledger.balanceOf(parsed.data.address).toString() });
    },
  },
  {
    method: 'POST',
    path: '/sim/clock',
    handle(req, sim) {
      if (!sim.manualClock) return errorReply(409, `The market clock is ${sim.clockMode}; start the simulator with --manual-clock to move it`);
      const parsed = clockSchema.safeParse(req.body);
      if (!parsed.success) return errorReply(400, messages(parsed.error));
      const now = sim.manualClock.advance(parsed.data.advanceMs);
      sim.changed();
      return ok({ now: new Date(now).toISOString(), nowMs: now });
    },
  },
  {
    method: 'GET',
    path: '/sim/clock',
    handle(_req, sim) {
      const now = sim.now();
      // scale: market ms per wall ms (0 = manual), so a client can run its own copy of a scaled clock.
      return ok({ mode: sim.clockMode, now: new Date(now).toISOString(), nowMs: now, scale: sim.timeScale });
    },
  },
  { method: 'GET', path: '/sim/ledger', handle: (_req, sim) => ok(sim.ledger.snapshot()) },
  { method: 'GET', path: '/sim/requests', handle: (_req, sim) => ok(sim.log) },
];
