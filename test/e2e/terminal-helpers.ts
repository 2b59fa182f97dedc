// Shared by the terminal-manners pty tests: the desk started from a shell (so what the shell printed
// before, the exit status and the tty modes after can be read off the screen), the demo wallet dir,
// the SGR colour codes in raw output, and "the screen is exactly the last frame".
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, spawnPty, type PtySession } from '../e2e-helpers/pty.js';

export const START_TIMEOUT = 30_000;
export const BEFORE = 'before-the-desk';

/** A desk run as a shell would: a line printed first, then after the desk its exit status and tty modes. */
export function deskInShell(env: Record<string, string> = {}, cols = 120, rows = 40): PtySession {
  const script = [
    `printf '%s\\n' '${BEFORE}'`,
    `'${process.execPath}' '${BIN}'`,
    'status=$?',
    // icanon/echo/isig all set again means raw mode was left.
    `echo "desk-exit=$status tty: $(stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?(icanon|echo|isig)' | tr '\\n' ' ')"`,
    'exec sleep 60',
  ].join('; ');
  return spawnPty({ file: '/bin/sh', args: ['-c', script], cols, rows, env });
}

/** What the shell printed after the desk: its exit status and the tty flags, once it is there. */
export async function afterDesk(p: PtySession, timeoutMs = 20_000): Promise<{ status: number; tty: string[] }> {
  const screen = await p.waitFor(/desk-exit=\d+ tty: .*\S/, timeoutMs);
  const m = /desk-exit=(\d+) tty: (.*)$/m.exec(screen);
  return { status: Number(m?.[1]), tty: (m?.[2] ?? '').trim().split(/\s+/).sort() };
}

export const COOKED_TTY = ['echo', 'icanon', 'isig'];

/** The desk is drawn and connected to its simulator. */
export async function waitForDesk(p: PtySession): Promise<void> {
  await p.waitFor(/\b4 Actions\b/, START_TIMEOUT);
  await p.waitFor(/^ SIM .*\bOK\b/m, START_TIMEOUT);
}

/** $XDG_STATE_HOME/taskdesk/demo-wallet/* of the pty's private HOME. */
export function demoWallets(p: PtySession): string[] {
  const dir = join(p.home, '.local', 'state', 'taskdesk', 'demo-wallet');
  return existsSync(dir) ? readdirSync(dir) : [];
}

/** Whether the last cursor-visibility change in `raw` showed the cursor. */
export function cursorShownAtEnd(raw: string): boolean {
  const last = [...raw.matchAll(/\x1b\[\?25([hl])/g)].at(-1);
  return last?.[1] === 'h';
}

/** Every SGR parameter in `raw` that sets a colour (30–37, 38;…, 40–47, 48;…, 90–97, 100–107). */
export function colourCodes(raw: string): string[] {
  const out: string[] = [];
  for (const m of raw.matchAll(/\x1b\[([0-9;:]*)m/g)) {
    const p = (m[1] ?? '').split(/[;:]/).map(Number);
    for (let i = 0; i < p.length; i++) {
      const c = p[i]!;
      if (c === 38 || c === 48 || c === 58) {
        if (c !== 58) out.push(p.slice(i, i + (p[i + 1] === 5 ? 3 : 5)).join(';'));
        i += p[i + 1] === 5 ? 2 : 4;
      } else if ((c >= 30 && c <= 37) || (c >= 40 && c <= 47) || (c >= 90 && c <= 97) || (c >= 100 && c <= 107)) out.push(String(c));
    }
  }
  return out;
}

const stripAnsi = (s: string) => s.replace(/\x1b\[[0-9;:?]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g, '');

/** The rows the last frame the desk rendered (TASKDESK_FRAME_DUMP) should leave on screen. */
function frameRows(dump: string, rows: number): string[] {
  if (!existsSync(dump)) return [];
  const lines = stripAnsi(readFileSync(dump, 'utf8')).split('\n');
  if (lines.at(-1) === '') lines.pop();
  const out = lines.slice(0, rows).map((l) => l.trimEnd());
  while (out.length < rows) out.push('');
  return out;
}

/** The screen once it equals the last frame (frames arrive in pieces), or the last mismatch after `timeoutMs`. */
export async function screenAndFrame(p: PtySession, dump: string, rows: number, timeoutMs = 5_000): Promise<{ screen: string; frame: string }> {
  const deadline = Date.now() + timeoutMs;
  let screen = '';
  let frame = '';
  for (;;) {
    await p.flush();
    screen = p.lines().map((l) => l.trimEnd()).join('\n');
    frame = frameRows(dump, rows).join('\n');
    if ((frame !== '' && screen === frame) || Date.now() > deadline) return { screen, frame };
    await new Promise((r) => setTimeout(r, 25));
  }
}
