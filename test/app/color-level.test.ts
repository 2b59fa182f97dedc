// Finding 21: the desk picks its colour level itself. CI (even CI=false, which the pty tests need)
// plays no part; FORCE_COLOR wins; otherwise the terminal's own description decides.
import { describe, expect, it } from 'vitest';
import { chooseColorLevel } from '../../src/app/color-level.js';

describe('chooseColorLevel', () => {
  it('ignores CI in every spelling', () => {
    for (const CI of ['false', 'true', '1', '']) {
      expect(chooseColorLevel({ CI, TERM: 'xterm-256color' }, true), `CI=${CI}`).toBe(2);
      expect(chooseColorLevel({ CI, GITHUB_ACTIONS: 'true', TERM: 'xterm' }, true), `CI=${CI}`).toBe(1);
    }
  });

  it('reads the terminal: truecolor/24bit → 3, *256color → 2, dumb → 0, anything else on a TTY → 1', () => {
    expect(chooseColorLevel({ TERM: 'xterm-256color', COLORTERM: 'truecolor' }, true)).toBe(3);
    expect(chooseColorLevel({ TERM: 'screen', COLORTERM: '24bit' }, true)).toBe(3);
    expect(chooseColorLevel({ TERM: 'xterm-direct' }, true)).toBe(3);
    expect(chooseColorLevel({ TERM: 'screen-256color' }, true)).toBe(2);
    expect(chooseColorLevel({ TERM: 'tmux-256color' }, true)).toBe(2);
    expect(chooseColorLevel({ TERM: 'dumb', COLORTERM: 'truecolor' }, true)).toBe(0);
    expect(chooseColorLevel({ TERM: 'vt100' }, true)).toBe(1);
    expect(chooseColorLevel({}, true)).toBe(1);
  });

  it('no colour when stdout is not a terminal, unless forced', () => {
    expect(chooseColorLevel({ TERM: 'xterm-256color', COLORTERM: 'truecolor' }, false)).toBe(0);
    expect(chooseColorLevel({ TERM: 'xterm-256color', FORCE_COLOR: '2' }, false)).toBe(2);
  });

  it('FORCE_COLOR is respected as chalk reads it, and clamped to 0..3', () => {
    expect(chooseColorLevel({ TERM: 'xterm-256color', FORCE_COLOR: '0' }, true)).toBe(0);
    expect(chooseColorLevel({ TERM: 'xterm-256color', FORCE_COLOR: 'false' }, true)).toBe(0);
    expect(chooseColorLevel({ TERM: 'dumb', FORCE_COLOR: '1' }, true)).toBe(1);
    expect(chooseColorLevel({ TERM: 'dumb', FORCE_COLOR: '' }, true)).toBe(1);
    expect(chooseColorLevel({ TERM: 'dumb', FORCE_COLOR: 'true' }, true)).toBe(1);
    expect(chooseColorLevel({ FORCE_COLOR: '3' }, false)).toBe(3);
    expect(chooseColorLevel({ FORCE_COLOR: '9' }, true)).toBe(3);
    // Unreadable: as if unset.
    expect(chooseColorLevel({ TERM: 'xterm-256color', FORCE_COLOR: 'lots' }, true)).toBe(2);
  });

  it('leaves NO_COLOR to the theme (mono keeps bold and inverse), so the level is the terminal\'s', () => {
    expect(chooseColorLevel({ TERM: 'xterm-256color', NO_COLOR: '1' }, true)).toBe(2);
  });
});
