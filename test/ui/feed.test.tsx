import { afterEach, describe, expect, it } from 'vitest';
import { KEY, makeStore, makeTask, mount, T0, type Mounted } from './harness.js';

let m: Mounted | null = null;
afterEach(() => {
  m?.unmount();
  m = null;
});

/** Task ids shown in the Feed pane (it is the first box in the narrow layout). */
function ids(frame: string): string[] {
  const lines = frame.split('\n');
  const start = lines.findIndex((l) => l.includes('1 Feed'));
  const end = lines.findIndex((l, i) => i > start && /^[╚╰+]/.test(l));
  return [...lines.slice(start, end).join('\n').matchAll(/\b(T\d{5})\b/g)].map((x) => x[1]!);
}

function sample() {
  return [
    makeTask({ id: 'T00001', mode: 'bounty', reward: 3_000_000n, tags: ['rust'], createdAt: T0 - 5_000, description: 'port the parser' }),
    makeTask({ id: 'T00002', mode: 'auction', auctionType: 'english', reward: 9_000_000n, tags: ['go', 'rust'], createdAt: T0 - 4_000, auctionBidCount: 3 }),
    makeTask({ id: 'T00003', mode: 'pitch', reward: 500_000n, tags: ['design'], createdAt: T0 - 3_000, expiryTime: T0 + 3 * 3_600_000 }),
    makeTask({ id: 'T00004', mode: 'claim', reward: 2_000_000n, status: 'claimed', createdAt: T0 - 2_000 }),
  ];
}

describe('Feed', () => {
  it('shows rows with mode, auction type, reward, countdown, tags and counts', async () => {
    m = await mount(makeStore(sample()));
    const f = m.frame();
    // status:open is the store's default filter, so the claimed task is not listed.
    expect(ids(f)).toEqual(['T00003', 'T00002', 'T00001']);
    const row = f.split('\n').find((l) => l.includes('T00002'))!;
    expect(row).toMatch(/auction\s+english\s+9\.000000 exp 2d00h\s+s0\/b3\s+go,rust/);
  });

  it(':palette filters by mode, status, tags, reward and deadline, sorts, and :clear resets', async () => {
    m = await mount(makeStore(sample()));
    await m.press(':');
    await m.type('mode auction');
    await m.press(KEY.enter);
    expect(ids(m.frame())).toEqual(['T00002']);
    expect(m.frame()).toContain('mode:auction');

    await m.press(':');
    await m.type('mode all');
    await m.press(KEY.enter, ':');
    await m.type('sort reward');
    await m.press(KEY.enter);
    expect(ids(m.frame())).toEqual(['T00002', 'T00001', 'T00003']);

    await m.press(':');
    await m.type('tags rust');
    await m.press(KEY.enter);
    expect(ids(m.frame())).toEqual(['T00002', 'T00001']);

    await m.press(':');
    await m.type('reward 1-5');
    await m.press(KEY.enter);
    expect(ids(m.frame())).toEqual(['T00001']);

    await m.press(':');
    await m.type('clear');
    await m.press(KEY.enter, ':');
    await m.type('status all');
    await m.press(KEY.enter);
    expect(ids(m.frame()).sort()).toEqual(['T00001', 'T00002', 'T00003', 'T00004']);

    await m.press(':');
    await m.type('deadline 24');
    await m.press(KEY.enter);
    expect(ids(m.frame())).toEqual(['T00003']);

    await m.press(':');
    await m.type('clear');
    await m.press(KEY.enter);
    expect(ids(m.frame())).toEqual(['T00003', 'T00002', 'T00001']);
    expect(m.store.getState().filter.status).toBe('open');
  });

  it('a bad palette command flashes an error and changes nothing', async () => {
    m = await mount(makeStore(sample()));
    await m.press(':');
    await m.type('mode lottery');
    await m.press(KEY.enter);
    expect(m.frame()).toContain('mode must be one of');
    expect(ids(m.frame())).toHaveLength(3);
  });

  it('/ fuzzy filter narrows as you type, Enter keeps it, Esc clears it', async () => {
    m = await mount(makeStore(sample()));
    await m.press('/');
    await m.type('parser');
    expect(ids(m.frame())).toEqual(['T00001']);
    await m.press(KEY.enter);
    expect(ids(m.frame())).toEqual(['T00001']);
    expect(m.frame()).toContain('/parser');
    await m.press(KEY.esc);
    expect(ids(m.frame())).toHaveLength(3);

    await m.press('/');
    await m.type('dsg');
    expect(ids(m.frame())).toEqual(['T00003']); // subsequence of the short fields ("design")
    await m.press(KEY.esc);
    expect(ids(m.frame())).toHaveLength(3);
    expect(m.store.getState().filter.text).toBe('');
  });

  it('highlights tasks first seen in the last few seconds', async () => {
    const store = makeStore(sample());
    m = await mount(store);
    expect(m.frame()).not.toMatch(/\+TM\s+T0000/);
    store.getState().setFeed([...sample(), makeTask({ id: 'T00009', createdAt: T0 })], false, T0);
    await m.press(); // settle
    await new Promise((r) => setTimeout(r, 20));
    expect(m.frame()).toMatch(/\+TM\s+T00009/);
    store.getState().tick(T0 + 10_000);
    await new Promise((r) => setTimeout(r, 20));
    expect(m.frame()).not.toMatch(/\+TM\s+T00009/);
  });

  it('with 10,000 tasks mounts only the visible rows, and scrolls with j/G/g/PgDn', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => makeTask({ id: `T${String(i).padStart(5, '0')}`, createdAt: T0 - i * 1000 }));
    m = await mount(makeStore(many), { columns: 120, rows: 40 });
    const shown = ids(m.frame());
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThan(20);
    expect(shown[0]).toBe('T00000');
    expect(m.frame()).toContain('1/10000');
    await m.press('G');
    expect(m.frame()).toContain('10000/10000');
    expect(ids(m.frame())).toContain('T09999');
    expect(ids(m.frame()).length).toBe(shown.length);
    await m.press('g', 'j', 'j');
    expect(m.frame()).toContain('3/10000');
    await m.press(KEY.pgdn);
    expect(m.frame()).toMatch(/\b1[0-9]\/10000/);
    expect(m.frame().split('\n').length).toBeLessThanOrEqual(39);
  });

  it('Enter opens the task detail and Esc backs out', async () => {
    m = await mount(makeStore(sample()));
    await m.press('j', 'j', KEY.enter);
    expect(m.frame()).toContain('Task detail');
    expect(m.frame()).toContain('port the parser');
    expect(m.store.getState().openTaskId).toBe('T00001');
    await m.press(KEY.esc);
    expect(m.frame()).toContain('1 Feed');
    expect(m.store.getState().openTaskId).toBeNull();
  });
});

