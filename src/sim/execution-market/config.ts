// Execution Market constants and the simulator's EM options (execution-market-api.md §3, §4b, §5b–c, §13.1).
// EM runs on the same chain, USDC contract and ledger as the Taskmarket side (Base Sepolia, 84532).
import { getAddress } from 'viem';

/** TaskCategory (21), §3. */
export const CATEGORIES = [
  'physical_presence', 'knowledge_access', 'human_authority', 'simple_action', 'digital_physical', 'location_based',
  'verification', 'social_proof', 'data_collection', 'sensory', 'social', 'proxy', 'bureaucratic', 'emergency', 'creative',
  'data_processing', 'api_integration', 'content_generation', 'code_execution', 'research', 'multi_step_workflow',
] as const;

/** EvidenceType (18), §3. */
export const EVIDENCE_TYPES = [
  'photo', 'photo_geo', 'video', 'document', 'receipt', 'signature', 'notarized', 'timestamp_proof', 'text_response',
  'measurement', 'screenshot', 'json_response', 'api_response', 'code_output', 'file_artifact', 'url_reference',
  'structured_data', 'text_report',
] as const;

export const TASK_STATUSES = ['published', 'accepted', 'in_progress', 'submitted', 'verifying', 'completed', 'disputed', 'expired', 'cancelled'] as const;

export type Category = (typeof CATEGORIES)[number];
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];
/** The wire statuses plus the simulator's `assigning` (a 202 assign whose escrow lock is in flight, §13.9). */
export type EmTaskStatus = (typeof TASK_STATUSES)[number] | 'assigning';

/** The platform fee (§5c): 13 %, taken from the bounty at release; the worker keeps 87 %. */
export const PLATFORM_FEE_BPS = 1300;
/** Config minimum / maximum bounty (§3a, GET /config): 0.01 and 10000 USDC. */
export const MIN_BOUNTY = 10_000n;
export const MAX_BOUNTY = 10_000_000_000n;
/** Request bodies over 1 MiB → 413 (§2). */
export const MAX_BODY_BYTES = 1024 * 1024;
/** The anonymous platform agent an unsigned read runs as (§1a). */
export const PLATFORM_AGENT_ID = '2106';
/** ERC-8128 chains the info endpoint advertises (§1a). */
export const ERC8128_CHAINS = [1, 8453, 11155111, 84532] as const;
/** Unreviewed submissions auto-settle to the worker after this long (EM_REVIEW_WINDOW_HOURS, §13.2). */
export const REVIEW_WINDOW_MS = 72 * 3_600_000;

export const NETWORK = 'base-sepolia';
export const TOKEN = 'USDC';

/** Simulated x402r contracts and the EM treasury (fee receiver). Not real deployments. */
export const EM_ADDRESSES = {
  treasury: getAddress('0xe4e4000000000000000000000000000000f0e013'),
  operator: getAddress('0xe4e4000000000000000000000000000000000a11'),
  tokenCollector: getAddress('0xe4e40000000000000000000000000000000c011e'),
  escrow: getAddress('0xe4e400000000000000000000000000000e5c0000'),
  factory: getAddress('0xe4e40000000000000000000000000000000fac70'),
} as const;

export interface EmOptions {
  /** `--em-lock-delay MS`: assign answers 202 and locks the escrow this many wall-clock ms later (0 = lock inline, 200). */
  lockDelayMs?: number;
  /** Requests per minute per signing wallet (default 60, the real per-IP cap); 0 disables the limiter. */
  rateLimitPerMinute?: number;
  /** GET /auth/nonce per minute for the loopback IP (default 5, §1a). */
  nonceLimitPerMinute?: number;
  /** Max major rejections per publisher per 24 h; 0 (default) = the flag is off, as in the snapshot (§2). */
  majorRejectLimit?: number;
}

export interface EmSettings {
  lockDelayMs: number;
  rateLimitPerMinute: number;
  nonceLimitPerMinute: number;
  majorRejectLimit: number;
}

export function emSettings(o: EmOptions = {}): EmSettings {
  return {
    lockDelayMs: Math.max(0, Math.floor(o.lockDelayMs ?? 0)),
    rateLimitPerMinute: Math.max(0, Math.floor(o.rateLimitPerMinute ?? 60)),
    nonceLimitPerMinute: Math.max(0, Math.floor(o.nonceLimitPerMinute ?? 5)),
    majorRejectLimit: Math.max(0, Math.floor(o.majorRejectLimit ?? 0)),
  };
}
