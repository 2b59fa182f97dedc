// Execution Market reference data the client checks before anything is signed (execution-market-api.md §3,
// §3a, §5c, §13.8): the 21 categories, the 18 evidence types, the statuses, the publish limits and the fee.
// Kept here (not imported from src/sim) because markets/ never depends on the simulator.

/** TaskCategory (21), §3. */
export const EM_CATEGORIES = [
  'physical_presence', 'knowledge_access', 'human_authority', 'simple_action', 'digital_physical', 'location_based',
  'verification', 'social_proof', 'data_collection', 'sensory', 'social', 'proxy', 'bureaucratic', 'emergency', 'creative',
  'data_processing', 'api_integration', 'content_generation', 'code_execution', 'research', 'multi_step_workflow',
] as const;
export type EmCategory = (typeof EM_CATEGORIES)[number];

/** EvidenceType (18), §3. */
export const EM_EVIDENCE_TYPES = [
  'photo', 'photo_geo', 'video', 'document', 'receipt', 'signature', 'notarized', 'timestamp_proof', 'text_response',
  'measurement', 'screenshot', 'json_response', 'api_response', 'code_output', 'file_artifact', 'url_reference',
  'structured_data', 'text_report',
] as const;
export type EmEvidenceType = (typeof EM_EVIDENCE_TYPES)[number];

/** TaskStatus (§3) plus the DB's draft/refunded and `assigning` (a 202 assign whose escrow lock is in flight, §13.1b). */
export const EM_STATUSES = [
  'draft', 'published', 'assigning', 'accepted', 'in_progress', 'submitted', 'verifying', 'completed', 'disputed', 'expired', 'cancelled', 'refunded',
] as const;
export type EmStatus = (typeof EM_STATUSES)[number];

export const EM_TARGET_EXECUTORS = ['human', 'agent', 'robot', 'any'] as const;

/** The platform fee (§5c, §13.2): 1300 bps of the bounty, taken at release; the worker keeps 87 %. */
export const EM_FEE_BPS = 1300;
/** The fee cap a signed PaymentInfo may name (max_fee_bps, §5c). */
export const EM_MAX_FEE_BPS = 1800;

/** CreateTaskRequest limits (§3a, §13.8.11). The bounty minimum is the live config's (GET /config). */
export const PUBLISH_LIMITS = {
  title: { min: 5, max: 255 },
  instructions: { min: 20, max: 5000 },
  deadlineHours: { min: 1, max: 720 },
  evidenceRequired: { min: 1, max: 5 },
  evidenceOptional: { max: 5 },
  skills: { max: 20, each: 50 },
  locationHint: 255,
  agentName: 100,
  /** bounty_usd ≤ 10000 (§3a). */
  maxBounty: 10_000_000_000n,
  /** Config default minimum 0.01 (§4b) when the config was not fetched. */
  defaultMinBounty: 10_000n,
} as const;

/** Other body limits the server enforces (§4a, §13.2, §13.4, §13.5). */
export const BODY_LIMITS = {
  applyMessage: 500,
  submitNotes: 1000,
  approveNotes: 1000,
  rejectNotes: { min: 10, max: 1000 },
  rejectReputationScore: { min: 0, max: 50 },
  moreInfoNotes: { min: 5, max: 1000 },
  cancelReason: 500,
  withdrawReason: 500,
  rateComment: 1000,
  assignNotes: 500,
} as const;

/** A request body over 1 MiB is a 413 (§2): refused here before it is sent. */
export const MAX_REQUEST_BYTES = 1024 * 1024;
/** Unreviewed submissions auto-settle after this long (EM_REVIEW_WINDOW_HOURS, §13.2). */
export const REVIEW_WINDOW_MS = 72 * 3_600_000;
/** Base Sepolia: the chain the simulator (and its USDC) runs on; the keyid's default chain. */
export const DEFAULT_EM_CHAIN_ID = 84532;

/** UUIDv4 as the server checks path parameters: lower-case only (§3). */
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/;
