// Findings 12, 30, 31: the desk draws on the alternate screen and, however it ends (q, Ctrl-C, SIGTERM,
// a hung-up terminal, a crash), gives the terminal back as it found it (normal screen with the shell's
// text, cursor shown, raw mode off), ends with the conventional status, and removes its demo wallet.
// Real bin/taskdesk in a real pty, read through a headless xterm.
import { afterEach, describe, expect, it } from 'vitest';
import { killAllPtys, spawnPty } from '../e2e-helpers/pty.js';
import { afterDesk, BEFORE, COOKED_TTY, cursorShownAtEnd, deskInShell, demoWallets, waitForDesk } from './terminal-helpers.js';

afterEach(() => killAllPtys());

describe('the desk gives the terminal back', () => {
  it('q: the shell screen returns intact, cursor shown, raw mode off, status 0', async () => {
    const p = deskInShell();
    await waitForDesk(p);
    // While it runs the desk has the alternate screen: the shell's line is out of sight, not erased.
    expect(p.bufferType()).toBe('alternate');
    expect(p.screen()).not.toContain(BEFORE);
    await p.press('q');
    const after = await afterDesk(p);
    expect(after.status).toBe(0);
    expect(after.tty).toEqual(COOKED_TTY);
    expect(p.bufferType()).toBe('normal');
    const lines = p.lines();
    expect(lines[0]).toBe(BEFORE);
    // Nothing of the desk is left on the normal screen: the status line follows the shell's own line.
    expect(lines[1]).toMatch(/^desk-exit=0 /);
    expect(p.screen()).not.toMatch(/\b1 Feed\b/);
    expect(cursorShownAtEnd(p.raw())).toBe(true);
  }, 60_000);

  it('Ctrl-C exits with 130 and the same manners', async () => {
    const p = deskInShell();
    await waitForDesk(p);
    await p.press('ctrl-c');
    const after = await afterDesk(p);
    expect(after.status).toBe(130);
    expect(after.tty).toEqual(COOKED_TTY);
    expect(p.bufferType()).toBe('normal');
    expect(p.lines()[0]).toBe(BEFORE);
    expect(cursorShownAtEnd(p.raw())).toBe(true);
  }, 60_000);

  it('SIGTERM: a clean stop (demo wallet removed, screen restored), then death by SIGTERM (143 in a shell)', async () => {
    const p = spawnPty({ cols: 120, rows: 40 });
    await waitForDesk(p);
    await p.waitFor(() => demoWallets(p).length === 1, 10_000);
    process.kill(p.pid, 'SIGTERM');
    const e = await p.waitForExit(20_000);
    expect(e.signal === 15 || e.exitCode === 143, JSON.stringify(e)).toBe(true);
    expect(demoWallets(p)).toEqual([]);
    await p.flush();
    expect(p.bufferType()).toBe('normal');
    expect(cursorShownAtEnd(p.raw())).toBe(true);
  }, 60_000);

  it('SIGHUP with the terminal still there: the same, ending by SIGHUP (129 in a shell)', async () => {
    const p = spawnPty({ cols: 120, rows: 40 });
    await waitForDesk(p);
    await p.waitFor(() => demoWallets(p).length === 1, 10_000);
    process.kill(p.pid, 'SIGHUP');
    const e = await p.waitForExit(20_000);
    expect(e.signal === 1 || e.exitCode === 129, JSON.stringify(e)).toBe(true);
    expect(demoWallets(p)).toEqual([]);
    await p.flush();
    expect(p.bufferType()).toBe('normal');
  }, 60_000);

  it('a terminal that hangs up under it (SSH drop, tmux kill-session): the demo wallet is still removed', async () => {
    const p = spawnPty({ cols: 120, rows: 40 });
    await waitForDesk(p);
    await p.waitFor(() => demoWallets(p).length === 1, 10_000);
    p.hangUp();
    const e = await p.waitForExit(20_000);
    // It ends by the hang-up, not by an abort from writing to a terminal that is gone.
    expect(e.signal === 1 || e.exitCode === 129, JSON.stringify(e)).toBe(true);
    expect(demoWallets(p)).toEqual([]);
  }, 60_000);

  for (const kind of ['exception', 'rejection'] as const) {
    it(`a crash (uncaught ${kind}) restores the screen first, then prints the error and exits 1`, async () => {
      const p = deskInShell({ TASKDESK_TEST_CRASH: kind });
      // The crash comes a second after the market opened: the wallet is there, the desk on the alternate screen.
      await p.waitFor(/\b4 Actions\b/, 30_000);
      expect(p.bufferType()).toBe('alternate');
      await p.waitFor(() => demoWallets(p).length === 1, 30_000);
      const after = await afterDesk(p);
      expect(after.status).toBe(1);
      expect(after.tty).toEqual(COOKED_TTY);
      expect(p.bufferType()).toBe('normal');
      const lines = p.lines();
      expect(lines[0]).toBe(BEFORE);
      // The message is readable on the normal screen, right under the shell's line.
      expect(lines[1]).toBe(`taskdesk: crashed: Error: TASKDESK_TEST_CRASH: a forced ${kind}`);
      expect(p.screen()).not.toMatch(/\b1 Feed\b/);
      expect(cursorShownAtEnd(p.raw())).toBe(true);
      expect(demoWallets(p)).toEqual([]);
    }, 60_000);
  }
});
