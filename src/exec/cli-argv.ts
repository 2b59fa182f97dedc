// A parsed pendingAction (command-grammar.ts) + the ticket's typed values → the argv for the official CLI.
// Built from the typed parse, never from the server's string; only placeholders are filled, and only the
// guards the operator guide allows are added (seed 003 "pendingActions": --min-price on auction-accept,
// the local files and --role on submit, --feedback on rate). The template's `# …` note never travels.
import { resolve } from 'node:path';
import { formatUsdc } from '../core/money.js';
import { FLAG_SPECS, type CommandInputs, type FlagValue, type ParsedCommand } from '../markets/taskmarket/index.js';
import type { FlagSpec } from '../markets/taskmarket/command-specs.js';

/** The local values a ticket may add beyond the placeholders. */
export interface CliExtra {
  /** auction-accept only: refuse a clock price below this (base units). */
  minPrice?: bigint;
  /** submit only: local files to upload (each becomes one --file). */
  files?: string[];
  /** submit only: artifact role for all files. */
  role?: string;
  /** rate only: optional feedback text. */
  feedback?: string;
}

export type ArgvResult = { ok: true; argv: string[] } | { ok: false; reason: string };

/** The CLI's own limit (seed 003: up to 20 files per submit). */
export const MAX_SUBMIT_FILES = 20;
const MAX_TEXT = 2000;
const MAX_PATH = 4096;
// Same set the grammar refuses in a command: C0, DEL, C1, BiDi and zero-width characters.
const FORBIDDEN_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const TASK_ID = /^0x[0-9a-fA-F]{1,128}$/;
const SUBMISSION_ID = /^[A-Za-z0-9_-]{1,100}$/;
const PLACEHOLDER = /^<[A-Za-z0-9_-]+>$/;

const refuse = (reason: string): ArgvResult => ({ ok: false, reason });
const kebab = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** Base units → the shortest text the CLI's usdcToBaseUnits reads back exactly ("1.5", "2", "0.000001"). */
export function usdcArg(units: bigint): string {
  return formatUsdc(units).replace(/\.?0+$/, '');
}

/** A free-text value bound for argv: no leading "-" (an option to the CLI), no control or invisible characters. */
export function checkText(value: unknown, what: string, max = MAX_TEXT): string | null {
  if (typeof value !== 'string' || value.length === 0) return `${what} must be non-empty text`;
  if (value.length > max) return `${what} is longer than ${max} characters`;
  if (value.startsWith('-')) return `${what} may not start with "-"`;
  if (FORBIDDEN_CHARS.test(value)) return `${what} contains control or invisible characters`;
  return null;
}

/** A typed value → its CLI text, checked against the flag's spec; an error string when it does not fit. */
export function flagText(spec: FlagSpec, v: FlagValue | undefined, flag: string): { text: string } | string {
  const bad = `--${flag}: expected ${spec.kind}`;
  if (!v || v.kind === 'input') return `--${flag}: no value`;
  switch (spec.kind) {
    case 'address':
      return v.kind === 'address' && ADDRESS.test(v.value) ? { text: v.value } : `${bad} (0x + 40 hex)`;
    case 'usdc':
      if (v.kind !== 'usdc' || typeof v.value !== 'bigint' || v.value < 0n) return bad;
      if (v.value === 0n && !spec.allowZero) return `--${flag}: must be greater than zero`;
      return { text: usdcArg(v.value) };
    case 'int': {
      const min = spec.min ?? 0;
      const max = spec.max ?? 2 ** 31;
      if (v.kind !== 'int' || !Number.isSafeInteger(v.value) || v.value < min || v.value > max) return `--${flag}: expected an integer in ${min}..${max}`;
      return { text: String(v.value) };
    }
    case 'choice':
      return v.kind === 'text' && spec.choices?.includes(v.value) ? { text: v.value } : `--${flag}: not one of ${spec.choices?.join('|')}`;
    case 'pattern': {
      if (v.kind !== 'text') return bad;
      const err = checkText(v.value, `--${flag}`);
      if (err) return err;
      return spec.pattern?.test(v.value) ? { text: v.value } : `--${flag}: not a valid value`;
    }
    case 'text': {
      if (v.kind !== 'text') return bad;
      const err = checkText(v.value, `--${flag}`);
      return err ?? { text: v.value };
    }
    case 'path':
      return `--${flag}: files come from the ticket's file list`;
    case 'winner':
      if (v.kind !== 'winner' || !ADDRESS.test(v.worker)) return `${bad} (address:bps[:submissionId])`;
      if (!Number.isSafeInteger(v.shareBps) || v.shareBps < 1 || v.shareBps > 10_000) return `--${flag}: share must be 1..10000 basis points`;
      if (v.submissionId !== null && !SUBMISSION_ID.test(v.submissionId)) return `--${flag}: bad submission id`;
      return { text: `${v.worker}:${v.shareBps}${v.submissionId === null ? '' : `:${v.submissionId}`}` };
    case 'award':
      if (v.kind !== 'award' || !ADDRESS.test(v.worker)) return `${bad} (address:amount:rank)`;
      if (typeof v.amount !== 'bigint' || v.amount <= 0n) return `--${flag}: award amount must be greater than zero`;
      if (!Number.isSafeInteger(v.rank) || v.rank < 1 || v.rank > 1000) return `--${flag}: award rank must be 1..1000`;
      return { text: `${v.worker}:${usdcArg(v.amount)}:${v.rank}` };
  }
}

