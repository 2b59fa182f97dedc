// Loads themes/<name>.json (validated with zod). NO_COLOR (any non-empty value, no-color.org) forces
// mono; a missing or invalid file falls back to mono with a problem the caller can show.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MONO_THEME, ThemeFileSchema, themeFromFile, type Theme } from './schema.js';

export interface LoadThemeResult {
  theme: Theme;
  problems: string[];
}

/** The package's themes/ folder: three levels up from src/ui/theme or dist/ui/theme. */
export function themesDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'themes');
}

export function loadTheme(
  name: string = 'default',
  opts: { env?: NodeJS.ProcessEnv; dir?: string } = {},
): LoadThemeResult {
  const env = opts.env ?? process.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return { theme: MONO_THEME, problems: [] };
  // Names are plain words only, so a config value can never point outside themes/.
  if (!/^[a-z0-9-]{1,40}$/.test(name)) return { theme: MONO_THEME, problems: [`theme name ${JSON.stringify(name).slice(0, 60)} is not a plain name; using mono`] };
  const file = join(opts.dir ?? themesDir(), `${name}.json`);
  if (!existsSync(file)) return { theme: MONO_THEME, problems: [`theme "${name}" not found; using mono`] };
  try {
    const parsed = ThemeFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { theme: MONO_THEME, problems: [`theme "${name}" is invalid at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}; using mono`] };
    }
    return { theme: themeFromFile(parsed.data), problems: [] };
  } catch (err) {
    return { theme: MONO_THEME, problems: [`theme "${name}" could not be read (${(err as Error).message.slice(0, 80)}); using mono`] };
  }
}
