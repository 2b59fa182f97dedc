// Ctrl-C and Ctrl-L are read off stdin by renderDesk itself, whatever the key map does: Ctrl-C calls
// onInterrupt (the desk exits 130) even when it arrives with other bytes, Ctrl-L repaints everything.
import { afterEach, describe, expect, it } from 'vitest';
import { renderDesk, type DeskHandle } from '../../src/ui/render.js';
import { FakeStdin, FakeStdout, makeStore, makeTask, settle } from '../ui/harness.js';

let h: DeskHandle | null = null;
afterEach(() => {
  h?.unmount();
  h = null;
});

function mount(onInterrupt?: () => void) {
  const stdout = new FakeStdout(120, 40);
  const stdin = new FakeStdin();
  h = renderDesk(makeStore([makeTask({ id: 'T00001' })]), {
    env: { LANG: 'C.UTF-8' },
    stdout: stdout as never,
    stdin: stdin as never,
    stderr: new FakeStdout(80, 24) as never,
    ...(onInterrupt ? { onInterrupt } : {}),
  });
  return { stdout, stdin };
}

const FULL_REPAINT = '\x1b[H\x1b[0m\x1b[J';

describe('terminal keys in renderDesk', () => {
  it('Ctrl-C calls onInterrupt, also when it comes with other keys in one read', async () => {
    let interrupts = 0;
    const { stdin } = mount(() => interrupts++);
    await settle();
    stdin.write('\x03\x03');
    await settle();
    expect(interrupts).toBe(1);
    stdin.write('j\x03');
    await settle();
    expect(interrupts).toBe(2);
  });

  it('without onInterrupt, Ctrl-C unmounts the desk', async () => {
    const { stdin } = mount();
    await settle();
    let done = false;
    void h!.waitUntilExit().then(() => (done = true));
    stdin.write('\x03\x03');
    await settle();
    await new Promise((r) => setTimeout(r, 20));
    expect(done).toBe(true);
  });

  it('Ctrl-L and handle.redraw() clear the screen and write the whole last frame again', async () => {
    const { stdout, stdin } = mount();
    await settle();
    const frame = (from: number) => stdout.frames.slice(from).join('');
    let from = stdout.frames.length;
    stdin.write('\x0c');
    await settle();
    const repaint = frame(from);
    expect(repaint).toContain(FULL_REPAINT);
    for (const t of ['1 Feed', '2 Clocks', '3 Inbox', '4 Actions', 'T00001']) expect(repaint).toContain(t);
    // Bracketed as one synchronized update, so the terminal shows it at once.
    expect(repaint.startsWith('\x1b[?2026h')).toBe(true);
    expect(repaint.endsWith('\x1b[?2026l')).toBe(true);
    from = stdout.frames.length;
    h!.redraw();
    expect(frame(from)).toContain(FULL_REPAINT);
    // After the desk is gone, redraw() writes nothing.
    h!.unmount();
    await settle();
    from = stdout.frames.length;
    h!.redraw();
    expect(frame(from)).toBe('');
  });
});
