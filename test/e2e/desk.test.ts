// The real desk (`node bin/taskdesk`, nothing configured → its own simulator with bots) in a real
// pseudo-terminal, read through a headless xterm the way an operator would read it.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { killAllPtys, spawnPty, type PtySession } from '../e2e-helpers/pty.js';
import { moneyFigures, paneBox } from '../e2e-helpers/screen.js';

const TITLES = ['Feed', 'Clocks', 'Inbox', 'Actions'] as const;
const START_TIMEOUT = 30_000;

function allPanes(p: PtySession): boolean {
  const g = p.grid();
  return TITLES.every((t) => paneBox(g, t) !== null);
}

/** Feed task rows (those showing a task id), trimmed. */
function feedRows(p: PtySession): string[] {
  const box = paneBox(p.grid(), 'Feed');
  return (box?.body ?? []).map((r) => r.trim()).filter((r) => /0x[0-9a-f]{6}/i.test(r));
}

/** How many screen rows carry `re` (a title or the header drawn twice is redraw debris). */
function rowsMatching(p: PtySession, re: RegExp): number {
  return p.lines().filter((l) => re.test(l)).length;
}

/**
 * Type text one key at a time, waiting for each prefix to show before the next key. Ink 6.8 hands
 * several keys read together to one useInput call, and the desk then drops them (see the e2e report).
 */
async function typeText(p: PtySession, text: string, shownAfter = ''): Promise<void> {
  for (let i = 1; i <= text.length; i++) {
    await p.press(text[i - 1] ?? '');
    // Trailing spaces are invisible in a screen dump, so a typed space is checked with the next key.
    const typed = (shownAfter + text.slice(0, i)).trimEnd();
    await p.waitFor((s) => s.includes(typed), 10_000);
  }
}

async function waitPanes(p: PtySession, timeoutMs = START_TIMEOUT): Promise<void> {
  await p.waitFor(() => allPanes(p), timeoutMs);
}

/** A fresh desk on its own simulator: four panes drawn, connected (header OK) and tasks listed. */
async function startDesk(): Promise<PtySession> {
  const p = spawnPty({ cols: 120, rows: 40 });
  await waitPanes(p);
  await p.waitFor(/\bOK\b/, START_TIMEOUT);
  await p.waitFor(() => feedRows(p).length > 0, START_TIMEOUT);
  return p;
}

// Watching: one desk, nothing typed until the last test.
describe('the desk on its own simulator (120×40 pty): what it shows', () => {
  let p: PtySession;

  beforeAll(async () => {
    p = await startDesk();
  });
  afterAll(() => killAllPtys());

  it('draws all four panes and a SIM badge in the header, once each, after live updates', async () => {
    // Let the connection come up and a few clock ticks redraw the frame before reading it.
    await p.waitFor(/\bOK\b/, START_TIMEOUT);
    await new Promise((r) => setTimeout(r, 3000));
    await p.flush();
    for (const [i, t] of TITLES.entries()) expect(rowsMatching(p, new RegExp(`\\b${i + 1} ${t}\\b`)), `${t} title rows\n${p.screen()}`).toBe(1);
    expect(rowsMatching(p, /\bSIM\b/), `header rows\n${p.screen()}`).toBe(1);
    const g = p.grid();
    for (const t of TITLES) expect(paneBox(g, t), `pane ${t}\n${p.screen()}`).not.toBeNull();
    // The header is everything above the topmost pane border.
    const top = Math.min(...TITLES.map((t) => paneBox(g, t)?.top ?? 0));
    const header = p.lines().slice(0, top).join('\n');
    expect(header).toMatch(/\bSIM\b/);
    expect(header).not.toMatch(/\bLIVE\b/);
  }, 60_000);

  it('moves a dutch clock price on screen without any key pressed', async () => {
    // The rows of falling (dutch, not rev-dutch) clocks; their first figure is the live price.
    const dutchRows = (): string[] => (paneBox(p.grid(), 'Clocks')?.body ?? []).filter((r) => /(^|[\s›>])dutch\s/.test(r));
    const clockFigures = (): string[] => dutchRows().map((r) => moneyFigures(r)[0] ?? '');
    await p.waitFor(() => clockFigures().some((f) => f !== ''), START_TIMEOUT);
    const first = clockFigures();
    // Read the prices again until one differs; the tick, not a keypress, must move them.
    await p.waitFor(() => {
      const now = clockFigures();
      return now.length > 0 && now.join(' ') !== first.join(' ');
    }, 20_000);
    expect(clockFigures().join(' ')).not.toBe(first.join(' '));
  }, 60_000);

  it('re-lays out on resize: too small below 80×24, panes again when it grows back', async () => {
    // Exactly the minimum still gets the full desk.
    p.resize(80, 24);
    await p.waitFor(() => allPanes(p) && !/too small/i.test(p.screen()), 10_000);
    expect(rowsMatching(p, /\bSIM\b/)).toBe(1);
    p.resize(60, 18);
    await p.waitFor(/too small.*have 60.18/i, 10_000);
    // Only the notice is on screen: no pane borders or rows left over from the big frame.
    const leftovers = p.lines().filter((l) => l.trim() !== '' && !/too small|enlarge the window/i.test(l));
    expect(leftovers, p.screen()).toEqual([]);
    p.resize(120, 40);
    await p.waitFor(() => allPanes(p) && !/too small/i.test(p.screen()), 10_000);
    // No debris: nothing is drawn below the bottom-most pane border.
    const g = p.grid();
    const bottom = Math.max(...TITLES.map((t) => paneBox(g, t)?.bottom ?? 0));
    const below = p.lines().slice(bottom + 2).join('').trim();
    expect(below).toBe('');
    for (const [i, t] of TITLES.entries()) expect(rowsMatching(p, new RegExp(`\\b${i + 1} ${t}\\b`)), `${t}\n${p.screen()}`).toBe(1);
    expect(p.exit).toBeNull();
  }, 30_000);

  it('`q` quits with exit code 0', async () => {
    await p.press('q');
    const e = await p.waitForExit(10_000);
    expect(e.exitCode).toBe(0);
  });
});

