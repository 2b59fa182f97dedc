// Who is calling (execution-market-api.md §1a, §13.3, §13.5): ERC-8128 signatures verified with viem, API keys
// refused (EM_API_KEYS_ENABLED=false → 403), and the 401s a failed signature gets (never a fall-through).
// Policy: components @method @authority @path (+@query with a query, +content-digest with a body), created/expires
// within 300 s plus 30 s skew (wall clock), a single-use nonce consumed before the signature is checked, and an
// @authority that is this server's own loopback host:port.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  digestMatches,
  MAX_VALIDITY_SECONDS,
  parseKeyId,
  parseSignatureHeader,
  parseSignatureInput,
  recoverSigner,
  requiredComponents,
  signatureBase,
  signatureParamsOf,
  type RequestParts,
} from '../../core/erc8128.js';
import type { SimReply } from '../router.js';
import { ERC8128_CHAINS } from './config.js';
import { fail } from './errors.js';
import { stateOf, type EmRuntime } from './runtime.js';

export const SKEW_SECONDS = 30;
export const WWW_AUTHENTICATE = 'ERC8128 realm="execution-market"';
const NONCE_TEXT = /^[\x21-\x7e]{8,128}$/;
const PRUNE_EVERY = 500;

export const API_KEYS_DISABLED = 'API key authentication is disabled. Use ERC-8128 wallet signing instead.';

function header(h: IncomingHttpHeaders, name: string): string | null {
  const v = h[name];
  const s = Array.isArray(v) ? v.join(', ') : v;
  return typeof s === 'string' ? s : null;
}

/** An `X-API-Key`, or a Bearer token shaped like an EM API key (em_<tier>_… / sk_em_…). */
export function carriesApiKey(h: IncomingHttpHeaders): boolean {
  if (header(h, 'x-api-key') !== null) return true;
  const auth = header(h, 'authorization');
  return auth !== null && /^bearer\s+(em_|sk_em_)/i.test(auth.trim());
}

export function unauthorized(code: string, message: string): SimReply {
  return { ...fail(401, code, message), headers: { 'WWW-Authenticate': WWW_AUTHENTICATE } };
}

export const AUTH_REQUIRED = () => unauthorized('auth_required', 'Authentication required — provide ERC-8128 signature or Bearer token');

export interface SignedRequest {
  method: string;
  /** Raw request target pieces as received (no decoding). */
  path: string;
  query: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The port this server listens on (the only acceptable @authority port). */
  localPort: number;
}

