// POST /api/tasks input (TaskCreateSchema, taskmarket-backend.md §1.2) with every validation text and
// auction/private cross-field rule, and the stored record it becomes (units per §0: duration and
// bidDeadline in hours, pitchDeadline in seconds; task id per §0 via keccak256(abi.encode(...))).
import { encodeAbiParameters, keccak256 } from 'viem';
import { z } from 'zod';
import { AUCTION_TYPES, MODES, SUBMISSION_VISIBILITIES, TASK_VISIBILITIES } from '../../core/types.js';
import type { Sim } from '../sim.js';
import type { TaskRecord } from '../state.js';

export const usdc = z.string().regex(/^[0-9]+$/, 'Amount must be a base-unit integer string');
export const positiveUsdc = usdc.refine((s) => /^[0-9]+$/.test(s) && BigInt(s) > 0n, 'Amount must be greater than zero');

export const createSchema = z
  .object({
    description: z.string().min(1, 'Description is required').max(10_000, 'Description is too long'),
    reward: positiveUsdc,
    duration: z.number().positive('Duration must be positive'),
    tags: z.array(z.string()).max(10, 'Maximum 10 tags allowed'),
    mode: z.enum(MODES).default('bounty'),
    taskVisibility: z.enum(TASK_VISIBILITIES).default('public'),
    submissionVisibility: z.enum(SUBMISSION_VISIBILITIES).default('public'),
    stakeRequired: z.boolean().default(false),
    stakeBps: z.number().int().min(0).max(10_000).default(0),
    pitchDeadline: z.number().positive().optional(),
    bidDeadline: z.number().positive().optional(),
    maxPrice: positiveUsdc.optional(),
    auctionType: z.enum(AUCTION_TYPES).optional(),
    auctionStartPrice: usdc.optional(),
    auctionFloorPrice: usdc.optional(),
    metricDescription: z.string().max(500).optional(),
    metricTarget: z.string().max(200).optional(),
    hookContract: z.string().optional(),
    hookContracts: z.array(z.string()).min(2).max(8).optional(),
    hookData: z.string().regex(/^0x(?:[0-9a-fA-F]{2})*$/).optional(),
    evaluator: z.string().optional(),
    evaluatorFeeBps: z.number().int().min(0).max(10_000).optional(),
    evaluationWindowHours: z.number().positive().optional(),
    appealWindowHours: z.number().positive().optional(),
    disputeResolver: z.string().optional(),
    taskDropId: z.string().optional(),
    taskDropCreate: z.unknown().optional(),
    allowedViewers: z.array(z.string()).max(50).optional(),
    accessPassword: z.string().min(8).max(200).optional(),
  })
  .superRefine((b, ctx) => {
    const issue = (message: string, path: string) => ctx.addIssue({ code: 'custom', message, path: [path] });
    if (b.taskDropId !== undefined && b.taskDropCreate !== undefined) issue('Provide taskDropId or taskDropCreate, not both', 'taskDropId');
    if (b.taskVisibility !== 'private') {
      if (b.allowedViewers !== undefined) issue('allowedViewers is only valid when taskVisibility is private', 'allowedViewers');
      if (b.accessPassword !== undefined) issue('accessPassword is only valid when taskVisibility is private', 'accessPassword');
    } else if ((b.allowedViewers ?? []).length === 0 && b.accessPassword === undefined) {
      issue('A private task needs at least one of allowedViewers or accessPassword', 'taskVisibility');
    }
    if (b.mode !== 'auction') return;
    if (b.maxPrice === undefined) issue('maxPrice is required for auction mode', 'maxPrice');
    else if (b.maxPrice !== b.reward && BigInt(b.maxPrice) !== BigInt(b.reward)) issue('maxPrice must equal reward for auction mode', 'maxPrice');
    if (b.auctionType === undefined) {
      issue('auctionType is required for auction mode (dutch, english, reverse_dutch, reverse_english)', 'auctionType');
    }
    if (b.auctionType === 'dutch' && b.auctionFloorPrice === undefined) issue('auctionFloorPrice is required for dutch auction type', 'auctionFloorPrice');
    if (b.auctionType === 'reverse_dutch' && b.auctionStartPrice === undefined) {
      issue('auctionStartPrice is required for reverse_dutch auction type', 'auctionStartPrice');
    }
    for (const f of ['auctionFloorPrice', 'auctionStartPrice'] as const) {
      const v = b[f];
      if (v !== undefined && /^[0-9]+$/.test(v) && /^[0-9]+$/.test(b.reward) && BigInt(v) > BigInt(b.reward)) {
        issue(`${f} must be less than or equal to reward`, f);
      }
    }
  });

