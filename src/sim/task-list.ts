// GET /api/tasks (TaskListInputSchema, taskmarket-backend.md §1.2): every filter, sort and the
// limit+1 / hasMore / nextCursor pagination on createdAt. The REV007 listing cutoff is not applied
// in the simulator (every simulated task is newer than it anyway).
import { z } from 'zod';
import { MODES, PHASES, TASK_STATUSES, AUCTION_TYPES } from '../core/types.js';
import { taskPhase } from '../core/task-derived.js';
import type { Sim } from './sim.js';
import type { TaskRecord } from './state.js';

const numeric = z.string().regex(/^[0-9]+(\.[0-9]+)?$/, 'Must be a numeric string');

export const listSchema = z.object({
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
  sort: z.enum(['newest', 'reward_desc', 'reward_asc', 'deadline_asc', 'relevance']).default('newest'),
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

/** The tie-breaking position hidden in a cursor's extra fraction digits (see listTasks), or null. */
function tieSeq(cursor: string): number | null {
  const m = /\.\d{3}(\d{6})Z$/.exec(cursor);
  return m ? Number(m[1]) : null;
}

export interface ListResult {
  rows: TaskRecord[];
  hasMore: boolean;
  nextCursor: string | null;
}

export function listTasks(sim: Sim, input: ListInput): ListResult {
  const now = sim.now();
  const q = input.q ? input.q.toLowerCase() : null;
  const exact = q !== null && sim.state.taskOrder.some((id) => lower(id) === q || lower(sim.state.tasks[id]?.referenceCode ?? '') === q);
  const workerTasks = input.worker
    ? new Set(sim.state.awards.filter((a) => lower(a.workerAddress) === lower(input.worker as string)).map((a) => a.taskId))
    : null;
  const cursor = input.sort === 'newest' && input.cursor ? Date.parse(input.cursor) : NaN;
  const cursorSeq = input.sort === 'newest' && input.cursor ? tieSeq(input.cursor) : null;
  const seqOf = new Map<string, number>();
  const relevance = new Map<string, number>();
  const rows: TaskRecord[] = [];
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
    if (q !== null) {
      if (exact) {
        if (lower(t.id) !== q && lower(t.referenceCode) !== q) continue;
      } else {
        const score = matchesText(t, q);
        if (score === 0) continue;
        relevance.set(t.id, score);
      }
    }
    if (!Number.isNaN(cursor) && (t.createdAt > cursor || (t.createdAt === cursor && (cursorSeq === null || i >= cursorSeq)))) continue;
    seqOf.set(t.id, i);
    rows.push(t);
  }
  const sort = input.sort === 'relevance' && (q === null || exact) ? 'newest' : input.sort;
  const byReward = (a: TaskRecord, b: TaskRecord) => (a.reward < b.reward ? -1 : a.reward > b.reward ? 1 : 0);
  if (sort === 'reward_desc') rows.sort((a, b) => byReward(b, a) || b.createdAt - a.createdAt);
  else if (sort === 'reward_asc') rows.sort((a, b) => byReward(a, b) || b.createdAt - a.createdAt);
  else if (sort === 'deadline_asc') rows.sort((a, b) => a.expiryTime - b.expiryTime || b.createdAt - a.createdAt);
  else if (sort === 'relevance') rows.sort((a, b) => (relevance.get(b.id) ?? 0) - (relevance.get(a.id) ?? 0) || b.createdAt - a.createdAt);
  const hasMore = rows.length > input.limit;
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  if (!hasMore || !last) return { rows: page, hasMore, nextCursor: null };
  const next = rows[input.limit] as TaskRecord;
  const iso = new Date(last.createdAt).toISOString();
  // The backend's cursor is createdAt (`createdAt < cursor`), which skips rows sharing the last row's
  // millisecond (every task under a frozen manual clock). Only then, extra fraction digits carry the
  // row's position; it still parses as the same ISO instant. Six digits, not more: V8's Date.parse
  // misreads 12 fraction digits when the milliseconds start with 0 (".065000000003" → 650 ms).
  const nextCursor = next.createdAt === last.createdAt ? iso.replace(/Z$/, `${String(seqOf.get(last.id) ?? 0).padStart(6, '0')}Z`) : iso;
  return { rows: page, hasMore, nextCursor };
}
