// ERC-8128 signed HTTP requests (execution-market-api.md §1a, §13.5): the RFC 9421 signature base under
// the label `eth`, RFC 9530 `Content-Digest: sha-256=:…:`, keyid `erc8128:<chainId>:<address>`, and an
// EIP-191 personal_sign over the base sent as `Signature: eth=:<base64 65 bytes>:`. Pure: no I/O, no clock —
// callers pass `now` and the nonce. Hashing is node:crypto (sha-256) and viem (EIP-191 recover).
import { createHash } from 'node:crypto';
import { recoverMessageAddress, type Hex } from 'viem';

export const SIGNATURE_LABEL = 'eth';
/** The server's longest accepted validity window (expires − created), seconds. */
export const MAX_VALIDITY_SECONDS = 300;

export interface SignatureParams {
  created: number;
  expires: number;
  nonce: string;
  keyid: string;
  /** Optional `alg` parameter (§13.5 names `eip191`). */
  alg?: string;
}

/** The parts of a request the signature covers. `query` is the raw query string without `?` ('' = none). */
export interface RequestParts {
  method: string;
  /** host[:port] as sent in the Host header. */
  authority: string;
  path: string;
  query: string;
  /** The `Content-Digest` header value, when the request has a body. */
  contentDigest: string | null;
}

export interface ParsedSignatureInput {
  components: string[];
  /** Parameters in the order they were sent (the base repeats them in that order). */
  params: Array<[string, string | number | boolean]>;
}

// ---- keyid ----------------------------------------------------------------------------------------------

/** `erc8128:<chainId>:<address lower>`. */
export function keyId(chainId: number, address: string): string {
  return `erc8128:${chainId}:${address.toLowerCase()}`;
}

export function parseKeyId(keyid: string): { chainId: number; address: `0x${string}` } | null {
  const m = /^erc8128:([0-9]{1,12}):(0x[0-9a-fA-F]{40})$/.exec(keyid);
  if (!m) return null;
  return { chainId: Number(m[1]), address: (m[2] as string).toLowerCase() as `0x${string}` };
}

// ---- Content-Digest (RFC 9530) -----------------------------------------------------------------------------

/** `sha-256=:<base64 of sha-256(body)>:`. */
export function contentDigest(body: string | Uint8Array): string {
  return `sha-256=:${createHash('sha256').update(body).digest('base64')}:`;
}

/** The sha-256 value (base64) from a Content-Digest header, or null when absent or malformed. */
export function digestOf(header: string): string | null {
  const dict = parseDictionary(header);
  const member = dict?.get('sha-256');
  return member && member.kind === 'bytes' ? member.value : null;
}

/** Does the header carry the sha-256 of `body`? */
export function digestMatches(header: string, body: string | Uint8Array): boolean {
  const sent = digestOf(header);
  return sent !== null && sent === createHash('sha256').update(body).digest('base64');
}

// ---- the signature base (RFC 9421 §2.5) -----------------------------------------------------------------

/** The components a request must cover: method, authority, path, plus @query and content-digest when present. */
export function requiredComponents(parts: Pick<RequestParts, 'query' | 'contentDigest'>): string[] {
  const c = ['@method', '@authority', '@path'];
  if (parts.query !== '') c.push('@query');
  if (parts.contentDigest !== null) c.push('content-digest');
  return c;
}

function componentValue(name: string, parts: RequestParts): string | null {
  switch (name) {
    case '@method':
      return parts.method.toUpperCase();
    case '@authority':
      return parts.authority.toLowerCase();
    case '@path':
      return parts.path === '' ? '/' : parts.path;
    case '@query':
      return `?${parts.query}`;
    case 'content-digest':
      return parts.contentDigest?.trim() ?? null;
    default:
      return null;
  }
}

/** The serialised inner list with parameters: `("@method" …);created=…;expires=…;nonce="…";keyid="…"`. */
export function serializeSignatureParams(components: readonly string[], params: ParsedSignatureInput['params']): string {
  const list = `(${components.map(sfString).join(' ')})`;
  return list + params.map(([k, v]) => `;${k}=${typeof v === 'string' ? sfString(v) : typeof v === 'boolean' ? (v ? '?1' : '?0') : String(v)}`).join('');
}

/** Canonical parameter order for a signer: created, expires, nonce, keyid[, alg]. */
export function paramList(p: SignatureParams): ParsedSignatureInput['params'] {
  const out: ParsedSignatureInput['params'] = [
    ['created', p.created],
    ['expires', p.expires],
    ['nonce', p.nonce],
    ['keyid', p.keyid],
  ];
  if (p.alg !== undefined) out.push(['alg', p.alg]);
  return out;
}

