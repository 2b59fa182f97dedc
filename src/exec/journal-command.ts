// `taskdesk journal [--json] [--path FILE]` lists past actions, one line each; `taskdesk journal report
// <actionId|prefix>` prints the guide's completion report. Reads without the lock (always allowed).
// Journal text is market-derived: every string goes through the sanitiser, also in --json output.
import { formatUsdc } from '../core/money.js';
import { sanitize } from '../core/text/sanitize.js';
import { completionReport, formatCompletionReport } from './completion-report.js';
import { groupActions, outcomeLabel, type JournalAction } from './journal-actions.js';
import { journalPath } from './journal-paths.js';
import { readJournal, type JournalRead } from './journal-read.js';

export interface JournalIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
  env?: Record<string, string | undefined>;
}

export const JOURNAL_HELP = `Usage:
  taskdesk journal [--json] [--path FILE]              list past actions, one line each
  taskdesk journal report <actionId|prefix> [--json] [--path FILE]
                                                      the completion report of one action

The journal is $XDG_STATE_HOME/taskdesk/journal.jsonl (default ~/.local/state/taskdesk/).
Reading it is always allowed, also while a desk is acting on it.
`;

class Usage extends Error {}

interface Parsed {
  json: boolean;
  path: string | null;
  report: string | null;
  help: boolean;
}

function parse(argv: readonly string[]): Parsed {
  const out: Parsed = { json: false, path: null, report: null, help: false };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') out.json = true;
    else if (a === '--help' || a === '-h') out.help = true;
    else if (a === '--path' || a.startsWith('--path=')) {
      const v = a === '--path' ? argv[++i] : a.slice('--path='.length);
      if (!v || v.startsWith('--')) throw new Usage('--path needs a file');
      out.path = v;
    } else if (a.startsWith('-')) throw new Usage(`unknown option ${a}`);
    else positional.push(a);
  }
  if (positional.length === 0) return out;
  if (positional[0] !== 'report') throw new Usage(`unknown journal command "${sanitize(positional[0], { maxLength: 40 })}" (did you mean \`journal report <actionId>\`?)`);
  if (positional.length !== 2) throw new Usage('journal report needs exactly one action id (or a unique prefix of one)');
  out.report = positional[1]!;
  return out;
}

const s = (v: unknown, max = 80): string => sanitize(v, { maxLength: max });
const time = (iso: string): string => s(iso).replace(/\.\d+(?=Z$)/, '');
// Like the Feed: "0xca6adf1…".
const shortTask = (id: string | null): string => (id === null ? '-' : s(id, 10));

function row(a: JournalAction): string[] {
  const i = a.intent;
  return [
    time(a.firstAt),
    s(a.actionId).slice(0, 8),
    s(i?.market ?? a.records[0]?.market ?? '?', 20),
    s(i?.action ?? a.records[0]?.action ?? a.others[0]?.step ?? '?', 24),
    shortTask(i?.taskId ?? a.records[0]?.taskId ?? null),
    i?.amount != null ? formatUsdc(i.amount) : '-',
    s(outcomeLabel(a), 60),
  ];
}

function table(rows: string[][]): string[] {
  const head = ['TIME', 'ID', 'MARKET', 'ACTION', 'TASK', 'AMOUNT', 'OUTCOME'];
  const all = [head, ...rows];
  const widths = head.map((_, c) => Math.max(...all.map((r) => Array.from(r[c] ?? '').length)));
  return all.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  '));
}

/** The journal as the desk's journal view shows it: the table (newest first) and each action's report. */
export function journalView(actions: readonly JournalAction[]): { table: string[]; reports: { id: string; lines: string[] }[] } {
  const newest = [...actions].reverse();
  return {
    table: table(newest.map(row)),
    reports: newest.filter((a) => a.intent).map((a) => ({ id: s(a.actionId), lines: formatCompletionReport(completionReport(a)).map((l) => s(l, 400)) })),
  };
}

function summaryJson(a: JournalAction): Record<string, unknown> {
  const i = a.intent;
  return {
    actionId: s(a.actionId),
    at: s(a.firstAt),
    market: s(i?.market ?? ''),
    action: s(i?.action ?? ''),
    taskId: i?.taskId ? s(i.taskId, 200) : null,
    amount: i?.amount != null ? i.amount.toString() : null,
    network: i ? { name: s(i.network.name), chainId: i.network.chainId } : null,
    wallet: i ? s(i.wallet) : null,
    state: a.state,
    outcome: s(outcomeLabel(a)),
    resolved: a.resolved,
  };
}

