// Load $XDG_CONFIG_HOME/taskdesk/config.json. Never fatal: a missing file is the defaults, and every
// bad entry becomes a line in `problems` (shown by the desk) while the good ones still apply.
import { readFileSync } from 'node:fs';
import { sanitize } from '../core/text/sanitize.js';
import { configPath } from './paths.js';
import { parseUsdc } from '../core/money.js';
import { actSchema, DEFAULT_ACT, DEFAULT_CONFIG, filtersSchema, keyListSchema, themeNameSchema, type DeskConfig, type FiltersConfig } from './schema.js';

export interface LoadConfigResult {
  config: DeskConfig;
  problems: string[];
  path: string;
}

const MAX_BYTES = 256 * 1024;
const KNOWN = new Set(['theme', 'keys', 'ascii', 'filters', 'api', 'act', 'em', '$schema']);
const clean = (s: unknown) => sanitize(s, { maxLength: 60 });

export function loadConfig(opts: { path?: string; env?: Record<string, string | undefined> } = {}): LoadConfigResult {
  const path = opts.path ?? configPath(opts.env);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const problems = code === 'ENOENT' ? [] : [`config ${path}: cannot read (${code ?? 'error'})`];
    return { config: { ...DEFAULT_CONFIG }, problems, path };
  }
  if (text.length > MAX_BYTES) return { config: { ...DEFAULT_CONFIG }, problems: [`config ${path}: larger than 256 KiB, ignored`], path };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { config: { ...DEFAULT_CONFIG }, problems: [`config ${path}: not valid JSON (${clean((err as Error).message)})`], path };
  }
  const { config, problems } = parseConfig(json);
  return { config, problems: problems.map((p) => `config: ${p}`), path };
}

/** Validate a parsed config object section by section. */
export function parseConfig(json: unknown): { config: DeskConfig; problems: string[] } {
  const config: DeskConfig = { ...DEFAULT_CONFIG, keys: {}, filters: {}, act: { ...DEFAULT_ACT } };
  const problems: string[] = [];
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { config, problems: ['the file must hold a JSON object'] };
  }
  const obj = json as Record<string, unknown>;
  for (const k of Object.keys(obj)) if (!KNOWN.has(k)) problems.push(`unknown setting "${clean(k)}" ignored`);

  if (obj.theme !== undefined) {
    const r = themeNameSchema.safeParse(obj.theme);
    if (r.success) config.theme = r.data;
    else problems.push(`theme: ${r.error.issues[0]?.message ?? 'invalid'}`);
  }
  if (obj.ascii !== undefined) {
    if (typeof obj.ascii === 'boolean') config.ascii = obj.ascii;
    else problems.push('ascii: must be true or false');
  }
  if (obj.api !== undefined && obj.api !== null) {
    if (typeof obj.api === 'string' && /^https?:\/\/[^\s@]+$/.test(obj.api)) config.api = obj.api;
    else problems.push('api: must be an http(s) URL without credentials');
  }
  if (obj.keys !== undefined) {
    if (typeof obj.keys !== 'object' || obj.keys === null || Array.isArray(obj.keys)) problems.push('keys: must be an object of command → keys');
    else {
      for (const [cmd, keys] of Object.entries(obj.keys as Record<string, unknown>)) {
        const r = keyListSchema.safeParse(keys);
        if (r.success) config.keys[cmd] = r.data;
        else problems.push(`keys.${clean(cmd)}: must be a key or a list of keys`);
      }
    }
  }
  if (obj.filters !== undefined) {
    if (typeof obj.filters !== 'object' || obj.filters === null || Array.isArray(obj.filters)) problems.push('filters: must be an object');
    else {
      // Field by field, so one bad filter does not drop the others.
      const out: Record<string, unknown> = {};
      const shape = filtersSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: { message: string }[] } } }>;
      for (const [k, v] of Object.entries(obj.filters as Record<string, unknown>)) {
        const field = shape[k];
        if (!field) {
          problems.push(`filters.${clean(k)}: unknown filter ignored`);
          continue;
        }
        const r = field.safeParse(v);
        if (r.success) out[k] = r.data;
        else problems.push(`filters.${clean(k)}: ${r.error?.issues[0]?.message ?? 'invalid'}`);
      }
      config.filters = out as FiltersConfig;
    }
  }
  if (obj.em !== undefined) {
    const em = obj.em as Record<string, unknown> | null;
    if (typeof em === 'object' && em !== null && typeof em.api === 'string' && /^https?:\/\/[^\s@]+$/.test(em.api)) config.emApi = em.api.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
    else problems.push('em: must be {"api": "<Execution Market base URL>"}');
  }
  if (obj.act !== undefined) {
    const r = actSchema.safeParse(obj.act);
    if (!r.success) problems.push(`act: ${r.error.issues.map((i) => `${i.path.join('.') || 'act'}: ${i.message}`).join('; ').slice(0, 300)}`);
    else {
      const a = r.data;
      const cap = (v: string | null | undefined, d: bigint | null) => (v === undefined ? d : v === null ? null : parseUsdc(v, { allowZero: true }));
      config.act = {
        network: a.network ?? null,
        sessionCap: cap(a.spendCap?.session, DEFAULT_ACT.sessionCap),
        dayCap: cap(a.spendCap?.day, DEFAULT_ACT.dayCap),
        guardLeadMs: a.guardLeadSeconds !== undefined ? a.guardLeadSeconds * 1000 : DEFAULT_ACT.guardLeadMs,
        executor: a.executor ?? 'native',
      };
    }
  }
  return { config, problems };
}
