import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filtersFromConfig } from '../../src/config/filters.js';
import { loadConfig } from '../../src/config/load.js';
import { configPath, stateDir } from '../../src/config/paths.js';

function withConfig(content: string) {
  const home = mkdtempSync(join(tmpdir(), 'td-cfg-'));
  const env = { HOME: home, XDG_CONFIG_HOME: join(home, 'cfg') };
  mkdirSync(join(home, 'cfg', 'taskdesk'), { recursive: true });
  writeFileSync(configPath(env), content);
  return env;
}

describe('config', () => {
  it('follows XDG dirs and ignores relative ones', () => {
    expect(configPath({ HOME: '/h', XDG_CONFIG_HOME: '/x' })).toBe('/x/taskdesk/config.json');
    expect(configPath({ HOME: '/h', XDG_CONFIG_HOME: 'rel' })).toBe('/h/.config/taskdesk/config.json');
    expect(stateDir({ HOME: '/h' })).toBe('/h/.local/state/taskdesk');
    expect(stateDir({ HOME: '/h', XDG_STATE_HOME: '/s' })).toBe('/s/taskdesk');
  });

  it('a missing file is the defaults with no problems', () => {
    const home = mkdtempSync(join(tmpdir(), 'td-cfg-'));
    const r = loadConfig({ env: { HOME: home } });
    expect(r.problems).toEqual([]);
    expect(r.config.theme).toBe('default');
  });

  it('applies good entries and reports bad ones without failing', () => {
    const env = withConfig(
      JSON.stringify({
        theme: 'mono',
        ascii: 'yes',
        keys: { 'feed.open': ['o', 'enter'], quit: 'q', bad: 42 },
        filters: { mode: 'auction', minReward: '1.5', status: 'weird', bogus: 1 },
        colour: 'red\x1b[2J',
      }),
    );
    const r = loadConfig({ env });
    expect(r.config.theme).toBe('mono');
    expect(r.config.ascii).toBe(false);
    expect(r.config.keys).toEqual({ 'feed.open': ['o', 'enter'], quit: 'q' });
    expect(r.config.filters).toEqual({ mode: 'auction', minReward: '1.5' });
    expect(filtersFromConfig(r.config.filters).filter.minReward).toBe(1_500_000n);
    expect(r.problems.some((p) => p.includes('ascii'))).toBe(true);
    expect(r.problems.some((p) => p.includes('keys.bad'))).toBe(true);
    expect(r.problems.some((p) => p.includes('filters.status'))).toBe(true);
    expect(r.problems.some((p) => p.includes('filters.bogus'))).toBe(true);
    expect(r.problems.some((p) => p.includes('unknown setting "colour"'))).toBe(true);
    expect(r.problems.join('\n')).not.toMatch(/\x1b/);
  });

  it('reports broken JSON and non-object files', () => {
    expect(loadConfig({ env: withConfig('{ nope') }).problems[0]).toMatch(/not valid JSON/);
    expect(loadConfig({ env: withConfig('[1,2]') }).problems[0]).toMatch(/JSON object/);
    expect(loadConfig({ env: withConfig('{"theme":"../../etc/passwd"}') }).config.theme).toBe('default');
  });
});