function notes(read: JournalRead, actions: JournalAction[]): string[] {
  const out: string[] = [];
  const open = actions.filter((a) => a.intent && !a.resolved).length;
  out.push(`${actions.length} action${actions.length === 1 ? '' : 's'}, ${open} unresolved`);
  if (read.corrupt.length > 0) {
    const lines = read.corrupt.slice(0, 10).map((c) => c.line).join(', ');
    out.push(`${read.corrupt.length} unreadable line${read.corrupt.length === 1 ? '' : 's'} skipped (line ${lines}${read.corrupt.length > 10 ? ', …' : ''})`);
  }
  if (read.others.length > 0) out.push(`${read.others.length} record${read.others.length === 1 ? '' : 's'} of steps this version does not read, kept`);
  return out;
}

function find(actions: JournalAction[], idOrPrefix: string): JournalAction | string {
  const want = idOrPrefix.toLowerCase();
  const exact = actions.find((a) => a.actionId.toLowerCase() === want);
  if (exact) return exact;
  const hits = actions.filter((a) => a.actionId.toLowerCase().startsWith(want));
  if (hits.length === 1) return hits[0]!;
  const shown = s(idOrPrefix, 40);
  if (hits.length === 0) return `no action ${shown} in the journal (\`taskdesk journal\` lists them)`;
  return `${shown} matches ${hits.length} actions (${hits.slice(0, 5).map((a) => s(a.actionId).slice(0, 13)).join(', ')}${hits.length > 5 ? ', …' : ''}); give more of the id`;
}

/** Run `taskdesk journal …` (argv after "journal"); returns the exit status (0 ok, 1 unreadable file, 2 usage or unknown id). */
export async function runJournalCommand(argv: readonly string[], io: JournalIo): Promise<number> {
  let args: Parsed;
  try {
    args = parse(argv);
  } catch (err) {
    if (!(err instanceof Usage)) throw err;
    io.stderr.write(`taskdesk journal: ${err.message}\n${JOURNAL_HELP}`);
    return 2;
  }
  if (args.help) {
    io.stdout.write(JOURNAL_HELP);
    return 0;
  }
  const path = args.path ?? journalPath(io.env ?? process.env);
  let read: JournalRead;
  try {
    read = readJournal(path);
  } catch (err) {
    io.stderr.write(`taskdesk journal: cannot read ${s(path, 300)}: ${s((err as Error).message, 200)}\n`);
    return 1;
  }
  const actions = groupActions(read.records, read.others);

  if (args.report !== null) {
    const a = find(actions, args.report);
    if (typeof a === 'string') {
      io.stderr.write(`taskdesk journal: ${a}\n`);
      return 2;
    }
    const report = completionReport(a);
    if (args.json) {
      const clean = (t: string): string => s(t, 1000);
      io.stdout.write(
        `${JSON.stringify({
          actionId: clean(report.actionId),
          idempotencyKey: report.idempotencyKey ? clean(report.idempotencyKey) : null,
          outcome: clean(report.outcome),
          fields: report.fields.map((f) => ({ label: f.label, value: clean(f.value) })),
          caveats: report.caveats.map(clean),
        })}\n`,
      );
    } else io.stdout.write(`${formatCompletionReport(report).join('\n')}\n`);
    return 0;
  }

  if (args.json) {
    for (const a of actions) io.stdout.write(`${JSON.stringify(summaryJson(a))}\n`);
    for (const n of read.corrupt.length > 0 || read.others.length > 0 ? notes(read, actions).slice(1) : []) io.stderr.write(`taskdesk journal: ${n}\n`);
    return 0;
  }
  if (!read.exists) {
    io.stdout.write(`No journal yet at ${s(path, 300)} (no action has been taken).\n`);
    return 0;
  }
  const lines = actions.length > 0 ? table(actions.map(row)) : ['No actions in the journal.'];
  io.stdout.write(`${[...lines, '', ...notes(read, actions)].join('\n')}\n`);
  return 0;
}
