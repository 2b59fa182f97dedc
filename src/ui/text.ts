// The UI's door to the one sanitiser (core/text/sanitize.ts): every untrusted string is passed
// through here at the point it is rendered, with a per-field cap (tui-anchors.md §4.3).
import { CAPS, sanitize, sanitizeAddress, type CapKind } from '../core/text/sanitize.js';

/** One line of untrusted text, capped for its field kind (or an explicit length). */
export function safe(text: unknown, cap: CapKind | number = 'line'): string {
  return sanitize(text, { maxLength: typeof cap === 'number' ? cap : CAPS[cap] });
}

/** Multi-line untrusted text (bodies, descriptions): line breaks kept, everything else cleaned. */
export function safeBlock(text: unknown, cap: CapKind | number = 'body'): string {
  return sanitize(text, { maxLength: typeof cap === 'number' ? cap : CAPS[cap], multiline: true });
}

/** An untrusted address: exact lowercase 0x40-hex, or a "?"-marked cleaned string. */
export function safeAddress(text: unknown): string {
  return sanitizeAddress(text);
}

/** Tags: each cleaned and capped, empty ones dropped. */
export function safeTags(tags: readonly unknown[], max = 8): string[] {
  return tags.slice(0, max).map((t) => safe(t, 'tag').replace(/\s+/g, '_')).filter((t) => t !== '');
}
