import { describe, expect, it } from 'vitest';
import { CAPS, capLength, sanitize, sanitizeAddress, truncateMiddle } from '../../src/core/text/sanitize.js';
import { HOSTILE, hasTerminalControl, hugeHostile } from './hostile-corpus.js';

describe('sanitize over the hostile corpus', () => {
  for (const c of HOSTILE) {
    it(c.name, () => {
      for (const multiline of [false, true]) {
        const out = sanitize(c.input, { multiline, maxLength: 10_000 });
        expect(hasTerminalControl(out, multiline)).toBe(false);
        for (const want of c.mustContain ?? []) expect(out).toContain(want);
        for (const gone of c.mustNotContain ?? []) expect(out).not.toContain(gone);
      }
    });
  }

  it('turns CR into a visible break so nothing is overwritten', () => {
    expect(sanitize('pay 1\rpay 9')).toBe('pay 1 pay 9');
    expect(sanitize('a\r\nb\rc', { multiline: true })).toBe('a\nb\nc');
  });

  it('keeps newlines only when multiline, and turns tabs into spaces', () => {
    expect(sanitize('a\nb\tc')).toBe('a b  c');
    expect(sanitize('a\nb\tc', { multiline: true })).toBe('a\nb  c');
  });

  it('caps length with an ellipsis without splitting surrogate pairs', () => {
    expect(sanitize('abcdef', { maxLength: 4 })).toBe('abc…');
    expect(sanitize('🚀🚀🚀🚀', { maxLength: 3 })).toBe('🚀🚀…');
    expect(sanitize('x'.repeat(5000))).toHaveLength(CAPS.line);
  });

  it('bounds a 1 MB hostile string', () => {
    const out = sanitize(hugeHostile(), { maxLength: CAPS.body, multiline: true });
    expect(out.length).toBeLessThanOrEqual(CAPS.body);
    expect(hasTerminalControl(out, true)).toBe(false);
    expect(out.startsWith('x\nx\nx')).toBe(true);
  });

  it('the long-input fast path shows exactly what a full pass would', () => {
    const pieces = HOSTILE.map((c) => c.input);
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 40; round++) {
      let s = '';
      while (s.length < 30_000) s += pieces[Math.floor(rnd() * pieces.length)];
      const max = 1 + Math.floor(rnd() * 2000);
      for (const multiline of [false, true]) {
        const full = capLength(sanitize(s, { maxLength: 10_000_000, multiline }), max);
        expect(sanitize(s, { maxLength: max, multiline })).toBe(full);
      }
    }
  });

  it('never throws, whatever it is given', () => {
    const weird: unknown[] = [null, undefined, 42, 10n, true, {}, [], Symbol('s'), { toString: () => { throw new Error('x'); } }];
    for (const w of weird) expect(typeof sanitize(w)).toBe('string');
    expect(sanitize(null)).toBe('');
    expect(sanitize(10n)).toBe('10');
  });
});

describe('sanitizeAddress', () => {
  const addr = '0xAbCdEf0123456789abcdef0123456789ABCDEF01';
  it('lowercases a real address', () => {
    expect(sanitizeAddress(addr)).toBe(addr.toLowerCase());
  });
  it('marks an address that needed hidden characters removed', () => {
    const spoof = addr.slice(0, 10) + '\u200b' + addr.slice(10);
    const out = sanitizeAddress(spoof);
    expect(out.startsWith('?')).toBe(true);
    expect(out).not.toContain('\u200b');
  });
  it('marks free text', () => {
    expect(sanitizeAddress('alice\x1b[2J')).toBe('?alice');
    expect(sanitizeAddress('')).toBe('');
  });
});

describe('truncateMiddle', () => {
  it('keeps both ends', () => {
    expect(truncateMiddle('0x1234567890abcdef', 9)).toBe('0x12…cdef');
    expect(truncateMiddle('short', 9)).toBe('short');
    expect(truncateMiddle('abcdef', 1)).toBe('…');
  });
});
