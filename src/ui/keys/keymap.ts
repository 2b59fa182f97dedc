// Key map: default keys from the command list plus validated overrides from config, resolved by
// key name (keys/tokenize.ts) per context. Problems (unknown command, bad key, Ctrl-letter, conflicts) are
// reported, never thrown, so a bad config still leaves a working desk.
import { COMMANDS, overlappingContexts, type CommandId, type KeyContext } from './commands.js';

const NAMED_KEYS = [
  'up', 'down', 'left', 'right', 'pageup', 'pagedown', 'home', 'end',
  'enter', 'escape', 'tab', 'shift+tab', 'backspace', 'delete', 'space',
] as const;

/** Whether a key spec from defaults or config is bindable. */
export function validKeySpec(spec: string): string | null {
  if (/^(ctrl|control|c|meta|alt|m)[+-]/i.test(spec)) return 'Ctrl/Meta combinations cannot be bound (tmux and vim send them)';
  if ((NAMED_KEYS as readonly string[]).includes(spec)) return null;
  if (spec === 'esc') return null;
  if (Array.from(spec).length === 1 && spec > ' ' && spec !== '\x7f') return null;
  return `unknown key "${spec.slice(0, 20)}"`;
}

export type Overrides = Record<string, string | string[]>;

export interface Keymap {
  /** Effective keys of each command, in display order. */
  keysFor(id: CommandId): string[];
  /** The command a named key (keys/tokenize.ts) triggers in the active contexts, most specific first. */
  resolveName(contexts: readonly KeyContext[], name: string): CommandId | null;
}

export interface BuildKeymapResult {
  keymap: Keymap;
  problems: string[];
}

export function buildKeymap(overrides: Overrides = {}): BuildKeymapResult {
  const problems: string[] = [];
  const keys = new Map<CommandId, string[]>(COMMANDS.map((c) => [c.id, [...c.keys]]));
  for (const [id, raw] of Object.entries(overrides)) {
    const cmd = COMMANDS.find((c) => c.id === id);
    if (!cmd) {
      problems.push(`keymap: unknown command "${id.slice(0, 40)}"`);
      continue;
    }
    const specs = (Array.isArray(raw) ? raw : [raw]).map((s) => (s === 'esc' ? 'escape' : String(s)));
    const good = specs.filter((s) => {
      const why = validKeySpec(s);
      if (why) problems.push(`keymap: ${id}: ${why}`);
      return !why;
    });
    if (good.length > 0 || specs.length === 0) keys.set(cmd.id, good);
  }
  // Conflicts: one key on two commands whose contexts can be active together. The earlier command in
  // the list keeps the key; the later loses it, and the clash is reported.
  for (let i = 0; i < COMMANDS.length; i++) {
    const a = COMMANDS[i]!;
    for (let j = i + 1; j < COMMANDS.length; j++) {
      const b = COMMANDS[j]!;
      if (!overlappingContexts(a.context).includes(b.context)) continue;
      const shared = keys.get(b.id)!.filter((k) => keys.get(a.id)!.includes(k));
      if (shared.length === 0) continue;
      problems.push(`keymap: "${shared.join('", "')}" is bound to both ${a.id} and ${b.id}; ${a.id} keeps it`);
      keys.set(b.id, keys.get(b.id)!.filter((k) => !shared.includes(k)));
    }
  }
  const byContext = new Map<KeyContext, Map<string, CommandId>>();
  for (const c of COMMANDS) {
    const m = byContext.get(c.context) ?? new Map<string, CommandId>();
    for (const k of keys.get(c.id)!) m.set(k, c.id);
    byContext.set(c.context, m);
  }
  const keymap: Keymap = {
    keysFor: (id) => keys.get(id) ?? [],
    resolveName(contexts, name) {
      for (const ctx of contexts) {
        const hit = byContext.get(ctx)?.get(name);
        if (hit) return hit;
      }
      return null;
    },
  };
  return { keymap, problems };
}

/** Display form of a key spec for help and footer. */
export function keyLabel(spec: string, ascii = false): string {
  const labels: Record<string, string> = {
    escape: 'Esc', enter: 'Enter', tab: 'Tab', 'shift+tab': 'S-Tab', up: ascii ? 'Up' : '↑', down: ascii ? 'Down' : '↓',
    pageup: 'PgUp', pagedown: 'PgDn', home: 'Home', end: 'End', space: 'Space',
  };
  return labels[spec] ?? spec;
}
