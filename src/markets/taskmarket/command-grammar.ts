// A pendingAction `command` is server-supplied and untrusted (taskmarket-backend.md §2.2–§2.3). It is NEVER
// executed as a string: it is parsed against CLI 1.13.0's own grammar (`taskmarket task <cmd> --help`) into
// typed fields the desk can show, or refused with a reason. Placeholders (`<address>`, `<usdc>`, `"..."`)
// become "needs input" fields; a trailing ` # …` is split off as a display note (untrusted text).
import type { ActionName, Address } from '../../core/types.js';
import { MoneyError, parseUsdc } from '../../core/money.js';
import { FLAG_SPECS, SUBCOMMAND_OF_ACTION, type FlagSpec, type Subcommand, type ValueKind } from './command-specs.js';

export type { Subcommand, ValueKind } from './command-specs.js';

export type FlagValue =
  | { kind: 'address'; value: Address }
  | { kind: 'usdc'; value: bigint }
  | { kind: 'int'; value: number }
  | { kind: 'text'; value: string }
  | { kind: 'winner'; worker: Address; shareBps: number; submissionId: string | null }
  | { kind: 'award'; worker: Address; amount: bigint; rank: number }
  | { kind: 'input'; expects: ValueKind; placeholder: string };

export interface ParsedCommand {
  command: `task ${Subcommand}`;
  subcommand: Subcommand;
  action: ActionName;
  taskId: string;
  /** camelCase flag name → value; repeatable flags (--winner, --award, --file) are arrays. */
  flags: Record<string, FlagValue | FlagValue[]>;
  /** Flags the operator must fill in (e.g. "worker", "award[0]"). */
  needsInput: string[];
  /** Text after `#`, untrusted: display only, through the sanitiser. */
  note: string | null;
  /** The tokens after `taskmarket`, unquoted — what an argv executor would pass once nothing needs input. */
  argv: string[];
}

export type GrammarResult = { ok: true; value: ParsedCommand } | { ok: false; reason: string };

export interface ParseCommandOptions {
  /** The task the action came from; a command naming any other task is refused. */
  taskId: string;
  /** The pendingAction's `action`; the subcommand must be the one the CLI uses for it. */
  action?: ActionName;
}

const MAX_LENGTH = 1000;
// C0, DEL, C1, and the BiDi / zero-width characters that could make a command display differently from what it is.
const FORBIDDEN_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
const PART = String.raw`(?:[A-Za-z0-9._@,+=-]+|<[A-Za-z0-9_-]+>)`;
const UNQUOTED_TOKEN = new RegExp(`^${PART}(?::${PART})*$`);
const PLACEHOLDER = /^<[A-Za-z0-9_-]+>$/;
const QUOTED_PLACEHOLDER = '...';
const TASK_ID = /^0x[0-9a-fA-F]{1,128}$/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

const refuse = (reason: string): GrammarResult => ({ ok: false, reason });

interface Token {
  text: string;
  quoted: boolean;
}

/** Split off the note: the first `#` outside quotes that starts a word. */
function splitNote(s: string): { body: string; note: string | null } {
  let inQuote = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"') inQuote = !inQuote;
    else if (c === '#' && !inQuote && (i === 0 || s[i - 1] === ' ')) {
      return { body: s.slice(0, i).trimEnd(), note: s.slice(i + 1).trim() || null };
    }
  }
  return { body: s, note: null };
}

