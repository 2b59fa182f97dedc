// Responses of the write routes the desk uses (taskmarket-backend.md §1.2–§1.8, taskmarket-cli.md §1.2 "Reads").
import { z } from 'zod';
import { address, id } from './common.js';

const digits = z.union([z.string().regex(/^[0-9]{1,78}$/), z.number().int().nonnegative()]).transform((v) => BigInt(v));
const txHash = z.string().max(200);

export const createTaskResultSchema = z.object({ taskId: id, intentId: z.string().max(200).nullish() });
export const bidResultSchema = z.object({ bidId: z.union([id, z.number()]).transform(String) });
export const auctionAcceptResultSchema = z.object({ acceptedPrice: digits, workerAddress: address });
export const claimResultSchema = z.object({ claimId: z.union([id, z.number()]).transform(String) });
export const pitchResultSchema = z.object({ pitchId: z.union([id, z.number()]).transform(String) });
export const successResultSchema = z.object({ success: z.boolean().optional(), txHash: txHash.optional() });
export const txResultSchema = z.object({ txHash: txHash.optional(), success: z.boolean().optional() });
export const rateResultSchema = z.object({ feedbackId: z.union([id, z.number()]).transform(String) });
export const selectWinnerResultSchema = z.object({ workerAddress: address });
export const uploadUrlResultSchema = z.object({ uploadUrl: z.string().max(4000), artifactKey: z.string().min(1).max(1000) });
export const submitResultSchema = z.object({ submissionId: z.union([id, z.number()]).transform(String) });