/** A filled winner/award spec must keep the template's fixed parts (`<worker>:10000` stays a full share). */
function keepsShape(placeholder: string, filled: string, flag: string): string | null {
  const want = placeholder.split(':');
  const got = filled.split(':');
  if (want.length !== got.length) return `--${flag}: the template has ${want.length} fields, the value has ${got.length}`;
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? '';
    if (PLACEHOLDER.test(w)) continue;
    const g = got[i] ?? '';
    const same = i === 0 ? w.toLowerCase() === g.toLowerCase() : normalNumber(w) === normalNumber(g);
    if (!same) return `--${flag}: the template fixes field ${i + 1} to ${JSON.stringify(w)}`;
  }
  return null;
}

/** "1.50" and "1.5" are the same amount; anything else compares as text. */
const normalNumber = (s: string) => (/^[0-9]+(\.[0-9]+)?$/.test(s) ? s.replace(/(\.[0-9]*?)0+$/, '$1').replace(/\.$/, '') : s);

/** A local file for --file: absolute (so it can never read as an option), no control characters. */
export function fileArg(path: unknown): { text: string } | string {
  if (typeof path !== 'string' || path.length === 0) return '--file: empty path';
  if (path.length > MAX_PATH) return '--file: path too long';
  if (FORBIDDEN_CHARS.test(path)) return '--file: control or invisible characters in the path';
  return { text: resolve(path) };
}

interface Guard {
  flag: string;
  value: FlagValue | undefined;
}

/** The extras as typed values, or a refusal when one is given to a subcommand the guide does not allow it on. */
function guardsFor(sub: string, extra: CliExtra): Guard[] | string {
  const guards: Guard[] = [];
  if (extra.minPrice !== undefined) {
    if (sub !== 'auction-accept') return '--min-price is a guard for auction-accept only';
    guards.push({ flag: 'min-price', value: { kind: 'usdc', value: extra.minPrice } });
  }
  if (extra.files !== undefined && sub !== 'submit') return 'files are only uploaded by submit';
  if (extra.role !== undefined) {
    if (sub !== 'submit') return '--role applies to submit only';
    guards.push({ flag: 'role', value: { kind: 'text', value: extra.role } });
  }
  if (extra.feedback !== undefined) {
    if (sub !== 'rate') return '--feedback applies to rate only';
    guards.push({ flag: 'feedback', value: { kind: 'text', value: extra.feedback } });
  }
  return guards;
}

/**
 * argv (after the binary) for a grammar-parsed command: `task <sub> <taskId>`, the template's options in
 * order with placeholders filled from `inputs`, then the allowed extras. Never throws.
 */
