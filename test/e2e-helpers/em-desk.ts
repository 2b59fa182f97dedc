// A desk with Execution Market in a real pty, two ways an operator opens one:
//  - `taskdesk --bots 0`: the built-in simulator (what `npm start` runs, without the bots so only the test's
//    parties trade); its URL is read from the Fleet view, its demo wallet from a ticket's "acting as" line,
//    its journal is <HOME>/.local/state/taskdesk/demo-wallet/<pid>/journal.jsonl (src/app/act.ts);
//  - `taskdesk --api <sim> --em-api <sim>/em`: a configured backend (badge LIVE) with the operator's own
//    keystore in ~/.taskmarket (made as `taskmarket init` makes it), journal in $XDG_STATE_HOME/taskdesk.
// Plus what the tests read off the screen: the header's EM part, Feed and Actions rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWallet } from '../../src/sim/taskmarket/accounts/demo-wallet.js';
import { paneBox } from './screen.js';
import { spawnPty, type PtySession } from './pty.js';

export interface EmDesk {
  p: PtySession;
  simUrl: string;
  /** The desk's wallet, lower-case. */
  wallet: string;
  journalPath: string;
  /** HOME and XDG variables for running `taskdesk journal` as this desk's user. */
  env: Record<string, string>;
}

const homes: string[] = [];
export function removeEmHomes(): void {
  for (const d of homes.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** The built-in simulator with no bots: returns once the header says EM is on /ws push. */
export async function builtInDesk(o: { cols?: number; rows?: number } = {}): Promise<EmDesk> {
  const p = spawnPty({ args: ['--bots', '0'], cols: o.cols ?? 140, rows: o.rows ?? 50 });
  await p.waitFor(/\bOK\b[\s\S]*\| EM base-sepolia push/, 40_000);
  p.write('F');
  const fleet = await p.waitFor(/balances from\s+http:\/\/127\.0\.0\.1:\d+ /, 15_000);
  const simUrl = /balances from\s+(http:\/\/127\.0\.0\.1:\d+) /.exec(fleet)![1]!;
  p.write('\x1b');
  await p.waitFor((s) => /1 Feed/.test(s) && /4 Actions/.test(s), 10_000);
  // The demo wallet, as every ticket names it ("acting as"): open one and leave it.
  p.write(':publish\r');
  const ticket = await p.waitFor(/acting as\s+(0x[0-9a-fA-F]{40})/, 15_000);
  const wallet = /acting as\s+(0x[0-9a-fA-F]{40})/.exec(ticket)![1]!.toLowerCase();
  p.write('\x1b');
  await p.waitFor((s) => !s.includes('Ticket:') && /4 Actions/.test(s), 10_000);
  const env = { HOME: p.home, XDG_STATE_HOME: join(p.home, '.local', 'state'), XDG_CONFIG_HOME: join(p.home, '.config') };
  const journalPath = join(env.XDG_STATE_HOME, 'taskdesk', 'demo-wallet', String(p.pid), 'journal.jsonl');
  return { p, simUrl, wallet, journalPath, env };
}

/** `taskdesk --api <url> --em-api <url>/em --network base-sepolia` with a funded keystore wallet in its HOME. */
export async function liveDesk(simUrl: string, o: { fund?: bigint; cols?: number; rows?: number; args?: string[]; waitFor?: RegExp } = {}): Promise<EmDesk> {
  const dir = mkdtempSync(join(tmpdir(), 'taskdesk-em-home-'));
  homes.push(dir);
  const w = await createWallet(simUrl, dir, { fund: o.fund ?? 20_000_000n, email: false });
  const env = {
    HOME: dir,
    XDG_CONFIG_HOME: join(dir, '.config'),
    XDG_STATE_HOME: join(dir, '.local', 'state'),
    XDG_DATA_HOME: join(dir, '.local', 'share'),
    XDG_CACHE_HOME: join(dir, '.cache'),
  };
  const p = spawnPty({ args: ['--api', simUrl, '--em-api', `${simUrl}/em`, '--network', 'base-sepolia', ...(o.args ?? [])], cols: o.cols ?? 140, rows: o.rows ?? 50, env });
  await p.waitFor(o.waitFor ?? /\bOK\b[\s\S]*\| EM base-sepolia push/, 40_000);
  return { p, simUrl, wallet: w.address.toLowerCase(), journalPath: join(env.XDG_STATE_HOME, 'taskdesk', 'journal.jsonl'), env };
}

/** The header's EM part: "push", "poll", "MISMATCH", "DOWN", … (null when absent). */
export function emHeader(p: PtySession): string | null {
  const top = p.lines().slice(0, 2).join(' ');
  const m = /\| EM (MISMATCH|DOWN|\S+ (?:push|poll|off))/.exec(top);
  return m ? m[1]! : null;
}

/** Feed rows as drawn (inside the border). */
export const feedRows = (p: PtySession): string[] => (paneBox(p.grid(), '1 Feed')?.body ?? []).filter((r) => /^\s*›?\s*[+*]?(EM|TM) /.test(r));

/** The Feed row of an EM task (its id's first 8 characters), or null. */
export function emFeedRow(p: PtySession, taskId: string): string | null {
  const want = taskId.slice(0, 8);
  return feedRows(p).find((r) => /\bEM\b/.test(r) && r.includes(want)) ?? null;
}

/** Actions rows: MK ROLE ACTION TASK … */
export function actionRows(p: PtySession): { selected: boolean; mk: string; role: string; action: string; task: string; text: string }[] {
  const body = paneBox(p.grid(), '4 Actions')?.body ?? [];
  const out = [];
  for (const text of body) {
    const m = /^\s*(›?)\s*[+*]?(EM|TM)\s+(\S+)\s+(\S+)\s+(\S+)/.exec(text);
    if (m) out.push({ selected: m[1] === '›', mk: m[2]!, role: m[3]!, action: m[4]!, task: m[5]!, text });
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Focus Actions and put the cursor on the EM row for `action` on `taskId`; throws when it never shows. */
export async function selectAction(p: PtySession, taskId: string, action: string, timeoutMs = 30_000): Promise<void> {
  const want = taskId.slice(0, 8);
  const deadline = Date.now() + timeoutMs;
  p.write('4');
  for (;;) {
    const rows = actionRows(p);
    const at = rows.findIndex((r) => r.selected);
    const to = rows.findIndex((r) => r.mk === 'EM' && r.action === action && r.task.startsWith(want));
    if (to >= 0 && to === at) return;
    if (Date.now() > deadline) throw new Error(`no Actions row "${action}" for ${want}\n${p.screen()}`);
    if (to >= 0 && at >= 0) p.write((to > at ? 'j' : 'k').repeat(Math.abs(to - at)));
    await sleep(150);
  }
}

/** Focus the Feed and put the cursor on the task's row (an EM uuid, or with mk 'TM' a Taskmarket 0x id). */
export async function selectFeedRow(p: PtySession, taskId: string, timeoutMs = 30_000, mk: 'EM' | 'TM' = 'EM'): Promise<void> {
  const want = taskId.slice(0, mk === 'EM' ? 8 : 9);
  const deadline = Date.now() + timeoutMs;
  p.write('1');
  for (;;) {
    const rows = feedRows(p);
    const at = rows.findIndex((r) => r.trimStart().startsWith('›'));
    const to = rows.findIndex((r) => new RegExp(`\\b${mk}\\b`).test(r) && r.includes(want));
    if (to >= 0 && to === at) return;
    if (Date.now() > deadline) throw new Error(`no Feed row for ${want}\n${p.screen()}`);
    if (to >= 0 && at >= 0) p.write((to > at ? 'j' : 'k').repeat(Math.abs(to - at)));
    await sleep(150);
  }
}
