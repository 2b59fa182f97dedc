// The desk's hold on the terminal: alternate screen in, everything undone once on the way out, and a
// terminal that went away (EIO) reported rather than crashing the process mid-cleanup.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ENTER_ALT_SCREEN, holdTerminal, LEAVE_ALT_SCREEN } from '../../src/app/terminal.js';

class FakeOut extends EventEmitter {
  isTTY = true;
  writable = true;
  destroyed = false;
  out = '';
  write(s: string) {
    this.out += s;
    return true;
  }
}
class FakeIn extends EventEmitter {
  isTTY = true;
  raw: boolean[] = [];
  setRawMode(v: boolean) {
    this.raw.push(v);
    return this;
  }
}

function setup() {
  const stdout = new FakeOut();
  const stdin = new FakeIn();
  const stderr = new FakeOut();
  let lost = 0;
  const hold = holdTerminal(
    { stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, stderr: stderr as unknown as NodeJS.WriteStream },
    { onLost: () => lost++ },
  );
  return { stdout, stdin, stderr, hold, lost: () => lost };
}

describe('holdTerminal', () => {
  it('enters the alternate screen at once; restore() leaves raw mode, shows the cursor and leaves it, once', () => {
    const t = setup();
    expect(t.stdout.out).toBe(ENTER_ALT_SCREEN);
    t.hold.restore();
    t.hold.restore();
    expect(t.stdout.out).toBe(ENTER_ALT_SCREEN + LEAVE_ALT_SCREEN);
    expect(LEAVE_ALT_SCREEN).toContain('\x1b[?25h');
    expect(LEAVE_ALT_SCREEN.endsWith('\x1b[?1049l')).toBe(true);
    expect(t.stdin.raw).toEqual([false]);
  });

  it('an EIO on stdout, stderr or stdin, or stdin ending, marks the terminal lost (once) instead of throwing', () => {
    for (const fire of [
      (t: ReturnType<typeof setup>) => t.stdout.emit('error', Object.assign(new Error('write EIO'), { code: 'EIO' })),
      (t: ReturnType<typeof setup>) => t.stderr.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })),
      (t: ReturnType<typeof setup>) => t.stdin.emit('error', Object.assign(new Error('read EIO'), { code: 'EIO' })),
      (t: ReturnType<typeof setup>) => t.stdin.emit('end'),
    ]) {
      const t = setup();
      fire(t);
      fire(t);
      expect(t.hold.lost).toBe(true);
      expect(t.lost()).toBe(1);
      // Nothing more is written to a terminal that is gone; raw mode is still let go of.
      t.hold.restore();
      expect(t.stdout.out).toBe(ENTER_ALT_SCREEN);
      expect(t.stdin.raw).toEqual([false]);
    }
  });

  it('a terminal that cannot be configured any more does not make restore() throw', () => {
    const t = setup();
    t.stdin.setRawMode = () => {
      throw new Error('EIO');
    };
    expect(() => t.hold.restore()).not.toThrow();
  });
});
