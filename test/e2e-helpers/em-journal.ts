// The journal two ways, as an operator reads it: the desk's `:journal` view (paged through to the end,
// every line collected) and `taskdesk journal` from a shell (`--path` names the file: the built-in
// simulator keeps its journal beside the session's demo wallet).
import { readJournal } from '../../src/exec/journal-read.js';
import { groupActions, type JournalAction } from '../../src/exec/journal-actions.js';
import { runPiped } from './proc.js';
import type { PtySession } from './pty.js';
import { paneBox } from './screen.js';

export interface JournalRow {
  id: string;
  market: string;
  action: string;
  task: string;
  amount: string;
  outcome: string;
}

/** Rows of the journal table (TIME ID MARKET ACTION TASK AMOUNT OUTCOME), as either side prints them. */
export function journalRows(lines: readonly string[]): JournalRow[] {
  const out: JournalRow[] = [];
  for (const l of lines) {
    const m = /^\s*\d{4}-\d\d-\d\dT\S+\s+([0-9a-f]{8})\s+(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(.+?)\s*$/.exec(l);
    if (m) out.push({ id: m[1]!, market: m[2]!, action: m[3]!, task: m[4]!, amount: m[5]!, outcome: m[6]! });
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `:journal`, then every line of the view from top to bottom (PgDn until it stops moving); Esc back. */
export async function journalView(p: PtySession): Promise<string[]> {
  p.write(':journal\r');
  await p.waitFor('Actions (newest first)', 15_000);
  const seen: string[] = [];
  let last = '';
  for (let i = 0; i < 60; i++) {
    const box = paneBox(p.grid(), 'Journal');
    // The first inner row is the view's title (with its scroll position): not content.
    const body = (box?.body ?? []).map((l) => l.trimEnd()).filter((l, i) => !(i === 0 && /^\s*Journal\b/.test(l)));
    const text = body.join('\n');
    if (text === last) break;
    last = text;
    // Pages overlap: append only the lines not already at the tail.
    let overlap = 0;
    for (let k = Math.min(body.length, seen.length); k > 0; k--) {
      if (seen.slice(seen.length - k).join('\n') === body.slice(0, k).join('\n')) {
        overlap = k;
        break;
      }
    }
    seen.push(...body.slice(overlap));
    p.write('\x1b[6~');
    await sleep(250);
  }
  p.write('\x1b');
  await p.waitFor((s) => !s.includes('Actions (newest first)'), 10_000);
  return seen;
}

/**
 * `taskdesk journal` (and `report ID`) as the desk's user: HOME and XDG from `env`, or `--path FILE` when
 * `where` is a path (the built-in simulator's journal lives beside its demo wallet): stdout lines.
 */
export async function journalCli(where: string | Record<string, string>, ...args: string[]): Promise<string[]> {
  const r = typeof where === 'string' ? await runPiped(['journal', ...args, '--path', where], { timeoutMs: 30_000 }) : await runPiped(['journal', ...args], { env: where, timeoutMs: 30_000 });
  if (r.code !== 0) throw new Error(`taskdesk journal ${args.join(' ')}: exit ${r.code}\n${r.stderr}`);
  return r.stdout.split('\n');
}

/** The journal file's actions (typed records, grouped). */
export function journalActions(path: string): JournalAction[] {
  const j = readJournal(path);
  return groupActions(j.records, j.others);
}
