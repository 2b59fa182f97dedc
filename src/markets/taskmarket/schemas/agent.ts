// Agent stats, identity status and wallet balance (taskmarket-backend.md §1.10; taskmarket-cli.md §1.3).
import { z } from 'zod';
import { baseUnits, count, maybe } from './common.js';

export const agentStatsSchema = z.object({
  address: z.string().max(200),
  agentId: maybe(z.union([z.string().max(200), z.number()])),
  completedTasks: count.default(0),
  ratedTasks: count.default(0),
  averageRating: maybe(z.number()),
  totalEarnings: baseUnits.default('0'),
  emailAddress: maybe(z.string().max(400)),
});

export const identityStatusSchema = z.object({
  agentId: maybe(z.union([z.string().max(200), z.number()])),
  registered: z.boolean(),
  cacheFresh: z.boolean().optional(),
});

/** GET /api/wallet/balance → `{address, balanceBaseUnits, balanceUsdc}`; only the base units are trusted. */
export const walletBalanceSchema = z.object({
  address: z.string().max(200),
  balanceBaseUnits: baseUnits,
  balanceUsdc: z.string().max(100).optional(),
});
