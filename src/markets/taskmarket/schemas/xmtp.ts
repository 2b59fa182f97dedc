// GET /api/xmtp/status (taskmarket-cli.md §6.1); the desk only shows whether XMTP is live.
import { z } from 'zod';
import { maybe } from './common.js';

export const xmtpStatusSchema = z.object({
  inboxId: maybe(z.string().max(200)),
  installationId: maybe(z.string().max(200)),
  enabled: z.boolean().optional(),
  status: maybe(z.string().max(100)),
  policyMode: maybe(z.enum(['allowlist', 'open'])),
  lastSeenAt: maybe(z.string().max(64)),
});
