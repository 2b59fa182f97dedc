// Findings 4 and 21: nothing reaches the desk's screen behind the frame writer's back (stderr becomes
// notices, and is printed after exit), Ctrl-L repaints everything, and colour does not depend on CI.
// Real bin/taskdesk in a real pty, read through a headless xterm.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killAllPtys, spawnPty } from '../e2e-helpers/pty.js';
import { colourCodes, screenAndFrame, waitForDesk } from './terminal-helpers.js';

const dirs: string[] = [];
afterEach(() => {
  killAllPtys();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function frameFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'taskdesk-frame-'));
  dirs.push(dir);
  return join(dir, 'frame.txt');
}

describe('what reaches the screen', () => {
  it('stderr (a write, console.error, a Node warning) becomes notices, never raw text on the desk, and is printed after exit', async () => {
    const dump = frameFile();
    // A tab shows whether text went through the sanitiser (two spaces) or straight to the terminal.
    const p = spawnPty({ cols: 120, rows: 40, env: { TASKDESK_FRAME_DUMP: dump, TASKDESK_TEST_STDERR: 'marker\tZ' } });
    await waitForDesk(p);
    // The notice flash in the footer: the last line, the warning, sanitised and labelled.
    await p.waitFor(/stderr: \(node:\d+\) Warning: warning-hook marker {2}Z/, 20_000);
    for (const hook of ['stderr-hook', 'console-hook', 'warning-hook']) expect(p.raw()).not.toContain(`${hook} marker\tZ`);
    // And nothing was drawn past the frame writer: the screen is exactly the desk's last frame.
    const { screen, frame } = await screenAndFrame(p, dump, 40);
    expect(screen).toBe(frame);
    // `?` lists every notice.
    await p.press('?');
    await p.waitFor('stderr: stderr-hook marker  Z', 10_000);
    await p.waitFor('stderr: console-hook marker  Z', 10_000);
    await p.press('escape');
    await p.press('q');
    expect((await p.waitForExit(20_000)).exitCode).toBe(0);
    // After exit the captured lines reach the real stderr: here the terminal's normal screen.
    await p.flush();
    expect(p.bufferType()).toBe('normal');
    const after = p.screen();
    expect(after).toContain('stderr-hook marker  Z');
    expect(after).toContain('console-hook marker  Z');
    expect(after).toMatch(/\(node:\d+\) Warning: warning-hook marker {2}Z/);
  }, 60_000);

  it('Ctrl-L repaints the whole screen from the last frame, wiping what others wrote on it', async () => {
    const dump = frameFile();
    const p = spawnPty({ cols: 120, rows: 40, env: { TASKDESK_FRAME_DUMP: dump, TASKDESK_TEST_GARBAGE: 'XYZZY-GARBAGE' } });
    await waitForDesk(p);
    // The bottom row is outside every frame, so only a full repaint can clear what lands there.
    await p.waitFor(() => p.lines()[39]?.includes('XYZZY-GARBAGE') ?? false, 20_000);
    await new Promise((r) => setTimeout(r, 300));
    await p.flush();
    expect(p.lines()[39]).toContain('XYZZY-GARBAGE');
    await p.press('ctrl-l');
    await p.waitForGone('XYZZY-GARBAGE', 10_000);
    const { screen, frame } = await screenAndFrame(p, dump, 40);
    expect(screen).toBe(frame);
    expect(p.exit).toBeNull();
    await p.press('q');
    expect((await p.waitForExit(20_000)).exitCode).toBe(0);
  }, 60_000);

  it('CI=false with TERM=xterm-256color is drawn in colour', async () => {
    // COLORTERM unset: the level comes from TERM alone (256 colours).
    const p = spawnPty({ cols: 120, rows: 40, env: { CI: 'false', TERM: 'xterm-256color', COLORTERM: '' } });
    await waitForDesk(p);
    await p.waitFor(() => colourCodes(p.raw()).length > 0, 10_000).catch(() => '');
    expect(colourCodes(p.raw()).length, 'SGR colour codes in the output').toBeGreaterThan(0);
  }, 60_000);

  it('NO_COLOR=1 draws no colour at all', async () => {
    const p = spawnPty({ cols: 120, rows: 40, env: { CI: 'false', TERM: 'xterm-256color', NO_COLOR: '1' } });
    await waitForDesk(p);
    // Let live rows, clock ticks and the footer draw for a while before looking.
    await new Promise((r) => setTimeout(r, 2_500));
    await p.flush();
    expect(colourCodes(p.raw())).toEqual([]);
    // Still styled where mono needs it (bold/inverse for focus and badges): attributes are not colours.
    expect(p.raw()).toMatch(/\x1b\[[0-9;]*\b(1|7)\b[0-9;]*m/);
  }, 60_000);
});