/** The string that is signed. Throws when a covered component has no value (e.g. content-digest without a body). */
export function signatureBase(parts: RequestParts, input: ParsedSignatureInput): string {
  const lines: string[] = [];
  for (const name of input.components) {
    const value = componentValue(name, parts);
    if (value === null) throw new Erc8128Error(`cannot cover component ${name}`);
    lines.push(`${sfString(name)}: ${value}`);
  }
  lines.push(`"@signature-params": ${serializeSignatureParams(input.components, input.params)}`);
  return lines.join('\n');
}

export class Erc8128Error extends Error {
  override name = 'Erc8128Error';
}

// ---- headers ------------------------------------------------------------------------------------------------

/** `Signature-Input` header value for the `eth` label. */
export function signatureInputHeader(components: readonly string[], params: SignatureParams): string {
  return `${SIGNATURE_LABEL}=${serializeSignatureParams(components, paramList(params))}`;
}

/** `Signature` header value: `eth=:<base64 of the 65-byte signature>:`. */
export function signatureHeader(signature: Hex): string {
  return `${SIGNATURE_LABEL}=:${Buffer.from(signature.slice(2), 'hex').toString('base64')}:`;
}

/** The `eth` member of a Signature-Input header, or null when absent or malformed. */
export function parseSignatureInput(header: string, label = SIGNATURE_LABEL): ParsedSignatureInput | null {
  const member = parseDictionary(header)?.get(label);
  if (!member || member.kind !== 'inner' || member.items.length === 0) return null;
  return { components: member.items, params: member.params };
}

/** The `eth` signature as 0x hex, or null when absent or malformed. */
export function parseSignatureHeader(header: string, label = SIGNATURE_LABEL): Hex | null {
  const member = parseDictionary(header)?.get(label);
  if (!member || member.kind !== 'bytes') return null;
  const bytes = Buffer.from(member.value, 'base64');
  return bytes.length === 0 ? null : (`0x${bytes.toString('hex')}` as Hex);
}

/** The typed view of the parameters, or null when created/expires/nonce/keyid are missing or mistyped. */
export function signatureParamsOf(input: ParsedSignatureInput): SignatureParams | null {
  const get = (k: string) => input.params.find(([name]) => name === k)?.[1];
  const created = get('created');
  const expires = get('expires');
  const nonce = get('nonce');
  const keyid = get('keyid');
  const alg = get('alg');
  if (typeof created !== 'number' || typeof expires !== 'number' || typeof nonce !== 'string' || typeof keyid !== 'string') return null;
  if (alg !== undefined && typeof alg !== 'string') return null;
  return alg === undefined ? { created, expires, nonce, keyid } : { created, expires, nonce, keyid, alg };
}

// ---- signing and recovery -----------------------------------------------------------------------------------

export interface Erc8128Signer {
  address: `0x${string}`;
  /** EIP-191 personal_sign (e.g. a viem account's signMessage). */
  signMessage(args: { message: string }): Promise<Hex>;
}

export interface SignRequestOptions {
  method: string;
  /** Absolute URL the request goes to. */
  url: string;
  /** The exact body bytes sent, when there is a body. */
  body?: string | Uint8Array | null;
  chainId: number;
  signer: Erc8128Signer;
  /** Epoch seconds. */
  now: number;
  nonce: string;
  /** expires − created; default 60, at most 300. */
  ttlSeconds?: number;
}

export interface SignedHeaders {
  Signature: string;
  'Signature-Input': string;
  'Content-Digest'?: string;
}

/** Sign one request: returns the headers to add and the signed base (for logs and tests). */
export async function signRequest(o: SignRequestOptions): Promise<{ headers: SignedHeaders; base: string }> {
  const ttl = o.ttlSeconds ?? 60;
  if (!(ttl > 0 && ttl <= MAX_VALIDITY_SECONDS)) throw new Erc8128Error(`ttlSeconds must be 1..${MAX_VALIDITY_SECONDS}`);
  const url = new URL(o.url);
  const hasBody = o.body !== undefined && o.body !== null && o.body.length > 0;
  const digest = hasBody ? contentDigest(o.body as string | Uint8Array) : null;
  const parts: RequestParts = { method: o.method, authority: url.host, path: url.pathname, query: url.search.slice(1), contentDigest: digest };
  const components = requiredComponents(parts);
  const params: SignatureParams = { created: o.now, expires: o.now + ttl, nonce: o.nonce, keyid: keyId(o.chainId, o.signer.address) };
  const base = signatureBase(parts, { components, params: paramList(params) });
  const signature = await o.signer.signMessage({ message: base });
  const headers: SignedHeaders = { Signature: signatureHeader(signature), 'Signature-Input': signatureInputHeader(components, params) };
  if (digest !== null) headers['Content-Digest'] = digest;
  return { headers, base };
}

