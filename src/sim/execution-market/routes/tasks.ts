// Publish, read and browse (execution-market-api.md §3a, §3b, §4a, §9, §13.8): POST /tasks (201, 422 on any
// rule of CreateTaskRequest incl. unknown fields, 400 below the config minimum, X-Idempotency-Key → 200 +
// X-Idempotent), GET /tasks (own tasks, or ?publisher=), GET /tasks/{id} (410 for non-participants once
// expired/cancelled), GET /tasks/available (public, newest first, X-Total-Count + Link).
import { z } from 'zod';
import type { SimReply } from '../../router.js';
import { CATEGORIES, EVIDENCE_TYPES, MIN_BOUNTY, NETWORK, TASK_STATUSES, TOKEN } from '../config.js';
import { fail, validationFailed } from '../errors.js';
import { usdToUnits, unitsToUsd } from '../money.js';
import { emitTask, stateOf, touch, type EmCall } from '../runtime.js';
import { availableRow, taskJson } from '../serialize.js';
import type { EmTask } from '../state.js';
import { parseWith, queryObject } from '../validate.js';
import { ADDRESS, findTask, isParticipant, isReply, pageHeaders, pageQuery, parseBody, pathId, route, signer, uuid, type EmRoute } from './common.js';

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const optText = (max: number) => z.string().trim().max(max).nullish();
const evidenceList = (min: number) =>
  z
    .array(z.enum(EVIDENCE_TYPES))
    .min(min)
    .max(5)
    .refine((l) => new Set(l).size === l.length, { message: 'evidence types must not repeat', params: { type: 'value_error' } });

const createSchema = z.strictObject({
  title: text(5, 255),
  instructions: text(20, 5000),
  category: z.enum(CATEGORIES),
  bounty_usd: z.number().gt(0).lte(10_000),
  deadline_hours: z.int().min(1).max(720),
  evidence_required: evidenceList(1),
  evidence_optional: evidenceList(0).nullish(),
  location_hint: optText(255),
  location_lat: z.number().min(-90).max(90).nullish(),
  location_lng: z.number().min(-180).max(180).nullish(),
  geo_match_mode: z.enum(['strict', 'city', 'region', 'country', 'any']).nullish(),
  location_radius_m: z.int().gt(0).nullish(),
  min_reputation: z.int().min(0).nullish(),
  payment_token: optText(10),
  payment_network: optText(30),
  agent_name: optText(100),
  target_executor: z.enum(['human', 'agent', 'robot', 'any']).nullish(),
  skills_required: z.array(z.string().trim().max(50)).max(20).nullish(),
  skill_version: optText(20),
  arbiter_mode: z.enum(['manual', 'auto', 'hybrid']).nullish(),
});

type CreateBody = z.infer<typeof createSchema>;

function inferGeo(b: CreateBody): string {
  if (b.geo_match_mode) return b.geo_match_mode;
  if (b.location_lat != null && b.location_lng != null) return 'strict';
  if (b.location_hint && /^[^,]+,\s*[A-Z]{2}$/.test(b.location_hint)) return 'city';
  if (b.location_hint) return 'region';
  return 'any';
}

function idempotencyKeyHeader(call: EmCall, name: string): string | null | SimReply {
  const raw = call.req.headers[name];
  if (raw === undefined) return null;
  const key = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? '';
  if (key === '' || key.length > 255) return fail(400, 'invalid_idempotency_key', `${name} must be 1–255 characters`);
  return key;
}

