// Themes (colour tokens, mono, NO_COLOR), ASCII glyphs, and the too-small screen.
import chalk from 'chalk';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chooseGlyphs, localeIsUtf8 } from '../../src/ui/theme/glyphs.js';
import { loadTheme } from '../../src/ui/theme/load.js';
import { THEME_TOKENS } from '../../src/ui/theme/schema.js';
import { makeStore, makeTask, mount, settle, T0, type Mounted } from './harness.js';

// Colour detection is off without a TTY; force truecolor so "no colour codes" is a real check.
beforeAll(() => {
  chalk.level = 3;
});

let m: Mounted | null = null;
afterEach(() => {
  m?.unmount();
  m = null;
});

const COLOUR_SGR = /\x1b\[(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/;

const tasks = [
  makeTask({ id: 'T00001', tags: ['a'] }),
  makeTask({ id: 'T00002', mode: 'auction', auctionType: 'dutch', maxPrice: 3_000_000n, auctionFloorPrice: 1_000_000n, bidDeadline: T0 + 600_000 }),
];

describe('themes', () => {
  it('the default theme colours the desk (the check below can see colour)', async () => {
    m = await mount(makeStore(tasks), { theme: 'default' });
    expect(m.frame()).toMatch(COLOUR_SGR);
  });

  it('mono emits no colour codes at all', async () => {
    m = await mount(makeStore(tasks), { theme: 'mono' });
    expect(m.frame()).toContain('Feed');
    expect(m.frame()).not.toMatch(COLOUR_SGR);
  });

  it('NO_COLOR forces mono whatever theme is named', async () => {
    expect(loadTheme('high-contrast', { env: { NO_COLOR: '1' } }).theme.mono).toBe(true);
    expect(loadTheme('high-contrast', { env: { NO_COLOR: '' } }).theme.mono).toBe(false);
    m = await mount(makeStore(tasks), { theme: 'default', env: { NO_COLOR: '1' } });
    expect(m.frame()).not.toMatch(COLOUR_SGR);
  });

  it('every shipped theme validates and defines every token', () => {
    for (const name of ['default', 'mono', 'high-contrast']) {
      const { theme, problems } = loadTheme(name, { env: {} });
      expect(problems, name).toEqual([]);
      expect(Object.keys(theme.color).sort()).toEqual([...THEME_TOKENS].sort());
    }
  });

  it('a bad or unknown theme falls back to mono with a problem; names cannot escape themes/', () => {
    const dir = mkdtempSync(join(tmpdir(), 'themes-'));
    writeFileSync(join(dir, 'broken.json'), JSON.stringify({ name: 'broken', colors: { text: 'not a colour!' } }));
    const bad = loadTheme('broken', { env: {}, dir });
    expect(bad.theme.mono).toBe(true);
    expect(bad.problems[0]).toMatch(/theme "broken" is invalid/);
    expect(loadTheme('nope', { env: {} }).problems[0]).toMatch(/not found/);
    expect(loadTheme('../package', { env: {} }).problems[0]).toMatch(/not a plain name/);
  });
});

describe('glyphs', () => {
  it('ASCII when asked or when the locale is not UTF-8', () => {
    expect(localeIsUtf8({ LANG: 'en_US.UTF-8' })).toBe(true);
    expect(localeIsUtf8({ LANG: 'C' })).toBe(false);
    expect(localeIsUtf8({ LC_ALL: 'C', LANG: 'en_US.UTF-8' })).toBe(false);
    expect(chooseGlyphs({ env: { LANG: 'C' } }).ascii).toBe(true);
    expect(chooseGlyphs({ env: { LANG: 'C.utf8' } }).ascii).toBe(false);
    expect(chooseGlyphs({ ascii: true, env: { LANG: 'C.utf8' } }).ascii).toBe(true);
  });

  it('the ASCII desk (borders, sparkline, bars, arrows) is pure ASCII', async () => {
    m = await mount(makeStore(tasks, { wallet: '0xabcdef0123456789abcdef0123456789abcdef01' }), { ascii: true, theme: 'mono' });
    const f = m.frame();
    expect(f).toContain('Clocks');
    expect(f).toContain('T00002');
    expect(f.split('\n').filter((l) => /[^\x00-\x7f]/.test(l))).toEqual([]);
    m.unmount();
    m = await mount(makeStore(tasks), { ascii: false, theme: 'mono' });
    expect(m.frame()).toMatch(/[█░]/);
  });
});

describe('terminal size', () => {
  it('below 80x24 shows only the too-small screen, and re-lays out on resize', async () => {
    m = await mount(makeStore(tasks), { columns: 70, rows: 20 });
    expect(m.frame()).toContain('terminal too small: need 80×24, have 70×20');
    expect(m.frame()).not.toContain('Feed');
    m.stdout.columns = 210;
    m.stdout.rows = 40;
    m.stdout.emit('resize');
    await settle();
    const f = m.frame();
    expect(f).not.toContain('too small');
    for (const t of ['Feed', 'Clocks', 'Inbox', 'Actions']) expect(f).toContain(t);
    // wide layout: Feed and Clocks share the title line of the screen
    expect(f.split('\n')[2]).toMatch(/Feed.*Clocks/);
    expect(f.split('\n').length).toBeLessThanOrEqual(39);
  });

  it('the frame never exceeds rows-1 at the minimum size', async () => {
    m = await mount(makeStore(tasks), { columns: 80, rows: 24 });
    const lines = m.frame().split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const t of ['Feed', 'Clocks', 'Inbox', 'Actions']) expect(m.frame()).toContain(t);
  });
});