export function buildCliArgv(parsed: ParsedCommand, inputs: CommandInputs, extra: CliExtra = {}): ArgvResult {
  const sub = parsed?.subcommand;
  if (typeof sub !== 'string' || !Object.hasOwn(FLAG_SPECS, sub) || parsed.command !== `task ${sub}`) return refuse('not a command the grammar produced');
  if (typeof parsed.taskId !== 'string' || !TASK_ID.test(parsed.taskId)) return refuse('missing or malformed task id');
  if (typeof parsed.flags !== 'object' || parsed.flags === null || typeof inputs !== 'object' || inputs === null) return refuse('not a command the grammar produced');
  const [g0, g1, g2] = parsed.argv ?? [];
  if (g0 !== 'task' || g1 !== sub || g2 !== parsed.taskId) return refuse('the parsed command does not match its own argv');
  const specs = FLAG_SPECS[sub];
  const guards = guardsFor(sub, extra);
  if (typeof guards === 'string') return refuse(guards);

  // Every placeholder key of the template; an input for anything else would change a server-set value.
  const placeholders = new Set<string>();
  for (const [key, val] of Object.entries(parsed.flags)) {
    const list = Array.isArray(val) ? val : [val];
    list.forEach((v, i) => {
      if (v.kind === 'input') placeholders.add(Array.isArray(val) ? `${key}[${i}]` : key);
    });
  }
  for (const key of Object.keys(inputs)) {
    if (!placeholders.has(key)) return refuse(`"${key.slice(0, 40)}" is not a placeholder of this command`);
    if (/^file\[/.test(key)) return refuse('files come from the ticket\'s file list, not from inputs');
  }

  const argv = ['task', sub, parsed.taskId];
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const [key, val] of Object.entries(parsed.flags)) {
    const flag = kebab(key);
    const spec = specs[flag];
    if (!spec) return refuse(`"${sub}" has no option --${flag.slice(0, 40)}`);
    if (Array.isArray(val) !== Boolean(spec.repeatable)) return refuse(`--${flag}: wrong arity for this option`);
    seen.add(flag);
    if (spec.kind === 'path') {
      // The server may only ask for files (`--file <path>`); which files is the operator's choice below.
      if ((val as FlagValue[]).some((v) => v.kind !== 'input')) return refuse('the server may not choose local files');
      continue;
    }
    const items = Array.isArray(val) ? val : [val];
    for (let i = 0; i < items.length; i++) {
      const item = items[i] as FlagValue;
      const inputKey = Array.isArray(val) ? `${key}[${i}]` : key;
      let value: FlagValue | undefined = item;
      if (item.kind === 'input') {
        const guard = guards.find((g) => g.flag === flag);
        value = inputs[inputKey] ?? guard?.value;
        if (inputs[inputKey] && guard) return refuse(`--${flag} given both as an input and as a guard`);
        if (!value || value.kind === 'input') {
          missing.push(inputKey);
          continue;
        }
      } else if (guards.some((g) => g.flag === flag)) {
        const mine = flagText(spec, guards.find((g) => g.flag === flag)?.value, flag);
        const theirs = flagText(spec, item, flag);
        if (typeof mine === 'string') return refuse(mine);
        if (typeof theirs === 'string' || mine.text !== theirs.text) return refuse(`the command already sets --${flag}; a different value would change it`);
      }
      const text = flagText(spec, value, flag);
      if (typeof text === 'string') return refuse(text);
      if (item.kind === 'input' && (spec.kind === 'winner' || spec.kind === 'award')) {
        const shape = keepsShape(item.placeholder, text.text, flag);
        if (shape) return refuse(shape);
      }
      argv.push(`--${flag}`, text.text);
    }
  }
  if (missing.length > 0) return refuse(`needs input: ${missing.join(', ')}`);

  for (const g of guards) {
    if (seen.has(g.flag)) continue;
    const spec = specs[g.flag];
    if (!spec) return refuse(`"${sub}" has no option --${g.flag}`);
    const text = flagText(spec, g.value, g.flag);
    if (typeof text === 'string') return refuse(text);
    argv.push(`--${g.flag}`, text.text);
  }

  if (sub === 'submit') {
    const files = extra.files ?? [];
    if (files.length === 0) return refuse('needs input: file[0] (submit uploads at least one local file)');
    if (files.length > MAX_SUBMIT_FILES) return refuse(`at most ${MAX_SUBMIT_FILES} files per submit`);
    for (const f of files) {
      const text = fileArg(f);
      if (typeof text === 'string') return refuse(text);
      argv.push('--file', text.text);
    }
  }
  return { ok: true, argv };
}