async function create(call: EmCall): Promise<SimReply> {
  const who = signer(call);
  if (typeof who !== 'string') return who;
  const key = idempotencyKeyHeader(call, 'x-idempotency-key');
  if (isReply(key)) return key;
  const s = stateOf(call.rt);
  if (key !== null) {
    const existing = s.tasks[s.createKeys[`${who}:${key}`] ?? ''];
    if (existing) return { status: 200, body: taskJson(call.rt, existing), headers: { 'X-Idempotent': 'true' } };
  }
  const parsed = parseBody(call, createSchema);
  if (!parsed.ok) return parsed.reply;
  const b = parsed.value;
  const bounty = usdToUnits(b.bounty_usd);
  if (bounty === null) return validationFailed([{ field: 'body.bounty_usd', message: 'Decimal input should have no more than 6 decimal places', type: 'decimal_max_places' }]);
  if (bounty < MIN_BOUNTY) return fail(400, 'bounty_below_minimum', `Bounty must be at least $${unitsToUsd(MIN_BOUNTY)}`, { min_bounty_usd: unitsToUsd(MIN_BOUNTY), max_bounty_usd: 10_000 });
  const geo = inferGeo(b);
  if (geo === 'strict' && (b.location_lat == null || b.location_lng == null)) {
    return validationFailed([{ field: 'body.geo_match_mode', message: "geo_match_mode 'strict' needs location_lat and location_lng", type: 'invalid_geo_match_mode' }]);
  }
  const network = b.payment_network || NETWORK;
  if (network !== NETWORK) return fail(400, 'network_not_enabled', `Payment network '${network}' is not enabled; supported: ${NETWORK}`, { supported_networks: [NETWORK] });
  const token = (b.payment_token || TOKEN).toUpperCase();
  if (token !== TOKEN) return fail(400, 'token_not_supported', `Payment token '${b.payment_token}' is not available on ${NETWORK}; supported: ${TOKEN}`, { supported_tokens: [TOKEN] });
  const now = call.rt.sim.now();
  const task: EmTask = {
    id: call.rt.sim.uuid(),
    title: b.title,
    instructions: b.instructions,
    category: b.category,
    bounty,
    createdAt: now,
    updatedAt: now,
    deadlineAt: now + b.deadline_hours * 3_600_000,
    agentId: who,
    agentName: b.agent_name ?? null,
    executorId: null,
    status: 'published',
    evidenceRequired: b.evidence_required,
    evidenceOptional: b.evidence_optional ?? [],
    locationHint: b.location_hint ?? null,
    locationLat: b.location_lat ?? null,
    locationLng: b.location_lng ?? null,
    geoMatchMode: geo,
    locationRadiusM: geo === 'strict' ? (b.location_radius_m ?? 500) : null,
    minReputation: b.min_reputation ?? 0,
    paymentNetwork: network,
    paymentToken: token,
    targetExecutor: b.target_executor ?? 'any',
    skills: (b.skills_required ?? []).map((x) => x.toLowerCase()),
    skillVersion: b.skill_version ?? null,
    arbiterMode: b.arbiter_mode ?? 'manual',
    assignedAt: null,
    completedAt: null,
    cancelledAt: null,
    cancelReason: null,
    escrow: null,
    paymentTx: null,
    pendingLock: null,
  };
  s.tasks[task.id] = task;
  s.taskOrder.push(task.id);
  if (key !== null) s.createKeys[`${who}:${key}`] = task.id;
  touch(call.rt, task);
  const json = taskJson(call.rt, task);
  emitTask(call.rt, 'TaskCreated', task, { task: json }, { global: true, category: true });
  return { status: 201, body: json };
}

const listSchema = z.object({
  status: z.enum(TASK_STATUSES).optional(),
  category: z.enum(CATEGORIES).optional(),
  publisher: z.string().regex(ADDRESS).optional(),
  ...pageQuery,
});

function listOwn(call: EmCall): SimReply {
  const q = parseWith(listSchema, queryObject(call.req.query), 'query');
  if (!q.ok) return q.reply;
  const { status, category, publisher, limit, offset } = q.value;
  // Unsigned and no publisher: the anonymous platform agent owns nothing (§13.3: an empty 200, not a 401).
  const owner = publisher?.toLowerCase() ?? call.caller;
  const s = stateOf(call.rt);
  const matches: EmTask[] = [];
  if (owner) {
    for (let i = s.taskOrder.length - 1; i >= 0; i--) {
      const t = s.tasks[s.taskOrder[i] as string];
      if (!t || t.agentId !== owner) continue;
      if (status && t.status !== status) continue;
      if (category && t.category !== category) continue;
      matches.push(t);
    }
  }
  const page = matches.slice(offset, offset + limit);
  return {
    status: 200,
    body: { tasks: page.map((t) => taskJson(call.rt, t)), total: matches.length, count: page.length, offset, has_more: offset + page.length < matches.length },
    headers: pageHeaders(call, matches.length, limit, offset),
  };
}

