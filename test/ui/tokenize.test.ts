import { describe, expect, it } from 'vitest';
import { createTokenizer, tokenize } from '../../src/ui/keys/tokenize.js';
import { atEnd, editLine, insertText } from '../../src/ui/keys/line-edit.js';

const names = (raw: string) => tokenize(raw).map((k) => k.name);

describe('tokenize', () => {
  it('splits a run of keys read together into single keys, in order', () => {
    expect(names('\x7f\x7f\x7f')).toEqual(['backspace', 'backspace', 'backspace']);
    expect(names('2j')).toEqual(['2', 'j']);
    expect(names(':mode auction\r')).toEqual([':', 'm', 'o', 'd', 'e', 'space', 'a', 'u', 'c', 't', 'i', 'o', 'n', 'enter']);
    expect(names('\x15\x17\x01\x05\x0c')).toEqual(['ctrl+u', 'ctrl+w', 'ctrl+a', 'ctrl+e', 'ctrl+l']);
  });

  it('names escape sequences', () => {
    expect(names('\x1b[A')).toEqual(['up']);
    expect(names('\x1b[5~')).toEqual(['pageup']);
    expect(names('\x1b[Z')).toEqual(['shift+tab']);
    expect(names('\x1b')).toEqual(['escape']);
    expect(names('\x1bx')).toEqual(['meta+x']);
    expect(names('\x1b[99;9~')).toEqual(['unknown']);
  });

  it('turns a bracketed paste into one paste event', () => {
    const t = createTokenizer();
    expect(t('\x1b[200~')).toEqual([]);
    expect(t('jjjq')).toEqual([]);
    expect(t('\r')).toEqual([]);
    expect(t('\x1b[201~')).toEqual([{ name: 'paste', paste: 'jjjq\r' }]);
    expect(t('j')).toEqual([{ name: 'j', text: 'j' }]);
  });
});

describe('line editing', () => {
  const s = atEnd('mode auction');
  it('deletes one character per Backspace, however they arrive', () => {
    let x = s;
    for (const k of ['backspace', 'backspace', 'backspace']) x = editLine(x, k, undefined, 100)!;
    expect(x.value).toBe('mode auct');
  });
  it('kills like readline', () => {
    expect(editLine(s, 'ctrl+u', undefined, 100)).toEqual({ value: '', caret: 0 });
    expect(editLine(s, 'ctrl+w', undefined, 100)).toEqual({ value: 'mode ', caret: 5 });
    expect(editLine({ value: 'mode auction  ', caret: 14 }, 'ctrl+w', undefined, 100)!.value).toBe('mode ');
    expect(editLine({ value: 'abc', caret: 1 }, 'ctrl+k', undefined, 100)).toEqual({ value: 'a', caret: 1 });
  });
  it('moves the caret and inserts there', () => {
    let x = editLine(s, 'ctrl+a', undefined, 100)!;
    x = editLine(x, 'x', 'x', 100)!;
    expect(x).toEqual({ value: 'xmode auction', caret: 1 });
    x = editLine(x, 'end', undefined, 100)!;
    expect(x.caret).toBe(13);
    x = editLine(x, 'home', undefined, 100)!;
    x = editLine(x, 'delete', undefined, 100)!;
    expect(x.value).toBe('mode auction');
  });
  it('keeps controls out and respects the cap', () => {
    expect(insertText(atEnd('ab'), 'c\x1b[2Jd\r', 5)).toEqual({ value: 'abc[2', caret: 5 });
    expect(editLine(s, 'pageup', undefined, 100)).toBeNull();
  });
});
