// Finding 20 (theme part): a theme the desk cannot use falls back to `default`, not to mono, and the
// problem names the themes there are. NO_COLOR still means mono.
import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { availableThemes, loadTheme, themesDir } from '../../src/ui/theme/load.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function themeDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'taskdesk-themes-'));
  dirs.push(dir);
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), typeof body === 'string' ? body : JSON.stringify(body));
  return dir;
}

describe('loadTheme fallbacks', () => {
  it('an unknown theme gets the default theme, with a problem listing the shipped themes', () => {
    const { theme, problems } = loadTheme('solarized', { env: {} });
    expect(theme.name).toBe('default');
    expect(theme.mono).toBe(false);
    expect(problems).toEqual(['theme "solarized" not found (available: default, high-contrast, mono); using default']);
  });

  it('a name that is not a plain word also gets default, and the list', () => {
    const { theme, problems } = loadTheme('../package', { env: {} });
    expect(theme.name).toBe('default');
    expect(problems[0]).toMatch(/not a plain name \(available: default, high-contrast, mono\); using default$/);
  });

  it('an invalid theme file gets default too', () => {
    const dir = themeDir({ 'broken.json': { name: 'broken', colors: { text: 'not a colour!' } } });
    copyFileSync(join(themesDir(), 'default.json'), join(dir, 'default.json'));
    const { theme, problems } = loadTheme('broken', { env: {}, dir });
    expect(theme.name).toBe('default');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^theme "broken" is invalid at .*; using default$/);
  });

  it('only when default itself is unusable does the desk go mono, saying both', () => {
    const dir = themeDir({ 'default.json': '{ not json' });
    const { theme, problems } = loadTheme('solarized', { env: {}, dir });
    expect(theme.mono).toBe(true);
    expect(problems[0]).toBe('theme "solarized" not found (available: default); using mono');
    expect(problems[1]).toMatch(/^theme "default" could not be read .*; using mono$/);
  });

  it('NO_COLOR still forces mono, with nothing to report, whatever the name', () => {
    for (const name of ['solarized', 'default', 'high-contrast']) {
      const { theme, problems } = loadTheme(name, { env: { NO_COLOR: '1' } });
      expect(theme.mono, name).toBe(true);
      expect(problems, name).toEqual([]);
    }
  });

  it('lists only plain-named .json files, sorted', () => {
    const dir = themeDir({ 'b.json': '{}', 'a.json': '{}', 'Bad Name.json': '{}', 'notes.txt': '' });
    expect(availableThemes(dir)).toEqual(['a', 'b']);
    expect(availableThemes(join(dir, 'missing'))).toEqual([]);
  });
});
