// Regression: incremental output must leave the terminal showing exactly the frame the desk rendered.
// Ink 6.8.0's own incrementalRendering moved the cursor up one line too few after every frame (which
// ends in '\n'), so each update landed one row lower and left debris: two header lines, pane titles
// twice. The desk now writes changed cells itself (src/ui/frame-writer.ts); this runs it in a real pty
// with clock ticks, key presses and resizes, and compares the headless terminal's screen with the
// plain text of the last full frame (TASKDESK_FRAME_DUMP).
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killAllPtys, spawnPty, type PtySession } from '../e2e-helpers/pty.js';

const TITLES = [/\b1 Feed\b/, /\b2 Clocks\b/, /\b3 Inbox\b/, /\b4 Actions\b/];
const HEADER = /^ (SIM|LIVE) +\S/;

const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;:?]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g, '');

/** The last frame the desk rendered, as the rows it should leave on screen. */
function frameRows(dump: string, rows: number): string[] {
  if (!existsSync(dump)) return [];
  const lines = stripAnsi(readFileSync(dump, 'utf8')).split('\n');
  if (lines.at(-1) === '') lines.pop();
  const out = lines.slice(0, rows).map((l) => l.trimEnd());
  while (out.length < rows) out.push('');
  return out;
}

/** Waits until the screen equals the last frame (frames arrive in pieces), then returns both. */
async function settledScreen(p: PtySession, dump: string, rows: number): Promise<{ screen: string[]; frame: string[] }> {
  const deadline = Date.now() + 5_000;
  let screen: string[] = [];
  let frame: string[] = [];
  while (Date.now() < deadline) {
    await p.flush();
    screen = p.lines().map((l) => l.trimEnd());
    frame = frameRows(dump, rows);
    if (frame.length > 0 && screen.join('\n') === frame.join('\n')) return { screen, frame };
    await new Promise((r) => setTimeout(r, 25));
  }
  return { screen, frame };
}

async function expectScreenIsFrame(p: PtySession, dump: string, rows: number, what: string): Promise<string[]> {
  const { screen, frame } = await settledScreen(p, dump, rows);
  expect(screen.join('\n'), `screen after ${what} is not the last frame`).toBe(frame.join('\n'));
  return screen;
}

function expectNoDebris(screen: string[], what: string): void {
  const text = screen.join('\n');
  expect(screen.filter((l) => HEADER.test(l)).length, `header lines after ${what}\n${text}`).toBe(1);
  for (const t of TITLES) expect(screen.filter((l) => t.test(l)).length, `${t} after ${what}\n${text}`).toBe(1);
  expect(/Enter open .* q quit/.test(screen.filter((l) => l !== '').at(-1) ?? ''), `footer last after ${what}\n${text}`).toBe(true);
}

describe('incremental output in a real terminal (pty + headless xterm)', () => {
  afterEach(() => killAllPtys());

  it('the screen equals the last full frame through ticks, keys and resizes, and stays small', async () => {
    let cols = 120;
    let rows = 40;
    const dir = mkdtempSync(join(tmpdir(), 'taskdesk-frame-'));
    const frameFile = join(dir, 'frame.txt');
    const q = spawnPty({ cols, rows, env: { TASKDESK_FRAME_DUMP: frameFile } });
    try {
      await q.waitFor(/\b4 Actions\b/, 30_000);
      await q.waitFor(/\bOK\b/, 30_000);
      // Live clocks tick once a second: several frames of changed cells only.
      await new Promise((r) => setTimeout(r, 3_000));
      expectNoDebris(await expectScreenIsFrame(q, frameFile, rows, 'ticks'), 'ticks');

      const b0 = q.bytes();
      const t0 = performance.now();
      await new Promise((r) => setTimeout(r, 3_000));
      const idleRate = (q.bytes() - b0) / ((performance.now() - t0) / 1000);

      for (const k of ['j', 'j', 'j', 'k', 'tab', 'j', 'tab', 'tab', 'tab']) await q.press(k);
      expectNoDebris(await expectScreenIsFrame(q, frameFile, rows, 'j/k/Tab'), 'j/k/Tab');

      await q.press('?');
      await q.waitFor(/help/i, 5_000);
      await expectScreenIsFrame(q, frameFile, rows, '?');
      await q.press('escape');
      await q.waitForGone(/\bkeys\b.*\bhelp\b/i, 5_000).catch(() => {});
      expectNoDebris(await expectScreenIsFrame(q, frameFile, rows, 'Esc'), 'Esc');

      for (const [c, r] of [
        [100, 30],
        [140, 44],
        [120, 40],
      ] as const) {
        cols = c;
        rows = r;
        q.resize(cols, rows);
        await new Promise((res) => setTimeout(res, 600));
        expectNoDebris(await expectScreenIsFrame(q, frameFile, rows, `resize to ${cols}x${rows}`), `resize to ${cols}x${rows}`);
      }

      await new Promise((r) => setTimeout(r, 2_000));
      expectNoDebris(await expectScreenIsFrame(q, frameFile, rows, 'more ticks'), 'more ticks');

      // Idle with clocks ticking: a full 120×40 redraw each second would be ~6 KB/s.
      expect(idleRate, `idle output ${idleRate.toFixed(0)} B/s`).toBeLessThan(2_048);

      await q.press('q');
      expect((await q.waitForExit(10_000)).exitCode).toBe(0);
    } finally {
      q.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