function getOne(call: EmCall): SimReply {
  const id = pathId(call, 'task_id');
  if (!id.ok) return id.reply;
  const task = findTask(call, id.value);
  if (isReply(task)) return task;
  if ((task.status === 'expired' || task.status === 'cancelled') && !isParticipant(call, task, call.caller)) {
    return fail(410, 'task_gone', `Task is ${task.status}`);
  }
  return { status: 200, body: taskJson(call.rt, task) };
}

const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const availableSchema = z.object({
  category: z.enum(CATEGORIES).optional(),
  min_bounty: z.coerce.number().min(0).optional(),
  max_bounty: z.coerce.number().min(0).max(10_000).optional(),
  target_executor_type: z.enum(['human', 'agent', 'robot', 'any']).optional(),
  publisher_type: z.enum(['agent', 'human']).optional(),
  after: z.iso.datetime({ offset: true }).optional(),
  include_expired: flag.optional(),
  exclude_executor: uuid().optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  radius_km: z.coerce.number().min(1).max(500).optional(),
  service_area_of: z.string().max(100).optional(),
  ...pageQuery,
});

function available(call: EmCall): SimReply {
  const q = parseWith(availableSchema, queryObject(call.req.query), 'query');
  if (!q.ok) return q.reply;
  const f = q.value;
  // skills: a comma list or repeated params; ALL must match (§4a, §9).
  const skills = call.req.query.getAll('skills').flatMap((v) => v.split(',')).map((v) => v.trim().toLowerCase()).filter(Boolean);
  const min = f.min_bounty === undefined ? null : usdToUnits(f.min_bounty);
  const max = f.max_bounty === undefined ? null : usdToUnits(f.max_bounty);
  const after = f.after ? Date.parse(f.after) : null;
  const s = stateOf(call.rt);
  const applied = new Set<string>();
  if (f.exclude_executor) for (const [taskId, apps] of Object.entries(s.applications)) if (apps.some((a) => a.executorId === f.exclude_executor)) applied.add(taskId);
  const page: EmTask[] = [];
  let total = 0;
  for (let i = s.taskOrder.length - 1; i >= 0; i--) {
    const t = s.tasks[s.taskOrder[i] as string];
    if (!t) continue;
    if (t.status !== 'published' && !(f.include_expired && t.status === 'expired')) continue;
    if (f.category && t.category !== f.category) continue;
    if (min !== null && t.bounty < min) continue;
    if (max !== null && t.bounty > max) continue;
    if (f.target_executor_type && f.target_executor_type !== 'any' && t.targetExecutor !== 'any' && t.targetExecutor !== f.target_executor_type) continue;
    if (f.publisher_type === 'human') continue; // every simulated publisher is an agent
    if (after !== null && t.createdAt < after) continue;
    if (applied.has(t.id)) continue;
    if (skills.length && !skills.every((k) => t.skills.includes(k))) continue;
    if (total >= f.offset && page.length < f.limit) page.push(t);
    total++;
  }
  const applies: Record<string, unknown> = {};
  for (const k of ['category', 'min_bounty', 'max_bounty', 'target_executor_type', 'publisher_type', 'after', 'include_expired', 'exclude_executor'] as const) {
    if (f[k] !== undefined) applies[k] = f[k];
  }
  if (skills.length) applies.skills = skills;
  return {
    status: 200,
    body: { tasks: page.map((t) => availableRow(call.rt, t)), count: page.length, offset: f.offset, filters_applied: applies },
    headers: pageHeaders(call, total, f.limit, f.offset),
  };
}

export const routes: EmRoute[] = [
  route('GET', '/api/v1/tasks/available', 'pub', (_r, call) => available(call)),
  route('POST', '/api/v1/tasks', 'write', (_r, call) => create(call)),
  route('GET', '/api/v1/tasks', 'read', (_r, call) => listOwn(call)),
  route('GET', '/api/v1/tasks/:task_id', 'read', (_r, call) => getOne(call)),
];
