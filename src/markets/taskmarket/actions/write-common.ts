// Shared plumbing for write actions: the standard x402 fee, EIP-191 signing through the signer, and a
// paid POST whose 2xx body is parsed at the edge.
import type { z } from 'zod';
import type { Address } from '../../../core/types.js';
import { MarketError } from '../../errors.js';
import type { TaskmarketClient } from '../client.js';
import type { ExpectedNetwork } from '../network.js';
import { parseWire } from '../parse.js';
import { paidPost } from '../x402.js';

/** STANDARD_X402_ACTION_AMOUNT = '1000' (0.001 USDC), backend §1.1. */
export const STANDARD_ACTION_FEE = 1000n;

export interface WriteContext {
  client: TaskmarketClient;
  network: ExpectedNetwork;
}

/** Every write accepts these: the exec layer journals its own idempotency key before sending (DESIGN "Act"). */
export interface WriteOptions {
  signal?: AbortSignal;
  /** Reuse a journalled key so a retry after a crash is recognised by the market; fresh UUID when absent. */
  idempotencyKey?: string;
}

export interface WriteMeta {
  idempotencyKey: string;
  /** Amount paid through x402, or null when the server did not ask for payment. */
  paid: bigint | null;
}

export function requireSigner(client: TaskmarketClient) {
  const signer = client.signer;
  if (!signer) throw new MarketError('auth', 'No wallet: this action needs a keystore', { reason: 'no_signer' });
  return signer;
}

/** personal_sign (EIP-191) of one of the CLI's messages (cli §2.4); returns the signer's address too. */
export async function signMessage(client: TaskmarketClient, message: string): Promise<{ address: Address; signature: `0x${string}` }> {
  const signer = requireSigner(client);
  const signature = await signer
    .withAccount((account) => account.signMessage({ message }))
    .catch((e: unknown) => {
      throw e instanceof MarketError ? e : new MarketError('auth', 'Signing the request failed', { reason: 'sign_failed' });
    });
  return { address: signer.address, signature };
}

export interface PaidCall<S extends z.ZodType> {
  path: string;
  route: string;
  body: unknown;
  expectedAmount: bigint;
  schema: S;
  signal?: AbortSignal | undefined;
  idempotencyKey?: string | undefined;
}

export async function paidCall<S extends z.ZodType>(ctx: WriteContext, c: PaidCall<S>): Promise<{ data: z.output<S> } & WriteMeta> {
  const r = await paidPost(ctx.client, {
    path: c.path,
    body: c.body,
    expectedAmount: c.expectedAmount,
    network: ctx.network,
    now: ctx.client.now,
    ...(c.signal ? { signal: c.signal } : {}),
    ...(c.idempotencyKey ? { idempotencyKey: c.idempotencyKey } : {}),
  });
  return { data: parseWire(c.schema, r.data, c.route), idempotencyKey: r.idempotencyKey, paid: r.paid };
}
