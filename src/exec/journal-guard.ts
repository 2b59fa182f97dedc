// The journal's deny-list: no key, token or signature is ever written (DESIGN invariants). The strict
// schemas already refuse unknown fields; this catches what could hide inside the open parts (params,
// messages, notes) and refuses the whole record before a byte reaches the disk.

export class JournalSecretError extends Error {
  override name = 'JournalSecretError';
  constructor(
    /** Where in the record ("params.privateKey", "error.message"); never the value itself. */
    readonly field: string,
    readonly what: string,
  ) {
    super(`journal refused a record: ${field} ${what}; nothing was written`);
  }
}

// Field names that only ever hold secrets (idempotencyKey is not one: it is a public request id).
const DENY_NAMES = /private.?key|secret|passw|passphrase|mnemonic|seed|token|signature|^sig$|cookie|authori[sz]ation|bearer|api.?key|x.?payment|credential/i;
const KEY_LABEL = /key|secret/i;
const HEX64 = /^(?:0x)?[0-9a-fA-F]{64}$/;
// A 65-byte ECDSA signature (r, s, v) anywhere in a string, but not a slice of longer hex (calldata).
const SIGNATURE = /(?<![0-9a-fA-F])0x[0-9a-fA-F]{130}(?![0-9a-fA-F])/;
// "privateKey=0x…", "secret: …": a labelled 32-byte hex value inside free text.
const LABELLED_KEY = /(?:key|secret)[^0-9a-zA-Z]{0,8}(?:0x)?[0-9a-fA-F]{64}(?![0-9a-fA-F])/i;
const BEARER = /\bbearer\s+[A-Za-z0-9._~+/-]{8,}/i;
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\./;
const BASE64_BLOB = /^[A-Za-z0-9+/_-]{200,}={0,2}$/;

/** Why a string value is refused, or null. `label` is the field name it sits under. */
function secretIn(value: string, label: string): string | null {
  if (KEY_LABEL.test(label) && HEX64.test(value)) return 'looks like a private key (64 hex characters under a key/secret name)';
  if (SIGNATURE.test(value)) return 'contains what looks like a signature (0x + 130 hex)';
  if (LABELLED_KEY.test(value)) return 'contains what looks like a labelled private key';
  if (BEARER.test(value)) return 'contains a bearer token';
  if (JWT.test(value)) return 'contains what looks like a JWT';
  if (BASE64_BLOB.test(value) && encodesSignature(value)) return 'looks like an encoded payment header';
  return null;
}

/** An x402 payment header is base64 JSON carrying the EIP-3009 signature. */
function encodesSignature(blob: string): boolean {
  const decoded = Buffer.from(blob, 'base64').toString('utf8');
  return /"signature"|"authorization"/i.test(decoded) || SIGNATURE.test(decoded);
}

/** Throws JournalSecretError if any field name or string value in `value` looks secret. */
export function assertNoSecrets(value: unknown, path = '', label = ''): void {
  if (typeof value === 'string') {
    const why = secretIn(value, label);
    if (why) throw new JournalSecretError(path || '(record)', why);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertNoSecrets(v, `${path}[${i}]`, label));
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const at = path ? `${path}.${k}` : k;
      if (DENY_NAMES.test(k)) throw new JournalSecretError(at, 'is a field name reserved for secrets');
      assertNoSecrets(v, at, k);
    }
  }
}

const REDACTIONS: RegExp[] = [
  new RegExp(SIGNATURE.source, 'g'),
  new RegExp(LABELLED_KEY.source, 'gi'),
  new RegExp(BEARER.source, 'gi'),
  /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g,
];
const BLOBS = /[A-Za-z0-9+/_-]{200,}={0,2}/g;

/**
 * Market or CLI text made fit for the journal: secret-shaped runs replaced by "[redacted]" and capped.
 * Executors pass every error message and note through this; append() would refuse the raw text.
 */
export function redactSecrets(text: string, max = 300): string {
  let s = text;
  for (const re of REDACTIONS) s = s.replace(re, '[redacted]');
  s = s.replace(BLOBS, (blob) => (encodesSignature(blob) ? '[redacted]' : blob));
  const points = Array.from(s);
  return points.length <= max ? s : `${points.slice(0, max - 1).join('')}…`;
}