function tokenize(body: string): Token[] | string {
  const tokens: Token[] = [];
  let i = 0;
  while (i < body.length) {
    if (body[i] === ' ') {
      i++;
      continue;
    }
    if (body[i] === '"') {
      const end = body.indexOf('"', i + 1);
      if (end < 0) return 'unterminated quote';
      const inner = body.slice(i + 1, end);
      // Inside double quotes a shell still expands $, backticks, backslashes and history (!): refuse them.
      if (/[$`\\!]/.test(inner)) return 'shell expansion inside quotes';
      if (end + 1 < body.length && body[end + 1] !== ' ') return 'text glued to a quoted argument';
      tokens.push({ text: inner, quoted: true });
      i = end + 1;
      continue;
    }
    let end = body.indexOf(' ', i);
    if (end < 0) end = body.length;
    const text = body.slice(i, end);
    if (!UNQUOTED_TOKEN.test(text) && !/^--[a-z][a-z-]*$/.test(text)) {
      return /[;&|$`\\()<>{}[\]*?!~'"]/.test(text) ? `shell metacharacter in ${JSON.stringify(text.slice(0, 40))}` : `unexpected characters in ${JSON.stringify(text.slice(0, 40))}`;
    }
    tokens.push({ text, quoted: false });
    i = end;
  }
  return tokens;
}

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

function usdc(text: string, allowZero: boolean): bigint | null {
  try {
    return parseUsdc(text, { allowZero });
  } catch (e) {
    if (e instanceof MoneyError) return null;
    throw e;
  }
}

function intIn(text: string, min: number, max: number): number | null {
  if (!/^[0-9]{1,10}$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

/** One flag value → typed value, an input placeholder, or an error string. */
function readValue(spec: FlagSpec, tok: Token): FlagValue | string {
  const t = tok.text;
  if (tok.quoted ? t === QUOTED_PLACEHOLDER : PLACEHOLDER.test(t)) return { kind: 'input', expects: spec.kind, placeholder: tok.quoted ? `"${t}"` : t };
  if (!tok.quoted && t.startsWith('-')) return 'a value may not start with "-"';
  switch (spec.kind) {
    case 'address':
      return ADDRESS.test(t) ? { kind: 'address', value: t as Address } : 'not an address';
    case 'usdc': {
      const v = usdc(t, spec.allowZero ?? false);
      return v === null ? 'not a USDC amount' : { kind: 'usdc', value: v };
    }
    case 'int': {
      const v = intIn(t, spec.min ?? 0, spec.max ?? 2 ** 31);
      return v === null ? `not an integer in ${spec.min ?? 0}..${spec.max ?? 2 ** 31}` : { kind: 'int', value: v };
    }
    case 'choice':
      return spec.choices?.includes(t) ? { kind: 'text', value: t } : `not one of ${spec.choices?.join('|')}`;
    case 'pattern':
      return spec.pattern?.test(t) ? { kind: 'text', value: t } : 'not a valid value';
    case 'text':
      return t.length <= 2000 ? { kind: 'text', value: t } : 'text too long';
    case 'path':
      return 'the server may not choose local files';
    case 'winner':
    case 'award':
      return readSpec(spec.kind, t);
  }
}

/** `<addr>:<share>[:<submissionId>]` or `<addr>:<amountUsdc>:<rank>`; any placeholder part makes it an input. */
function readSpec(kind: 'winner' | 'award', t: string): FlagValue | string {
  const parts = t.split(':');
  if (parts.some((p) => PLACEHOLDER.test(p))) return { kind: 'input', expects: kind, placeholder: t };
  const [worker = '', second = '', third] = parts;
  if (!ADDRESS.test(worker)) return 'spec does not start with an address';
  if (kind === 'winner') {
    if (parts.length > 3) return 'too many fields in winner spec';
    const share = intIn(second, 1, 10_000);
    if (share === null) return 'share must be 1..10000 basis points';
    if (third !== undefined && !/^[A-Za-z0-9_-]{1,100}$/.test(third)) return 'bad submission id';
    return { kind: 'winner', worker: worker as Address, shareBps: share, submissionId: third ?? null };
  }
  if (parts.length !== 3) return 'award spec needs worker:amount:rank';
  const amount = usdc(second, false);
  const rank = intIn(third ?? '', 1, 1000);
  if (amount === null) return 'award amount is not a USDC amount';
  if (rank === null) return 'award rank must be a positive integer';
  return { kind: 'award', worker: worker as Address, amount, rank };
}

/** Parse a pendingAction command string against the CLI grammar. Never throws. */
export function parseCommand(command: string, opts: ParseCommandOptions): GrammarResult {
  if (typeof command !== 'string') return refuse('command is not a string');
  if (command.length > MAX_LENGTH) return refuse('command is too long');
  if (FORBIDDEN_CHARS.test(command)) return refuse('control, line-break or invisible characters in the command');
  const { body, note } = splitNote(command.trim());
  const tokens = tokenize(body);
  if (typeof tokens === 'string') return refuse(tokens);
  const [prog, group, sub, taskTok, ...rest] = tokens;
  if (prog?.text !== 'taskmarket' || prog.quoted || group?.text !== 'task' || group.quoted) return refuse('not a "taskmarket task" command');
  if (!sub || sub.quoted || !(sub.text in FLAG_SPECS)) return refuse(`unknown subcommand ${JSON.stringify((sub?.text ?? '').slice(0, 40))}`);
  const subcommand = sub.text as Subcommand;
  if (opts.action && SUBCOMMAND_OF_ACTION[opts.action] !== subcommand) {
    return refuse(`subcommand "${subcommand}" does not perform the "${opts.action}" action`);
  }
  if (!taskTok || taskTok.quoted || !TASK_ID.test(taskTok.text)) return refuse('missing or malformed task id');
  if (taskTok.text !== opts.taskId) return refuse('the command names a different task');
  const specs = FLAG_SPECS[subcommand];
  const flags: Record<string, FlagValue | FlagValue[]> = {};
  const needsInput: string[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    const flagTok = rest[i];
    const valueTok = rest[i + 1];
    if (!flagTok || flagTok.quoted || !flagTok.text.startsWith('--')) return refuse(`extra argument ${JSON.stringify(flagTok?.text.slice(0, 40) ?? '')}`);
    const name = flagTok.text.slice(2);
    const spec = specs[name];
    if (!spec) return refuse(`"${subcommand}" has no option --${name.slice(0, 40)}`);
    if (!valueTok || (!valueTok.quoted && valueTok.text.startsWith('--'))) return refuse(`option --${name} needs a value`);
    const value = readValue(spec, valueTok);
    if (typeof value === 'string') return refuse(`--${name}: ${value}`);
    const key = camel(name);
    if (spec.repeatable) {
      const list = (flags[key] as FlagValue[] | undefined) ?? [];
      if (value.kind === 'input') needsInput.push(`${key}[${list.length}]`);
      list.push(value);
      flags[key] = list;
    } else {
      if (key in flags) return refuse(`option --${name} given twice`);
      if (value.kind === 'input') needsInput.push(key);
      flags[key] = value;
    }
  }
  const action = (Object.keys(SUBCOMMAND_OF_ACTION) as ActionName[]).find((a) => SUBCOMMAND_OF_ACTION[a] === subcommand) as ActionName;
  return {
    ok: true,
    value: {
      command: `task ${subcommand}`,
      subcommand,
      action: opts.action ?? action,
      taskId: taskTok.text,
      flags,
      needsInput,
      note,
      argv: tokens.slice(1).map((t) => t.text),
    },
  };
}
