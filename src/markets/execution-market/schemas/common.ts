// Wire primitives shared by the EM schemas: ids, wallets, ISO times, money as the JSON number (bounty_usd) or
// six-decimal string (*_usdc) the server sends, each turned into bigint base units here, once.
import { z } from 'zod';
import { MoneyError, parseUsdc } from '../../../core/money.js';
import { ADDRESS_RE, UUID_RE } from '../constants.js';

export const str = (max: number) => z.string().max(max);
export const optStr = (max: number) => z.string().max(max).nullish().transform((v) => v ?? null);
export const uuid = z.string().regex(UUID_RE, 'a lower-case UUID');
export const address = z.string().regex(ADDRESS_RE, 'a 0x address').transform((a) => a.toLowerCase());
export const txHash = z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'a 0x tx hash');
export const optTx = txHash.nullish().transform((v) => v ?? null);

/** ISO-8601 → epoch ms (refused when it does not parse). */
export const isoMs = z.string().max(40).transform((s, ctx) => {
  const ms = Date.parse(s);
  if (!Number.isFinite(ms)) {
    ctx.addIssue({ code: 'custom', message: 'not an ISO-8601 time' });
    return z.NEVER;
  }
  return ms;
});
export const optIsoMs = isoMs.nullish().transform((v) => v ?? null);

/** A decimal amount of USDC with at most 6 places → base units. */
function toUnits(text: string, ctx: z.RefinementCtx): bigint {
  try {
    return parseUsdc(text, { allowZero: true });
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: err instanceof MoneyError ? err.message : 'not a USDC amount' });
    return z.NEVER as never;
  }
}

/** `bounty_usd` and friends: a JSON number (a float on the real server) → base units; > 6 decimals is a fault. */
export const usdNumber = z.number().nonnegative().finite().transform((n, ctx) => toUnits(String(n), ctx));
/** `worker_net_usdc: "0.043500"` (also accepts a number, as outside sources show) → base units. */
export const usdcText = z.union([z.string().max(40), z.number().nonnegative().finite()]).transform((v, ctx) => toUnits(String(v), ctx));
export const optUsdcText = usdcText.nullish().transform((v) => v ?? null);

/** The `{success, message, data}` envelope of mutations and worker calls (§12.6). */
export const envelope = <T extends z.ZodType>(data: T) =>
  z.looseObject({ success: z.literal(true), message: str(500).optional(), idempotent: z.boolean().optional(), data });
