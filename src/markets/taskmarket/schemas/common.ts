// Wire primitives shared by every Taskmarket schema (taskmarket-backend.md §0 conventions).
// Tolerant of extra fields (z.object strips them), strict on the types of the fields the desk uses.
import { z } from 'zod';
import { ACTION_NAMES, ACTION_ROLES, AUCTION_TYPES, MODES, PHASES, SUBMISSION_VISIBILITIES, TASK_STATUSES, TASK_VISIBILITIES } from '../../../core/types.js';

/** USDC base units as a decimal string (`UsdcBaseUnitsSchema` = /^[0-9]+$/), capped at uint256 width. */
export const baseUnits = z
  .string({ error: 'expected a base-unit string' })
  .regex(/^[0-9]{1,78}$/, { error: 'expected a base-unit string of digits' });

/** ISO-8601 with an explicit zone (Z or ±hh:mm): Date.parse reads zone-less date-times as local time. */
export const isoTime = z
  .string({ error: 'expected an ISO timestamp' })
  .max(64, { error: 'timestamp too long' })
  .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:?[0-9]{2})$/, { error: 'expected an ISO timestamp with a zone' })
  .refine((s) => Number.isFinite(Date.parse(s)), { error: 'expected an ISO timestamp' });

export const address = z.string({ error: 'expected an address' }).regex(/^0x[0-9a-fA-F]{40}$/, { error: 'expected a 0x address' });

/** Ids are opaque strings; capped so a hostile server cannot hand us megabytes in a key field. */
export const id = z.string({ error: 'expected an id string' }).min(1).max(200);

export const count = z.number({ error: 'expected a count' }).int().min(0);

export const mode = z.enum(MODES);
export const auctionType = z.enum(AUCTION_TYPES);
export const taskStatus = z.enum(TASK_STATUSES);
export const phase = z.enum(PHASES);
export const taskVisibility = z.enum(TASK_VISIBILITIES);
export const submissionVisibility = z.enum(SUBMISSION_VISIBILITIES);
export const actionName = z.enum(ACTION_NAMES);
export const actionRole = z.enum(ACTION_ROLES);

/** Optional on the wire and possibly null: both mean "absent". */
export function maybe<T extends z.ZodType>(schema: T) {
  return schema.nullish();
}
