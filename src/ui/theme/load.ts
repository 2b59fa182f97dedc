// Loads themes/<name>.json (validated with zod). NO_COLOR (any non-empty value, no-color.org) forces
// mono. A theme that cannot be used (unknown, not a plain name, invalid, unreadable) falls back to
// `default`, so a typo in the config costs the operator the look they chose, not all colour; only when
// `default` itself cannot be used does the desk go mono. Every fallback comes with a problem to show.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MONO_THEME, ThemeFileSchema, themeFromFile, type Theme } from './schema.js';

export interface LoadThemeResult {
  theme: Theme;
  problems: string[];
}

const PLAIN_NAME = /^[a-z0-9-]{1,40}$/;
const FALLBACK = 'default';

/** The package's themes/ folder: three levels up from src/ui/theme or dist/ui/theme. */
export function themesDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'themes');
}

/** Theme names found in `dir` (plain names only), sorted; [] when the folder cannot be read. */
export function availableThemes(dir: string = themesDir()): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length))
      .filter((n) => PLAIN_NAME.test(n))
      .sort();
  } catch {
    return [];
  }
}

/** One theme file, or why it cannot be used (a phrase without the fallback). */
function readTheme(name: string, dir: string): { theme: Theme } | { problem: string; listThemes: boolean } {
  // Names are plain words only, so a config value can never point outside themes/.
  if (!PLAIN_NAME.test(name)) return { problem: `theme name ${JSON.stringify(name).slice(0, 60)} is not a plain name`, listThemes: true };
  const file = join(dir, `${name}.json`);
  if (!existsSync(file)) return { problem: `theme "${name}" not found`, listThemes: true };
  try {
    const parsed = ThemeFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return { problem: `theme "${name}" is invalid at ${issue?.path.join('.') ?? '?'}: ${issue?.message ?? ''}`, listThemes: false };
    }
    return { theme: themeFromFile(parsed.data) };
  } catch (err) {
    return { problem: `theme "${name}" could not be read (${(err as Error).message.slice(0, 80)})`, listThemes: false };
  }
}

export function loadTheme(
  name: string = FALLBACK,
  opts: { env?: NodeJS.ProcessEnv; dir?: string } = {},
): LoadThemeResult {
  const env = opts.env ?? process.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return { theme: MONO_THEME, problems: [] };
  const dir = opts.dir ?? themesDir();
  const wanted = readTheme(name, dir);
  if ('theme' in wanted) return { theme: wanted.theme, problems: [] };
  const listing = wanted.listThemes ? ` (available: ${availableThemes(dir).join(', ') || 'none'})` : '';
  const fallback = name === FALLBACK ? wanted : readTheme(FALLBACK, dir);
  if ('theme' in fallback) return { theme: fallback.theme, problems: [`${wanted.problem}${listing}; using ${FALLBACK}`] };
  const problems = [`${wanted.problem}${listing}; using mono`];
  if (fallback !== wanted) problems.push(`${fallback.problem}; using mono`);
  return { theme: MONO_THEME, problems };
}