/** The EIP-191 signer of `base`, lower-case, or null when the signature does not recover. */
export async function recoverSigner(base: string, signature: Hex): Promise<`0x${string}` | null> {
  try {
    return (await recoverMessageAddress({ message: base, signature })).toLowerCase() as `0x${string}`;
  } catch {
    return null;
  }
}

// ---- a small RFC 8941 dictionary parser (the subset HTTP signatures use) ----------------------------------

type Bare = string | number | boolean;
type Member =
  | { kind: 'inner'; items: string[]; params: Array<[string, Bare]> }
  | { kind: 'bytes'; value: string; params: Array<[string, Bare]> }
  | { kind: 'item'; value: Bare; params: Array<[string, Bare]> };

function sfString(s: string): string {
  if (!/^[\x20-\x7e]*$/.test(s)) throw new Erc8128Error('structured-field strings are printable ASCII only');
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Parse a structured-field dictionary; null on any syntax error. */
export function parseDictionary(input: string): Map<string, Member> | null {
  const s = input;
  let i = 0;
  const out = new Map<string, Member>();
  const ows = () => {
    while (s[i] === ' ' || s[i] === '\t') i++;
  };
  const key = (): string | null => {
    const m = /^[a-z*][a-z0-9_\-.*]*/.exec(s.slice(i));
    if (!m) return null;
    i += m[0].length;
    return m[0];
  };
  const str = (): string | null => {
    if (s[i] !== '"') return null;
    i++;
    let v = '';
    while (i < s.length) {
      const c = s[i++] as string;
      if (c === '\\') {
        const n = s[i++];
        if (n !== '"' && n !== '\\') return null;
        v += n;
      } else if (c === '"') return v;
      else if (c < ' ' || c > '~') return null;
      else v += c;
    }
    return null;
  };
  const bare = (): Bare | { bytes: string } | null => {
    const c = s[i];
    if (c === '"') return str();
    if (c === ':') {
      const end = s.indexOf(':', i + 1);
      if (end === -1) return null;
      const v = s.slice(i + 1, end);
      if (!/^[A-Za-z0-9+/=]*$/.test(v)) return null;
      i = end + 1;
      return { bytes: v };
    }
    if (c === '?') {
      const b = s[i + 1];
      if (b !== '0' && b !== '1') return null;
      i += 2;
      return b === '1';
    }
    const num = /^-?[0-9]{1,15}(?![0-9.])/.exec(s.slice(i));
    if (num) {
      i += num[0].length;
      return Number(num[0]);
    }
    const tok = /^[A-Za-z*][A-Za-z0-9!#$%&'*+\-.^_`|~:/]*/.exec(s.slice(i));
    if (tok) {
      i += tok[0].length;
      return tok[0];
    }
    return null;
  };
  const params = (): Array<[string, Bare]> | null => {
    const p: Array<[string, Bare]> = [];
    while (s[i] === ';') {
      i++;
      ows();
      const k = key();
      if (k === null) return null;
      let v: Bare = true;
      if (s[i] === '=') {
        i++;
        const b = bare();
        if (b === null || typeof b === 'object') return null;
        v = b;
      }
      p.push([k, v]);
    }
    return p;
  };
  ows();
  while (i < s.length) {
    const k = key();
    if (k === null) return null;
    let member: Member;
    if (s[i] !== '=') {
      const p = params();
      if (p === null) return null;
      member = { kind: 'item', value: true, params: p };
    } else {
      i++;
      if (s[i] === '(') {
        i++;
        const items: string[] = [];
        for (;;) {
          while (s[i] === ' ') i++;
          if (s[i] === ')') {
            i++;
            break;
          }
          const v = str();
          if (v === null) return null; // only string items (component names) are used here
          items.push(v);
          if (s[i] !== ' ' && s[i] !== ')') return null;
        }
        const p = params();
        if (p === null) return null;
        member = { kind: 'inner', items, params: p };
      } else {
        const b = bare();
        if (b === null) return null;
        const p = params();
        if (p === null) return null;
        member = typeof b === 'object' ? { kind: 'bytes', value: b.bytes, params: p } : { kind: 'item', value: b, params: p };
      }
    }
    out.set(k, member);
    ows();
    if (i >= s.length) break;
    if (s[i] !== ',') return null;
    i++;
    ows();
    if (i >= s.length) return null;
  }
  return out;
}