// Keys: each test gets its own desk so a stuck overlay cannot fail the next test.
describe('the desk on its own simulator (120×40 pty): keys', () => {
  let p: PtySession;

  beforeEach(async () => {
    p = await startDesk();
  });
  afterEach(() => killAllPtys());

  it('filters the feed with `/` and restores it with Esc', async () => {
    await p.waitFor(() => feedRows(p).length > 0, START_TIMEOUT);
    const before = feedRows(p);
    await p.press('/');
    await p.waitFor('fuzzy filter', 10_000);
    await typeText(p, 'zq9-no-such-task');
    await p.press('enter');
    // No task row survives a filter nothing matches.
    await p.waitFor(() => feedRows(p).length === 0, 10_000);
    expect(allPanes(p)).toBe(true);
    await p.press('escape');
    await p.waitFor(() => feedRows(p).length > 0 && !p.screen().includes('zq9-no-such-task'), 10_000);
    // The rows that come back include the ones shown before filtering (bots may have added more).
    const ids = (rows: string[]): string[] => rows.map((r) => /0x[0-9a-f]{6,}/i.exec(r)?.[0] ?? '');
    expect(ids(feedRows(p)).some((id) => ids(before).includes(id))).toBe(true);
    expect(p.exit).toBeNull();
  }, 60_000);

  it('`:mode auction` leaves only auction rows, `:clear` brings the others back', async () => {
    await p.waitFor(() => feedRows(p).some((r) => !/\bauction\b/.test(r)), START_TIMEOUT);
    await p.press(':');
    await p.waitFor(() => p.lines().some((l) => l.startsWith(':')), 10_000);
    // Sent as one chunk (a paste): the filter itself is under test here; typing speed is the next test.
    p.write('mode auction');
    await p.waitFor(':mode auction', 10_000);
    await p.press('enter');
    await p.waitFor(() => paneBox(p.grid(), 'Feed')?.body[0]?.includes('mode:auction') ?? false, 10_000);
    await p.waitFor(() => feedRows(p).length > 0 && feedRows(p).every((r) => /\bauction\b/.test(r)), 10_000);
    await p.press(':');
    await p.waitFor(() => p.lines().some((l) => l.startsWith(':')), 10_000);
    p.write('clear');
    await p.waitFor(':clear', 10_000);
    await p.press('enter');
    await p.waitFor(() => feedRows(p).some((r) => !/\bauction\b/.test(r)), 10_000);
    expect(p.exit).toBeNull();
  }, 60_000);

  it('keeps every character typed into the palette at human speed (one key per 80 ms)', async () => {
    await p.press(':');
    await p.waitFor(() => p.lines().some((l) => l.startsWith(':')), 10_000);
    // press() sends one key per write, 80 ms apart, without waiting for echoes: an operator typing.
    await p.press(...'mode auction');
    const line = (): string => p.lines().find((l) => l.startsWith(':'))?.trimEnd() ?? '';
    await p.waitFor(() => line().length >= ':mode auction'.length, 5_000).catch(() => undefined);
    // A shorter line means keys were lost: the palette's input handler appended to a stale value.
    expect(line(), 'palette lost typed characters (stale `value` in the TextInput handler?)').toBe(':mode auction');
  }, 30_000);

  it('`?` opens the help overlay and Esc closes it without quitting', async () => {
    await p.press('?');
    await p.waitFor(() => paneBox(p.grid(), 'Help')?.body.some((r) => r.includes('show this help')) ?? false, 10_000);
    await p.press('escape');
    await p.waitFor(() => paneBox(p.grid(), 'Help') === null && allPanes(p), 10_000);
    expect(p.screen()).not.toContain('show this help');
    expect(p.exit).toBeNull();
  }, 30_000);
});
