// Semantic colour tokens. Components ask for a token, never a hex value; a theme file maps tokens to
// colours (Ink/chalk names or #rrggbb) or null for "terminal default" (the mono theme is all null).
import { z } from 'zod';

const colour = z
  .string()
  .regex(/^(#[0-9a-fA-F]{6}|[a-zA-Z]+)$/, 'a colour name or #rrggbb')
  .nullable();

export const THEME_TOKENS = [
  'text',
  'muted',
  'accent',
  'title',
  'border',
  'borderFocus',
  'positive',
  'negative',
  'warning',
  'badgeSim',
  'badgeLive',
  'highlightNew',
  'untrusted',
  'alert',
  'selection',
] as const;
export type ThemeToken = (typeof THEME_TOKENS)[number];

export const ThemeFileSchema = z.object({
  name: z.string().regex(/^[a-z0-9-]{1,40}$/),
  description: z.string().max(200).optional(),
  colors: z.object(Object.fromEntries(THEME_TOKENS.map((t) => [t, colour])) as Record<ThemeToken, typeof colour>).strict(),
});
export type ThemeFile = z.infer<typeof ThemeFileSchema>;

/** What components read: a colour per token (undefined = no colour code at all). */
export interface Theme {
  name: string;
  color: Record<ThemeToken, string | undefined>;
  /** True when the theme has no colours: focus and badges are shown with bold/inverse instead. */
  mono: boolean;
}

export function themeFromFile(file: ThemeFile): Theme {
  const color = {} as Record<ThemeToken, string | undefined>;
  for (const t of THEME_TOKENS) color[t] = file.colors[t] ?? undefined;
  return { name: file.name, color, mono: THEME_TOKENS.every((t) => color[t] === undefined) };
}

/** Built-in no-colour theme, used for NO_COLOR and whenever a theme file cannot be read. */
export const MONO_THEME: Theme = {
  name: 'mono',
  color: Object.fromEntries(THEME_TOKENS.map((t) => [t, undefined])) as Record<ThemeToken, undefined>,
  mono: true,
};
