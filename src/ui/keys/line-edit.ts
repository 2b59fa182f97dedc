// readline's editing keys over one line of text (pure): insert, Backspace, Delete, ←/→, Home/End and
// Ctrl-A/E, Ctrl-U (kill to start), Ctrl-K (kill to end), Ctrl-W (kill the word before the caret).
// The caret is a code-point index, so multi-byte characters edit as one.

export interface LineState {
  value: string;
  caret: number;
}

const chars = (s: string) => Array.from(s);

export function atEnd(value: string): LineState {
  return { value, caret: chars(value).length };
}

/** Apply one key; null when the key is not an editing key. */
export function editLine(s: LineState, key: string, text: string | undefined, maxLength: number): LineState | null {
  const cs = chars(s.value);
  const caret = Math.max(0, Math.min(s.caret, cs.length));
  const join = (a: string[], c: number): LineState => ({ value: a.join(''), caret: c });
  switch (key) {
    case 'backspace':
    case 'ctrl+h':
      return caret === 0 ? { value: s.value, caret } : join([...cs.slice(0, caret - 1), ...cs.slice(caret)], caret - 1);
    case 'delete':
    case 'ctrl+d':
      return caret >= cs.length ? { value: s.value, caret } : join([...cs.slice(0, caret), ...cs.slice(caret + 1)], caret);
    case 'left':
    case 'ctrl+b':
      return { value: s.value, caret: Math.max(0, caret - 1) };
    case 'right':
    case 'ctrl+f':
      return { value: s.value, caret: Math.min(cs.length, caret + 1) };
    case 'home':
    case 'ctrl+a':
      return { value: s.value, caret: 0 };
    case 'end':
    case 'ctrl+e':
      return { value: s.value, caret: cs.length };
    case 'ctrl+u':
      return join(cs.slice(caret), 0);
    case 'ctrl+k':
      return join(cs.slice(0, caret), caret);
    case 'ctrl+w': {
      let i = caret;
      while (i > 0 && cs[i - 1] === ' ') i--;
      while (i > 0 && cs[i - 1] !== ' ') i--;
      return join([...cs.slice(0, i), ...cs.slice(caret)], i);
    }
    default:
      if (text === undefined) return null;
      return insertText(s, text, maxLength);
  }
}

/** Insert typed or pasted text at the caret; control characters never enter the line. */
export function insertText(s: LineState, text: string, maxLength: number): LineState {
  const clean = chars(text.replace(/[\x00-\x1f\x7f-\x9f]/g, ''));
  const cs = chars(s.value);
  const caret = Math.max(0, Math.min(s.caret, cs.length));
  const room = Math.max(0, maxLength - cs.length);
  const add = clean.slice(0, room);
  return { value: [...cs.slice(0, caret), ...add, ...cs.slice(caret)].join(''), caret: caret + add.length };
}
