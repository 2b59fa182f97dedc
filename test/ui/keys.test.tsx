import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/ui/keys/commands.js';
import { buildKeymap } from '../../src/ui/keys/keymap.js';
import { PALETTE_COMMANDS } from '../../src/ui/palette.js';
import { KEY, makeStore, makeTask, mount, type Mounted } from './harness.js';

let m: Mounted | null = null;
afterEach(() => {
  m?.unmount();
  m = null;
});

const tasks = [makeTask({ id: 'T00001' }), makeTask({ id: 'T00002' })];

describe('keys', () => {
  it('? lists every command with its keys, generated from the command list', async () => {
    m = await mount(makeStore(tasks), { rows: 70, columns: 140 });
    await m.press('?');
    const f = m.frame();
    for (const c of COMMANDS) expect(f, c.id).toContain(c.description);
    for (const p of PALETTE_COMMANDS) expect(f).toContain(p.usage);
    await m.press(KEY.esc);
    expect(m.frame()).not.toContain('Palette (:)');
    expect(m.exited()).toBe(false);
  });

  it('help shows overridden keys, and scrolls when taller than the screen', async () => {
    m = await mount(makeStore(tasks), { rows: 24, columns: 80, keymap: { 'move.down': ['n', 'down'] } });
    await m.press('?');
    expect(m.frame()).toMatch(/n ↓\s+down one row/);
    expect(m.frame()).not.toContain('Palette (:)');
    await m.press('G');
    expect(m.frame()).toContain('Palette (:)');
    await m.press('q');
    expect(m.exited()).toBe(false); // q closes help, it does not quit from inside it
  });

  it('Esc backs out one level at a time and never quits', async () => {
    m = await mount(makeStore(tasks));
    await m.press(KEY.enter);
    expect(m.frame()).toContain('Task detail');
    await m.press('?');
    await m.press(KEY.esc);
    expect(m.frame()).toContain('Task detail');
    await m.press(KEY.esc);
    expect(m.frame()).toContain('1 Feed');
    for (let i = 0; i < 5; i++) await m.press(KEY.esc);
    expect(m.exited()).toBe(false);
    expect(m.frame()).toContain('1 Feed');
  });

  it('q in an open view does nothing; q at the top level quits', async () => {
    m = await mount(makeStore(tasks));
    await m.press(KEY.enter, 'q');
    expect(m.exited()).toBe(false);
    await m.press(KEY.esc, 'q');
    await new Promise((r) => setTimeout(r, 20));
    expect(m.exited()).toBe(true);
  });

  it('Tab, Shift-Tab and 1-4 move focus; j/k act on the focused pane only', async () => {
    m = await mount(makeStore(tasks));
    expect(m.ui.getState().focus).toBe('feed');
    await m.press(KEY.tab);
    expect(m.ui.getState().focus).toBe('clocks');
    await m.press(KEY.tab, KEY.tab, KEY.tab);
    expect(m.ui.getState().focus).toBe('feed');
    await m.press(KEY.shiftTab);
    expect(m.ui.getState().focus).toBe('actions');
    await m.press('3');
    expect(m.ui.getState().focus).toBe('inbox');
    await m.press('1', 'j');
    expect(m.ui.getState().cursor.feed).toBe(1);
    await m.press('2', 'j');
    expect(m.ui.getState().cursor.feed).toBe(1);
  });

  it('keymap overrides are validated: Ctrl-letters, unknown keys and commands, conflicts', () => {
    const { keymap, problems } = buildKeymap({
      'move.down': 'ctrl+j',
      'feed.filter': 'f',
      'no.such': 'x',
      'move.up': ['k', 'F13'],
      'clock.target': '?',
    });
    expect(problems.join('\n')).toMatch(/move\.down: Ctrl\/Meta combinations cannot be bound/);
    expect(problems.join('\n')).toMatch(/unknown command "no\.such"/);
    expect(problems.join('\n')).toMatch(/unknown key "F13"/);
    expect(problems.join('\n')).toMatch(/"\?" is bound to both help and clock\.target; help keeps it/);
    expect(keymap.keysFor('move.down')).toEqual(['j', 'down']); // the bad override is dropped, defaults stay
    expect(keymap.keysFor('feed.filter')).toEqual(['f']);
    expect(keymap.keysFor('move.up')).toEqual(['k']);
    expect(keymap.keysFor('clock.target')).toEqual([]);
    expect(buildKeymap().problems).toEqual([]);
  });

  it('no default binding is a Ctrl-letter, and Ctrl-letters resolve to nothing', () => {
    const { keymap } = buildKeymap();
    for (const c of COMMANDS) for (const k of c.keys) expect(k).not.toMatch(/^ctrl/i);
    const ctrl = { ctrl: true } as Parameters<typeof keymap.resolve>[2];
    expect(keymap.resolve(['global', 'list', 'feed'], 'j', ctrl)).toBeNull();
    expect(keymap.resolve(['global'], 'q', ctrl)).toBeNull();
  });
});

describe('notices', () => {
  it('start-up problems flash in the footer and are listed in help', async () => {
    const store = makeStore(tasks);
    m = await mount(store, { rows: 60 });
    store.getState().addNotices(['theme "nope" not found; using mono', 'keymap: move.down: Ctrl/Meta combinations cannot be bound']);
    await new Promise((r) => setTimeout(r, 20));
    expect(m.frame()).toContain('keymap: move.down: Ctrl/Meta combinations cannot be bound (+1 more: press ?)');
    await m.press('?');
    expect(m.frame()).toContain('Notices');
    expect(m.frame()).toContain('theme "nope" not found; using mono');
  });
});

describe('keys read together', () => {
  it('a chunk like "jjj" (Ink hands it over in one call) moves three rows', async () => {
    const many = Array.from({ length: 8 }, (_, i) => makeTask({ id: `T0000${i}` }));
    m = await mount(makeStore(many));
    await m.press('jjj');
    expect(m.ui.getState().cursor.feed).toBe(3);
    await m.press('Gk');
    expect(m.ui.getState().cursor.feed).toBe(6);
    await m.press('2j');
    expect(m.ui.getState().focus).toBe('clocks');
  });
});