describe('palette history', () => {
  it('Up recalls earlier commands, Down returns to the empty line', async () => {
    m = await mount(makeStore(sample()));
    await m.press(':');
    await m.type('mode pitch');
    await m.press(KEY.enter, ':');
    await m.type('sort reward');
    await m.press(KEY.enter, ':', KEY.up);
    expect(m.frame()).toMatch(/:sort reward/);
    await m.press(KEY.up);
    expect(m.frame()).toMatch(/:mode pitch/);
    await m.press(KEY.down, KEY.down);
    expect(m.frame()).not.toMatch(/:sort reward|:mode pitch/);
    await m.press(KEY.up, KEY.up);
    // edit the recalled line and run it
    for (let i = 0; i < 5; i++) await m.press(KEY.backspace);
    await m.type('all');
    await m.press(KEY.enter);
    expect(m.store.getState().filter.mode).toBeNull();
  });
});

describe('palette typed in one chunk', () => {
  it('":" then "mode auction\\r" read together still runs the command', async () => {
    m = await mount(makeStore(sample()));
    await m.press(':', 'mode auction\r');
    expect(ids(m.frame())).toEqual(['T00002']);
  });
});

describe('selection follows the task', () => {
  it('stays on its task when rows arrive above it, and Enter opens that task', async () => {
    const store = makeStore(sample());
    m = await mount(store);
    await m.press('j');
    expect(m.ui.getState().sel.feed.key).toBe('T00002');
    // Two newer tasks arrive above the selected row between the keypress and the open.
    store.getState().setFeed([makeTask({ id: 'T00008', createdAt: T0 }), makeTask({ id: 'T00007', createdAt: T0 - 100 }), ...sample()], false, T0);
    await m.press(KEY.enter);
    expect(m.store.getState().openTaskId).toBe('T00002');
    expect(m.frame()).toContain('Task T00002');
  });

  it('follows its task through a re-sort', async () => {
    m = await mount(makeStore(sample()));
    await m.press('j', 'j'); // T00001
    await m.press(':');
    await m.type('sort reward');
    await m.press(KEY.enter);
    expect(ids(m.frame())).toEqual(['T00002', 'T00001', 'T00003']);
    const row = m.frame().split('\n').find((l) => l.includes('T00001'))!;
    expect(row).toMatch(/›/);
  });

  it('when its task leaves the list, the neighbour is selected and the footer says so', async () => {
    const store = makeStore(sample());
    m = await mount(store);
    await m.press('j'); // T00002
    store.getState().setFeed(sample().filter((t) => t.id !== 'T00002'), false, T0);
    await m.press();
    await new Promise((r) => setTimeout(r, 20));
    expect(m.ui.getState().sel.feed.key).toBe('T00001');
    expect(m.frame()).toMatch(/T00002 left the Feed; selection moved to T00001/);
  });

  it('page down moves a whole page and scrolls only at the edge', async () => {
    const many = Array.from({ length: 100 }, (_, i) => makeTask({ id: `T${String(i).padStart(5, '0')}`, createdAt: T0 - i * 1000 }));
    m = await mount(makeStore(many), { columns: 120, rows: 40 });
    const page = m.ui.getState().pages.feed;
    await m.press('j', 'j');
    expect(m.ui.getState().sel.feed.top).toBe(0); // no typewriter scrolling: the window stays put
    await m.press(KEY.pgdn);
    expect(m.ui.getState().sel.feed.index).toBe(2 + page);
    expect(m.ui.getState().sel.feed.top).toBe(page);
    expect(m.frame()).toContain(`${3 + page}/100 (${page} above`);
  });
});

/** Hex ids shown in the Feed pane. */
function ids2(frame: string): string[] {
  const lines = frame.split('\n');
  const start = lines.findIndex((l) => l.includes('1 Feed'));
  const end = lines.findIndex((l, i) => i > start && /^[╚╰+]/.test(l));
  return [...lines.slice(start + 2, end).join('\n').matchAll(/\b(0x[0-9a-f]+)/g)].map((x) => x[1]!);
}

describe('fuzzy filter ranking', () => {
  it('an id prefix narrows to that task; hex digits match as substrings, not scattered', async () => {
    const hexes = ['0x4538429aa', '0x8eaa22c45', '0xb73a7d038', '0x1234567890'].map((id, i) => makeTask({ id, createdAt: T0 - i * 1000 }));
    m = await mount(makeStore(hexes));
    await m.press('/');
    await m.type('4538');
    expect(ids2(m.frame())).toEqual(['0x4538429']); // the Feed shows ids cut to 10 characters
    await m.press(KEY.esc, '/');
    await m.type('0x8eaa');
    expect(ids2(m.frame())).toEqual(['0x8eaa22c']);
  });
});
