import { afterEach, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/ui/keys/commands.js';
import { buildKeymap } from '../../src/ui/keys/keymap.js';
import { PALETTE_COMMANDS } from '../../src/ui/palette.js';
import { KEY, makeStore, makeTask, mount, T0, type Mounted } from './harness.js';

let m: Mounted | null = null;
afterEach(() => {
  m?.unmount();
  m = null;
});

const tasks = [makeTask({ id: 'T00001' }), makeTask({ id: 'T00002' })];

describe('keys', () => {
  it('? lists every command with its keys, generated from the command list', async () => {
    m = await mount(makeStore(tasks), { rows: 110, columns: 160 });
    await m.press('?');
    const f = m.frame();
    for (const c of COMMANDS) expect(f, c.id).toContain(c.description);
    for (const p of PALETTE_COMMANDS) expect(f).toContain(p.usage);
    await m.press(KEY.esc);
    expect(m.frame()).not.toContain('Palette (:)');
    expect(m.exited()).toBe(false);
  });

  it('help shows overridden keys, and scrolls when taller than the screen', async () => {
    m = await mount(makeStore(tasks), { rows: 24, columns: 80, keymap: { 'move.down': ['e', 'down'] } });
    await m.press('?');
    expect(m.frame()).toMatch(/e ↓\s+down one row/);
    expect(m.frame()).not.toContain('No command is bound to a Ctrl-letter');
    await m.press('G');
    expect(m.frame()).toContain('No command is bound to a Ctrl-letter');
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

  it('q in an open view closes it (as in less and k9s); q at the top level quits', async () => {
    m = await mount(makeStore(tasks));
    await m.press(KEY.enter);
    expect(m.frame()).toContain('Task detail');
    await m.press('q');
    expect(m.exited()).toBe(false);
    expect(m.frame()).toContain('1 Feed');
    await m.press('q');
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
    expect(m.ui.getState().sel.feed.key).toBe('T00002');
    await m.press('2', 'j');
    expect(m.ui.getState().sel.feed.key).toBe('T00002');
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
    expect(keymap.resolveName(['global', 'list', 'feed'], 'ctrl+j')).toBeNull();
    expect(keymap.resolveName(['global'], 'ctrl+q')).toBeNull();
    expect(keymap.resolveName(['global'], 'meta+q')).toBeNull();
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
    const many = Array.from({ length: 8 }, (_, i) => makeTask({ id: `T0000${i}`, createdAt: T0 - i * 1000 }));
    m = await mount(makeStore(many));
    await m.press('jjj');
    expect(m.ui.getState().sel.feed.key).toBe('T00003');
    await m.press('Gk');
    expect(m.ui.getState().sel.feed.key).toBe('T00006');
  });

  it('"2j" in one read: the j goes to the pane the 2 focused', async () => {
    const auctions = ['A1', 'A2', 'A3'].map((id, i) => makeTask({ id, mode: 'auction', auctionType: 'english', bidDeadline: T0 + (i + 1) * 600_000 }));
    m = await mount(makeStore(auctions));
    await m.press('2j');
    expect(m.ui.getState().focus).toBe('clocks');
    expect(m.ui.getState().sel.clocks.key).toBe('A2');
    expect(m.ui.getState().sel.feed.key).toBe('A1');
  });

  it('three Backspaces in one read delete three characters; Ctrl-U and Ctrl-W edit as in readline', async () => {
    m = await mount(makeStore(tasks));
    await m.press('/');
    await m.press('4538dutch');
    expect(m.store.getState().filter.text).toBe('4538dutch');
    await m.press('\x7f\x7f\x7f');
    expect(m.store.getState().filter.text).toBe('4538du');
    await m.press('\x17'); // Ctrl-W: the word before the caret
    expect(m.store.getState().filter.text).toBe('');
    await m.press('ab cd', '\x01', 'x', '\x05', 'y'); // Ctrl-A, insert, Ctrl-E, insert
    expect(m.store.getState().filter.text).toBe('xab cdy');
    await m.press('\x15'); // Ctrl-U
    expect(m.store.getState().filter.text).toBe('');
  });

  it('a whole palette line typed in one read is applied', async () => {
    m = await mount(makeStore(tasks));
    await m.press(':mode auction\r');
    expect(m.store.getState().filter.mode).toBe('auction');
    expect(m.ui.getState().input).toBeNull();
  });

  it('a refused palette line stays open with its text and the reason', async () => {
    m = await mount(makeStore(tasks));
    await m.press(':status bogus\r');
    expect(m.ui.getState().input?.value).toBe('status bogus');
    expect(m.frame()).toMatch(/status must be one of/);
    await m.press(KEY.esc);
    expect(m.ui.getState().input).toBeNull();
  });

  it('Tab completes a palette command', async () => {
    m = await mount(makeStore(tasks));
    await m.press(':', 'm', 'o', KEY.tab);
    expect(m.ui.getState().input?.value).toBe('mode ');
  });

  it('pasted text never fires commands outside a text line', async () => {
    m = await mount(makeStore(tasks));
    await m.press('\x1b[200~', 'jjq', '\x1b[201~');
    expect(m.exited()).toBe(false);
    expect(m.ui.getState().sel.feed.key).toBe('T00001');
    await m.press('/', '\x1b[200~', 'rust', '\x1b[201~');
    expect(m.store.getState().filter.text).toBe('rust');
  });
});
