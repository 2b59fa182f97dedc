// EM rows → wire JSON (execution-market-api.md §3b TaskResponse, §4a browse rows, applications, submissions).
// Money leaves as the JSON number the reference shows; times as ISO-8601 UTC.
import { agentIdOf, stateOf, walletOf, type EmRuntime } from './runtime.js';
import { unitsToUsd } from './money.js';
import type { EmApplication, EmSubmission, EmTask } from './state.js';

export const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** escrow_status for the wire: the escrow's own state, `pending_assignment` while a 202 lock is in flight. */
function escrowStatus(t: EmTask): string | null {
  if (t.pendingLock) return 'pending_assignment';
  return t.escrow?.status ?? null;
}

/** TaskResponse (§3b) plus assigned_at / completed_at / updated_at. */
export function taskJson(rt: EmRuntime, t: EmTask): Record<string, unknown> {
  return {
    id: t.id,
    title: t.title,
    status: t.status,
    category: t.category,
    bounty_usd: unitsToUsd(t.bounty),
    deadline: iso(t.deadlineAt),
    created_at: iso(t.createdAt),
    agent_id: t.agentId,
    executor_id: t.executorId,
    instructions: t.instructions,
    evidence_schema: { required: t.evidenceRequired, optional: t.evidenceOptional },
    location_hint: t.locationHint,
    min_reputation: t.minReputation,
    erc8004_agent_id: agentIdOf(rt, t.agentId),
    payment_network: t.paymentNetwork,
    payment_token: t.paymentToken,
    escrow_tx: t.escrow?.escrowTx ?? null,
    refund_tx: t.escrow?.refundTx ?? null,
    target_executor_type: t.targetExecutor,
    agent_name: t.agentName,
    skills_required: t.skills,
    payment_tx: t.paymentTx,
    escrow_status: escrowStatus(t),
    skill_version: t.skillVersion,
    geo_match_mode: t.geoMatchMode,
    location_radius_m: t.locationRadiusM,
    assigned_at: iso(t.assignedAt),
    completed_at: iso(t.completedAt),
    updated_at: iso(t.updatedAt),
  };
}

/** A `GET /tasks/available` row: the DB row (`select *`) without executor_id / human_wallet / human_user_id. */
export function availableRow(rt: EmRuntime, t: EmTask): Record<string, unknown> {
  return {
    id: t.id,
    title: t.title,
    instructions: t.instructions,
    category: t.category,
    status: t.status,
    bounty_usd: unitsToUsd(t.bounty),
    deadline: iso(t.deadlineAt),
    created_at: iso(t.createdAt),
    updated_at: iso(t.updatedAt),
    agent_id: t.agentId,
    agent_name: t.agentName,
    erc8004_agent_id: agentIdOf(rt, t.agentId),
    evidence_schema: { required: t.evidenceRequired, optional: t.evidenceOptional },
    required_capabilities: t.skills,
    location_hint: t.locationHint,
    location_lat: t.locationLat,
    location_lng: t.locationLng,
    geo_match_mode: t.geoMatchMode,
    location_radius_m: t.locationRadiusM,
    min_reputation: t.minReputation,
    payment_network: t.paymentNetwork,
    payment_token: t.paymentToken,
    target_executor_type: t.targetExecutor,
    arbiter_mode: t.arbiterMode,
    publisher_type: 'agent',
    escrow_id: t.escrow?.escrowId ?? null,
    escrow_status: escrowStatus(t),
    skill_version: t.skillVersion,
    metadata: null,
  };
}

export function applicationJson(rt: EmRuntime, a: EmApplication): Record<string, unknown> {
  const ex = stateOf(rt).executors[a.executorId];
  return {
    id: a.id,
    task_id: a.taskId,
    executor_id: a.executorId,
    wallet_address: ex?.wallet ?? null,
    message: a.message,
    status: a.status,
    created_at: iso(a.createdAt),
    reputation_score: ex?.reputationScore ?? 0,
    tasks_completed: ex?.tasksCompleted ?? 0,
    avg_rating: avgRatingOf(rt, ex?.wallet ?? null),
  };
}

/** Mean received score on the 0–5 scale (§5d: avg_rating is 0–5, scores are 0–100), null without ratings. */
export function avgRatingOf(rt: EmRuntime, wallet: string | null): number | null {
  if (!wallet) return null;
  const mine = stateOf(rt).ratings.filter((r) => r.to === wallet);
  if (mine.length === 0) return null;
  return Math.round((mine.reduce((s, r) => s + r.score, 0) / mine.length / 20) * 100) / 100;
}

/** A row of `GET /tasks/{id}/submissions` (§4a). */
export function submissionRow(s: EmSubmission): Record<string, unknown> {
  return {
    id: s.id,
    task_id: s.taskId,
    executor_id: s.executorId,
    status: s.verdict,
    pre_check_score: 1,
    submitted_at: iso(s.submittedAt),
    evidence: s.evidence,
    agent_verdict: s.verdict,
    agent_notes: s.agentNotes,
    verified_at: iso(s.verifiedAt),
    ai_verification_result: null,
    arbiter_grade: null,
    arbiter_summary: null,
  };
}

/** The submission as `GET /submissions/{id}` and my-submission show it (§4a). */
export function submissionDetail(rt: EmRuntime, s: EmSubmission): Record<string, unknown> {
  return {
    id: s.id,
    task_id: s.taskId,
    executor_id: s.executorId,
    executor_wallet: walletOf(rt, s.executorId),
    status: s.verdict,
    evidence: s.evidence,
    notes: s.notes,
    auto_check_passed: true,
    auto_check_score: 1,
    ai_verification_result: null,
    arbiter_grade: null,
    arbiter_summary: null,
    agent_verdict: s.verdict,
    agent_notes: s.agentNotes,
    severity: s.severity,
    submitted_at: iso(s.submittedAt),
    verified_at: iso(s.verifiedAt),
    payment_tx: s.paymentTx,
  };
}
