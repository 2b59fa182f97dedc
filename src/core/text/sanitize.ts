// The ONE sanitiser: every untrusted string (market, message, file) passes here before it reaches
// the terminal or NDJSON output. tui-anchors.md §4.3 "Sanitiser bar": strip whole ESC/C1
// sequences, controls, BiDi and zero-width characters, normalise to NFC, cap length. Never throws.

/** Default length caps per field kind (characters, ellipsis included). */
export const CAPS = {
  title: 120,
  description: 4000,
  tag: 32,
  address: 66,
  subject: 200,
  body: 20_000,
  error: 300,
  id: 80,
  command: 400,
  line: 1000,
} as const;
export type CapKind = keyof typeof CAPS;

export interface SanitizeOptions {
  /** Longest result in code points, ellipsis included (default CAPS.line). */
  maxLength?: number;
  /** Keep \n (CRLF and lone CR become \n); otherwise every line break becomes a space. */
  multiline?: boolean;
}

/** Hard ceiling on input examined, so a hostile 100 MB string costs bounded work. */
const MAX_SCAN = 1_000_000;

// Whole escape sequences (ECMA-48). Order matters: string-type sequences first, so their bodies go too.
// OSC/DCS/SOS/PM/APC end at BEL or ST (ESC \ or 8-bit 0x9c); an unterminated one runs to the end.
const STRING_SEQ = /(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[\s\S]*?(?:\x07|\x1b\\|\x9c|$)/g;
// CSI: ESC [ or 8-bit 0x9b, parameters, intermediates, one final byte (or end of string).
const CSI_SEQ = /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*(?:[\x40-\x7e]|$)/g;
// Other ESC sequences: ESC, intermediates, one final byte (ESC c, ESC 7, ESC ( B, …); a lone trailing ESC.
const ESC_SEQ = /\x1b[\x20-\x2f]*[\x30-\x7e]?/g;
// C0 (except \t \n, handled separately), DEL, C1.
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
// BiDi embeddings/overrides/isolates/marks, zero-width and other invisible format characters,
// interlinear annotations, tag characters, the Hangul fillers and the line/paragraph separators.
const INVISIBLE =
  /[\u061c\u115f\u1160\u180e\u200b\u200c\u200e\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0e\ufeff\uffa0\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g;
// ZWJ is kept only inside an emoji sequence (👩‍💻); anywhere else it hides in identifiers.
const STRAY_ZWJ = /(?<!\p{Extended_Pictographic}\ufe0f?)\u200d|\u200d(?!\p{Extended_Pictographic})/gu;
// Lone surrogates (not part of a pair).
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  try {
    return String(value);
  } catch {
    return '';
  }
}

function clean(input: string, multiline: boolean): string {
  let s = input.replace(LONE_SURROGATE, '\ufffd');
  s = s.replace(STRING_SEQ, '').replace(CSI_SEQ, '').replace(ESC_SEQ, '');
  s = multiline ? s.replace(/\r\n?/g, '\n') : s.replace(/\r\n|[\r\n]/g, ' ');
  s = s.replace(/\t/g, '  ');
  s = s.replace(CONTROLS, '').replace(INVISIBLE, '').replace(STRAY_ZWJ, '');
  s = s.normalize('NFC');
  // Normalisation can never synthesise controls, but keep the guarantee explicit and cheap.
  return s.replace(CONTROLS, '');
}

const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** Clean one untrusted value for display. Never throws; always returns a string. */
export function sanitize(text: unknown, opts: SanitizeOptions = {}): string {
  try {
    const max = Math.max(1, Math.floor(opts.maxLength ?? CAPS.line));
    const multiline = opts.multiline ?? false;
    let s = toText(text);
    // Look at a bounded prefix: a sequence cut here is swallowed to the end, which is the safe side.
    if (s.length > MAX_SCAN) s = s.slice(0, MAX_SCAN);
    // Fast path for long input and a short cap: when a prefix alone yields more than `max` visible
    // characters, the rest cannot change what is shown (the cut's last character is always dropped).
    for (let probe = max * 8 + 1024; probe < s.length; probe *= 4) {
      const head = clean(s.slice(0, probe), multiline);
      if (codePoints(head) > max) return capLength(head, max);
    }
    return capLength(clean(s, multiline), max);
  } catch {
    return '';
  }
}

/** Cap by code points (never splitting a surrogate pair), ending with an ellipsis when cut. */
export function capLength(s: string, max: number): string {
  if (s.length <= max) return s;
  const points = Array.from(s);
  if (points.length <= max) return s;
  return points.slice(0, Math.max(0, max - 1)).join('') + '…';
}

/** Shorten the middle: "0x1234…cdef". Keeps both ends, which is what identifies an address or id. */
export function truncateMiddle(text: string, max: number, ellipsis = '…'): string {
  const points = Array.from(text);
  if (points.length <= max) return text;
  if (max <= ellipsis.length) return ellipsis.slice(0, Math.max(0, max));
  const keep = max - ellipsis.length;
  const head = Math.ceil(keep / 2);
  const tail = keep - head;
  return points.slice(0, head).join('') + ellipsis + (tail > 0 ? points.slice(-tail).join('') : '');
}

const HEX_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/**
 * An address for display: a 0x40-hex address comes back lowercased and exact; anything else is
 * sanitised, stripped to a visible single line and marked with a leading "?" so it cannot pass for one.
 */
export function sanitizeAddress(value: unknown, opts: { maxLength?: number } = {}): string {
  const clean = sanitize(value, { maxLength: CAPS.address * 2 }).replace(/\s+/g, '');
  if (HEX_ADDRESS.test(clean) && clean === toText(value)) return clean.toLowerCase();
  if (clean === '') return '';
  // Text that only became an address after stripping hidden characters is not trusted as one.
  const shown = `?${clean}`;
  return capLength(shown, opts.maxLength ?? CAPS.address);
}
