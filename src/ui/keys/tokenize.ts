// Raw terminal input → one key at a time. Ink 6.8 splits escape sequences into their own events but
// hands a run of plain characters over as one string ("jj", "\x7f\x7f\x7f", ":mode auction\r"), and its
// useInput parses such a run as a single key — so batched Backspaces were lost and "2j" went to the pane
// focused before the 2. Every key here is handled on its own, in order, by whatever has focus by then.

export interface KeyEvent {
  /** Key name as the key map spells it: 'j', 'G', ':', 'enter', 'escape', 'backspace', 'ctrl+u', … */
  name: string;
  /** The character typed, for printable keys (text inputs insert it). */
  text?: string;
  /** Bracketed paste: the pasted text, whole. Only text inputs accept it; elsewhere it is ignored. */
  paste?: string;
}

const CSI_KEYS: Record<string, string> = {
  '\x1b[A': 'up', '\x1b[B': 'down', '\x1b[C': 'right', '\x1b[D': 'left',
  '\x1bOA': 'up', '\x1bOB': 'down', '\x1bOC': 'right', '\x1bOD': 'left',
  '\x1b[H': 'home', '\x1b[F': 'end', '\x1bOH': 'home', '\x1bOF': 'end',
  '\x1b[1~': 'home', '\x1b[4~': 'end', '\x1b[7~': 'home', '\x1b[8~': 'end',
  '\x1b[5~': 'pageup', '\x1b[6~': 'pagedown', '\x1b[3~': 'delete', '\x1b[2~': 'insert',
  '\x1b[Z': 'shift+tab',
};

const CONTROL: Record<string, string> = {
  '\r': 'enter', '\n': 'enter', '\t': 'tab', '\x7f': 'backspace', '\b': 'backspace', '\x1b': 'escape',
};

export const PASTE_START = '\x1b[200~';
export const PASTE_END = '\x1b[201~';

/** Keys of one raw input event (as Ink's input parser emits them). */
export function tokenize(raw: string): KeyEvent[] {
  if (raw.startsWith('\x1b') && raw.length > 1) {
    const named = CSI_KEYS[raw];
    if (named) return [{ name: named }];
    // Alt+key arrives as ESC + the key: no command lives on a Meta chord.
    if (raw.length === 2 || (raw.length === 3 && raw.codePointAt(1)! > 0xffff)) return [{ name: `meta+${raw.slice(1)}` }];
    return [{ name: 'unknown' }];
  }
  const out: KeyEvent[] = [];
  for (const ch of raw) {
    const control = CONTROL[ch];
    if (control) {
      out.push({ name: control });
      continue;
    }
    const code = ch.codePointAt(0)!;
    if (code < 0x20) {
      out.push({ name: `ctrl+${String.fromCharCode(code + 0x60)}` });
      continue;
    }
    if (code >= 0x80 && code < 0xa0) continue; // C1 controls are never keys
    out.push({ name: ch === ' ' ? 'space' : ch, text: ch });
  }
  return out;
}

/**
 * A stateful splitter for bracketed paste: raw events between PASTE_START and PASTE_END become one
 * paste event, so a pasted line can never fire list commands or confirm a ticket.
 */
export function createTokenizer(): (raw: string) => KeyEvent[] {
  let pasting: string | null = null;
  return (raw) => {
    if (raw === PASTE_START) {
      pasting = '';
      return [];
    }
    if (pasting !== null) {
      if (raw === PASTE_END) {
        const text = pasting;
        pasting = null;
        return [{ name: 'paste', paste: text }];
      }
      pasting = (pasting + raw).slice(0, 100_000);
      return [];
    }
    return tokenize(raw);
  };
}
