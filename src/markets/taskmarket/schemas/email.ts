// Email list/get (taskmarket-backend.md §1.10 emails router; taskmarket-cli.md §6.2).
import { z } from 'zod';
import { isoTime } from './common.js';

const readFlag = z.union([z.boolean(), z.literal(0), z.literal(1)]).transform((v) => v === true || v === 1);

export const emailSchema = z.object({
  id: z.union([z.string().min(1).max(200), z.number().int()]).transform(String),
  fromAddress: z.string().max(1000),
  toAddress: z.string().max(1000),
  subject: z.string().max(10_000).default(''),
  bodyText: z.string().max(1_000_000).nullish().transform((v) => v ?? ''),
  receivedAt: isoTime,
  isRead: readFlag.default(false),
});

/** `GET /api/emails/list` → `{emails:[…]}` (the CLI prints `{emails}`); a bare array is tolerated. */
export const emailListSchema = z.union([
  z.object({ emails: z.array(emailSchema).max(1000) }).transform((v) => v.emails),
  z.array(emailSchema).max(1000),
]);

export const markReadResultSchema = z.object({ id: z.union([z.string(), z.number()]).optional(), isRead: readFlag.optional() });
export const emailSendResultSchema = z.object({ sent: z.boolean().optional() });
