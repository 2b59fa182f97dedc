// renderDesk as the CLI calls it: real Ink render options (incremental, exitOnCtrlC), fake TTY.
import { afterEach, describe, expect, it } from 'vitest';
import { renderDesk, type DeskHandle } from '../../src/ui/render.js';
import { FakeStdin, FakeStdout, makeStore, makeTask, settle } from './harness.js';

let h: DeskHandle | null = null;
afterEach(() => {
  h?.unmount();
  h = null;
});

function screen(out: FakeStdout): string {
  // Incremental output is cursor movement plus changed text; the plain text is enough to find words.
  return out.frames.join('').replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
}

describe('renderDesk', () => {
  it('draws the desk, reports theme/key problems, and q quits', async () => {
    const stdout = new FakeStdout(120, 40);
    const stdin = new FakeStdin();
    h = renderDesk(makeStore([makeTask({ id: 'T00001' })]), {
      theme: 'nope',
      keymap: { 'move.down': 'ctrl+n' },
      env: { LANG: 'C.UTF-8' },
      stdout: stdout as never,
      stdin: stdin as never,
      stderr: new FakeStdout(80, 24) as never,
    });
    expect(h.problems.join('\n')).toMatch(/theme "nope" not found/);
    expect(h.problems.join('\n')).toMatch(/move\.down: Ctrl\/Meta/);
    await settle();
    let done = false;
    void h.waitUntilExit().then(() => (done = true));
    stdin.write('\u001b');
    await settle();
    expect(done).toBe(false);
    stdin.write('q');
    await settle();
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(true);
    // Under CI=true Ink writes only the last frame, at exit; either way it is the desk.
    const s = screen(stdout);
    for (const t of ['Feed', 'Clocks', 'Inbox', 'Actions', 'T00001']) expect(s).toContain(t);
  });

  it('Ctrl-C exits (exitOnCtrlC)', async () => {
    const stdout = new FakeStdout(120, 40);
    const stdin = new FakeStdin();
    h = renderDesk(makeStore([]), { env: {}, stdout: stdout as never, stdin: stdin as never, stderr: new FakeStdout(80, 24) as never });
    await settle();
    let done = false;
    void h.waitUntilExit().then(() => (done = true));
    stdin.write('\u0003');
    await settle();
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(true);
  });
});
