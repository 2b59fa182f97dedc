// Hostile strings from tui-anchors.md §4.1/§4.2, for the sanitiser, pane and e2e tests to reuse.
// `mustNotContain` lists what may never reach the screen; `mustContain` what a reader must still see.

export interface HostileCase {
  name: string;
  input: string;
  /** Visible text that must survive sanitising. */
  mustContain?: string[];
  /** Substrings that must be gone (beyond the generic ESC/C1/CR/BS check). */
  mustNotContain?: string[];
}

const ESC = '\x1b';
const BEL = '\x07';
const ST = `${ESC}\\`;

export const HOSTILE: HostileCase[] = [
  { name: 'clear screen', input: `before${ESC}[2Jafter`, mustContain: ['beforeafter'] },
  { name: 'cursor moves', input: `a${ESC}[10A${ESC}[5;1Hb${ESC}[K`, mustContain: ['ab'] },
  { name: 'device status report', input: `x${ESC}[6ny`, mustContain: ['xy'] },
  { name: 'title report', input: `${ESC}]0;rm -rf ~${BEL}${ESC}[21tok`, mustContain: ['ok'], mustNotContain: ['rm -rf'] },
  { name: 'OSC 52 clipboard (BEL)', input: `hi${ESC}]52;c;cm0gLXJmIH4K${BEL}there`, mustContain: ['hithere'], mustNotContain: ['cm0gLXJmIH4K'] },
  { name: 'OSC 52 clipboard (ST)', input: `hi${ESC}]52;c;cm0gLXJmIH4K${ST}there`, mustContain: ['hithere'], mustNotContain: ['cm0g'] },
  {
    name: 'OSC 8 hyperlink',
    input: `${ESC}]8;;https://evil.example/${BEL}click me${ESC}]8;;${BEL}`,
    mustContain: ['click me'],
    mustNotContain: ['evil.example'],
  },
  { name: 'window title set', input: `${ESC}]2;pwned${ST}task`, mustContain: ['task'], mustNotContain: ['pwned'] },
  { name: 'unterminated OSC', input: `keep${ESC}]0;lost forever`, mustContain: ['keep'], mustNotContain: ['lost'] },
  { name: 'DCS passthrough', input: `${ESC}Ptmux;${ESC}${ESC}]52;c;AAAA${BEL}${ST}ok`, mustContain: ['ok'], mustNotContain: ['tmux'] },
  { name: 'APC', input: `${ESC}_Gf=100;AAAA${ST}ok`, mustContain: ['ok'], mustNotContain: ['f=100'] },
  { name: 'PM and SOS', input: `${ESC}^privacy${ST}${ESC}Xsos${ST}ok`, mustContain: ['ok'], mustNotContain: ['privacy', 'sos'] },
  { name: 'full reset', input: `${ESC}cfresh`, mustContain: ['fresh'] },
  { name: 'charset switch', input: `${ESC}(0lqk${ESC}(B`, mustContain: ['lqk'] },
  { name: '8-bit CSI', input: `a\x9b2Jb`, mustContain: ['ab'] },
  { name: '8-bit OSC', input: `a\x9d52;c;AAAA\x9cb`, mustContain: ['ab'], mustNotContain: ['AAAA'] },
  { name: '8-bit DCS', input: `a\x90qpayload\x9cb`, mustContain: ['ab'], mustNotContain: ['payload'] },
  { name: 'SGR conceal', input: `shown${ESC}[8mhidden${ESC}[0m`, mustContain: ['shownhidden'] },
  {
    name: 'CR overwrite',
    input: 'Approve payout 1 USDC to agent-7\rApprove payout 9',
    mustContain: ['Approve payout 1 USDC to agent-7', 'Approve payout 9'],
  },
  { name: 'backspaces', input: 'pay 1000\b\b\b\b9', mustContain: ['pay 10009'] },
  { name: 'BEL VT FF NUL', input: 'a\x07b\x0bc\x0cd\x00e', mustContain: ['abcde'] },
  { name: 'DEL', input: 'a\x7fb', mustContain: ['ab'] },
  {
    name: 'Trojan Source BiDi',
    input: 'access\u202e\u2066// check if admin\u2069\u2066level',
    mustContain: ['access// check if adminlevel'],
    mustNotContain: ['\u202e', '\u2066', '\u2069'],
  },
  { name: 'RLO extension spoof', input: 'invoice\u202efdp.exe', mustContain: ['invoicefdp.exe'] },
  { name: 'LRM RLM ALM', input: 'a\u200eb\u200fc\u061cd', mustContain: ['abcd'] },
  {
    name: 'zero-width in address',
    input: '0x12\u200b34\u200c56\u200d78\u206090\ufeffabcdef0123456789abcdef0123456789ab',
    mustContain: ['0x1234567890abcdef0123456789abcdef0123456789ab'],
    mustNotContain: ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'],
  },
  { name: 'lone surrogate', input: 'a\ud800b\udc00c', mustContain: ['a\ufffdb\ufffdc'] },
  { name: 'emoji kept', input: 'ship it 🚀👩‍💻 ✅', mustContain: ['ship it 🚀👩‍💻 ✅'] },
  { name: 'CJK kept', input: '翻訳タスク：日本語→英語 한국어', mustContain: ['翻訳タスク：日本語→英語 한국어'] },
  { name: 'accents NFC', input: 'cafe\u0301', mustContain: ['caf\u00e9'] },
];

/** A 1 MB string full of escape sequences, for the size and speed bounds. */
export function hugeHostile(bytes = 1_000_000): string {
  const unit = `x${ESC}[2J\u202e\r\b${ESC}]52;c;QUFB${BEL}`;
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

/** True when `out` carries anything a terminal would act on: ESC, C0 except \n, DEL, C1, BiDi, zero-width. */
export function hasTerminalControl(out: string, allowNewline = false): boolean {
  const re = allowNewline
    ? /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b\u200c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2060\ufeff]/
    : /[\x00-\x1f\x7f-\x9f\u061c\u200b\u200c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2060\ufeff]/;
  return re.test(out);
}
