// The config file's shape (zod). Each section is checked on its own so one bad entry is reported and
// dropped while the rest still applies.
import { z } from 'zod';
import { AUCTION_TYPES, MODES, TASK_STATUSES } from '../core/types.js';

export const themeNameSchema = z.string().regex(/^[a-z0-9-]{1,40}$/, { error: 'theme must be a plain name (a-z, 0-9, -)' });

/** `{ "keys": { "<command>": ["x", "ctrl+…"] } }`; which commands and keys are valid is the key map's call. */
export const keyListSchema = z.union([z.string().min(1).max(20), z.array(z.string().min(1).max(20)).max(8)]);

const usdc = z.string().regex(/^(0|[1-9]\d*)(\.\d{1,6})?$/, { error: 'must be a USDC amount like "1.5"' });

export const filtersSchema = z
  .object({
    status: z.enum([...TASK_STATUSES, 'ALL']),
    mode: z.enum(MODES).nullable(),
    auctionType: z.enum(AUCTION_TYPES).nullable(),
    tags: z.array(z.string().min(1).max(32)).max(16),
    skill: z.string().min(1).max(32).nullable(),
    minReward: usdc.nullable(),
    maxReward: usdc.nullable(),
    deadlineHours: z.number().positive().max(24 * 365).nullable(),
    sort: z.enum(['newest', 'reward_desc', 'reward_asc', 'deadline_asc', 'clock_price']),
  })
  .partial();

export type FiltersConfig = z.infer<typeof filtersSchema>;

/** Where the desk may act and how much it may spend (issue: "Act from the desk"). */
export interface ActConfig {
  /** The network the operator means to act on; unset = asked (typed) on the first action of a session. */
  network: 'base' | 'base-sepolia' | null;
  /** Spend caps in base units; null = no cap. Defaults: 100 USDC a session, 250 a day. */
  sessionCap: bigint | null;
  dayCap: bigint | null;
  /** The default auction-accept guard looks this far ahead on a falling clock (ms). */
  guardLeadMs: number;
  executor: 'native' | 'cli';
}

export const DEFAULT_ACT: ActConfig = { network: null, sessionCap: 100_000_000n, dayCap: 250_000_000n, guardLeadMs: 10_000, executor: 'native' };

export const actSchema = z
  .object({
    network: z.enum(['base', 'base-sepolia']),
    spendCap: z.object({ session: usdc.nullable(), day: usdc.nullable() }).partial().strict(),
    guardLeadSeconds: z.number().int().min(0).max(3600),
    executor: z.enum(['native', 'cli']),
  })
  .partial()
  .strict();

export interface DeskConfig {
  theme: string;
  /** Raw overrides; src/ui/keys/keymap.ts validates commands and keys. */
  keys: Record<string, string | string[]>;
  ascii: boolean;
  filters: FiltersConfig;
  /** Default backend URL (like --api); unset means the built-in simulator. */
  api: string | null;
  act: ActConfig;
  /** Execution Market's base URL for a configured backend (like --em-api). */
  emApi: string | null;
}

export const DEFAULT_CONFIG: DeskConfig = { theme: 'default', keys: {}, ascii: false, filters: {}, api: null, act: DEFAULT_ACT, emApi: null };