export type AuthResult = { kind: 'anonymous' } | { kind: 'signed'; wallet: `0x${string}` } | { kind: 'refused'; reply: SimReply };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Verify the ERC-8128 headers of a request, consuming its nonce. */
export async function authenticate(rt: EmRuntime, r: SignedRequest): Promise<AuthResult> {
  const sigHeader = header(r.headers, 'signature');
  const inputHeader = header(r.headers, 'signature-input');
  if (sigHeader === null && inputHeader === null) {
    const bearer = header(r.headers, 'authorization');
    // A Bearer that is not an API key would be a Supabase worker JWT: not simulated.
    if (bearer !== null && /^bearer\s+/i.test(bearer.trim())) {
      return { kind: 'refused', reply: unauthorized('bearer_not_supported', 'Supabase JWT sessions are not simulated: sign the request with ERC-8128') };
    }
    return { kind: 'anonymous' };
  }
  if (sigHeader === null || inputHeader === null) {
    return { kind: 'refused', reply: unauthorized('signature_incomplete', 'Both Signature and Signature-Input are required') };
  }
  const input = parseSignatureInput(inputHeader);
  const signature = parseSignatureHeader(sigHeader);
  if (!input || !signature) return { kind: 'refused', reply: unauthorized('malformed_signature', 'Signature / Signature-Input could not be parsed (label "eth")') };
  const params = signatureParamsOf(input);
  if (!params) return { kind: 'refused', reply: unauthorized('malformed_signature', 'Signature-Input needs created, expires, nonce and keyid') };
  const key = parseKeyId(params.keyid);
  if (!key) return { kind: 'refused', reply: unauthorized('invalid_keyid', 'keyid must be erc8128:<chainId>:<0xaddress>') };
  if (!(ERC8128_CHAINS as readonly number[]).includes(key.chainId)) {
    return { kind: 'refused', reply: unauthorized('unsupported_chain', `keyid chain ${key.chainId} is not one of ${ERC8128_CHAINS.join(', ')}`) };
  }
  if (params.alg !== undefined && params.alg !== 'eip191') return { kind: 'refused', reply: unauthorized('unsupported_alg', 'alg must be eip191') };

  const digest = header(r.headers, 'content-digest');
  const parts: RequestParts = {
    method: r.method,
    authority: (header(r.headers, 'host') ?? '').trim(),
    path: r.path,
    query: r.query,
    contentDigest: r.body.length > 0 ? digest : null,
  };
  for (const c of requiredComponents({ query: parts.query, contentDigest: r.body.length > 0 ? '' : null })) {
    if (!input.components.includes(c)) return { kind: 'refused', reply: unauthorized('missing_component', `The signature must cover ${c}`) };
  }
  if (r.body.length > 0) {
    if (digest === null) return { kind: 'refused', reply: unauthorized('content_digest_required', 'A request with a body needs Content-Digest: sha-256=:…:') };
    if (!digestMatches(digest, r.body)) return { kind: 'refused', reply: unauthorized('content_digest_mismatch', 'Content-Digest does not match the body') };
  }
  const authority = parts.authority.toLowerCase();
  const colon = authority.lastIndexOf(':');
  const host = colon > 0 ? authority.slice(0, colon) : authority;
  if (!LOOPBACK_HOSTS.has(host) || authority.slice(colon + 1) !== String(r.localPort)) {
    return { kind: 'refused', reply: unauthorized('authority_not_allowed', `@authority must be this simulator (127.0.0.1:${r.localPort})`) };
  }

  const now = Math.floor(rt.sim.wall.now() / 1000);
  if (!(params.expires > params.created) || params.expires - params.created > MAX_VALIDITY_SECONDS) {
    return { kind: 'refused', reply: unauthorized('validity_too_long', `expires − created must be 1..${MAX_VALIDITY_SECONDS} s`) };
  }
  if (params.created > now + SKEW_SECONDS) return { kind: 'refused', reply: unauthorized('signature_not_yet_valid', 'created is in the future') };
  if (params.expires < now - SKEW_SECONDS) return { kind: 'refused', reply: unauthorized('signature_expired', 'The signature has expired') };
  if (!NONCE_TEXT.test(params.nonce)) return { kind: 'refused', reply: unauthorized('invalid_nonce', 'nonce must be 8–128 printable characters') };

  // The nonce is consumed before the signature is checked (as the server does), and never reused.
  const nonceKey = `erc8128:${key.chainId}:${key.address}:${params.nonce}`;
  const nonces = stateOf(rt).nonces;
  if (nonces[nonceKey] !== undefined) return { kind: 'refused', reply: unauthorized('nonce_reused', 'This nonce was already used') };
  nonces[nonceKey] = (params.expires + SKEW_SECONDS) * 1000;
  pruneNonces(rt, nonces);
  rt.sim.changed();

  let base: string;
  try {
    base = signatureBase(parts, input);
  } catch {
    return { kind: 'refused', reply: unauthorized('malformed_signature', 'The signature covers a component this request does not have') };
  }
  const signer = await recoverSigner(base, signature);
  if (signer !== key.address) return { kind: 'refused', reply: unauthorized('signature_invalid', 'ERC-8128 verification failed: signature does not match keyid') };
  return { kind: 'signed', wallet: signer };
}

let pruneCounter = 0;
/** Drop nonces past their validity now and then (they can no longer be replayed: the signature has expired). */
function pruneNonces(rt: EmRuntime, nonces: Record<string, number>): void {
  if (++pruneCounter % PRUNE_EVERY !== 0) return;
  const now = rt.sim.wall.now();
  for (const [k, until] of Object.entries(nonces)) if (until < now) delete nonces[k];
}

/** A short stable hash of a request body for idempotency comparisons. */
export function bodyHash(method: string, path: string, body: Buffer): string {
  return createHash('sha256').update(`${method} ${path}\n`).update(body).digest('hex');
}
