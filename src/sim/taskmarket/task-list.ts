// GET /api/tasks (TaskListInputSchema, taskmarket-backend.md §1.2): every filter, sort and the
// limit+1 / hasMore / nextCursor pagination. §1.2: the real backend applies the cursor only to
// sort=newest (other sorts are single-page); the simulator pages every sort on purpose, with a keyset
// cursor (task-cursor.ts). The REV007 listing cutoff is not applied in the simulator (every simulated
// task is newer than it anyway).
import { z } from 'zod';
import { MODES, PHASES, TASK_STATUSES, AUCTION_TYPES } from '../../core/types.js';
import { taskPhase } from '../../core/task-derived.js';
import type { Sim } from '../sim.js';
import type { TaskRecord } from '../state.js';
import { compareRows, cursorProblem, formatCursor, LIST_SORTS, parseCursor, type ListSort, type RowKey } from './task-cursor.js';

const numeric = z.string().regex(/^[0-9]+(\.[0-9]+)?$/, 'Must be a numeric string');

export const listSchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().optional(),
    status: z.enum([...TASK_STATUSES, 'ALL']).default('ALL'),
    phase: z.enum(PHASES).optional(),
    mode: z.enum([...MODES, 'ALL']).optional(),
    auctionType: z.enum(AUCTION_TYPES).optional(),
    requesterActorType: z.enum(['agent', 'human']).optional(),
    tags: z.array(z.string()).optional(),
    minReward: numeric.optional(),
    maxReward: numeric.optional(),
    deadlineHours: z.coerce.number().int().positive().optional(),
    requester: z.string().optional(),
    worker: z.string().optional(),
    taskDropId: z.string().optional(),
    q: z.string().trim().min(1).max(200).optional(),
    sort: z.enum(LIST_SORTS).default('newest'),
  })
  .superRefine((v, ctx) => {
    // A cursor that does not parse for this sort is a 400 like any other bad query, never "no cursor".
    const problem = v.cursor === undefined ? null : cursorProblem(v.sort, v.cursor);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['cursor'] });
  });

export type ListInput = z.infer<typeof listSchema>;

/** URLSearchParams → the object listSchema parses (tags as CSV and/or repeated params). */
export function listQuery(q: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of q) {
    if (k === 'tags') {
      const parts = v.split(',').map((s) => s.trim()).filter(Boolean);
      out.tags = [...((out.tags as string[] | undefined) ?? []), ...parts];
    } else if (!(k in out)) out[k] = v;
  }
  return out;
}

const discoverable = (t: TaskRecord) => t.taskVisibility !== 'unlisted' && t.taskVisibility !== 'private';
const lower = (s: string) => s.toLowerCase();
/** Reward comparison in base units: numeric strings may carry a fraction, compared exactly. */
function cmpReward(reward: bigint, bound: string): number {
  const [whole = '0', frac = ''] = bound.split('.');
  const r = reward * 10n ** BigInt(frac.length);
  const b = BigInt(whole + frac);
  return r < b ? -1 : r > b ? 1 : 0;
}

function matchesText(t: TaskRecord, needle: string): number {
  const hay = `${t.description}\n${t.tags.join(' ')}`.toLowerCase();
  let count = 0;
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + needle.length)) count += 1;
  return count;
}


export interface ListResult {
  rows: TaskRecord[];
  hasMore: boolean;
  nextCursor: string | null;
}

interface Row extends RowKey {
  t: TaskRecord;
}

export function listTasks(sim: Sim, input: ListInput): ListResult {
  const now = sim.now();
  const q = input.q ? input.q.toLowerCase() : null;
  const exact = q !== null && sim.state.taskOrder.some((id) => lower(id) === q || lower(sim.state.tasks[id]?.referenceCode ?? '') === q);
  const workerTasks = input.worker
    ? new Set(sim.state.awards.filter((a) => lower(a.workerAddress) === lower(input.worker as string)).map((a) => a.taskId))
    : null;
  // relevance without a free-text q (or with an exact id/reference match) orders as newest (§1.2): every
  // score is 0 then, so the relevance keyset reduces to newest's order and its cursor still pages.
  const sort = input.sort;
  const cursor = input.cursor === undefined ? null : parseCursor(sort, input.cursor);
  if (input.cursor !== undefined && cursor === null) throw new RangeError(`unparsed cursor reached listTasks: ${input.cursor}`);
  const rows: Row[] = [];
  for (let i = sim.state.taskOrder.length - 1; i >= 0; i -= 1) {
    const t = sim.state.tasks[sim.state.taskOrder[i] as string];
    if (!t || !discoverable(t)) continue;
    if (input.status === 'open' && (t.status !== 'open' || t.expiryTime <= now)) continue;
    if (input.status !== 'ALL' && input.status !== 'open') {
      if (t.status !== input.status) continue;
      if ((t.status === 'claimed' || t.status === 'worker_selected') && t.expiryTime <= now) continue;
    }
    if (input.phase && taskPhase(t.status, t.expiryTime, now) !== input.phase) continue;
    if (input.mode && input.mode !== 'ALL' && t.mode !== input.mode) continue;
    if (input.auctionType && t.auctionType !== input.auctionType) continue;
    // Every simulated requester is a CLI agent (no web registrations), so `human` matches nothing.
    if (input.requesterActorType === 'human') continue;
    if (input.tags && input.tags.length > 0 && !t.tags.some((tag) => input.tags?.includes(tag))) continue;
    if (input.minReward && cmpReward(t.reward, input.minReward) < 0) continue;
    if (input.maxReward && cmpReward(t.reward, input.maxReward) > 0) continue;
    if (input.deadlineHours && !(t.expiryTime > now && t.expiryTime <= now + input.deadlineHours * 3_600_000)) continue;
    if (input.requester && t.requester !== lower(input.requester)) continue;
    if (workerTasks && !(t.claimedBy !== null && lower(t.claimedBy) === lower(input.worker as string)) && !workerTasks.has(t.id)) continue;
    if (input.taskDropId && t.taskDropId !== input.taskDropId) continue;
    let score = 0;
    if (q !== null) {
      if (exact) {
        if (lower(t.id) !== q && lower(t.referenceCode) !== q) continue;
      } else {
        score = matchesText(t, q);
        if (score === 0) continue;
      }
    }
    const row: Row = { t, key: sortKey(sort, t, score), createdAt: t.createdAt, pos: i };
    if (cursor !== null && compareRows(sort, cursor, row) >= 0) continue;
    rows.push(row);
  }
  // Walked newest position first, so newest is already (almost always) in order: the sort is then linear.
  rows.sort((a, b) => compareRows(sort, a, b));
  const hasMore = rows.length > input.limit;
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  const next = rows[input.limit];
  return {
    rows: page.map((r) => r.t),
    hasMore,
    nextCursor: hasMore && last && next ? formatCursor(sort, last, next) : null,
  };
}

function sortKey(sort: ListSort, t: TaskRecord, score: number): bigint {
  if (sort === 'reward_desc' || sort === 'reward_asc') return t.reward;
  if (sort === 'deadline_asc') return BigInt(t.expiryTime);
  if (sort === 'relevance') return BigInt(score);
  return 0n;
}