export type CreateInput = z.infer<typeof createSchema>;

/**
 * keccak256(abi.encode(chainId, contract, requester, nonce, idSalt)). CoreFacet.createTask (§0) hashes the
 * first four; the simulator adds its per-state salt (state.ts) because its requesters (seeded bots, seed
 * tasks) repeat across runs, and equal ids for different tasks would mislead a desk's cached details.
 */
export function taskIdFor(sim: Sim, requester: `0x${string}`, nonce: number): `0x${string}` {
  return keccak256(
    encodeAbiParameters(
      [{ type: 'uint256' }, { type: 'address' }, { type: 'address' }, { type: 'uint256' }, { type: 'bytes32' }],
      [BigInt(sim.config.chainId), sim.config.contract, requester, BigInt(nonce), sim.state.idSalt],
    ),
  );
}

/** TSK- + 8 base-36 characters derived from the id (e.g. TSK-4M0BXQ2E, §8 migration 0051). */
export function referenceCodeFor(id: string): string {
  return `TSK-${BigInt(id).toString(36).toUpperCase().slice(-8).padStart(8, '0')}`;
}

const hours = (h: number) => Math.round(h * 3_600_000);
const big = (s: string | undefined) => (s === undefined ? null : BigInt(s));

/** The stored task for a paid create (the requester is the x402 payer, lower-cased like the backend stores it). */
export function buildTask(sim: Sim, b: CreateInput, payer: `0x${string}`): TaskRecord {
  const requester = payer.toLowerCase() as `0x${string}`;
  const nonce = sim.state.requesterNonces[requester] ?? 0;
  sim.state.requesterNonces[requester] = nonce + 1;
  const id = taskIdFor(sim, requester, nonce);
  const now = sim.now();
  const evaluator = b.evaluator ?? null;
  return {
    id,
    referenceCode: referenceCodeFor(id),
    requester,
    requesterPubkey: null,
    description: b.description,
    reward: BigInt(b.reward),
    escrowTxHash: sim.txHash(),
    createdAt: now,
    expiryTime: now + hours(b.duration),
    status: 'open',
    tags: b.tags,
    mode: b.mode,
    taskVisibility: b.taskVisibility,
    submissionVisibility: b.submissionVisibility,
    accessPassword: b.accessPassword ?? null,
    allowedViewers: b.allowedViewers ?? [],
    stakeRequired: b.stakeRequired,
    stakeBps: b.stakeBps,
    pitchDeadline: b.pitchDeadline === undefined ? null : now + Math.round(b.pitchDeadline * 1000),
    bidDeadline: b.bidDeadline === undefined ? null : now + hours(b.bidDeadline),
    maxPrice: b.mode === 'auction' ? big(b.maxPrice) : null,
    auctionType: b.mode === 'auction' ? (b.auctionType ?? null) : null,
    auctionStartPrice: b.mode === 'auction' ? big(b.auctionStartPrice) : null,
    auctionFloorPrice: b.mode === 'auction' ? big(b.auctionFloorPrice) : null,
    metricDescription: b.metricDescription ?? null,
    metricTarget: b.metricTarget ?? null,
    hookContract: b.hookContract ?? b.hookContracts?.[0] ?? null,
    hookData: b.hookData ?? null,
    claimedBy: null,
    claimedAt: null,
    platformFeeBps: sim.config.platformFeeBps,
    cancelledAt: null,
    selfAward: false,
    taskDropId: b.taskDropId ?? null,
    evaluator,
    evaluatorStake: evaluator ? 0n : null,
    evaluatorFeeBps: evaluator ? (b.evaluatorFeeBps ?? 0) : null,
    evaluationWindow: evaluator ? Math.round((b.evaluationWindowHours ?? 24) * 3600) : null,
    appealWindow: evaluator ? Math.round((b.appealWindowHours ?? 24) * 3600) : null,
    disputeResolver: evaluator ? (b.disputeResolver ?? null) : null,
    evaluatorDeadline: null,
    appealDeadline: null,
    verdictType: null,
    verdictScore: null,
    verdictConfidence: null,
    verdictEvidenceHash: null,
  };
}
