import { formatUsdc } from '../../../core/money.js';
import type { Task } from '../../../core/types.js';
import type { EmClient } from '../client.js';
import { toEmTask } from '../normalize.js';
import { taskSchema } from '../schemas/task.js';
import { validatePublish, type PublishInput } from '../validate.js';
import { invalid, keyOf, mutate, parse, requireSigner, type WriteMeta, type WriteOptions } from './common.js';
import { listMine } from './list-mine.js';

export interface PublishParameters extends PublishInput, WriteOptions {
  /** The live config minimum (GET /config); default 0.01. */
  minBounty?: bigint;
}

export interface PublishResult extends WriteMeta {
  task: Task;
  /** The server answered a repeated X-Idempotency-Key with the first task (200 + X-Idempotent, §1d). */
  idempotent: boolean;
}

/** The exact JSON body (strings trimmed; bounty as the JSON number the API takes). */
export function publishBody(p: PublishInput): Record<string, unknown> {
  return {
    title: p.title.trim(),
    instructions: p.instructions.trim(),
    category: p.category,
    bounty_usd: Number(formatUsdc(p.bounty)),
    deadline_hours: p.deadlineHours,
    evidence_required: [...p.evidenceRequired],
    ...(p.evidenceOptional && p.evidenceOptional.length ? { evidence_optional: [...p.evidenceOptional] } : {}),
    ...(p.skills && p.skills.length ? { skills_required: p.skills.map((s) => s.trim()) } : {}),
    ...(p.targetExecutor && p.targetExecutor !== 'any' ? { target_executor: p.targetExecutor } : {}),
    ...(p.minReputation ? { min_reputation: p.minReputation } : {}),
    ...(p.locationHint ? { location_hint: p.locationHint.trim() } : {}),
    ...(p.agentName ? { agent_name: p.agentName.trim() } : {}),
    ...(p.paymentNetwork ? { payment_network: p.paymentNetwork } : {}),
  };
}

/** Is `t` the task this publish would have created? */
const samePublish = (t: Task, p: PublishInput) =>
  t.em !== undefined &&
  t.em.title === p.title.trim() &&
  t.description === p.instructions.trim() &&
  t.em.category === p.category &&
  t.em.bounty === p.bounty &&
  t.em.evidenceRequired.join(',') === p.evidenceRequired.join(',');

// Server and desk clocks differ; a task created this long before the first send is not ours.
const SKEW_MS = 120_000;

/**
 * Signed POST /tasks with X-Idempotency-Key (§3a, §1d). The server's rules are checked first; an unknown
 * outcome is reconciled with the signed publisher listing (GET /tasks?publisher=) before the one re-send.
 */
export async function publish(client: EmClient, p: PublishParameters): Promise<PublishResult> {
  const me = requireSigner(client).address;
  const errors = validatePublish(p, p.minBounty !== undefined ? { minBounty: p.minBounty } : {});
  const first = Object.entries(errors)[0];
  if (first) throw invalid(`${first[0]}: ${first[1]}`);
  const key = keyOf(p);
  const body = publishBody(p);
  const startedAt = client.now();
  const route = 'POST /tasks';
  let idempotent = false;
  const r = await mutate({
    send: async () => {
      const res = await client.call({ method: 'POST', path: '/tasks', route, body, headers: { 'X-Idempotency-Key': key }, ...(p.signal ? { signal: p.signal } : {}) });
      idempotent = res.headers.get('x-idempotent') === 'true' || res.headers.get('idempotency-replay') === 'true';
      return toEmTask(parse(taskSchema, res.body, route), { now: client.now() });
    },
    reconcile: async () => {
      for (let offset = 0; offset < 1000; offset += 100) {
        const page = await listMine(client, { publisher: me, limit: 100, offset, ...(p.signal ? { signal: p.signal } : {}) });
        const hit = page.tasks.find((t) => t.createdAt >= startedAt - SKEW_MS && samePublish(t, p));
        if (hit) return hit;
        const oldest = page.tasks[page.tasks.length - 1];
        if (!page.hasMore || (oldest && oldest.createdAt < startedAt - SKEW_MS)) return null;
      }
      return null;
    },
    ...(p.signal ? { signal: p.signal } : {}),
    ...(p.maxRateWaitMs !== undefined ? { maxRateWaitMs: p.maxRateWaitMs } : {}),
  });
  return { task: r.value, idempotent, idempotencyKey: key, reconciled: r.reconciled, sends: r.sends };
}
