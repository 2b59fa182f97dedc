// The fleet file's entries (zod), one schema per entry so one bad agent or step is reported on its own.
// Cross-entry rules (known agents, markets, duplicates) are fleet.ts's.
import { z } from 'zod';
import type { Address } from '../core/types.js';

export const FLEET_MARKETS = ['taskmarket', 'execution-market'] as const;
export type FleetMarket = (typeof FLEET_MARKETS)[number];

// Plain names only: they are shown on every ticket and used as keys, so no control or odd characters.
const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { error: 'must be 1–64 letters, digits, ".", "_" or "-"' });
const noControls = /^[^\p{Cc}\p{Cf}\u2028\u2029]*$/u;
const path = z
  .string()
  .min(1, { error: 'must be a path' })
  .max(4096)
  .regex(noControls, { error: 'must not contain control characters' });

export const agentEntrySchema = z.object({
  name,
  market: z.enum([...FLEET_MARKETS, 'both'], { error: 'must be "taskmarket", "execution-market" or "both"' }),
  wallet: z
    .string()
    .regex(/^0x[0-9a-fA-F]{40}$/, { error: 'must be a 0x address (40 hex digits)' })
    .transform((a) => a.toLowerCase() as Address),
  /** A v3 keystore path ("~/" and paths relative to the fleet file allowed), or "taskmarket". */
  keystore: path,
  passwordFile: path.optional(),
});
export const AGENT_KEYS = new Set(Object.keys(agentEntrySchema.shape));

export const matchEntrySchema = z
  .object({
    titlePrefix: z.string().min(1).max(200).regex(noControls, { error: 'must not contain control characters' }).optional(),
    titleRegex: z
      .string()
      .min(1)
      .max(200)
      .refine(
        (s) => {
          try {
            new RegExp(s, 'u');
            return true;
          } catch {
            return false;
          }
        },
        { error: 'is not a valid regular expression' },
      )
      .optional(),
    /** An Execution Market category, e.g. "knowledge_access". */
    category: z.string().regex(/^[a-z][a-z_]{0,39}$/, { error: 'must be a category name like "knowledge_access"' }).optional(),
  })
  // Strict: a misspelt rule would silently match more (or fewer) tasks than the operator meant.
  .strict()
  .refine((m) => m.titlePrefix !== undefined || m.titleRegex !== undefined || m.category !== undefined, {
    error: 'needs at least one of titlePrefix, titleRegex, category',
  });

export const stepEntrySchema = z.object({
  product: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { error: 'must be a plain name like "raw_logs"' }),
  seller: name,
  /** USDC as a decimal string ("0.05"), parsed with core/money's parseUsdc. */
  price: z.string({ error: 'must be a USDC amount as a string, like "0.05"' }),
  match: matchEntrySchema,
});

export const pipelineEntrySchema = z.object({
  name,
  consumer: name,
  market: z.enum(FLEET_MARKETS, { error: 'must be "taskmarket" or "execution-market"' }).default('execution-market'),
  steps: z.array(z.unknown(), { error: 'must be a list of steps' }).min(1, { error: 'needs at least one step' }).max(16, { error: 'at most 16 steps' }),
});

export const STEP_KEYS = new Set(Object.keys(stepEntrySchema.shape));
export const PIPELINE_KEYS = new Set(Object.keys(pipelineEntrySchema.shape));

export type AgentEntry = z.infer<typeof agentEntrySchema>;
export type StepEntry = z.infer<typeof stepEntrySchema>;
