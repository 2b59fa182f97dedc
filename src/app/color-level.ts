// The desk decides its own colour level instead of leaving it to chalk's supports-color, which treats
// any CI variable (even CI=false, which the pty tests need so Ink draws at all) as a CI run and turns
// colour off. Here CI plays no part: the user's FORCE_COLOR wins, then what the terminal says it is.
// NO_COLOR is not handled here: it selects the mono theme (no colour, bold and inverse kept, as
// no-color.org asks), so the level still has to allow those attributes.
import type { ColorLevel } from '../ui/render.js';

export type { ColorLevel };

/** FORCE_COLOR as chalk reads it: ''/'true' → 1, 'false' → 0, a number clamped to 0..3; undefined when unset or unreadable. */
function forced(value: string | undefined): ColorLevel | undefined {
  if (value === undefined) return undefined;
  if (value === '' || value === 'true') return 1;
  if (value === 'false') return 0;
  const n = Number.parseInt(value, 10);
  if (!Number.isFinite(n)) return undefined;
  return Math.max(0, Math.min(3, n)) as ColorLevel;
}

export function chooseColorLevel(env: Record<string, string | undefined>, isTTY: boolean): ColorLevel {
  const force = forced(env.FORCE_COLOR);
  if (force !== undefined) return force;
  if (!isTTY) return 0;
  const term = (env.TERM ?? '').toLowerCase();
  if (term === 'dumb') return 0;
  const colorterm = (env.COLORTERM ?? '').toLowerCase();
  if (colorterm === 'truecolor' || colorterm === '24bit' || term.endsWith('-direct')) return 3;
  if (/256(colou?r)?$/.test(term)) return 2;
  return 1;
}
