// Views (task detail, message, action) are built as plain lines first, then only the visible slice
// is rendered, so a 20,000-character body costs no more than a screenful.
import type { ThemeToken } from '../theme/schema.js';

export interface Line {
  text: string;
  tone?: ThemeToken;
  bold?: boolean;
}

/** Word-wrap sanitised text (may contain \n) to `width` columns; long words are hard-split. */
export function wrap(text: string, width: number): string[] {
  const w = Math.max(8, width);
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    // Leading spaces are kept (indented JSON in an XMTP payload stays readable).
    const indent = /^ */.exec(raw)?.[0].slice(0, Math.floor(w / 2)) ?? '';
    const para = raw.slice(indent.length);
    let line = indent;
    for (const word of para.split(/ +/)) {
      let rest = word;
      while (rest.length > w) {
        if (line.trim()) out.push(line);
        line = '';
        out.push(rest.slice(0, w));
        rest = rest.slice(w);
      }
      if (line === indent) line += rest;
      else if (line.length + 1 + rest.length <= w) line += ` ${rest}`;
      else {
        out.push(line);
        line = rest;
      }
    }
    out.push(line);
  }
  return out;
}

export function field(label: string, value: string, tone?: ThemeToken): Line {
  return { text: `${label.padEnd(22)}${value}`, tone };
}

export function heading(text: string): Line {
  return { text, tone: 'title', bold: true };
}

/** Where a view command moves a scroll position (null for commands that do not scroll). */
export function scrollTarget(cmd: string, cur: number, max: number, page: number): number | null {
  const to = (n: number) => Math.max(0, Math.min(n, max));
  switch (cmd) {
    case 'view.down':
      return to(cur + 1);
    case 'view.up':
      return to(cur - 1);
    case 'view.top':
      return 0;
    case 'view.bottom':
      return max;
    case 'view.pageDown':
      return to(cur + page - 1);
    case 'view.pageUp':
      return to(cur - page + 1);
    default:
      return null;
  }
}
