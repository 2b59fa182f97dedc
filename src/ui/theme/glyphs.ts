// Glyph sets: Unicode by default, ASCII when asked or when the locale is not UTF-8.

export interface Glyphs {
  ascii: boolean;
  /** Sparkline levels, lowest first. */
  spark: string[];
  barFull: string;
  barEmpty: string;
  up: string;
  down: string;
  bullet: string;
  unread: string;
  ellipsis: string;
  pointer: string;
  borderStyle: 'round' | 'classic';
  borderFocusStyle: 'bold' | 'classic' | 'double';
}

export const UNICODE_GLYPHS: Glyphs = {
  ascii: false,
  spark: ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'],
  barFull: '█',
  barEmpty: '░',
  up: '↑',
  down: '↓',
  bullet: '•',
  unread: '●',
  ellipsis: '…',
  pointer: '›',
  borderStyle: 'round',
  borderFocusStyle: 'double',
};

export const ASCII_GLYPHS: Glyphs = {
  ascii: true,
  spark: ['_', '.', '-', '~', '=', '+', '*', '#'],
  barFull: '#',
  barEmpty: '-',
  up: '^',
  down: 'v',
  bullet: '*',
  unread: '*',
  ellipsis: '~',
  pointer: '>',
  borderStyle: 'classic',
  borderFocusStyle: 'classic',
};

/** The first of LC_ALL, LC_CTYPE, LANG that is set decides (POSIX precedence); UTF-8 means Unicode. */
export function localeIsUtf8(env: NodeJS.ProcessEnv = process.env): boolean {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || '';
  return /utf-?8/i.test(locale);
}

export function chooseGlyphs(opts: { ascii?: boolean; env?: NodeJS.ProcessEnv } = {}): Glyphs {
  if (opts.ascii === true) return ASCII_GLYPHS;
  if (opts.ascii === false) return UNICODE_GLYPHS;
  return localeIsUtf8(opts.env) ? UNICODE_GLYPHS : ASCII_GLYPHS;
}
