// The server's CreateTaskRequest rules (execution-market-api.md §3a, §13.8.3) checked before anything is
// signed: title 5–255, instructions 20–5000, one of the 21 categories, bounty from the config minimum to
// 10000, deadline 1–720 h, 1–5 evidence types from the 18 without repeats, optional ≤ 5, skills ≤ 20 × 50.
// Strings are whitespace-stripped first, as the server does. Also the submit evidence rule (§5a.5).
import { formatUsdc } from '../../core/money.js';
import { EM_CATEGORIES, EM_EVIDENCE_TYPES, EM_TARGET_EXECUTORS, MAX_REQUEST_BYTES, PUBLISH_LIMITS as L } from './constants.js';

export interface PublishInput {
  title: string;
  instructions: string;
  category: string;
  /** Base units. */
  bounty: bigint;
  deadlineHours: number;
  evidenceRequired: readonly string[];
  evidenceOptional?: readonly string[];
  skills?: readonly string[];
  targetExecutor?: string;
  minReputation?: number;
  locationHint?: string | null;
  agentName?: string | null;
  paymentNetwork?: string | null;
}

export type FieldErrors = Record<string, string>;

const isCategory = (c: string) => (EM_CATEGORIES as readonly string[]).includes(c);
const isEvidence = (e: string) => (EM_EVIDENCE_TYPES as readonly string[]).includes(e);

function evidenceProblem(list: readonly string[], min: number, max: number): string | null {
  if (list.length < min) return `at least ${min} evidence type${min === 1 ? '' : 's'}`;
  if (list.length > max) return `at most ${max} evidence types`;
  const bad = list.find((e) => !isEvidence(e));
  if (bad !== undefined) return `"${bad.slice(0, 40)}" is not one of the 18 evidence types`;
  if (new Set(list).size !== list.length) return 'evidence types must not repeat';
  return null;
}

/** Every rule the server applies to a publish, by field; {} when it would pass. */
export function validatePublish(p: PublishInput, o: { minBounty?: bigint; maxBounty?: bigint } = {}): FieldErrors {
  const e: FieldErrors = {};
  const title = p.title.trim();
  const instructions = p.instructions.trim();
  if (title.length < L.title.min || title.length > L.title.max) e.title = `title must be ${L.title.min}–${L.title.max} characters (is ${title.length})`;
  if (instructions.length < L.instructions.min || instructions.length > L.instructions.max) {
    e.instructions = `instructions must be ${L.instructions.min}–${L.instructions.max} characters (is ${instructions.length})`;
  }
  if (!isCategory(p.category)) e.category = 'category must be one of the 21 EM categories';
  const min = o.minBounty ?? L.defaultMinBounty;
  const max = o.maxBounty !== undefined && o.maxBounty < L.maxBounty ? o.maxBounty : L.maxBounty;
  if (p.bounty < min) e.bounty = `bounty must be at least ${formatUsdc(min)} USDC (the config minimum)`;
  else if (p.bounty > max) e.bounty = `bounty must be at most ${formatUsdc(max)} USDC`;
  if (!Number.isInteger(p.deadlineHours) || p.deadlineHours < L.deadlineHours.min || p.deadlineHours > L.deadlineHours.max) {
    e.deadlineHours = `deadline must be a whole number of hours, ${L.deadlineHours.min}–${L.deadlineHours.max}`;
  }
  const req = evidenceProblem(p.evidenceRequired, L.evidenceRequired.min, L.evidenceRequired.max);
  if (req) e.evidenceRequired = req;
  const opt = evidenceProblem(p.evidenceOptional ?? [], 0, L.evidenceOptional.max);
  if (opt) e.evidenceOptional = opt;
  const skills = p.skills ?? [];
  if (skills.length > L.skills.max) e.skills = `at most ${L.skills.max} skills`;
  else if (skills.some((s) => s.trim().length > L.skills.each)) e.skills = `each skill is at most ${L.skills.each} characters`;
  if (p.targetExecutor !== undefined && !(EM_TARGET_EXECUTORS as readonly string[]).includes(p.targetExecutor)) e.targetExecutor = 'target must be human, agent, robot or any';
  if (p.minReputation !== undefined && (!Number.isInteger(p.minReputation) || p.minReputation < 0)) e.minReputation = 'minimum reputation is a whole number ≥ 0';
  if (p.locationHint && p.locationHint.trim().length > L.locationHint) e.locationHint = `location hint is at most ${L.locationHint} characters`;
  if (p.agentName && p.agentName.trim().length > L.agentName) e.agentName = `agent name is at most ${L.agentName} characters`;
  return e;
}

/** The evidence dict must be keyed by evidence type and hold every required type (§5a.5, the guide's 422). */
export function validateEvidence(evidence: unknown, required: readonly string[]): string | null {
  if (evidence === null || typeof evidence !== 'object' || Array.isArray(evidence)) return 'evidence must be an object keyed by evidence type, e.g. {"json_response": {...}}';
  const keys = Object.keys(evidence);
  if (keys.length === 0) return 'evidence is empty';
  const bad = keys.find((k) => !isEvidence(k));
  if (bad !== undefined) return `evidence key "${bad.slice(0, 40)}" is not an evidence type (keyed by type, not {type, data})`;
  const missing = required.filter((r) => !keys.includes(r));
  if (missing.length) return `missing required evidence: ${missing.join(', ')}`;
  if (Buffer.byteLength(JSON.stringify(evidence)) > MAX_REQUEST_BYTES - 4096) return 'evidence is over 1 MiB: upload large files and submit their URLs';
  return null;
}
